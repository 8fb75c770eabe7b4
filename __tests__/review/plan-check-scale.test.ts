import { checkPlan, parsePlan, TerraformPlan } from "../../lib/review";
import { largePlan } from "../fixtures/plans/large-plan";

describe("plan-check on large plans", () => {
  test("reads the prior state a bounded number of times per resource, not once per deleted grant (linear, not quadratic)", () => {
    // GIVEN 2,000 deleted grants, half of them ones the cluster depends on
    const n = 2000;
    const plan = parsePlan(JSON.stringify(largePlan(n)), "large.json");
    let reads = 0;
    const counted = new Proxy(plan.priorState as object[], {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    // WHEN
    const result = checkPlan({ ...plan, priorState: counted } as unknown as TerraformPlan);
    // THEN every grant the cluster depends on is found, and the state was read a few times over, not n times
    expect(result.findings.filter((f) => f.kind === "grant-deleted")).toHaveLength(n / 2 + 1);
    expect(reads).toBeLessThan(5 * (n + 1));
  });
});

describe("plan-check on grants inside module instances", () => {
  /** A cluster in module.aks["prod"] that depends on its grant; state records depends_on without instance keys. */
  function modulePlan(deleted: string): TerraformPlan {
    const grant = (address: string) => ({ address, mode: "managed", type: "azurerm_role_assignment", name: "net", values: { scope: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s", role_definition_name: "Network Contributor", principal_id: "99999999-0000-0000-0000-000000000000" } });
    return parsePlan(JSON.stringify({
      format_version: "1.2",
      resource_changes: [{ address: deleted, module_address: deleted.split(".azurerm")[0], mode: "managed", type: "azurerm_role_assignment", name: "net", change: { actions: ["delete"], before: grant(deleted).values, after: null } }],
      prior_state: { values: { root_module: { child_modules: [
        { address: "module.aks[\"prod\"]", resources: [
          { address: "module.aks[\"prod\"].azurerm_kubernetes_cluster.c", mode: "managed", type: "azurerm_kubernetes_cluster", name: "c", values: { identity: [{ type: "UserAssigned", principal_id: "" }] }, depends_on: ["module.aks.azurerm_role_assignment.net"] },
          grant("module.aks[\"prod\"].azurerm_role_assignment.net[0]"),
        ] },
        { address: "module.aks[\"dev\"]", resources: [grant("module.aks[\"dev\"].azurerm_role_assignment.net[0]")] },
      ] } } },
    }), "plan.json");
  }

  test("a grant the cluster depends on, deleted inside a for_each module instance, blocks (exit 2)", () => {
    // GIVEN the grant of module.aks["prod"] deleted WHEN checked
    const result = checkPlan(modulePlan("module.aks[\"prod\"].azurerm_role_assignment.net[0]"));
    // THEN it is the cluster's grant: blocking
    expect(result.findings.map((f) => [f.kind, f.address, f.blocking])).toEqual([["grant-deleted", "module.aks[\"prod\"].azurerm_role_assignment.net[0]", true]]);
    expect(result.findings[0].details).toContain("`module.aks[\"prod\"].azurerm_kubernetes_cluster.c` depends on it (it was created before the cluster, which needs it).");
    expect(result.exitCode).toBe(2);
  });

  test("the same grant in another instance of the module is not that cluster's", () => {
    const result = checkPlan(modulePlan("module.aks[\"dev\"].azurerm_role_assignment.net[0]"));
    expect(result.findings).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});
