import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { dependable } from "cdktf";
import { AksCluster, ClusterIdentity, RoleGrant, Roles } from "../../lib";
import { guardedStack, identity, messagesOf, PRINCIPAL, RG, rawCluster, rawGrant } from "./fixtures";

describe("AKSID016 dependency cycles", () => {
  test("raw: a cluster that waits for a grant on its own node resource group is a cycle, printed as a path", () => {
    // GIVEN the shape: cluster -> depends_on grant -> scope -> cluster
    const stack = guardedStack();
    const cluster = rawCluster(stack, "aks", { identity: { type: "SystemAssigned" } });
    const grant = rawGrant(stack, "ng", { principalId: PRINCIPAL, scope: cluster.nodeResourceGroupId });
    cluster.dependsOn = [dependable(grant)];
    // THEN
    expect(messagesOf(stack, "AKSID016").map((m) => [m.level, m.message.split(". ")[1]])).toEqual([
      ["@cdktf/error", "Dependency cycle: azurerm_kubernetes_cluster.aks -> azurerm_role_assignment.ng -> azurerm_kubernetes_cluster.aks"],
    ]);
  });

  test("library: a user-assigned control plane granted a role on a public IP placed in the node resource group comes after the cluster: no cycle", () => {
    // GIVEN a resource the cluster's node resource group holds, and a grant to the (pre-existing) control plane on it
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")) });
    const ip = new PublicIp(stack, "ip", { name: "ingress", resourceGroupName: cluster.nodeResourceGroup, location: "westus2", allocationMethod: "Static", sku: "Standard" });
    const g = new RoleGrant(stack, "IngressIp", { principal: cluster.controlPlanePrincipal, role: Roles.NETWORK_CONTRIBUTOR, scope: ip, reason: "control plane attaches the ingress IP" });
    // THEN the cluster does not wait for it (it could not: the IP needs the cluster first), and no cycle is reported
    expect(g.timing).toBe("after-cluster");
    expect(messagesOf(stack, "AKSID016")).toEqual([]);
  });
});
