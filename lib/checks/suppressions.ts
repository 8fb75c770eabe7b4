import { IConstruct } from "constructs";
import { AksIdentityError } from "../errors";

/** Where suppressions are recorded in the synthesized output: the block's `//` metadata. */
export const SUPPRESSIONS_KEY = "aksIdentitySuppressions";

export interface GuardrailSuppression {
  /** The rule id, e.g. `AKSID009`, or a custom rule's id. */
  readonly rule: string;
  /** Why the rule does not apply here, for the reviewer. */
  readonly reason: string;
}

const METADATA_TYPE = "cdktf-aks-identity/guardrail-suppression";
const RULE_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Turns one guardrail off for a construct and everything under it, with a written reason.
 * The reason is recorded in each affected block's `//` metadata in cdk.tf.json, so a
 * reviewer sees what was waived and why. The id is checked against the rules the stack's
 * guardrails run when they run (AKSID000), so custom rules can be suppressed too.
 */
export function suppressGuardrail(scope: IConstruct, rule: string, reason: string): void {
  if (typeof rule !== "string" || !RULE_ID.test(rule) || rule === "AKSID000") {
    throw new AksIdentityError({
      path: scope.node.path,
      prop: "rule",
      received: rule,
      problem: "Expected a guardrail id like \"AKSID009\" (or a custom rule's id); AKSID000, the rule about suppressions, cannot be suppressed.",
      fix: "pass the id printed in the synth message.",
    });
  }
  if (typeof reason !== "string" || reason.trim() === "") {
    throw new AksIdentityError({
      path: scope.node.path,
      prop: "reason",
      received: reason,
      problem: "Suppressing a guardrail needs a written reason; it is recorded in cdk.tf.json for reviewers.",
      fix: `say why ${rule} does not apply here, e.g. "break-glass automation approved in OPS-123".`,
    });
  }
  scope.node.addMetadata(METADATA_TYPE, { rule, reason: reason.trim() });
}

/** Suppressions made with {@link suppressGuardrail} on a construct or any of its scopes. */
export function suppressionsOf(construct: IConstruct): GuardrailSuppression[] {
  return construct.node.scopes.flatMap((c) => c.node.metadata
    .filter((m) => m.type === METADATA_TYPE)
    .map((m) => m.data as GuardrailSuppression));
}
