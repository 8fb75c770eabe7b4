import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleDefinition } from "@cdktf/provider-azurerm/lib/role-definition";
import { Fn, TerraformStack, Testing } from "cdktf";
import { ConstructStackModel } from "../../lib";
import { scopeKeyOf } from "../../lib/checks/stack-model";
import { block } from "../../lib/terraform-json/blocks";
import { expressionKey, isUnknown, parseReference } from "../../lib/terraform-json/expressions";
import { guardedStack, IDENTITY_ID, PRINCIPAL, rawCluster, rawGrant, rawIdentity, rawNetwork, RG_ID } from "./fixtures";

describe("the stack model the rules read", () => {
  test("parses references in both index styles and compares ids case-insensitively", () => {
    expect(parseReference("${azurerm_kubernetes_cluster.aks.identity.0.principal_id}")).toEqual({ address: "azurerm_kubernetes_cluster.aks", attribute: "identity[0].principal_id" });
    expect(parseReference("${data.azurerm_subnet.s.id}")).toEqual({ address: "data.azurerm_subnet.s", attribute: "id" });
    expect(parseReference("prefix-${azurerm_subnet.s.id}")).toBeUndefined();
    expect(expressionKey("${azurerm_kubernetes_cluster.aks.identity.0.principal_id}")).toBe(expressionKey("${azurerm_kubernetes_cluster.aks.identity[0].principal_id}"));
    expect(expressionKey(IDENTITY_ID.toUpperCase())).toBe(expressionKey(IDENTITY_ID));
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
    const model = ConstructStackModel.of(stack);
    const cluster = model.get("azurerm_kubernetes_cluster.aks")!;
    // THEN
    expect(cluster.path).toBe("test/aks");
    expect(cluster.construct).toBe(aks);
    expect(model.identityType(cluster)).toBe("UserAssigned");
    expect([...model.waitsFor(cluster)]).toEqual(expect.arrayContaining(["azurerm_role_assignment.g", "azurerm_user_assigned_identity.cp", "azurerm_subnet.subnet"]));
    // the VNet by its resource, and by the prefix the library cuts from the subnet's id
    expect(model.vnetKeysOf(model.subnetOf(cluster))).toEqual(["prefix9:${azurerm_subnet.subnet.id}", "${azurerm_virtual_network.vnet.id}"]);
    expect(model.controlPlanePrincipals(cluster)).toEqual({ linked: true, keys: new Set([
      "${azurerm_kubernetes_cluster.aks.identity[0].principal_id}", "${azurerm_user_assigned_identity.cp.principal_id}", "id:${azurerm_user_assigned_identity.cp.id}",
    ]) });
    expect(model.principalOwner("${azurerm_kubernetes_cluster.aks.kubelet_identity[0].object_id}")?.kind).toBe("kubelet");
    expect(model.principalOwner("${azurerm_user_assigned_identity.cp.principal_id}")?.kind).toBe("user-assigned");
    expect(model.principalOwner(PRINCIPAL)).toBeUndefined();
    expect(model.roleAssignments.map((r) => r.role?.name)).toEqual(["Reader", "Reader"]);
  });

  test("scope keys: a prefix cut from a reference, a resource's group, and custom roles by their actions", () => {
    // GIVEN a public IP in a resource group of the stack, and a custom role granting subnet join and read
    const stack = new TerraformStack(Testing.app(), "test");
    const { subnet } = rawNetwork(stack);
    const rg = new ResourceGroup(stack, "ipgroup", { name: "rg-ip", location: "westus2" });
    new PublicIp(stack, "ip", { name: "egress", resourceGroupName: rg.name, location: "westus2", allocationMethod: "Static", sku: "Standard" });
    const role = new RoleDefinition(stack, "join", { name: "join", scope: RG_ID, permissions: [{ actions: ["Microsoft.Network/virtualNetworks/subnets/*"] }] });
    rawGrant(stack, "custom", { scope: subnet.id, principalId: PRINCIPAL, roleDefinitionName: undefined, roleDefinitionId: role.roleDefinitionResourceId });
    rawGrant(stack, "derived", { scope: Fn.join("/", Fn.slice(Fn.split("/", subnet.id), 0, 9)), principalId: PRINCIPAL });
    // WHEN
    const model = ConstructStackModel.of(stack);
    // THEN
    expect(scopeKeyOf("${join(\"/\", slice(split(\"/\", azurerm_subnet.subnet.id), 0, 9))}")).toBe("prefix9:${azurerm_subnet.subnet.id}");
    expect(model.roleAssignments.find((r) => r.element.address === "azurerm_role_assignment.derived")!.scopeKey).toBe("prefix9:${azurerm_subnet.subnet.id}");
    expect(model.resourceGroupKeysOf("${azurerm_public_ip.ip.id}")).toEqual(["prefix5:${azurerm_public_ip.ip.id}", "${azurerm_resource_group.ipgroup.id}"]);
    expect(model.resourceGroupKeysOf(`${RG_ID}/providers/Microsoft.Network/publicIPAddresses/x`)).toEqual([RG_ID.toLowerCase()]);
    const join = ["Microsoft.Network/virtualNetworks/subnets/join/action", "Microsoft.Network/virtualNetworks/subnets/read"];
    expect(model.customRoleAssignmentsOn(join, "${azurerm_subnet.subnet.id}").map((r) => r.element.address)).toEqual(["azurerm_role_assignment.custom"]);
    expect(model.customRoleAssignmentsOn(["Microsoft.Network/virtualNetworks/write"], "${azurerm_subnet.subnet.id}")).toEqual([]);
  });

  test("what a cluster waits for includes references inside function calls, and depends_on by object", () => {
    // GIVEN a cluster whose name reads a subnet through a function (checks once saw only
    // `${a.b` at an interpolation's start) and a depends_on entry written as an attribute
    const stack = new TerraformStack(Testing.app(), "test");
    rawNetwork(stack);
    const cp = rawIdentity(stack, "cp");
    const aks = rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [cp.id] } });
    aks.addOverride("name", "${lower(azurerm_subnet.subnet.name)}");
    aks.addOverride("depends_on", ["${azurerm_user_assigned_identity.cp.id}"]);
    // WHEN
    const model = ConstructStackModel.of(stack);
    const waits = model.waitsFor(model.get("azurerm_kubernetes_cluster.aks")!);
    // THEN
    expect(waits.has("azurerm_subnet.subnet")).toBe(true);
    expect(waits.has("azurerm_user_assigned_identity.cp")).toBe(true);
    expect(waits.has("azurerm_user_assigned_identity.cp.id")).toBe(false);
  });

  test("providers are elements too, annotated on their own construct", () => {
    // GIVEN a stack with a default and an aliased azurerm provider
    const stack = guardedStack({ environment: "usgovernment" });
    new AzurermProvider(stack, "gov", { features: [{}], alias: "gov" });
    // WHEN
    const model = ConstructStackModel.of(stack);
    // THEN
    expect(model.elements.filter((e) => e.kind === "provider").map((e) => [e.address, e.path, e.config.environment])).toEqual([
      ["azurerm", "test/azurerm", "usgovernment"], ["azurerm.gov", "test/gov", undefined],
    ]);
    expect(model.get("azurerm.gov")!.construct).toBe(stack.node.findChild("gov"));
  });
});
