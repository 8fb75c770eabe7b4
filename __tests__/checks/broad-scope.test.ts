import { broadScopeOf } from "../../lib/checks/broad-scope";
import { HOLE } from "../../lib/terraform-json/expression-value";

const SUB = "00000000-0000-0000-0000-000000000000";

describe("broadScopeOf: the scope a resolved Terraform expression names", () => {
  test.each([
    // GIVEN the usual idioms for a subscription scope THEN each is a whole subscription
    [`/subscriptions/${SUB}`, "a whole subscription"],
    [`/subscriptions/${SUB}/`, "a whole subscription"],
    ["/subscriptions/${data.azurerm_client_config.current.subscription_id}", "a whole subscription"],
    ["/subscriptions/${ data.azurerm_client_config.current.subscription_id }", "a whole subscription"],
    ["${format(\"/subscriptions/%s\", var.sub)}", "a whole subscription"],
    ["${format(\"/SUBSCRIPTIONS/%s\", data.azurerm_client_config.current.subscription_id)}", "a whole subscription"],
    ["${data.azurerm_subscription.current.id}", "a whole subscription"],
    ["${lower(data.azurerm_subscription.current.id)}", "a whole subscription"],
    ["${join(\"/\", [\"\", \"subscriptions\", var.sub])}", "a whole subscription"],
    ["/", "the tenant root"],
    ["/providers/Microsoft.Management/managementGroups/contoso", "a management group"],
    ["${data.azurerm_management_group.mg.id}", "a management group"],
  ])("%s -> %s", (scope, expected) => {
    expect(broadScopeOf(scope)).toBe(expected);
  });

  test.each([
    // GIVEN the same shapes with a resource group under them THEN none is broad
    [`/subscriptions/${SUB}/resourceGroups/rg`],
    ["/subscriptions/${data.azurerm_client_config.current.subscription_id}/resourceGroups/rg"],
    ["${format(\"/subscriptions/%s/resourceGroups/%s\", var.sub, var.rg)}"],
    ["${data.azurerm_subscription.current.id}/resourceGroups/rg"],
    ["${join(\"/\", [\"\", \"subscriptions\", var.sub, \"resourceGroups\", \"rg\"])}"],
    // a value wholly unknown at synth, and other resources, are not judged
    ["${var.scope}"],
    ["${azurerm_subnet.s.id}"],
    ["${data.azurerm_subscription.current.subscription_id}"],
    ["not an id"],
  ])("%s is not broad", (scope) => {
    expect(broadScopeOf(scope)).toBeUndefined();
  });

  test("a caller can say what a local holds (AKSID009 reads the stack's locals)", () => {
    // GIVEN local.sub_scope = "/subscriptions/${var.s}" WHEN told THEN the local is a whole subscription
    expect(broadScopeOf("${local.sub_scope}", (t) => t === "local.sub_scope" ? ["/subscriptions/", HOLE] : undefined)).toBe("a whole subscription");
    expect(broadScopeOf("${local.sub_scope}")).toBeUndefined();
  });
});
