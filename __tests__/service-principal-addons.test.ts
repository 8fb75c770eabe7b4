import { TerraformStack, TerraformVariable } from "cdktf";
import { ClusterIdentity } from "../lib";
import { checkTerraformSemantics } from "../lib/terraform-json/semantics";
import { clusterRef, clusterStack, GATEWAY, GATEWAY_SUBNET, grantsOf, NODE_SUBNET, VAULT, VNET, WORKSPACE } from "./addon-fixtures";
import { thrownAksError } from "./helpers";

const OBJECT_ID = "33333333-3333-3333-3333-333333333333";

function servicePrincipal(stack: TerraformStack, objectId?: string): ClusterIdentity {
  return ClusterIdentity.servicePrincipal({
    clientId: "22222222-2222-2222-2222-222222222222",
    clientSecret: new TerraformVariable(stack, "sp_secret", { type: "string", sensitive: true }).stringValue,
    objectId,
  });
}

describe("add-ons on a service-principal cluster (azurerm makes no add-on identity there)", () => {
  test("AGIC and the virtual node grant to the service principal, as az aks does; no add-on identity is read or output", () => {
    // GIVEN a service-principal cluster with the two add-ons az aks grants to the service principal
    const { cluster, json } = clusterStack((stack) => ({
      identity: servicePrincipal(stack, OBJECT_ID),
      network: { subnet: NODE_SUBNET },
      addons: {
        ingressApplicationGateway: { existingGateway: { gateway: GATEWAY, subnet: GATEWAY_SUBNET } },
        virtualNode: { subnet: `${VNET}/subnets/aci` },
      },
    }));
    const j = json();
    // THEN every add-on grant names the service principal's object ID
    for (const g of grantsOf(j)) expect(g.principal).toBe(OBJECT_ID);
    expect(grantsOf(j).map((g) => [g.role, g.scope.replace(/^\$\{azurerm_kubernetes_cluster\.[^.]+\.id\}$/, "the cluster")]).sort()).toEqual([
      ["Network Contributor", `${VNET}/subnets/aci`],
      ["Network Contributor", GATEWAY_SUBNET],
      ["Network Contributor", NODE_SUBNET],
      ["Network Contributor", GATEWAY.replace(/\/providers\/.*$/, "")],
      ["Reader", GATEWAY.replace(/\/providers\/.*$/, "")],
    ].sort());
    // AND nothing indexes into the empty add-on identity lists
    expect(JSON.stringify(j)).not.toMatch(/_identity\[0\]/);
    expect(Object.keys(j.output!).filter((o) => o.endsWith("_identity") && o !== "aks_control_plane_identity" && o !== "aks_kubelet_identity")).toEqual([]);
    expect(cluster.addons.all).toEqual([]);
    expect(checkTerraformSemantics(j as never)).toEqual([]);
    expect(clusterRef(j)).toBeDefined();
  });

  test("a service principal without its object ID cannot be granted the add-on's roles: the error says how to get it", () => {
    const e = thrownAksError(() => clusterStack((stack) => ({
      identity: servicePrincipal(stack),
      addons: { ingressApplicationGateway: { existingGateway: { gateway: GATEWAY, subnet: GATEWAY_SUBNET } } },
    })));
    expect(e.prop).toBe("identity.servicePrincipal.objectId");
    expect(e.message).toContain("the client ID is not a principal ID");
    expect(e.message).toContain("az ad sp show --id <clientId> --query id");
  });

  test("Container Insights on a service-principal cluster is refused, as az aks refuses MSI auth there and legacy auth retired", () => {
    const e = thrownAksError(() => clusterStack((stack) => ({ identity: servicePrincipal(stack, OBJECT_ID), addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE } } })));
    expect(e.prop).toBe("addons.monitoring");
    expect(e.message).toContain("retired on 2026-09-30");
    expect(e.message).toContain("--enable-msi-auth-for-monitoring can not be used on clusters with service principal auth");
  });

  test("the Key Vault secrets provider has no identity to grant to on a service-principal cluster: an error, not a grant to nobody", () => {
    const e = thrownAksError(() => clusterStack((stack) => ({ identity: servicePrincipal(stack, OBJECT_ID), addons: { keyVaultSecretsProvider: { keyVaults: [{ vault: VAULT }] } } })));
    expect(e.prop).toBe("addons.keyVaultSecretsProvider");
    expect(e.message).toContain("On a service-principal cluster AKS makes no azure-keyvault-secrets-provider identity");
    // without vaults to grant, the add-on itself is fine
    expect(() => clusterStack((stack) => ({ identity: servicePrincipal(stack, OBJECT_ID), addons: { keyVaultSecretsProvider: {} } }))).not.toThrow();
  });
});
