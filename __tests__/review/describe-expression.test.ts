import { describeExpression } from "../../lib/review/describe-expression";

describe("how a reviewer reads a Terraform JSON value", () => {
  test("a reviewer sees an id reference as the resource address, never nothing", () => {
    expect(describeExpression("${azurerm_subnet.mySubnet.id}")).toBe("azurerm_subnet.mySubnet");
    expect(describeExpression("${azurerm_kubernetes_cluster.c.kubelet_identity[0].object_id}")).toBe("azurerm_kubernetes_cluster.c.kubelet_identity[0].object_id");
    expect(describeExpression("${azurerm_resource_group.rg.id}/providers/Microsoft.Network/dnszones/x")).toBe("azurerm_resource_group.rg/providers/Microsoft.Network/dnszones/x");
    expect(describeExpression("/subscriptions/0")).toBe("/subscriptions/0");
    expect(describeExpression(undefined)).toBe("(not set)");
  });

  test("a reference reads in its canonical form, whatever index style it was written in", () => {
    // GIVEN legacy `.0` and counted-object traversals THEN Terraform's `[0]` form
    expect(describeExpression("${azurerm_kubernetes_cluster.c.kubelet_identity.0.object_id}")).toBe("azurerm_kubernetes_cluster.c.kubelet_identity[0].object_id");
    expect(describeExpression("${azurerm_subnet.s[0].id}")).toBe("azurerm_subnet.s[0].id");
    // An escaped interpolation is literal text, shown as written.
    expect(describeExpression("$${azurerm_subnet.s.id}")).toBe("$${azurerm_subnet.s.id}");
  });
});
