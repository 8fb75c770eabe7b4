import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Aspects, TerraformStack, Testing } from "cdktf";
import { AKSID005, AKSID009, AksCluster, applyGuardrails, checkStack, GuardrailsAspect, suppressGuardrail } from "../../lib";
import { annotationsOf } from "../helpers";
import { messagesOf, PRINCIPAL, RG, rawCluster, rawGrant, SUB, SUBNET_ID } from "./fixtures";

function bareStack(app = Testing.app(), id = "test"): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return stack;
}

const packs = (stack: TerraformStack) => Aspects.of(stack).all.filter((a) => a instanceof GuardrailsAspect);

describe("the guardrail aspect", () => {
  test("AksCluster adds the pack to its stack once, however many clusters", () => {
    // GIVEN: two system-assigned clusters on a custom subnet
    const stack = bareStack();
    new AksCluster(stack, "one", { resourceGroup: RG, network: { subnet: SUBNET_ID } });
    new AksCluster(stack, "two", { resourceGroup: RG, network: { subnet: SUBNET_ID } });
    // THEN: one pack, one warning per cluster
    expect(packs(stack)).toHaveLength(1);
    expect(messagesOf(stack, "AKSID005").map((m) => m.path)).toEqual(["test/one/Resource", "test/two/Resource"]);
  });

  test("guardrails: false leaves the stack unchecked", () => {
    const stack = bareStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, network: { subnet: SUBNET_ID }, guardrails: false });
    expect(packs(stack)).toHaveLength(0);
    expect(messagesOf(stack, "AKSID005")).toEqual([]);
  });

  test("applyGuardrails(app) checks every stack of the app; an aspect added to the App alone is never run by cdktf", () => {
    // GIVEN: two apps with a raw Owner grant in one stack each
    const ignored = Testing.app();
    rawGrant(bareStack(ignored), "owner", { roleDefinitionName: "Owner", principalId: PRINCIPAL });
    Aspects.of(ignored).add(new GuardrailsAspect());
    const checked = Testing.app();
    const stack = bareStack(checked);
    rawGrant(stack, "owner", { roleDefinitionName: "Owner", principalId: PRINCIPAL });
    applyGuardrails(checked);
    // THEN
    const ignoredStack = ignored.node.findChild("test") as TerraformStack;
    expect(messagesOf(ignoredStack, "AKSID009")).toEqual([]);
    expect(messagesOf(stack, "AKSID009").map((m) => m.level)).toEqual(["@cdktf/error"]);
  });

  test("synthesizing twice reports each finding once", () => {
    const stack = bareStack();
    applyGuardrails(stack);
    applyGuardrails(stack);
    rawCluster(stack, "aks", { defaultNodePool: { name: "nodepool1", vnetSubnetId: SUBNET_ID } });
    Testing.synth(stack);
    Testing.synth(stack);
    expect(annotationsOf(stack).filter((a) => a.message.includes("AKSID005"))).toHaveLength(1);
  });

  test("checkStack returns each finding with its rule and suppression; a custom rule list runs only those", () => {
    const stack = bareStack();
    const g = rawGrant(stack, "g", { scope: `/subscriptions/${SUB}`, principalId: PRINCIPAL });
    suppressGuardrail(g, "AKSID009", "cost exporter reads every group");
    rawCluster(stack, "aks", { defaultNodePool: { name: "nodepool1", vnetSubnetId: SUBNET_ID } });
    // WHEN
    const results = checkStack(stack, [AKSID009, AKSID005]);
    // THEN
    expect(results.map((r) => [r.rule.id, r.finding?.element.address, r.suppressedBy?.reason])).toEqual([
      ["AKSID009", "azurerm_role_assignment.g", "cost exporter reads every group"],
      ["AKSID005", "azurerm_kubernetes_cluster.aks", undefined],
    ]);
    expect(new GuardrailsAspect({ rules: [AKSID005] }).rules).toEqual([AKSID005]);
  });
});
