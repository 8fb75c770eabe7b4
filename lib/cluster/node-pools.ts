import type { KubernetesClusterDefaultNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { KubernetesClusterNodePool, KubernetesClusterNodePoolConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { CONTROL_PLANE_NETWORK_GRANTS } from "../catalog/control-plane-network";
import { CatalogGrant } from "../catalog/row";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { ClusterIdentity } from "../identities/cluster-identity";
import { resourceGroupIdOf, virtualNetworkIdOfSubnet } from "../private/id-parts";
import { EXAMPLE_IDS, exampleIdOf, validateScope } from "../private/resource-id";
import { isLiteral, NAME_RULES, validateName } from "../private/validate";
import { guardCreationDependencies } from "./creation-dependencies";
import { RoleGrant } from "../grants/role-grant";
import { grantControlPlane, NetworkGrantContext } from "./network-grants";

/** `az aks create`'s defaults for the first node pool. */
export const DEFAULT_NODE_POOL = Object.freeze({ name: "nodepool1", vmSize: "Standard_DS2_v2", nodeCount: 3 });

/**
 * Pool settings whose value needs a grant to the control plane: the library takes the resource
 * as a typed prop, grants it, and writes azurerm's attribute itself.
 */
type OwnedPoolSetting = "vnetSubnetId" | "podSubnetId" | "capacityReservationGroupId" | "hostGroupId" | "nodePublicIpPrefixId";
const OWNED_POOL_SETTINGS: Readonly<Record<OwnedPoolSetting, string>> = {
  vnetSubnetId: "subnet",
  podSubnetId: "podSubnet",
  capacityReservationGroupId: "capacityReservationGroup",
  hostGroupId: "hostGroup",
  nodePublicIpPrefixId: "nodePublicIpPrefix",
};
/** Terraform meta-arguments of a pool resource that the cluster owns (a pool is one resource and waits for its grants). */
type OwnedPoolMeta = "dependsOn" | "count" | "forEach" | "provider" | "connection" | "provisioners";
const OWNED_POOL_META: readonly OwnedPoolMeta[] = ["dependsOn", "count", "forEach", "provider", "connection", "provisioners"];
/** Settings of azurerm_kubernetes_cluster_node_pool that its default_node_pool block lacks: the default pool is a Linux system pool. */
const NOT_ON_DEFAULT_POOL = ["subnet", "mode", "nodeTaints", "osType", "priority", "evictionPolicy", "spotMaxPrice", "windowsProfile"];

/** Where a pool's nodes, pods and VMs go, each granted to the control plane. */
export interface NodePoolPlacementProps {
  /**
   * `--pod-subnet-id`: Azure CNI dynamic pod IP allocation from a subnet of the cluster's VNet.
   * Either every pool has one or none (aks-docs configure-azure-cni-dynamic-ip-allocation.md).
   * The control plane gets Network Contributor on it.
   * @default - pods get IPs the way network.plugin does
   */
  readonly podSubnet?: GrantScope;
  /** `--crg-id`: a capacity reservation group; Contributor on its resource group, user-assigned identity only. @default - none */
  readonly capacityReservationGroup?: GrantScope;
  /** `--host-group-id`: a dedicated host group; Contributor on its resource group, user-assigned identity only. @default - none */
  readonly hostGroup?: GrantScope;
  /** `--node-public-ip-prefix-id`: node public IPs from this prefix (turns on node public IPs); Network Contributor on its resource group. @default - none */
  readonly nodePublicIpPrefix?: GrantScope;
}

/**
 * The default (system) node pool: every setting of azurerm's `default_node_pool` block
 * (autoscaling, zones, max pods, OS disk and SKU, labels, tags, upgrade settings...) except
 * the ones that need a grant, which are typed props here. Its subnet is `network.subnet`.
 */
export interface DefaultNodePoolProps extends Omit<KubernetesClusterDefaultNodePool, OwnedPoolSetting | "name">, NodePoolPlacementProps {
  /** @default "nodepool1" */
  readonly name?: string;
}

/**
 * A further node pool (`azurerm_kubernetes_cluster_node_pool`): every setting of azurerm's
 * node pool (mode, taints, labels, autoscaling, zones, OS, spot...) except the cluster, the
 * meta-arguments the cluster owns, and the settings that need a grant, which are typed props.
 */
export interface NodePoolProps extends Omit<KubernetesClusterNodePoolConfig, OwnedPoolSetting | OwnedPoolMeta | "name" | "kubernetesClusterId">, NodePoolPlacementProps {
  /** Required for a further pool. */
  readonly name?: string;
  /** `--vnet-subnet-id` of `az aks nodepool add`: a subnet of the cluster's VNet. @default network.subnet */
  readonly subnet?: GrantScope;
}

/** A pool with defaults applied and its grant-bearing settings pulled out. */
export interface ResolvedNodePool {
  readonly name: string;
  /** `defaultNodePool` or `additionalNodePools[i]`, as errors name it. */
  readonly prop: string;
  readonly isDefault: boolean;
  readonly subnet?: GrantScope;
  readonly placement: NodePoolPlacementProps;
  readonly temporaryNameForRotation?: string;
  /** The provider settings, passed through as given. */
  readonly settings: Record<string, unknown>;
}

/** What pools depend on elsewhere in the cluster's props. */
export interface NodePoolContext {
  readonly path: string;
  readonly identity: ClusterIdentity;
  readonly nodeSubnet?: GrantScope;
  readonly networkPlugin?: string;
}

const SUBNET = "Microsoft.Network/virtualNetworks/subnets";
// validate/kubernetes.go KubernetesAgentPoolName, also for temporary_name_for_rotation.
const POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
/** The default temporary pool names, the first unused wins: deterministic for a given set of pools. */
function* rotationNames(): Generator<string> {
  yield "tmprotation";
  for (let i = 1; ; i++) yield `tmprot${i}`;
}

/** The default pool and the further pools, validated, with defaults applied, names unique and a temporary rotation name each. */
export function resolveNodePools(ctx: NodePoolContext, defaultPool: DefaultNodePoolProps | undefined, additional: NodePoolProps[] | undefined): ResolvedNodePool[] {
  const pools = [
    resolvePool(ctx, "defaultNodePool", defaultPool ?? {}, true),
    ...(additional ?? []).map((p, i) => resolvePool(ctx, `additionalNodePools[${i}]`, p, false)),
  ];
  const names = pools.map((p) => p.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) {
    throw new AksIdentityError({ path: ctx.path, prop: "additionalNodePools", received: duplicate, problem: "Node pool names must be unique in a cluster.", fix: "give each pool its own name." });
  }
  const withPods = pools.filter((p) => p.placement.podSubnet !== undefined);
  if (withPods.length > 0 && withPods.length < pools.length) {
    const missing = pools.find((p) => p.placement.podSubnet === undefined)!;
    throw new AksIdentityError({
      path: ctx.path,
      prop: `${missing.prop}.podSubnet`,
      received: undefined,
      problem: "With dynamic pod IP allocation the entire cluster uses one type of CNI: every node pool needs a pod subnet (configure-azure-cni-dynamic-ip-allocation.md).",
      fix: "give every pool a podSubnet (pools may share one), or none.",
    });
  }
  return assignRotationNames(ctx.path, pools);
}

function resolvePool(ctx: NodePoolContext, prop: string, given: DefaultNodePoolProps | NodePoolProps, isDefault: boolean): ResolvedNodePool & { osType?: unknown } {
  const path = ctx.path;
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    throw new AksIdentityError({ path, prop, received: given, problem: "Expected an object of node pool settings.", fix: "pass e.g. { name: \"pool2\", vmSize: \"Standard_D4s_v5\" }." });
  }
  for (const [key, use] of Object.entries(OWNED_POOL_SETTINGS)) {
    if (key in given) {
      const instead = key === "vnetSubnetId" && isDefault ? "network.subnet" : `${prop}.${use}`;
      throw new AksIdentityError({ path, prop: `${prop}.${key}`, received: (given as Record<string, unknown>)[key], problem: "The library sets this itself, with the grant the control plane needs on it.", fix: `use ${instead}.` });
    }
  }
  for (const key of isDefault ? NOT_ON_DEFAULT_POOL : [...OWNED_POOL_META, "kubernetesClusterId"]) {
    if (key in given) {
      throw new AksIdentityError({
        path,
        prop: `${prop}.${key}`,
        received: (given as Record<string, unknown>)[key],
        problem: isDefault ? "azurerm's default_node_pool has no such setting: the default pool is the cluster's Linux system pool, in network.subnet." : "The cluster sets this itself: the pool belongs to it and waits for its grants.",
        fix: isDefault ? (key === "subnet" ? "use network.subnet." : "put it on an additionalNodePools entry.") : "drop it (cluster.dependOn(...) makes the cluster wait for something).",
      });
    }
  }
  const { name: givenName, podSubnet, capacityReservationGroup, hostGroup, nodePublicIpPrefix, ...rest } = given as NodePoolProps;
  const { subnet, temporaryNameForRotation, ...settings } = rest as NodePoolProps & Record<string, unknown>;
  const name = givenName ?? (isDefault ? DEFAULT_NODE_POOL.name : undefined);
  validateName(path, `${prop}.name`, name, NAME_RULES.nodePool);
  const autoscaling = settings.autoScalingEnabled;
  // With the autoscaler on, a node count in the configuration fights it (azurerm: "cannot change `node_count` when `auto_scaling_enabled` is set to `true`").
  const defaults = autoscaling === true ? { vmSize: DEFAULT_NODE_POOL.vmSize } : { vmSize: DEFAULT_NODE_POOL.vmSize, nodeCount: DEFAULT_NODE_POOL.nodeCount };
  const merged: Record<string, unknown> = { ...defaults, ...settings };
  validateCounts(path, prop, merged, isDefault);
  validateVmSize(path, prop, merged.vmSize);
  const placement: NodePoolPlacementProps = { podSubnet, capacityReservationGroup, hostGroup, nodePublicIpPrefix };
  const nodeSubnet = isDefault ? ctx.nodeSubnet : subnet ?? ctx.nodeSubnet;
  validatePlacement(ctx, prop, { subnet: isDefault ? undefined : subnet, nodeSubnet, ...placement }, merged);
  if (nodePublicIpPrefix !== undefined) merged.nodePublicIpEnabled = true;
  if (temporaryNameForRotation !== undefined && (typeof temporaryNameForRotation !== "string" || (isLiteral(temporaryNameForRotation) && !POOL_NAME.test(temporaryNameForRotation)))) {
    throw new AksIdentityError({
      path,
      prop: `${prop}.temporaryNameForRotation`,
      received: temporaryNameForRotation,
      problem: "Allowed: a lowercase letter, then up to 11 lowercase letters and digits (azurerm's node pool name rule).",
      fix: "pick a name like \"tmprotation\", or drop it to get one.",
    });
  }
  return { name: name!, prop, isDefault, subnet: nodeSubnet, placement, temporaryNameForRotation, settings: merged, osType: merged.osType };
}

function validateCounts(path: string, prop: string, pool: Record<string, unknown>, isDefault: boolean): void {
  const min = isDefault ? 1 : 0;
  for (const key of ["nodeCount", "minCount", "maxCount"]) {
    const v = pool[key];
    if (v !== undefined && !Token.isUnresolved(v) && (typeof v !== "number" || !Number.isInteger(v) || v < min || v > 1000)) {
      throw new AksIdentityError({ path, prop: `${prop}.${key}`, received: v, problem: `Allowed: a whole number from ${min} to 1000.`, fix: "set a count in range." });
    }
  }
  const known = (v: unknown): v is number => typeof v === "number" && !Token.isUnresolved(v);
  const { autoScalingEnabled: auto, nodeCount, minCount, maxCount } = pool;
  if (Token.isUnresolved(auto)) return;
  if (auto === true) {
    // The errors azurerm raises only during the apply (kubernetes_nodepool.go expandClusterNodePoolProfile).
    if (minCount === undefined || maxCount === undefined) {
      throw new AksIdentityError({ path, prop: `${prop}.${minCount === undefined ? "minCount" : "maxCount"}`, received: undefined, problem: "With autoScalingEnabled the pool needs minCount and maxCount (azurerm fails the apply otherwise).", fix: "set both, e.g. minCount 1 and maxCount 5." });
    }
    if (known(minCount) && known(maxCount) && minCount > maxCount) {
      throw new AksIdentityError({ path, prop: `${prop}.maxCount`, received: maxCount, problem: `maxCount must be at least minCount (${minCount}).`, fix: "raise maxCount or lower minCount." });
    }
    if (known(nodeCount) && ((known(minCount) && nodeCount < minCount) || (known(maxCount) && nodeCount > maxCount))) {
      throw new AksIdentityError({ path, prop: `${prop}.nodeCount`, received: nodeCount, problem: `The initial nodeCount must be between minCount (${String(minCount)}) and maxCount (${String(maxCount)}).`, fix: "drop nodeCount (the pool starts at minCount) or set it in range." });
    }
  } else if (minCount !== undefined || maxCount !== undefined) {
    throw new AksIdentityError({ path, prop: `${prop}.${minCount !== undefined ? "minCount" : "maxCount"}`, received: minCount ?? maxCount, problem: "minCount and maxCount are the autoscaler's bounds; azurerm fails the apply when they are set without autoScalingEnabled.", fix: "set autoScalingEnabled: true, or drop minCount and maxCount." });
  }
}

function validateVmSize(path: string, prop: string, vmSize: unknown): void {
  if (vmSize !== undefined && isLiteral(vmSize) && !/^Standard_[A-Za-z0-9_]+$/.test(vmSize)) {
    throw new AksIdentityError({ path, prop: `${prop}.vmSize`, received: vmSize, problem: "Expected an Azure VM size like \"Standard_DS2_v2\".", fix: "use a size from `az vm list-sizes -l <region>`." });
  }
  if (vmSize !== undefined && typeof vmSize !== "string") {
    throw new AksIdentityError({ path, prop: `${prop}.vmSize`, received: vmSize, problem: "Expected an Azure VM size like \"Standard_DS2_v2\".", fix: "pass the size as a string." });
  }
}

interface Placement extends NodePoolPlacementProps {
  /** The pool's own subnet prop (further pools only). */
  readonly subnet?: GrantScope;
  /** Where the pool's nodes go: its subnet, else the cluster's. */
  readonly nodeSubnet?: GrantScope;
}

function validatePlacement(ctx: NodePoolContext, prop: string, p: Placement, settings: Record<string, unknown>): void {
  const path = ctx.path;
  if (p.subnet !== undefined) {
    validateScope(path, `${prop}.subnet`, p.subnet, SUBNET, EXAMPLE_IDS.subnet);
    if (ctx.nodeSubnet === undefined) {
      throw new AksIdentityError({ path, prop: `${prop}.subnet`, received: scopeId(p.subnet), problem: "All node pools are in the cluster's VNet: a pool's own subnet needs the cluster in your own VNet too.", fix: "set network.subnet (the default pool's subnet) to a subnet of the same VNet." });
    }
    sameVnet(path, `${prop}.subnet`, p.subnet, ctx.nodeSubnet, "A node pool's subnet");
  }
  if (p.podSubnet !== undefined) {
    validateScope(path, `${prop}.podSubnet`, p.podSubnet, SUBNET, EXAMPLE_IDS.subnet);
    if (p.nodeSubnet === undefined) {
      throw new AksIdentityError({ path, prop: `${prop}.podSubnet`, received: scopeId(p.podSubnet), problem: "Dynamic pod IP allocation uses your own VNet: the nodes need a subnet of it as well.", fix: "set network.subnet (and the pool's subnet) to the nodes' subnet of the same VNet." });
    }
    if (ctx.networkPlugin !== undefined && ctx.networkPlugin !== "azure") {
      throw new AksIdentityError({ path, prop: "network.plugin", received: ctx.networkPlugin, problem: "A pod subnet (dynamic pod IP allocation) is an Azure CNI feature.", fix: "set network.plugin to \"azure\"." });
    }
    const podId = scopeId(p.podSubnet);
    const nodeId = scopeId(p.nodeSubnet);
    if (p.podSubnet === p.nodeSubnet || (isLiteral(podId) && isLiteral(nodeId) && podId.toLowerCase() === nodeId.toLowerCase())) {
      throw new AksIdentityError({ path, prop: `${prop}.podSubnet`, received: podId, problem: "The pod subnet must differ from the nodes' subnet.", fix: "create a separate subnet for the pods." });
    }
    sameVnet(path, `${prop}.podSubnet`, p.podSubnet, p.nodeSubnet, "The pod subnet");
  }
  const userAssignedOnly = (key: "capacityReservationGroup" | "hostGroup", type: string, doc: string) => {
    const scope = p[key];
    if (scope === undefined) return;
    validateScope(path, `${prop}.${key}`, scope, type, exampleIdOf(type));
    if (ctx.identity.type === "SystemAssigned") {
      throw new AksIdentityError({ path, prop: `${prop}.${key}`, received: scopeId(scope), problem: `The control plane needs Contributor on its resource group before the pool is created, which a system-assigned identity cannot have (${doc}).`, fix: "use identity: ClusterIdentity.userAssigned(identity)." });
    }
  };
  userAssignedOnly("capacityReservationGroup", "Microsoft.Compute/capacityReservationGroups", "use-capacity-reservation-groups.md: system-assigned managed identities don't work");
  userAssignedOnly("hostGroup", "Microsoft.Compute/hostGroups", "use-azure-dedicated-hosts.md: a user-assigned identity is required");
  if (p.nodePublicIpPrefix !== undefined) {
    validateScope(path, `${prop}.nodePublicIpPrefix`, p.nodePublicIpPrefix, "Microsoft.Network/publicIPPrefixes", exampleIdOf("Microsoft.Network/publicIPPrefixes"));
    if (settings.nodePublicIpEnabled === false) {
      throw new AksIdentityError({ path, prop: `${prop}.nodePublicIpEnabled`, received: false, problem: "A node public IP prefix gives each node a public IP: azurerm requires node_public_ip_enabled with it.", fix: "drop nodePublicIpEnabled (the prefix turns it on), or drop nodePublicIpPrefix." });
    }
  }
}

function sameVnet(path: string, prop: string, subnet: GrantScope, nodeSubnet: GrantScope, what: string): void {
  const a = scopeId(subnet);
  const b = scopeId(nodeSubnet);
  if (isLiteral(a) && isLiteral(b) && virtualNetworkIdOfSubnet(a).toLowerCase() !== virtualNetworkIdOfSubnet(b).toLowerCase()) {
    throw new AksIdentityError({ path, prop, received: a, problem: `${what} must be in the cluster's VNet (${virtualNetworkIdOfSubnet(b)}).`, fix: "create the subnet in the cluster's VNet." });
  }
}

/**
 * A temporary name for each Linux pool, so a change azurerm can only make by rotating the pool
 * (vm_size, zones, max_pods, OS disk, subnets...) works: without one azurerm fails the apply
 * ("`temporary_name_for_rotation` must be specified when updating any of the following
 * properties", kubernetes_cluster_resource.go / kubernetes_cluster_node_pool_resource.go in
 * 4.55). Names never clash with a pool's or each other, so pools can rotate in one apply.
 */
function assignRotationNames(path: string, pools: (ResolvedNodePool & { osType?: unknown })[]): ResolvedNodePool[] {
  const taken = new Set(pools.map((p) => p.name));
  for (const p of pools) {
    const t = p.temporaryNameForRotation;
    if (t === undefined || !isLiteral(t)) continue;
    if (taken.has(t)) {
      throw new AksIdentityError({ path, prop: `${p.prop}.temporaryNameForRotation`, received: t, problem: "The temporary pool exists next to every pool while one rotates: its name must differ from every pool's and every other temporary name.", fix: "pick another name, or drop it to get one." });
    }
    taken.add(t);
  }
  return pools.map(({ osType, ...p }) => {
    // Windows pool names are shorter and the temporary pool takes the pool's OS: left to the user there.
    if (p.temporaryNameForRotation !== undefined || (osType !== undefined && osType !== "Linux")) return p;
    let name = "";
    for (const n of rotationNames()) if (!taken.has(n)) { name = n; break; }
    taken.add(name);
    return { ...p, temporaryNameForRotation: name };
  });
}

/** azurerm's default_node_pool block. */
export function defaultNodePoolConfig(pool: ResolvedNodePool): KubernetesClusterDefaultNodePool {
  return {
    ...(pool.settings as Partial<KubernetesClusterDefaultNodePool>),
    name: pool.name,
    temporaryNameForRotation: pool.temporaryNameForRotation,
    ...placementConfig(pool),
  };
}

function placementConfig(pool: ResolvedNodePool): Record<OwnedPoolSetting, string | undefined> {
  const id = (s: GrantScope | undefined) => (s === undefined ? undefined : scopeId(s));
  return {
    vnetSubnetId: id(pool.subnet),
    podSubnetId: id(pool.placement.podSubnet),
    capacityReservationGroupId: id(pool.placement.capacityReservationGroup),
    hostGroupId: id(pool.placement.hostGroup),
    nodePublicIpPrefixId: id(pool.placement.nodePublicIpPrefix),
  };
}

/** The further pools, each its own resource (`NodePool-<name>`: a Terraform address, never renamed). */
export function createNodePools(host: Construct, clusterId: string, pools: readonly ResolvedNodePool[]): KubernetesClusterNodePool[] {
  return pools.filter((p) => !p.isDefault).map((p) => {
    const resource = new KubernetesClusterNodePool(host, `NodePool-${p.name}`, {
      ...(p.settings as Partial<KubernetesClusterNodePoolConfig>),
      name: p.name,
      kubernetesClusterId: clusterId,
      temporaryNameForRotation: p.temporaryNameForRotation,
      ...placementConfig(p),
    });
    guardCreationDependencies(resource);
    return resource;
  });
}

/**
 * The control plane's grants on each pool's subnets and placement resources. The cluster's
 * grants facet orders each (before the cluster for an identity that exists first); a pool that
 * is its own resource also waits for its grants, so adding a pool later still gets them first.
 */
export function grantNodePools(ctx: NetworkGrantContext, pools: readonly ResolvedNodePool[], resources: readonly KubernetesClusterNodePool[], clusterSubnet: GrantScope | undefined, clusterSubnetGrant: RoleGrant | undefined): void {
  const g = CONTROL_PLANE_NETWORK_GRANTS;
  for (const pool of pools) {
    const resource = resources.find((r) => r.node.id === `NodePool-${pool.name}`);
    const waitFor = (made: RoleGrant) => {
      if (resource) guardCreationDependencies(resource)(made.assignment);
    };
    const grant = (entry: CatalogGrant, scope: GrantScope | undefined, prop: string) => {
      if (scope !== undefined) waitFor(grantControlPlane(ctx, entry, scope, `${entry.id}-${pool.name}`, `${pool.prop}.${prop}`));
    };
    const onClusterSubnet = pool.subnet === clusterSubnet;
    grant(g.NodePoolSubnetNetworkContributor, pool.isDefault || onClusterSubnet ? undefined : pool.subnet, "subnet");
    // A system-assigned identity's subnet grant comes after the cluster: the pool still waits for it.
    if (!pool.isDefault && onClusterSubnet && clusterSubnetGrant) waitFor(clusterSubnetGrant);
    grant(g.PodSubnetNetworkContributor, pool.placement.podSubnet, "podSubnet");
    const groupOf = (s: GrantScope | undefined) => (s === undefined ? undefined : resourceGroupIdOf(scopeId(s)));
    grant(g.CapacityReservationGroupContributor, groupOf(pool.placement.capacityReservationGroup), "capacityReservationGroup");
    grant(g.HostGroupContributor, groupOf(pool.placement.hostGroup), "hostGroup");
    grant(g.NodePublicIpPrefixNetworkContributor, groupOf(pool.placement.nodePublicIpPrefix), "nodePublicIpPrefix");
  }
}
