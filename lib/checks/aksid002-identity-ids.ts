import { GuardrailRule, RuleFinding } from "./rule";
import { block } from "../terraform-json/blocks";
import { literal } from "../terraform-json/expressions";

/** Rule 2: identity_ids only with UserAssigned, and exactly one. */
export const AKSID002: GuardrailRule = {
  id: "AKSID002",
  level: "error",
  message: "identity_ids must hold exactly one id, and only with a UserAssigned identity.",
  why: "AKS takes one control-plane identity; the provider rejects identity_ids on SystemAssigned, and a second id is rejected by AKS after a long wait.",
  fix: "for SystemAssigned drop identity_ids; for UserAssigned pass exactly one user-assigned identity id.",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    const identity = block(cluster.config.identity);
    const type = literal(identity?.type);
    if (!identity || type === undefined) return [];
    const ids: unknown = identity.identity_ids;
    // A whole-list reference: its length is known only at plan time.
    if (ids !== undefined && !Array.isArray(ids)) return [];
    const findings: RuleFinding[] = [];
    const count = Array.isArray(ids) ? ids.length : 0;
    if (type === "SystemAssigned" && count > 0) {
      findings.push({ element: cluster, attribute: "identity.identity_ids", value: ids,
        message: "identity_ids is set on a SystemAssigned identity; only a UserAssigned identity takes an id." });
    } else if (count > 1) {
      findings.push({ element: cluster, attribute: "identity.identity_ids", value: ids,
        message: `identity_ids holds ${count} ids; an AKS control plane takes exactly one user-assigned identity.` });
    } else if (type === "UserAssigned" && count === 0) {
      findings.push({ element: cluster, attribute: "identity.identity_ids", value: ids,
        message: "A UserAssigned identity needs exactly one identity_ids entry." });
    }
    return findings;
  }),
};
