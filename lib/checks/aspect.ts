import { Annotations, Aspects, IAspect, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { AksIdentityError } from "../errors";
import { isValidSuppression, recordedSuppressions } from "./aksid000-suppression-reason";
import { GUARDRAIL_RULES } from "./registry";
import { formatFinding, GuardrailRule, RuleContext, RuleFinding } from "./rule";
import { ConstructStackModel } from "./stack-model";
import { GuardrailSuppression, suppressionsOf, SUPPRESSIONS_KEY } from "./suppressions";

/** One finding of one rule, as reported; a rule that threw is reported as a result without a finding. */
export interface GuardrailResult {
  readonly rule: GuardrailRule;
  /** What the rule found; absent when the rule itself failed (`failure`). */
  readonly finding?: RuleFinding;
  /** The error a rule threw: reported as an error on the stack, like cdk-nag's validation failures. */
  readonly failure?: string;
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
    if (TerraformStack.isStack(node)) checkStack(node, this.rules, knownRuleIds(node));
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
export function checkStack(stack: TerraformStack, rules: readonly GuardrailRule[] = GUARDRAIL_RULES, ruleIds: readonly string[] = rules.map((r) => r.id)): GuardrailResult[] {
  const model = ConstructStackModel.of(stack);
  const context: RuleContext = { ruleIds };
  for (const element of model.elements) {
    const fromApi = suppressionsOf(element.construct);
    if (fromApi.length === 0) continue;
    const recorded = recordedSuppressions(element.config);
    const merged = [...recorded, ...fromApi.filter((s) => !recorded.some((r) => isValidSuppression(r, context.ruleIds) && r.rule === s.rule && r.reason === s.reason))];
    element.config["//"] = { ...(element.config["//"] ?? {}), [SUPPRESSIONS_KEY]: merged };
    (element.construct as unknown as { addOverride(path: string, value: unknown): void }).addOverride(`//.${SUPPRESSIONS_KEY}`, merged);
  }

  const results: GuardrailResult[] = [];
  for (const rule of rules) {
    let findings: RuleFinding[];
    try {
      findings = rule.check(model, context);
    } catch (err) {
      results.push(ruleFailure(stack, rule, err));
      continue;
    }
    for (const finding of findings) {
      const suppressedBy = rule.id === "AKSID000" ? undefined : recordedSuppressions(finding.element.config)
        .find((s): s is GuardrailSuppression => isValidSuppression(s, context.ruleIds) && s.rule === rule.id);
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

/** The ids of every rule some guardrail aspect on the stack runs: a suppression of any of them is valid. */
function knownRuleIds(stack: TerraformStack): string[] {
  return [...new Set(Aspects.of(stack).all.filter((a): a is GuardrailsAspect => a instanceof GuardrailsAspect).flatMap((a) => a.rules.map((r) => r.id)))];
}

/** A rule that threw: an error on the stack naming the rule (suppressible on the stack), not an aborted synth. */
function ruleFailure(stack: TerraformStack, rule: GuardrailRule, err: unknown): GuardrailResult {
  const failure = err instanceof Error ? err.message : String(err);
  const message = `[${stack.node.path}] ${rule.id} could not run: ${failure}. Its checks were skipped for this stack. ` +
    `Fix: correct the rule, or suppressGuardrail(stack, "${rule.id}", reason) to accept that it does not run here.`;
  const suppressedBy = suppressionsOf(stack).find((s) => s.rule === rule.id);
  annotate(stack, suppressedBy ? "info" : "error", suppressedBy ? `[${stack.node.path}] ${rule.id} suppressed: ${suppressedBy.reason}` : message);
  return { rule, failure, message, suppressedBy };
}

function annotate(construct: IConstruct, level: "error" | "warning" | "info", message: string): void {
  if (construct.node.metadata.some((m) => m.data === message)) return;
  const a = Annotations.of(construct);
  if (level === "error") a.addError(message);
  else if (level === "warning") a.addWarning(message);
  else a.addInfo(message);
}
