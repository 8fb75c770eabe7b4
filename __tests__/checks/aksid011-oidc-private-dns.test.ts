import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, IDENTITY_ID, messagesOf, RG, RG_ID, rawCluster, rawIdentity } from "./fixtures";

const ZONE_ID = `${RG_ID}/providers/Microsoft.Network/privateDnsZones/privatelink.westus2.azmk8s.io`;

describe("AKSID011 workload identity without OIDC issuer; custom private DNS zone with a system-assigned identity", () => {
  test("library: workload identity with the OIDC issuer passes", () => {
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    cluster.resource.addOverride("oidc_issuer_enabled", true);
    cluster.resource.addOverride("workload_identity_enabled", true);
    expect(messagesOf(stack, "AKSID011")).toEqual([]);
  });

  test("library: workload identity without the OIDC issuer is an error", () => {
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    cluster.resource.addOverride("workload_identity_enabled", true);
    expect(messagesOf(stack, "AKSID011")).toEqual([{
      level: "@cdktf/error",
      path: "test/aks/Resource",
      message: "[test/aks/Resource] AKSID011 oidc_issuer_enabled: received nothing (undefined). workload_identity_enabled is true but oidc_issuer_enabled is not, and workload identity needs the cluster's OIDC issuer. Fix: set oidc_issuer_enabled = true (it cannot be turned off again).",
    }]);
  });

  test("library: a custom private DNS zone on a system-assigned cluster is an error, on a user-assigned one it passes", () => {
    const stack = guardedStack();
    const sa = new AksCluster(stack, "sa", { resourceGroup: RG });
    sa.resource.addOverride("private_cluster_enabled", true);
    sa.resource.addOverride("private_dns_zone_id", ZONE_ID);
    const ua = new AksCluster(stack, "ua", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")) });
    ua.resource.addOverride("private_dns_zone_id", ZONE_ID);
    // THEN
    expect(messagesOf(stack, "AKSID011")).toEqual([{
      level: "@cdktf/error",
      path: "test/sa/Resource",
      message: `[test/sa/Resource] AKSID011 private_dns_zone_id: received "${ZONE_ID}". A custom private DNS zone with a system-assigned identity: the control plane needs Private DNS Zone Contributor on the zone before the cluster is created, which a system-assigned identity cannot have. Fix: use a user-assigned control-plane identity, grant it Private DNS Zone Contributor on the zone and add that role assignment to the cluster's depends_on.`,
    }]);
  });

  test("raw: System and None zones pass with a system-assigned identity; explicit false issuer fails", () => {
    const stack = guardedStack();
    rawCluster(stack, "system", { privateClusterEnabled: true, privateDnsZoneId: "System" });
    rawCluster(stack, "none", { privateClusterEnabled: true, privateDnsZoneId: "None" });
    rawCluster(stack, "custom", { privateClusterEnabled: true, privateDnsZoneId: ZONE_ID });
    rawCluster(stack, "ua", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] }, privateDnsZoneId: ZONE_ID, workloadIdentityEnabled: true, oidcIssuerEnabled: false });
    // THEN
    expect(messagesOf(stack, "AKSID011").map((m) => [m.path, m.message.split(":")[0]])).toEqual([
      ["test/custom", "[test/custom] AKSID011 private_dns_zone_id"],
      ["test/ua", "[test/ua] AKSID011 oidc_issuer_enabled"],
    ]);
  });

  test("raw: a federated identity credential on a cluster without the OIDC issuer is an error; with it, it passes", () => {
    const stack = guardedStack();
    const uai = rawIdentity(stack, "workload");
    const without = rawCluster(stack, "without", {});
    const withIssuer = rawCluster(stack, "with", { oidcIssuerEnabled: true, workloadIdentityEnabled: true });
    const subject = "system:serviceaccount:app:workload";
    new FederatedIdentityCredential(stack, "bad", { name: "bad", parentId: uai.id, resourceGroupName: "rg", audience: ["api://AzureADTokenExchange"], issuer: without.oidcIssuerUrl, subject });
    new FederatedIdentityCredential(stack, "good", { name: "good", parentId: uai.id, resourceGroupName: "rg", audience: ["api://AzureADTokenExchange"], issuer: withIssuer.oidcIssuerUrl, subject });
    // THEN
    expect(messagesOf(stack, "AKSID011").map((m) => m.message)).toEqual([
      "[test/bad] AKSID011 issuer: received \"${azurerm_kubernetes_cluster.without.oidc_issuer_url}\". The federated credential trusts the OIDC issuer of azurerm_kubernetes_cluster.without, whose oidc_issuer_enabled is not true, so the cluster has no issuer and workload identity cannot sign in. Fix: set oidc_issuer_enabled = true (and workload_identity_enabled = true) on azurerm_kubernetes_cluster.without.",
    ]);
  });
});
