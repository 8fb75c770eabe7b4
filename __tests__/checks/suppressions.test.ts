import { Aspects } from "cdktf";
import { AKSID009, AksCluster, AksIdentityError, GUARDRAIL_RULES, GuardrailRule, GuardrailsAspect, Roles, suppressGuardrail } from "../../lib";
import { annotationsOf } from "../helpers";
import { guardedStack, messagesOf, PRINCIPAL, RG, rawGrant, REGISTRY_ID, SUB } from "./fixtures";
import { grantControlPlane } from "../helpers";

/** The `//` metadata of every resource of a type, as cdk.tf.json will have it. */
function metadataOf(stack: ReturnType<typeof guardedStack>, type: string): Record<string, { aksIdentitySuppressions?: unknown }> {
  messagesOf(stack, "AKSID000"); // synth: runs the aspects
  const json = stack.toTerraform() as { resource: Record<string, Record<string, { "//": { aksIdentitySuppressions?: unknown } }>> };
  return Object.fromEntries(Object.entries(json.resource[type]).map(([id, body]) => [id, body["//"]]));
}

describe("guardrail suppressions", () => {
  test("a suppression on a construct silences that rule under it, reports the reason, and records it in cdk.tf.json", () => {
    // GIVEN: a control-plane AcrPull grant (AKSID008) suppressed on the cluster construct
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    grantControlPlane(cluster, "AcrPullWrong", Roles.ACR_PULL, REGISTRY_ID, "pull images");
    suppressGuardrail(cluster, "AKSID008", "the registry's webhook runs as the control plane, reviewed in SEC-42");
    // THEN: no error, an info with the reason, and the reason in the grant's metadata
    expect(messagesOf(stack, "AKSID008")).toEqual([{
      level: "@cdktf/info",
      path: "test/aks/AcrPullWrong/Resource",
      message: "[test/aks/AcrPullWrong/Resource] AKSID008 suppressed: the registry's webhook runs as the control plane, reviewed in SEC-42",
    }]);
    const [meta] = Object.values(metadataOf(stack, "azurerm_role_assignment"));
    expect(meta.aksIdentitySuppressions).toEqual([{ rule: "AKSID008", reason: "the registry's webhook runs as the control plane, reviewed in SEC-42" }]);
  });

  test("a suppression of one rule leaves the others on", () => {
    const stack = guardedStack();
    const g = rawGrant(stack, "g", { scope: `/subscriptions/${SUB}`, roleDefinitionName: "Owner", principalId: PRINCIPAL });
    suppressGuardrail(g, "AKSID010", "not a managed identity");
    expect(messagesOf(stack, "AKSID009").map((m) => m.level)).toEqual(["@cdktf/error", "@cdktf/error"]);
  });

  test("suppressGuardrail without a reason, or with an id that is not a rule id, throws with the fix", () => {
    const stack = guardedStack();
    const g = rawGrant(stack, "g", { principalId: PRINCIPAL });
    expect(() => suppressGuardrail(g, "AKSID009", "  ")).toThrow(AksIdentityError);
    expect(() => suppressGuardrail(g, "AKSID009", "  ")).toThrow(
      "[test/g] reason: received \"  \". Suppressing a guardrail needs a written reason; it is recorded in cdk.tf.json for reviewers. Fix: say why AKSID009 does not apply here, e.g. \"break-glass automation approved in OPS-123\".");
    expect(() => suppressGuardrail(g, "AKSID 9", "because")).toThrow("[test/g] rule: received \"AKSID 9\". Expected a guardrail id like \"AKSID009\" (or a custom rule's id)");
    expect(() => suppressGuardrail(g, "AKSID000", "because")).toThrow("AKSID000, the rule about suppressions, cannot be suppressed.");
  });

  test("a suppression of a rule the stack's guardrails do not run is error AKSID000 at synth", () => {
    // GIVEN a suppression naming a rule that exists nowhere
    const stack = guardedStack();
    const g = rawGrant(stack, "g", { scope: `/subscriptions/${SUB}`, principalId: PRINCIPAL });
    suppressGuardrail(g, "AKSID999", "because");
    // THEN it is refused with the rule and fix named, and it suppresses nothing
    const [m] = messagesOf(stack, "AKSID000");
    expect(m.level).toBe("@cdktf/error");
    expect(m.message).toContain("received {\"rule\":\"AKSID999\",\"reason\":\"because\"}");
    expect(m.message).toContain("the rule must be one the stack's guardrails run.");
    expect(messagesOf(stack, "AKSID009").map((x) => x.level)).toEqual(["@cdktf/error"]);
  });

  test("a suppression written by hand into `//` without a reason is error AKSID000 and suppresses nothing", () => {
    const stack = guardedStack();
    const g = rawGrant(stack, "g", { scope: `/subscriptions/${SUB}`, principalId: PRINCIPAL });
    g.addOverride("//.aksIdentitySuppressions", [{ rule: "AKSID009", reason: "" }]);
    // THEN
    expect(messagesOf(stack, "AKSID000")).toEqual([{
      level: "@cdktf/error",
      path: "test/g",
      message: "[test/g] AKSID000 //.aksIdentitySuppressions[0]: received {\"rule\":\"AKSID009\",\"reason\":\"\"}. A guardrail suppression needs a known rule id and a written reason. Fix: write { rule: \"AKSID0NN\", reason: \"why this rule does not apply here\" }, or call suppressGuardrail(construct, ruleId, reason); the rule must be one the stack's guardrails run.",
    }]);
    expect(messagesOf(stack, "AKSID009").map((m) => m.level)).toEqual(["@cdktf/error"]);
  });

  test("a suppression written by hand with a reason is honoured", () => {
    const stack = guardedStack();
    const g = rawGrant(stack, "g", { scope: `/subscriptions/${SUB}`, principalId: PRINCIPAL });
    g.addOverride("//.aksIdentitySuppressions", [{ rule: "AKSID009", reason: "subscription-wide reader for the cost exporter" }]);
    expect(messagesOf(stack, "AKSID009")).toEqual([{ level: "@cdktf/info", path: "test/g", message: "[test/g] AKSID009 suppressed: subscription-wide reader for the cost exporter" }]);
    expect(messagesOf(stack, "AKSID000")).toEqual([]);
  });

  test("a suppression on the provider block is recorded in that block", () => {
    const stack = guardedStack({ clientSecret: "lab-secret" });
    suppressGuardrail(stack.node.findChild("azurerm"), "AKSID014", "throwaway lab tenant, secret rotated daily");
    expect(messagesOf(stack, "AKSID014")).toEqual([{ level: "@cdktf/info", path: "test/azurerm", message: "[test/azurerm] AKSID014 suppressed: throwaway lab tenant, secret rotated daily" }]);
    const json = stack.toTerraform() as { provider: { azurerm: { "//"?: unknown }[] } };
    expect(json.provider.azurerm[0]["//"]).toEqual({ aksIdentitySuppressions: [{ rule: "AKSID014", reason: "throwaway lab tenant, secret rotated daily" }] });
  });
});

describe("custom rules", () => {
  const ACME001: GuardrailRule = {
    id: "ACME001",
    level: "error",
    message: "Every role assignment names a ticket in its description.",
    why: "Our auditors trace each grant to a change request.",
    fix: "start the reason with the ticket, e.g. \"OPS-123: ...\".",
    check: (stack) => stack.roleAssignments.filter((ra) => !/^[A-Z]+-\d+/.test(String(ra.element.config.description ?? "")))
      .map((ra) => ({ element: ra.element, attribute: "description", value: ra.element.config.description })),
  };

  function customStack(rules: readonly GuardrailRule[]) {
    const stack = guardedStack();
    Aspects.of(stack).add(new GuardrailsAspect({ rules }));
    return stack;
  }

  test("a custom rule reports findings and can be suppressed with a reason", () => {
    // GIVEN a stack checked by the built-in rules and a custom one, with two grants breaking it
    const stack = customStack([...GUARDRAIL_RULES, ACME001]);
    rawGrant(stack, "plain", { principalId: PRINCIPAL, description: "reads" });
    const waived = rawGrant(stack, "waived", { principalId: PRINCIPAL, roleDefinitionName: "Contributor", description: "writes" });
    // WHEN one of them is suppressed
    suppressGuardrail(waived, "ACME001", "pre-dates the ticket rule, tracked in OPS-7");
    // THEN the other is an error, the suppressed one an info, and no AKSID000 complains about the custom id
    expect(messagesOf(stack, "ACME001").map((m) => [m.path, m.level])).toEqual([
      ["test/plain", "@cdktf/error"],
      ["test/waived", "@cdktf/info"],
    ]);
    expect(messagesOf(stack, "AKSID000")).toEqual([]);
  });

  test("a rule that throws becomes an error naming the rule, and the other rules still run", () => {
    // GIVEN a custom rule with a bug
    const BROKEN: GuardrailRule = { ...ACME001, id: "ACME002", check: () => { throw new TypeError("cannot read properties of undefined (reading 'x')"); } };
    const stack = customStack([BROKEN, AKSID009]);
    rawGrant(stack, "owner", { principalId: PRINCIPAL, roleDefinitionName: "Owner" });
    // THEN synth goes on: the failure is reported on the stack, AKSID009 still finds the Owner grant
    const failures = annotationsOf(stack).filter((a) => a.message.includes("ACME002"));
    expect(failures).toEqual([{
      level: "@cdktf/error",
      path: "test",
      message: "[test] ACME002 could not run: cannot read properties of undefined (reading 'x'). Its checks were skipped for this stack. Fix: correct the rule, or suppressGuardrail(stack, \"ACME002\", reason) to accept that it does not run here.",
    }]);
    expect(messagesOf(stack, "AKSID009").some((m) => m.level === "@cdktf/error")).toBe(true);
  });

  test("a failing rule suppressed on the stack is an info with the reason", () => {
    const BROKEN: GuardrailRule = { ...ACME001, id: "ACME002", check: () => { throw new Error("boom"); } };
    const stack = customStack([BROKEN]);
    suppressGuardrail(stack, "ACME002", "known bug in our rule, fixed in ACME-9");
    expect(annotationsOf(stack).filter((a) => a.message.includes("ACME002"))).toEqual([
      { level: "@cdktf/info", path: "test", message: "[test] ACME002 suppressed: known bug in our rule, fixed in ACME-9" },
    ]);
  });
});
