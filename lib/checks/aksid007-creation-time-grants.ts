import { BuiltInRole, Roles } from "../roles";
import { GuardrailRule, RuleFinding } from "./rule";
import { block, ElementView, StackModel, valueKey } from "./stack-model";

/**
 * Rule 7: grants a user-assigned control plane needs before the cluster is created:
 * Network Contributor on its custom subnet (or VNet), Managed Identity Operator on a
 * bring-your-own kubelet identity.
 */
export const AKSID007: GuardrailRule = {
  id: "AKSID007",
  level: "error",
  message: "A user-assigned control-plane identity needs its creation-time grants, and the cluster must depend on them.",
  why: "AKS uses them while it creates the cluster: without Network Contributor on the subnet load balancers fail with 403 (Azure/terraform-azurerm-aks #178), without Managed Identity Operator the create fails with CustomKubeletIdentityMissingPermissionError.",
  fix: "grant the control-plane identity the role on that scope and add the role assignment to the cluster's depends_on (AksCluster does this for network.subnet and kubeletIdentity).",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    if (stack.identityType(cluster) !== "UserAssigned") return [];
    const findings: RuleFinding[] = [];
    const subnet = stack.subnetOf(cluster);
    const subnetKey = valueKey(subnet);
    if (subnetKey !== undefined) {
      const f = requireGrant(stack, cluster, Roles.NETWORK_CONTRIBUTOR, [subnetKey, ...stack.vnetKeysOf(subnet)],
        "default_node_pool.vnet_subnet_id", subnet, "the custom subnet or its VNet",
        "grant the control-plane identity Network Contributor on the subnet (or its VNet) and add that role assignment to the cluster's depends_on (AksCluster: network.subnet does both).");
      if (f) findings.push(f);
    }
    const kubeletId = block(cluster.config.kubelet_identity)?.user_assigned_identity_id;
    const kubeletKey = valueKey(kubeletId);
    if (kubeletKey !== undefined) {
      const f = requireGrant(stack, cluster, Roles.MANAGED_IDENTITY_OPERATOR, [kubeletKey],
        "kubelet_identity.user_assigned_identity_id", kubeletId, "the bring-your-own kubelet identity",
        "grant the control-plane identity Managed Identity Operator on the kubelet identity and add that role assignment to the cluster's depends_on (AksCluster: kubeletIdentity does both).");
      if (f) findings.push(f);
    }
    return findings;
  }),
};

function requireGrant(stack: StackModel, cluster: ElementView, role: BuiltInRole, scopes: string[], attribute: string, value: unknown, what: string, fix: string): RuleFinding | undefined {
  const controlPlane = stack.controlPlanePrincipals(cluster);
  const candidates = stack.roleAssignments.filter((ra) => {
    if (ra.role !== role) return false;
    const scope = valueKey(ra.scope);
    if (scope === undefined || !scopes.includes(scope)) return false;
    const principal = valueKey(ra.principalId);
    if (principal !== undefined && controlPlane.keys.has(principal)) return true;
    // A principal the stack can't tie to an identity is not assumed to be a different one.
    return !controlPlane.linked || stack.principalOwner(ra.principalId) === undefined;
  });
  const waits = stack.waitsFor(cluster);
  if (candidates.some((ra) => waits.has(ra.element.address))) return undefined;
  if (candidates.length > 0) {
    return { element: cluster, attribute: "depends_on", value: cluster.config.depends_on ?? [],
      message: `The control-plane identity has ${role.name} on ${what} (${candidates.map((c) => c.element.address).join(", ")}), but the cluster does not depend on it, so Terraform may create the cluster first.`, fix };
  }
  return { element: cluster, attribute, value,
    message: `The user-assigned control-plane identity has no ${role.name} grant on ${what} in this stack.`, fix };
}

