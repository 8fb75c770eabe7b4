import { TerraformStack, Testing } from "cdktf";
import { StackModel } from "../../lib";
import { block, isUnknown, parseRef, valueKey } from "../../lib/checks/stack-model";
import { IDENTITY_ID, PRINCIPAL, rawCluster, rawGrant, rawIdentity, rawNetwork } from "./fixtures";

describe("the stack model the rules read", () => {
  test("parses references in both index styles and compares ids case-insensitively", () => {
    expect(parseRef("${azurerm_kubernetes_cluster.aks.identity.0.principal_id}")).toEqual({ address: "azurerm_kubernetes_cluster.aks", attribute: "identity[0].principal_id" });
    expect(parseRef("${data.azurerm_subnet.s.id}")).toEqual({ address: "data.azurerm_subnet.s", attribute: "id" });
    expect(parseRef("prefix-${azurerm_subnet.s.id}")).toBeUndefined();
    expect(valueKey("${azurerm_kubernetes_cluster.aks.identity.0.principal_id}")).toBe(valueKey("${azurerm_kubernetes_cluster.aks.identity[0].principal_id}"));
    expect(valueKey(IDENTITY_ID.toUpperCase())).toBe(valueKey(IDENTITY_ID));
    expect(isUnknown("${var.x}")).toBe(true);
    expect(isUnknown(["a", "${var.x}"])).toBe(true);
    expect(isUnknown("10.0.0.0/16")).toBe(false);
    expect(block([{ type: "SystemAssigned" }])).toEqual({ type: "SystemAssigned" });
    expect(block({ type: "UserAssigned" })).toEqual({ type: "UserAssigned" });
  });

  test("resolves raw resources, follows what a cluster waits for and whose principal a grant names", () => {
    // GIVEN
    const stack = new TerraformStack(Testing.app(), "test");
    const { subnet } = rawNetwork(stack);
    const cp = rawIdentity(stack, "cp");
    const g = rawGrant(stack, "g", { scope: subnet.id, principalId: cp.principalId });
    const aks = rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [cp.id] }, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, dependsOn: [g] });
    rawGrant(stack, "other", { principalId: PRINCIPAL });
    // WHEN
    const model = StackModel.of(stack);
    const cluster = model.get("azurerm_kubernetes_cluster.aks")!;
    // THEN
    expect(cluster.path).toBe("test/aks");
    expect(cluster.construct).toBe(aks);
    expect(model.identityType(cluster)).toBe("UserAssigned");
    expect([...model.waitsFor(cluster)]).toEqual(expect.arrayContaining(["azurerm_role_assignment.g", "azurerm_user_assigned_identity.cp", "azurerm_subnet.subnet"]));
    expect(model.vnetKeysOf(model.subnetOf(cluster))).toEqual(["${azurerm_virtual_network.vnet.id}"]);
    expect(model.controlPlanePrincipals(cluster)).toEqual({ linked: true, keys: new Set([
      "${azurerm_kubernetes_cluster.aks.identity[0].principal_id}", "${azurerm_user_assigned_identity.cp.principal_id}", "id:${azurerm_user_assigned_identity.cp.id}",
    ]) });
    expect(model.principalOwner("${azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id}")?.kind).toBe("kubelet");
    expect(model.principalOwner("${azurerm_user_assigned_identity.cp.principal_id}")?.kind).toBe("user-assigned");
    expect(model.principalOwner(PRINCIPAL)).toBeUndefined();
    expect(model.roleAssignments.map((r) => r.role?.name)).toEqual(["Reader", "Reader"]);
  });
});
