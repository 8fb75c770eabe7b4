import { AksCluster, externalPrincipal } from "../../lib";
import { guardedStack, messagesOf, PRINCIPAL, RG, rawCluster, rawGrant } from "./fixtures";
import { TENANT } from "./security-fixtures";

describe("AKSID034 AKS RBAC roles need Azure RBAC for Kubernetes authorization", () => {
  test("library: grantKubernetesAccess on an Entra cluster passes", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, entraId: { tenantId: TENANT } });
    cluster.grantKubernetesAccess(externalPrincipal({ principalId: PRINCIPAL, principalType: "Group", isManagedIdentity: false, description: "team" }), "admin", { namespace: "team" });
    expect(messagesOf(stack, "AKSID034")).toEqual([]);
  });

  test("raw: a role on a cluster without azure_rbac_enabled, and Cluster Admin in a namespace, are errors", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    const plain = rawCluster(stack, "plain", {});
    rawGrant(stack, "reader", { scope: plain.id, roleDefinitionName: "Azure Kubernetes Service RBAC Reader", principalId: PRINCIPAL, principalType: "User" });
    const entra = rawCluster(stack, "entra", { azureActiveDirectoryRoleBasedAccessControl: { tenantId: TENANT, azureRbacEnabled: true } });
    rawGrant(stack, "nsadmin", { scope: `${entra.id}/namespaces/team`, roleDefinitionName: "Azure Kubernetes Service RBAC Cluster Admin", principalId: PRINCIPAL, principalType: "User" });
    rawGrant(stack, "fine", { scope: `${entra.id}/namespaces/team`, roleDefinitionName: "Azure Kubernetes Service RBAC Writer", principalId: PRINCIPAL, principalType: "User" });
    expect(messagesOf(stack, "AKSID034").map((m) => m.message)).toEqual([
      "[test/reader] AKSID034 scope: received \"${azurerm_kubernetes_cluster.plain.id}\". Azure Kubernetes Service RBAC Reader is granted on azurerm_kubernetes_cluster.plain, which has no Azure RBAC for Kubernetes authorization (azure_rbac_enabled is not true), so the role authorizes nothing. Fix: set azure_active_directory_role_based_access_control { azure_rbac_enabled = true } on the cluster (AksCluster: entraId, then grantKubernetesAccess), and grant Cluster Admin on the cluster, Admin in a namespace.",
      "[test/nsadmin] AKSID034 scope: received \"${azurerm_kubernetes_cluster.entra.id}/namespaces/team\". Azure Kubernetes Service RBAC Cluster Admin gives full control of every namespace; a namespace scope does not limit it as intended. Fix: grant Azure Kubernetes Service RBAC Admin in the namespace, or Cluster Admin on the cluster.",
    ]);
  });
});
