import { Annotations, Aspects, IAspect, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { AksIdentityError } from "../errors";
import { GuardrailSuppression, isValidSuppression, recordedSuppressions, SUPPRESSIONS_KEY } from "./aksid000-suppression-reason";
import { GUARDRAIL_RULES } from "./registry";
import { formatFinding, GuardrailRule, RuleFinding } from "./rule";
import { ConstructStackModel } from "./stack-model";
import { suppressionsOf } from "./suppressions";

/** One finding of one rule, as reported. */
export interface GuardrailResult {
  readonly rule: GuardrailRule;
  readonly finding: RuleFinding;
  /** The full message: construct path, rule id, attribute, value, problem, fix. */
  readonly message: string;
  /** The suppression that silenced it, if any. */
  readonly suppressedBy?: GuardrailSuppression;
}

/**
 * The guardrail pack as a cdktf Aspect. It acts once per stack: cross-resource rules
 * (depends_on, grants pointing at a cluster's identity) need the whole stack at once.
 * Errors fail synth (cdktf throws on error annotations; synthesizeApp exits 1), warnings
 * are printed, suppressed findings are reported as info with their reason.
 */
export class GuardrailsAspect implements IAspect {
  public readonly rules: readonly GuardrailRule[];

  constructor(props: { readonly rules?: readonly GuardrailRule[] } = {}) {
    this.rules = props.rules ?? GUARDRAIL_RULES;
  }

  public visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) checkStack(node, this.rules);
  }
}

/**
 * Adds the guardrail pack to a stack (once), or to every stack of an app. cdktf 0.21
 * invokes aspects per stack and never visits an aspect added to the App itself, so for an
 * app call this after its stacks are created.
 */
export function applyGuardrails(scope: IConstruct): void {
  const stacks = TerraformStack.isStack(scope) ? [scope]
    : scope.node.scope === undefined ? scope.node.findAll().filter(TerraformStack.isStack)
      : [TerraformStack.of(scope)];
  if (stacks.length === 0) {
    throw new AksIdentityError({
      path: scope.node.path || "App",
      prop: "scope",
      received: "an app with no stacks yet",
      problem: "cdktf runs aspects per stack, so the pack is added to the stacks that exist now.",
      fix: "call applyGuardrails(app) after creating the stacks, or applyGuardrails(stack) in each stack.",
    });
  }
  for (const stack of stacks) {
    const aspects = Aspects.of(stack);
    if (!aspects.all.some((a) => a instanceof GuardrailsAspect)) aspects.add(new GuardrailsAspect());
  }
}

/**
 * Runs the rules over a stack and reports through Annotations. Records every suppression
 * in the affected block's `//` metadata first. Safe to run more than once: a message
 * already on a construct is not added again.
 */
export function checkStack(stack: TerraformStack, rules: readonly GuardrailRule[] = GUARDRAIL_RULES): GuardrailResult[] {
  const model = ConstructStackModel.of(stack);
  const known = GUARDRAIL_RULES.map((r) => r.id);
  for (const element of model.elements) {
    const fromApi = suppressionsOf(element.construct);
    if (fromApi.length === 0) continue;
    const recorded = recordedSuppressions(element.config);
    const merged = [...recorded, ...fromApi.filter((s) => !recorded.some((r) => isValidSuppression(r, known) && r.rule === s.rule && r.reason === s.reason))];
    element.config["//"] = { ...(element.config["//"] ?? {}), [SUPPRESSIONS_KEY]: merged };
    (element.construct as unknown as { addOverride(path: string, value: unknown): void }).addOverride(`//.${SUPPRESSIONS_KEY}`, merged);
  }

  const results: GuardrailResult[] = [];
  for (const rule of rules) {
    for (const finding of rule.check(model)) {
      const suppressedBy = rule.id === "AKSID000" ? undefined : recordedSuppressions(finding.element.config)
        .find((s): s is GuardrailSuppression => isValidSuppression(s, known) && s.rule === rule.id);
      const message = formatFinding(rule, finding);
      results.push({ rule, finding, message, suppressedBy });
      const construct = finding.element.construct;
      if (suppressedBy) {
        annotate(construct, "info", `[${finding.element.path}] ${rule.id} suppressed: ${suppressedBy.reason}`);
      } else {
        annotate(construct, rule.level, message);
      }
    }
  }
  return results;
}

function annotate(construct: IConstruct, level: "error" | "warning" | "info", message: string): void {
  if (construct.node.metadata.some((m) => m.data === message)) return;
  const a = Annotations.of(construct);
  if (level === "error") a.addError(message);
  else if (level === "warning") a.addWarning(message);
  else a.addInfo(message);
}
