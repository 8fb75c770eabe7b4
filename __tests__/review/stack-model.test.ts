import { parseStack, ReviewInputError } from "../../lib/review";
import { refersTo } from "../../lib/review/stack-model";
import { block, blocks } from "../../lib/terraform-json/blocks";

describe("reading a Terraform JSON configuration", () => {
  test("resources and data sources get their addresses, cdktf metadata is read and stripped", () => {
    // GIVEN: cdktf-style JSON WHEN parsed
    const s = parseStack("s", {
      resource: { azurerm_kubernetes_cluster: { c: { "//": { metadata: { path: "s/c/Resource" } }, name: "c", depends_on: ["${azurerm_role_assignment.g}", "azurerm_subnet.x"] } } },
      data: { azurerm_subnet: { s: { name: "s" } } },
    });
    // THEN
    expect(s.resources.map((r) => [r.address, r.mode])).toEqual([["azurerm_kubernetes_cluster.c", "managed"], ["data.azurerm_subnet.s", "data"]]);
    const c = s.byAddress.get("azurerm_kubernetes_cluster.c")!;
    expect(c.constructPath).toBe("s/c/Resource");
    expect(c.body["//"]).toBeUndefined();
    expect(c.dependsOn).toEqual(["azurerm_role_assignment.g", "azurerm_subnet.x"]);
  });

  test("the list forms plain Terraform JSON allows are read too", () => {
    const s = parseStack("s", { resource: [{ azurerm_role_assignment: [{ a: [{ scope: "x" }] }] }] });
    expect(s.resources.map((r) => [r.address, r.body.scope])).toEqual([["azurerm_role_assignment.a", "x"]]);
  });

  test("blocks are lists whether written as an object or a list", () => {
    expect(blocks({ type: "SystemAssigned" })).toEqual([{ type: "SystemAssigned" }]);
    expect(block([{ type: "UserAssigned" }])).toEqual({ type: "UserAssigned" });
    expect(blocks(undefined)).toEqual([]);
  });

  test("refersTo looks through function calls", () => {
    const s = parseStack("s", { resource: { azurerm_role_assignment: { g: { name: "${uuidv5(\"url\", \"${azurerm_kubernetes_cluster.c.id}\")}" } } } });
    expect(refersTo(s.resources[0], "azurerm_kubernetes_cluster.c")).toBe(true);
    expect(refersTo(s.resources[0], "azurerm_kubernetes_cluster.d")).toBe(false);
  });

  test("a plan or a non-object is refused with a message", () => {
    expect(() => parseStack("p", { format_version: "1.2", resource_changes: [] }, "plan.json")).toThrow(new ReviewInputError("plan.json is a Terraform plan (terraform show -json), not a configuration: use `aks-identity plan-check` for plans."));
    expect(() => parseStack("x", [], "x.json")).toThrow("x.json: expected a Terraform JSON configuration (an object with \"resource\"), got an array.");
    expect(() => parseStack("x", { resource: { azurerm_subnet: "oops" } }, "x.json")).toThrow("x.json: azurerm_subnet must be an object keyed by resource name.");
  });

  test("refersTo reads expressions, not prose: an address in a description is no reference", () => {
    // GIVEN a grant whose description names the cluster, and one that reads it inside a function
    const s = parseStack("s", { resource: { azurerm_role_assignment: {
      prose: { description: "Needed by azurerm_kubernetes_cluster.c before it starts.", scope: "/subscriptions/0/resourceGroups/rg" },
      fn: { scope: "${lower(azurerm_kubernetes_cluster.c.node_resource_group_id)}" },
    } } });
    // THEN only the expression refers to it (review's scan of the whole string made the first "after cluster")
    expect(refersTo(s.byAddress.get("azurerm_role_assignment.prose")!, "azurerm_kubernetes_cluster.c")).toBe(false);
    expect(refersTo(s.byAddress.get("azurerm_role_assignment.fn")!, "azurerm_kubernetes_cluster.c")).toBe(true);
  });
});
