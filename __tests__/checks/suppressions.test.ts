import { AksCluster, AksIdentityError, Roles, suppressGuardrail } from "../../lib";
import { guardedStack, messagesOf, PRINCIPAL, RG, rawGrant, REGISTRY_ID, SUB } from "./fixtures";

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
    cluster.grantControlPlane("AcrPullWrong", Roles.ACR_PULL, REGISTRY_ID, "pull images");
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

  test("suppressGuardrail without a reason, or with an unknown rule, throws with the fix", () => {
    const stack = guardedStack();
    const g = rawGrant(stack, "g", { principalId: PRINCIPAL });
    expect(() => suppressGuardrail(g, "AKSID009", "  ")).toThrow(AksIdentityError);
    expect(() => suppressGuardrail(g, "AKSID009", "  ")).toThrow(
      "[test/g] reason: received \"  \". Suppressing a guardrail needs a written reason; it is recorded in cdk.tf.json for reviewers. Fix: say why AKSID009 does not apply here, e.g. \"break-glass automation approved in OPS-123\".");
    expect(() => suppressGuardrail(g, "AKSID999", "because")).toThrow("[test/g] rule: received \"AKSID999\". Expected a guardrail id: AKSID001,");
  });

  test("a suppression written by hand into `//` without a reason is error AKSID000 and suppresses nothing", () => {
    const stack = guardedStack();
    const g = rawGrant(stack, "g", { scope: `/subscriptions/${SUB}`, principalId: PRINCIPAL });
    g.addOverride("//.aksIdentitySuppressions", [{ rule: "AKSID009", reason: "" }]);
    // THEN
    expect(messagesOf(stack, "AKSID000")).toEqual([{
      level: "@cdktf/error",
      path: "test/g",
      message: "[test/g] AKSID000 //.aksIdentitySuppressions[0]: received {\"rule\":\"AKSID009\",\"reason\":\"\"}. A guardrail suppression needs a known rule id and a written reason. Fix: write { rule: \"AKSID0NN\", reason: \"why this rule does not apply here\" }, or call suppressGuardrail(construct, ruleId, reason).",
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
