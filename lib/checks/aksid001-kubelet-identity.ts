import { GuardrailRule, RuleFinding } from "./rule";
import { block } from "./stack-model";

const FIELDS = ["client_id", "object_id", "user_assigned_identity_id"] as const;

/** Rule 1: a kubelet identity needs a user-assigned control plane and all three of its fields. */
export const AKSID001: GuardrailRule = {
  id: "AKSID001",
  level: "error",
  message: "A bring-your-own kubelet identity needs a user-assigned control-plane identity and all three kubelet_identity fields.",
  why: "AKS rejects the cluster at create time, and every kubelet_identity field forces replacement, so a late fix recreates the cluster.",
  fix: "set identity { type = \"UserAssigned\", identity_ids = [<control-plane identity id>] } and client_id, object_id, user_assigned_identity_id of one identity (AksCluster: ClusterIdentity.userAssigned(...) plus kubeletIdentity).",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    const kubelet = block(cluster.config.kubelet_identity);
    if (!kubelet) return [];
    const findings: RuleFinding[] = [];
    const type = stack.identityType(cluster);
    if (type !== undefined && type !== "UserAssigned") {
      findings.push({ element: cluster, attribute: "identity.type", value: type,
        message: `kubelet_identity is set but the control-plane identity is ${type}; AKS accepts a bring-your-own kubelet identity only with a user-assigned control-plane identity.` });
    }
    const missing = FIELDS.filter((f) => kubelet[f] === undefined || kubelet[f] === null || kubelet[f] === "");
    if (missing.length > 0) {
      findings.push({ element: cluster, attribute: "kubelet_identity", value: kubelet,
        message: `kubelet_identity lacks ${missing.join(", ")}; AKS needs all three fields, of the same identity.` });
    }
    return findings;
  }),
};
