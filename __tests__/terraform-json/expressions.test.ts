import { describeExpression, expressionKey, parseReference, referencesIn } from "../../lib/review/expressions";

describe("Terraform JSON expressions", () => {
  test("a whole-string reference splits into address and attribute", () => {
    expect(parseReference("${azurerm_kubernetes_cluster.c.identity[0].principal_id}")).toEqual({ address: "azurerm_kubernetes_cluster.c", attribute: "identity[0].principal_id" });
    expect(parseReference("${data.azurerm_subnet.s.id}")).toEqual({ address: "data.azurerm_subnet.s", attribute: "id" });
    expect(parseReference("${var.subnet_id}")).toEqual({ address: "var.subnet_id", attribute: "" });
    expect(parseReference("/subscriptions/0/resourceGroups/rg")).toBeUndefined();
    expect(parseReference("${uuidv5(\"url\", \"x\")}")).toBeUndefined();
  });

  test("references are found inside function calls and mixed strings", () => {
    const refs = referencesIn("${uuidv5(\"url\", \"${azurerm_container_registry.r.id}/${azurerm_user_assigned_identity.k.principal_id}/7f95\")}");
    expect(refs).toEqual([
      { address: "azurerm_container_registry.r", attribute: "id" },
      { address: "azurerm_user_assigned_identity.k", attribute: "principal_id" },
    ]);
    expect(referencesIn({ a: ["${element(var.ids, 0)}"] })).toEqual([{ address: "var.ids", attribute: "" }]);
    expect(referencesIn("myregistry.azurecr.io")).toEqual([]);
  });

  test("a reviewer sees an id reference as the resource address, never nothing", () => {
    expect(describeExpression("${azurerm_subnet.mySubnet.id}")).toBe("azurerm_subnet.mySubnet");
    expect(describeExpression("${azurerm_kubernetes_cluster.c.kubelet_identity[0].object_id}")).toBe("azurerm_kubernetes_cluster.c.kubelet_identity[0].object_id");
    expect(describeExpression("${azurerm_resource_group.rg.id}/providers/Microsoft.Network/dnszones/x")).toBe("azurerm_resource_group.rg/providers/Microsoft.Network/dnszones/x");
    expect(describeExpression("/subscriptions/0")).toBe("/subscriptions/0");
    expect(describeExpression(undefined)).toBe("(not set)");
  });

  test("legacy .0. and [0] traversals compare equal", () => {
    expect(expressionKey("${azurerm_kubernetes_cluster.c.identity.0.principal_id}")).toBe(expressionKey("${azurerm_kubernetes_cluster.c.identity[0].principal_id}"));
    expect(expressionKey("ABC")).toBe("abc");
  });
});
