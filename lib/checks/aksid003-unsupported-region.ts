import { GuardrailRule, RuleFinding } from "./rule";
import { block } from "../terraform-json/blocks";
import { literal } from "../terraform-json/expressions";

/**
 * Regions that refuse an identity kind, by their Azure location names.
 * - aks-docs articles/aks/user-assigned-managed-identity.md (Limitations): "The USDOD Central,
 *   USDOD East, and USGov Iowa regions in Azure US Government cloud don't support creating a
 *   cluster with a user-assigned managed identity."
 * - aks-docs articles/aks/pre-created-kubelet-managed-identity.md (Limitations): "The China
 *   East and China North regions in Microsoft Azure operated by 21Vianet aren't supported."
 * The article stated a cloud-wide limit (all of Azure Government and Azure China); current docs win.
 */
const NO_USER_ASSIGNED_CONTROL_PLANE: Record<string, string> = { usdodcentral: "USDOD Central", usdodeast: "USDOD East", usgoviowa: "USGov Iowa" };
const NO_BRING_YOUR_OWN_KUBELET: Record<string, string> = { chinaeast: "China East", chinanorth: "China North" };

/** Rule 3: a user-assigned control plane or a bring-your-own kubelet identity in a region that does not support it. */
export const AKSID003: GuardrailRule = {
  id: "AKSID003",
  level: "error",
  message: "The cluster's region does not support this identity: a user-assigned control plane in USDOD Central, USDOD East or USGov Iowa, or a bring-your-own kubelet identity in China East or China North.",
  why: "AKS rejects the create in those regions (user-assigned-managed-identity.md and pre-created-kubelet-managed-identity.md, Limitations), after the identities and grants were made.",
  fix: "use a system-assigned control plane there (and let AKS make the kubelet identity), or another region.",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    const location = literal(cluster.config.location)?.toLowerCase().replace(/\s+/g, "");
    if (location === undefined) return [];
    const findings: RuleFinding[] = [];
    const region = NO_USER_ASSIGNED_CONTROL_PLANE[location];
    if (region && stack.identityType(cluster) === "UserAssigned") {
      findings.push({ element: cluster, attribute: "identity.type", value: "UserAssigned",
        message: `The cluster is in ${region} (location "${location}"), where AKS doesn't support creating a cluster with a user-assigned managed identity (user-assigned-managed-identity.md).` });
    }
    const chinaRegion = NO_BRING_YOUR_OWN_KUBELET[location];
    if (chinaRegion && block(cluster.config.kubelet_identity)) {
      findings.push({ element: cluster, attribute: "kubelet_identity", value: "a bring-your-own kubelet identity",
        message: `The cluster is in ${chinaRegion} (location "${location}"), where AKS doesn't support a pre-created kubelet managed identity (pre-created-kubelet-managed-identity.md).`,
        fix: "drop kubeletIdentity and let AKS make the kubelet identity, or use another region." });
    }
    return findings;
  }),
};
