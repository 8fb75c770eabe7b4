import { GuardrailRule, RuleFinding } from "./rule";
import { block } from "../terraform-json/blocks";
import { parseReference } from "../terraform-json/expressions";
import { Config, ConstructStackModel, ElementView } from "./stack-model";

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
    findings.push(...sameIdentity(stack, cluster, kubelet));
    return findings;
  }),
};

/** The identity attribute each kubelet_identity field takes. */
const ATTRIBUTE: Record<(typeof FIELDS)[number], string> = { client_id: "client_id", object_id: "principal_id", user_assigned_identity_id: "id" };

/** Fields that reference user-assigned identities must read the right attribute of one identity. */
function sameIdentity(stack: ConstructStackModel, cluster: ElementView, kubelet: Config): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const identities = new Set<string>();
  for (const field of FIELDS) {
    const ref = parseReference(kubelet[field]);
    const target = stack.target(kubelet[field]);
    if (!ref || target?.type !== "azurerm_user_assigned_identity") continue;
    identities.add(target.address);
    if (ref.attribute !== ATTRIBUTE[field]) {
      findings.push({ element: cluster, attribute: `kubelet_identity.${field}`, value: kubelet[field],
        message: `kubelet_identity.${field} reads ${target.address}.${ref.attribute}, but it takes the identity's ${ATTRIBUTE[field]}.` });
    }
  }
  if (identities.size > 1) {
    findings.push({ element: cluster, attribute: "kubelet_identity", value: kubelet,
      message: `kubelet_identity's fields come from different identities (${[...identities].join(", ")}); all three must describe one identity.` });
  }
  return findings;
}
