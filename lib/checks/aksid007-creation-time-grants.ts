import { LEAST_PRIVILEGE_ROLES } from "../catalog/least-privilege";
import { BuiltInRole, Roles } from "../roles";
import { GuardrailRule, RuleFinding } from "./rule";
import { block } from "../terraform-json/blocks";
import { expressionKey } from "../terraform-json/expressions";
import { ConstructStackModel, ElementView } from "./stack-model";

const NC_FIX = "grant the control-plane identity Network Contributor on the subnet (or its VNet) and add that role assignment to the cluster's depends_on (AksCluster: network.subnet does both).";
const PDZ_FIX = "grant the control-plane identity Private DNS Zone Contributor on the zone and add that role assignment to the cluster's depends_on (AksCluster: privateCluster.privateDnsZone does both).";
const VNET_FIX = "grant the control-plane identity Network Contributor on the cluster's VNet and add that role assignment to the cluster's depends_on (AksCluster: privateCluster.privateDnsZone with network.subnet does both).";
const MIO_FIX = "grant the control-plane identity Managed Identity Operator on the kubelet identity and add that role assignment to the cluster's depends_on (AksCluster: kubeletIdentity does both).";
const API_FIX = "grant the control-plane identity Network Contributor on the API server subnet and add that role assignment to the cluster's depends_on (AksCluster: apiServer.subnet does both).";
const IP_FIX = "grant the control-plane identity Network Contributor on the public IP or prefix (or its resource group) and add that role assignment to the cluster's depends_on (AksCluster: network.outboundIps / outboundIpPrefixes do both).";
const GROUP_FIX = (role: string, prop: string) => `grant the control-plane identity ${role} on its resource group and add that role assignment to the node pool's (or cluster's) depends_on (AksCluster: ${prop} does both).`;

/** What a scope needs: a built-in role, or a custom role of this stack allowing these actions (the opt-in least-privilege roles). */
interface Need {
  readonly role: BuiltInRole;
  readonly actions?: readonly string[];
}
const SUBNET: Need = { role: Roles.NETWORK_CONTRIBUTOR, actions: LEAST_PRIVILEGE_ROLES.SubnetJoin.actions };
const ZONE: Need = { role: Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, actions: LEAST_PRIVILEGE_ROLES.PrivateDnsZone.actions };

/** Pool attributes whose resource's group the control plane needs a role on (aks-docs: capacity reservation groups, dedicated hosts, node public IPs). */
const POOL_GROUP_NEEDS = [
  { attribute: "capacity_reservation_group_id", role: Roles.CONTRIBUTOR, what: "the capacity reservation group's resource group", prop: "capacityReservationGroup" },
  { attribute: "host_group_id", role: Roles.CONTRIBUTOR, what: "the dedicated host group's resource group", prop: "hostGroup" },
  { attribute: "node_public_ip_prefix_id", role: Roles.NETWORK_CONTRIBUTOR, what: "the node public IP prefix's resource group", prop: "nodePublicIpPrefix" },
] as const;

/**
 * Rule 7: grants a user-assigned control plane needs before the cluster (or node pool) is
 * created: Network Contributor on each custom node, pod or API server subnet (or its VNet),
 * Private DNS Zone Contributor on a custom private DNS zone and Network Contributor on the
 * cluster's VNet, Managed Identity Operator on a bring-your-own kubelet identity, Network
 * Contributor on outbound public IPs and prefixes, and a role on the resource group of a
 * pool's capacity reservation group, host group or node public IP prefix. A custom role of
 * the stack with the actions the docs list counts for a subnet or a zone.
 */
export const AKSID007: GuardrailRule = {
  id: "AKSID007",
  level: "error",
  message: "A user-assigned control-plane identity needs its creation-time grants, and the cluster must depend on them.",
  why: "AKS uses them while it creates the cluster: without Network Contributor on the subnet load balancers fail with 403 (Azure/terraform-azurerm-aks #178), without Private DNS Zone Contributor a private cluster can't register its API server, without Managed Identity Operator the create fails with CustomKubeletIdentityMissingPermissionError, and without Network Contributor on the API server subnet or the outbound IPs the provisioning fails.",
  fix: "grant the control-plane identity the role on that scope and add the role assignment to the cluster's depends_on (AksCluster does this for network.subnet, node pool subnets, apiServer.subnet, privateCluster, outbound IPs and kubeletIdentity).",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    if (stack.identityType(cluster) !== "UserAssigned") return [];
    const findings: RuleFinding[] = [];
    const clusterWaits = stack.waitsFor(cluster);
    const onCluster = (attribute: string, value: unknown) => ({ element: cluster, attribute, value, waits: clusterWaits, who: "the cluster" });
    const checked = new Set<string>();
    const pools = stack.resources("azurerm_kubernetes_cluster_node_pool").filter((p) => stack.target(p.config.kubernetes_cluster_id) === cluster);
    const defaultPool = block(cluster.config.default_node_pool);
    // A node pool waits for its cluster, so the cluster's depends_on counts for it too.
    const onPool = (pool: ElementView, attribute: string) => ({ element: pool, attribute, value: pool.config[attribute], waits: new Set([...stack.waitsFor(pool), ...clusterWaits]), who: "the node pool" });
    const subnets = [
      ...["vnet_subnet_id", "pod_subnet_id"].map((a) => onCluster(`default_node_pool.${a}`, defaultPool?.[a])),
      ...pools.flatMap((pool) => ["vnet_subnet_id", "pod_subnet_id"].map((a) => onPool(pool, a))),
      onCluster("api_server_access_profile.subnet_id", block(cluster.config.api_server_access_profile)?.subnet_id),
    ];
    for (const s of subnets) {
      const key = expressionKey(s.value);
      if (key === undefined || checked.has(key)) continue;
      checked.add(key);
      const fix = s.attribute.startsWith("api_server") ? API_FIX : NC_FIX;
      const f = requireGrant(stack, cluster, s, SUBNET, [key, ...stack.vnetKeysOf(s.value)], s.attribute.startsWith("api_server") ? "the API server subnet or its VNet" : "the custom subnet or its VNet", fix);
      if (f) findings.push(f);
    }
    const zone = cluster.config.private_dns_zone_id;
    const zoneKey = expressionKey(zone);
    if (zoneKey !== undefined && zoneKey !== "system" && zoneKey !== "none") {
      const f = requireGrant(stack, cluster, onCluster("private_dns_zone_id", zone), ZONE, [zoneKey], "the custom private DNS zone", PDZ_FIX);
      if (f) findings.push(f);
      // private-clusters.md: a custom zone also needs Network Contributor on the cluster's VNet (its Terraform sample grants the VNet).
      const nodeSubnet = defaultPool?.vnet_subnet_id;
      const vnetKeys = stack.vnetKeysOf(nodeSubnet);
      if (vnetKeys.length > 0) {
        const v = requireGrant(stack, cluster, onCluster("private_dns_zone_id", zone), { role: Roles.NETWORK_CONTRIBUTOR }, vnetKeys, "the cluster's VNet (a custom private DNS zone needs it)", VNET_FIX);
        if (v) findings.push(v);
      }
    }
    const kubeletId = block(cluster.config.kubelet_identity)?.user_assigned_identity_id;
    const kubeletKey = expressionKey(kubeletId);
    if (kubeletKey !== undefined) {
      const f = requireGrant(stack, cluster, onCluster("kubelet_identity.user_assigned_identity_id", kubeletId), { role: Roles.MANAGED_IDENTITY_OPERATOR }, [kubeletKey], "the bring-your-own kubelet identity", MIO_FIX);
      if (f) findings.push(f);
    }
    const lb = block(block(cluster.config.network_profile)?.load_balancer_profile);
    for (const attribute of ["outbound_ip_address_ids", "outbound_ip_prefix_ids"]) {
      const ids = lb?.[attribute];
      for (const id of Array.isArray(ids) ? ids : []) {
        const key = expressionKey(id);
        if (key === undefined) continue;
        const f = requireGrant(stack, cluster, onCluster(`network_profile.load_balancer_profile.${attribute}`, id), { role: Roles.NETWORK_CONTRIBUTOR },
          [key, ...stack.resourceGroupKeysOf(id)], attribute === "outbound_ip_address_ids" ? "the outbound public IP or its resource group" : "the outbound public IP prefix or its resource group", IP_FIX);
        if (f) findings.push(f);
      }
    }
    const poolViews = [
      ...(defaultPool ? POOL_GROUP_NEEDS.map((n) => ({ n, needs: onCluster(`default_node_pool.${n.attribute}`, defaultPool[n.attribute]) })) : []),
      ...pools.flatMap((pool) => POOL_GROUP_NEEDS.map((n) => ({ n, needs: onPool(pool, n.attribute) }))),
    ];
    for (const { n, needs } of poolViews) {
      const key = expressionKey(needs.value);
      if (key === undefined) continue;
      const f = requireGrant(stack, cluster, needs, { role: n.role }, stack.resourceGroupKeysOf(needs.value), n.what, GROUP_FIX(n.role.name, n.prop));
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

function requireGrant(stack: ConstructStackModel, cluster: ElementView, needs: Needs, need: Need, scopes: string[], what: string, fix: string): RuleFinding | undefined {
  const controlPlane = stack.controlPlanePrincipals(cluster);
  const keys = [...new Set(scopes)];
  const candidates = keys.flatMap((scope) => [
    ...stack.roleAssignmentsOn(need.role, scope),
    ...(need.actions ? stack.customRoleAssignmentsOn(need.actions, scope) : []),
  ]).filter((ra) => {
    if (ra.principalKey !== undefined && controlPlane.keys.has(ra.principalKey)) return true;
    // A principal the stack can't tie to an identity is not assumed to be a different one.
    return !controlPlane.linked || stack.principalOwner(ra.principalId) === undefined;
  });
  if (candidates.some((ra) => needs.waits.has(ra.element.address))) return undefined;
  const role = need.role.name;
  if (candidates.length > 0) {
    return { element: needs.element, attribute: "depends_on", value: needs.element.config.depends_on ?? [],
      message: `The control-plane identity has ${role} on ${what} (${candidates.map((c) => c.element.address).join(", ")}), but ${needs.who} does not depend on it, so Terraform may create ${needs.who === "the cluster" ? "the cluster" : "it"} first.`, fix };
  }
  return { element: needs.element, attribute: needs.attribute, value: needs.value,
    message: `The user-assigned control-plane identity has no ${role} grant on ${what} in this stack.`, fix };
}
