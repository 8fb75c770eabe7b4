import { describeValue } from "../errors";
import { ConstructStackModel, ElementView } from "./stack-model";

export type RuleLevel = "error" | "warning";

/** One thing a rule found on one resource. */
export interface RuleFinding {
  /** The resource (or provider) the message is attached to. */
  readonly element: ElementView;
  /** The Terraform attribute at fault, e.g. `identity.identity_ids`. */
  readonly attribute: string;
  /** The value received, echoed in the message. */
  readonly value: unknown;
  /** What is wrong, when more precise than the rule's message. @default the rule's message */
  readonly message?: string;
  /** A fix for this case. @default the rule's fix */
  readonly fix?: string;
  /** Hide the value (a secret). @default false */
  readonly redact?: boolean;
}

/**
 * A guardrail: a small pure function over a synthesized stack. It reads resolved Terraform
 * configuration only, so it checks this library's constructs and raw provider resources
 * alike, escape-hatch overrides included.
 */
export interface GuardrailRule {
  /** `AKSID001`..., or a custom rule's own id: stable, used to suppress the rule. */
  readonly id: string;
  readonly level: RuleLevel;
  /** One sentence: what is wrong. */
  readonly message: string;
  /** Why it matters (README). */
  readonly why: string;
  /** How to fix it. */
  readonly fix: string;
  readonly check: (stack: ConstructStackModel, context: RuleContext) => RuleFinding[];
}

/** What a rule may know of the run it is part of. */
export interface RuleContext {
  /** The ids of every rule this run checks, custom rules included. */
  readonly ruleIds: readonly string[];
}

/** `[path] AKSID001 attribute: received value. message Fix: fix` */
export function formatFinding(rule: GuardrailRule, finding: RuleFinding): string {
  const value = finding.redact ? "a literal value (not shown)" : describeValue(finding.value);
  return `[${finding.element.path}] ${rule.id} ${finding.attribute}: received ${value}. ${finding.message ?? rule.message} Fix: ${finding.fix ?? rule.fix}`;
}

