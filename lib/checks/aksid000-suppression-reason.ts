import { GuardrailRule, RuleFinding } from "./rule";
import { isUnknown } from "../terraform-json/expressions";
import { Config } from "./stack-model";
import { GuardrailSuppression, SUPPRESSIONS_KEY } from "./suppressions";

/** The suppressions recorded in a block's `//` metadata, as written (not yet validated). */
export function recordedSuppressions(config: Config): unknown[] {
  const list = (config["//"] as Config | undefined)?.[SUPPRESSIONS_KEY];
  return Array.isArray(list) ? list : list === undefined ? [] : [list];
}

/** A recorded suppression that names a rule the guardrails run and gives a written reason. */
export function isValidSuppression(entry: unknown, knownRules: readonly string[]): entry is GuardrailSuppression {
  if (entry === null || typeof entry !== "object") return false;
  const { rule, reason } = entry as Config;
  return typeof rule === "string" && rule !== "AKSID000" && knownRules.includes(rule) &&
    typeof reason === "string" && reason.trim() !== "" && !isUnknown(reason);
}

/** Rule 0: every suppression names a rule the stack's guardrails run and says why. */
export const AKSID000: GuardrailRule = {
  id: "AKSID000",
  level: "error",
  message: "A guardrail suppression needs a known rule id and a written reason.",
  why: "A suppression without a reason hides a mistake from the reviewer; the reason is recorded in the synthesized output's `//` metadata.",
  fix: "write { rule: \"AKSID0NN\", reason: \"why this rule does not apply here\" }, or call suppressGuardrail(construct, ruleId, reason); the rule must be one the stack's guardrails run.",
  check: (stack, context) => stack.elements.flatMap((element) => recordedSuppressions(element.config).flatMap((entry, i): RuleFinding[] =>
    isValidSuppression(entry, context.ruleIds) ? [] : [{ element, attribute: `//.${SUPPRESSIONS_KEY}[${i}]`, value: entry }])),
};
