import { BuiltInRole, Roles } from "../roles";
import { GuardrailRule, RuleFinding } from "./rule";
import { block } from "../terraform-json/blocks";
import { expressionKey } from "../terraform-json/expressions";
import { ConstructStackModel, ElementView } from "./stack-model";

const NC_FIX = "grant the control-plane identity Network Contributor on the subnet (or its VNet) and add that role assignment to the cluster's depends_on (AksCluster: network.subnet does both).";
const PDZ_FIX = "grant the control-plane identity Private DNS Zone Contributor on the zone and add that role assignment to the cluster's depends_on.";
const MIO_FIX = "grant the control-plane identity Managed Identity Operator on the kubelet identity and add that role assignment to the cluster's depends_on (AksCluster: kubeletIdentity does both).";

/**
 * Rule 7: grants a user-assigned control plane needs before the cluster (or node pool) is
 * created: Network Contributor on each custom node or pod subnet (or its VNet), Private DNS
 * Zone Contributor on a custom private DNS zone, Managed Identity Operator on a
 * bring-your-own kubelet identity.
 */
export const AKSID007: GuardrailRule = {
  id: "AKSID007",
  level: "error",
  message: "A user-assigned control-plane identity needs its creation-time grants, and the cluster must depend on them.",
  why: "AKS uses them while it creates the cluster: without Network Contributor on the subnet load balancers fail with 403 (Azure/terraform-azurerm-aks #178), without Private DNS Zone Contributor a private cluster can't register its API server, without Managed Identity Operator the create fails with CustomKubeletIdentityMissingPermissionError.",
  fix: "grant the control-plane identity the role on that scope and add the role assignment to the cluster's depends_on (AksCluster does this for network.subnet and kubeletIdentity).",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    if (stack.identityType(cluster) !== "UserAssigned") return [];
    const findings: RuleFinding[] = [];
    const clusterWaits = stack.waitsFor(cluster);
    const checked = new Set<string>();
    const pools = stack.resources("azurerm_kubernetes_cluster_node_pool").filter((p) => stack.target(p.config.kubernetes_cluster_id) === cluster);
    const subnets = [
      ...["vnet_subnet_id", "pod_subnet_id"].map((a) => ({ element: cluster, attribute: `default_node_pool.${a}`, value: block(cluster.config.default_node_pool)?.[a] })),
      ...pools.flatMap((pool) => ["vnet_subnet_id", "pod_subnet_id"].map((a) => ({ element: pool, attribute: a, value: pool.config[a] }))),
    ];
    for (const s of subnets) {
      const key = expressionKey(s.value);
      if (key === undefined || checked.has(key)) continue;
      checked.add(key);
      // A node pool waits for its cluster, so the cluster's depends_on counts for it too.
      const waits = s.element === cluster ? clusterWaits : new Set([...stack.waitsFor(s.element), ...clusterWaits]);
      const f = requireGrant(stack, cluster, { ...s, waits, who: s.element === cluster ? "the cluster" : "the node pool" },
        Roles.NETWORK_CONTRIBUTOR, [key, ...stack.vnetKeysOf(s.value)], "the custom subnet or its VNet", NC_FIX);
      if (f) findings.push(f);
    }
    const zone = cluster.config.private_dns_zone_id;
    const zoneKey = expressionKey(zone);
    if (zoneKey !== undefined && zoneKey !== "system" && zoneKey !== "none") {
      const f = requireGrant(stack, cluster, { element: cluster, attribute: "private_dns_zone_id", value: zone, waits: clusterWaits, who: "the cluster" },
        Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, [zoneKey], "the custom private DNS zone", PDZ_FIX);
      if (f) findings.push(f);
    }
    const kubeletId = block(cluster.config.kubelet_identity)?.user_assigned_identity_id;
    const kubeletKey = expressionKey(kubeletId);
    if (kubeletKey !== undefined) {
      const f = requireGrant(stack, cluster, { element: cluster, attribute: "kubelet_identity.user_assigned_identity_id", value: kubeletId, waits: clusterWaits, who: "the cluster" },
        Roles.MANAGED_IDENTITY_OPERATOR, [kubeletKey], "the bring-your-own kubelet identity", MIO_FIX);
      if (f) findings.push(f);
    }
    return findings;
  }),
};

interface Needs {
  readonly element: ElementView;
  readonly attribute: string;
  readonly value: unknown;
  readonly waits: Set<string>;
  readonly who: string;
}

function requireGrant(stack: ConstructStackModel, cluster: ElementView, needs: Needs, role: BuiltInRole, scopes: string[], what: string, fix: string): RuleFinding | undefined {
  const controlPlane = stack.controlPlanePrincipals(cluster);
  const candidates = [...new Set(scopes)].flatMap((scope) => stack.roleAssignmentsOn(role, scope)).filter((ra) => {
    if (ra.principalKey !== undefined && controlPlane.keys.has(ra.principalKey)) return true;
    // A principal the stack can't tie to an identity is not assumed to be a different one.
    return !controlPlane.linked || stack.principalOwner(ra.principalId) === undefined;
  });
  if (candidates.some((ra) => needs.waits.has(ra.element.address))) return undefined;
  if (candidates.length > 0) {
    return { element: needs.element, attribute: "depends_on", value: needs.element.config.depends_on ?? [],
      message: `The control-plane identity has ${role.name} on ${what} (${candidates.map((c) => c.element.address).join(", ")}), but ${needs.who} does not depend on it, so Terraform may create ${needs.who === "the cluster" ? "the cluster" : "it"} first.`, fix };
  }
  return { element: needs.element, attribute: needs.attribute, value: needs.value,
    message: `The user-assigned control-plane identity has no ${role.name} grant on ${what} in this stack.`, fix };
}
