import { GuardrailRule, RuleFinding } from "./rule";
import { isUnknown } from "../terraform-json/expressions";
import { Config } from "./stack-model";

/** Where suppressions are recorded in the synthesized output: the block's `//` metadata. */
export const SUPPRESSIONS_KEY = "aksIdentitySuppressions";

export interface GuardrailSuppression {
  /** The rule id, e.g. `AKSID009`. */
  readonly rule: string;
  /** Why the rule does not apply here, for the reviewer. */
  readonly reason: string;
}

/** The suppressions recorded in a block's `//` metadata, as written (not yet validated). */
export function recordedSuppressions(config: Config): unknown[] {
  const list = (config["//"] as Config | undefined)?.[SUPPRESSIONS_KEY];
  return Array.isArray(list) ? list : list === undefined ? [] : [list];
}

/** A recorded suppression that names a known rule and gives a written reason. */
export function isValidSuppression(entry: unknown, knownRules: readonly string[]): entry is GuardrailSuppression {
  if (entry === null || typeof entry !== "object") return false;
  const { rule, reason } = entry as Config;
  return typeof rule === "string" && rule !== "AKSID000" && knownRules.includes(rule) &&
    typeof reason === "string" && reason.trim() !== "" && !isUnknown(reason);
}

/** Rule 0: every suppression names a rule and says why. `knownRules` is read when the rule runs. */
export function suppressionRule(knownRules: () => readonly string[]): GuardrailRule {
  return {
    id: "AKSID000",
    level: "error",
    message: "A guardrail suppression needs a known rule id and a written reason.",
    why: "A suppression without a reason hides a mistake from the reviewer; the reason is recorded in the synthesized output's `//` metadata.",
    fix: "write { rule: \"AKSID0NN\", reason: \"why this rule does not apply here\" }, or call suppressGuardrail(construct, ruleId, reason).",
    check: (stack) => stack.elements.flatMap((element) => recordedSuppressions(element.config).flatMap((entry, i): RuleFinding[] =>
      isValidSuppression(entry, knownRules()) ? [] : [{ element, attribute: `//.${SUPPRESSIONS_KEY}[${i}]`, value: entry }])),
  };
}
