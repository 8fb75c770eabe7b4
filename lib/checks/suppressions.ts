import { IConstruct } from "constructs";
import { AksIdentityError } from "../errors";
import { GuardrailSuppression } from "./aksid000-suppression-reason";
import { GUARDRAIL_RULES } from "./registry";

const METADATA_TYPE = "cdktf-aks-identity/guardrail-suppression";

/**
 * Turns one guardrail off for a construct and everything under it, with a written reason.
 * The reason is recorded in each affected block's `//` metadata in cdk.tf.json, so a
 * reviewer sees what was waived and why.
 */
export function suppressGuardrail(scope: IConstruct, rule: string, reason: string): void {
  const ids = GUARDRAIL_RULES.map((r) => r.id).filter((id) => id !== "AKSID000");
  if (typeof rule !== "string" || !ids.includes(rule)) {
    throw new AksIdentityError({
      path: scope.node.path,
      prop: "rule",
      received: rule,
      problem: `Expected a guardrail id: ${ids.join(", ")}.`,
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
