import { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
import { Annotations, dependable, Fn, ITerraformDependable, TerraformOutput, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { applyGuardrails } from "./checks/aspect";
import { addonsConfig, AddonsProps, ClusterAddons } from "./addons/cluster-addons";
import { ClusterIdentity } from "./cluster-identity";
import { AksIdentityError } from "./errors";
import { IPrincipal } from "./principal";
import { cidrContains, parseCidr, parseIpv4 } from "./private/cidr";
import { resolveTokens } from "./private/resolve";
import { StackRegistry } from "./private/stack-registry";
import { EXAMPLE_IDS, parseResourceId, validateGuid, validateResourceId, validateScope } from "./private/resource-id";
import { isLiteral, NAME_RULES, validateName, validateTerraformName } from "./private/validate";
import { GrantScope, RoleGrant, scopeId } from "./role-grant";
import { BuiltInRole, Roles } from "./roles";
import { IUserAssignedIdentity } from "./user-assigned-identity";

/** `az aks create`'s defaults for the first node pool. */
export const DEFAULT_NODE_POOL = Object.freeze({ name: "nodepool1", vmSize: "Standard_DS2_v2", nodeCount: 3 });
/** The article's region. */
export const DEFAULT_LOCATION = "westus2";

export interface NodePoolProps {
  /** @default "nodepool1" for the default pool */
  readonly name?: string;
  /** @default "Standard_DS2_v2" */
  readonly vmSize?: string;
  /** @default 3 */
  readonly nodeCount?: number;
}

export type NetworkPlugin = "azure" | "kubenet" | "none";
export type OutboundType = "loadBalancer" | "userDefinedRouting" | "managedNATGateway" | "userAssignedNATGateway";
const NETWORK_PLUGINS: readonly NetworkPlugin[] = ["azure", "kubenet", "none"];
const OUTBOUND_TYPES: readonly OutboundType[] = ["loadBalancer", "userDefinedRouting", "managedNATGateway", "userAssignedNATGateway"];
/**
 * Output prefixes of the clusters in each stack. Walking the stack's tree for every new
 * cluster made a stack of n clusters cost O(n^2) (1.3 s of 12 s at 300 clusters).
 */
const OUTPUT_PREFIXES = new StackRegistry<AksCluster>();
const CLUSTERS_BY_AZURE_NAME = new StackRegistry<AksCluster>();

export interface ClusterNetworkProps {
  /** `--network-plugin`. @default "azure" */
  readonly plugin?: NetworkPlugin;
  /** `--vnet-subnet-id`: a subnet construct or its resource ID. @default - AKS creates the VNet in the node resource group */
  readonly subnet?: GrantScope;
  /** `--service-cidr`. @default - AKS's default, 10.0.0.0/16 */
  readonly serviceCidr?: string;
  /** `--dns-service-ip`, inside the service CIDR. @default - AKS's default, 10.0.0.10 */
  readonly dnsServiceIp?: string;
  /** `--outbound-type`. @default "loadBalancer" */
  readonly outboundType?: OutboundType;
  /** The subnet's route table, required for `userDefinedRouting`. @default - none */
  readonly routeTable?: GrantScope;
  /**
   * The subnet's route table association, which the cluster waits for.
   * @default - created by the cluster when both `subnet` and `routeTable` are given
   */
  readonly routeTableAssociation?: ITerraformDependable;
  /**
   * The article's `--docker-bridge-address`. AKS ignores the docker bridge and azurerm 4
   * removed the attribute: accepted for copy-paste compatibility, ignored with a warning.
   * @deprecated
   */
  readonly dockerBridgeCidr?: string;
}

export interface AksClusterProps {
  /** @default the construct id */
  readonly name?: string;
  /**
   * Where the cluster lives (`-g`). A resource group construct or its name and location.
   * @default - a new resource group named `<name>-rg` in `location`
   */
  readonly resourceGroup?: ResourceGroup | { readonly name: string; readonly location: string };
  /** @default the resource group's location, else "westus2" */
  readonly location?: string;
  /**
   * @default the cluster name when it is a valid DNS prefix; otherwise the name made one
   * (underscores become hyphens, a leading digit gets an "a", cut to 54 characters), as `az aks create` does
   */
  readonly dnsPrefix?: string;
  /** @default - AKS's default version */
  readonly kubernetesVersion?: string;
  /** @default one pool "nodepool1" of 3 Standard_DS2_v2 nodes, as `az aks create` */
  readonly defaultNodePool?: NodePoolProps;
  /** Further node pools; each needs a name. @default - none */
  readonly additionalNodePools?: NodePoolProps[];
  /** The control-plane identity. @default ClusterIdentity.systemAssigned() */
  readonly identity?: ClusterIdentity;
  /**
   * Bring-your-own kubelet identity (`--assign-kubelet-identity`). Needs a user-assigned
   * control-plane identity. Adding or changing it replaces the cluster.
   * @default - AKS creates `<name>-agentpool` in the node resource group
   */
  readonly kubeletIdentity?: IUserAssignedIdentity;
  /** @default - kubenet-free Azure CNI defaults of AKS, no custom subnet */
  readonly network?: ClusterNetworkProps;
  /** Registries the kubelet pulls from (`--attach-acr`): AcrPull for the kubelet identity. @default - none */
  readonly containerRegistries?: GrantScope[];
  /** @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Adds the guardrail pack (lib/checks) to the cluster's stack, once per stack.
   * @default true
   */
  readonly guardrails?: boolean;
  /** Add-ons (the article's table); each gets the grants its identity needs. @default - none */
  readonly addons?: AddonsProps;
}

/**
 * An AKS cluster whose identities, role assignments and their ordering are done right:
 * grants the cluster needs at creation are created before it, grants to identities AKS
 * creates come after it, and the outputs say what `az aks show` would.
 */
export class AksCluster extends Construct {
  public readonly resource: KubernetesCluster;
  public readonly name: string;
  public readonly resourceGroupName: string;
  public readonly location: string;
  public readonly identity: ClusterIdentity;
  /** The control plane's principal: grant it roles on resources outside the node resource group. */
  public readonly controlPlanePrincipal: IPrincipal;
  /** The kubelet's principal (AKS-made or brought): the one that pulls images. */
  public readonly kubeletPrincipal: IPrincipal;
  public readonly nodePoolNames: readonly string[];
  /** The node pools beyond the default one, each its own resource. */
  public readonly nodePools: KubernetesClusterNodePool[] = [];
  public readonly grants: RoleGrant[] = [];
  /** The node resource group AKS manages (`MC_...`). */
  public readonly nodeResourceGroup: string;
  public readonly nodeResourceGroupId: string;
  /** The add-on identities AKS creates, each a principal, and the grants made to them. */
  public readonly addons: ClusterAddons;

  private readonly outputPrefix: string;
  private readonly dependencies = new Set<ITerraformDependable>();
  /** The cluster's Azure identity (resource group + name), case-insensitive as ARM is. */
  private readonly azureNameKey: string;

  constructor(scope: Construct, id: string, props: AksClusterProps = {}) {
    super(scope, id);
    const path = this.node.path;
    validateTerraformName(this, id);
    this.name = props.name ?? id;
    validateName(path, "name", this.name, NAME_RULES.cluster);
    this.identity = props.identity ?? ClusterIdentity.systemAssigned();
    validateIdentity(path, this.identity, props.kubeletIdentity);
    const network = props.network ?? {};
    validateNetwork(path, this.identity, network);

    const rg = this.resolveResourceGroup(props);
    this.resourceGroupName = rg.name;
    this.azureNameKey = `${resourceGroupKey(props, this.name)}/${isLiteral(this.name) ? this.name.toLowerCase() : this.name}`;
    const named = CLUSTERS_BY_AZURE_NAME.of(this);
    const twin = named.get(this.azureNameKey);
    if (twin) {
      throw new AksIdentityError({
        path,
        prop: "name",
        received: this.name,
        problem: `The AksCluster ${twin.node.path} is already named ${JSON.stringify(twin.name)} in the same resource group; Azure names are case-insensitive, so the second create would fail (and with default resource groups, so would the second ${JSON.stringify(`${this.name}-rg`)}).`,
        fix: "give each cluster its own name (or its own resource group).",
      });
    }
    named.set(this.azureNameKey, this);
    this.location = props.location ?? rg.location;
    validateName(path, "location", this.location, NAME_RULES.location);
    const dnsPrefix = props.dnsPrefix ?? defaultDnsPrefix(this.name);
    validateName(path, "dnsPrefix", dnsPrefix, NAME_RULES.dnsPrefix);

    const pool = { ...DEFAULT_NODE_POOL, ...props.defaultNodePool };
    validateNodePool(path, "defaultNodePool", pool);
    expectArray(path, "additionalNodePools", props.additionalNodePools, "[{ name: \"pool2\", vmSize: \"Standard_D4s_v5\" }]");
    expectArray(path, "containerRegistries", props.containerRegistries, "[registry] or [\"/subscriptions/.../registries/myacr\"]");
    const extraPools = (props.additionalNodePools ?? []).map((p, i) => {
      validateNodePool(path, `additionalNodePools[${i}]`, p);
      return { ...DEFAULT_NODE_POOL, ...p, name: p.name! };
    });
    this.nodePoolNames = [pool.name, ...extraPools.map((p) => p.name)];
    const duplicate = this.nodePoolNames.find((n, i) => this.nodePoolNames.indexOf(n) !== i);
    if (duplicate) {
      throw new AksIdentityError({
        path,
        prop: "additionalNodePools",
        received: duplicate,
        problem: "Node pool names must be unique in a cluster.",
        fix: "give each pool its own name.",
      });
    }

    const subnetId = network.subnet !== undefined ? scopeId(network.subnet) : undefined;
    const routeTableId = network.routeTable !== undefined ? scopeId(network.routeTable) : undefined;
    if (network.dockerBridgeCidr !== undefined) {
      Annotations.of(this).addWarning(
        `[${path}] network.dockerBridgeCidr (${JSON.stringify(network.dockerBridgeCidr)}) is ignored: AKS no longer uses the docker bridge and azurerm 4 removed docker_bridge_cidr. Remove the prop.`,
      );
    }

    const config: KubernetesClusterConfig = {
      name: this.name,
      location: this.location,
      resourceGroupName: this.resourceGroupName,
      dnsPrefix,
      kubernetesVersion: props.kubernetesVersion,
      defaultNodePool: { name: pool.name, vmSize: pool.vmSize, nodeCount: pool.nodeCount, vnetSubnetId: subnetId },
      ...identityConfig(this.identity, props.kubeletIdentity),
      networkProfile: networkProfileConfig(network),
      tags: props.tags,
      ...addonsConfig({ scope: this, path, clusterName: this.name, network }, props.addons),
    };
    this.resource = new KubernetesCluster(this, "Resource", config);
    this.nodeResourceGroup = this.resource.nodeResourceGroup;
    this.nodeResourceGroupId = this.resource.nodeResourceGroupId;

    for (const p of extraPools) {
      this.nodePools.push(new KubernetesClusterNodePool(this, `NodePool-${p.name}`, {
        name: p.name,
        kubernetesClusterId: this.resource.id,
        vmSize: p.vmSize,
        nodeCount: p.nodeCount,
        vnetSubnetId: subnetId,
      }));
    }

    this.controlPlanePrincipal = this.makeControlPlanePrincipal();
    this.kubeletPrincipal = this.makeKubeletPrincipal(props.kubeletIdentity);

    if (props.kubeletIdentity) {
      this.grantControlPlane("KubeletIdentityOperator", Roles.MANAGED_IDENTITY_OPERATOR, props.kubeletIdentity.id,
        "control plane assigns the bring-your-own kubelet identity to the nodes; must exist before the cluster (CustomKubeletIdentityMissingPermissionError)");
    }
    if (subnetId !== undefined) {
      // A system-assigned identity with a custom subnet is guardrail AKSID005's warning (reported once, there).
      this.grantControlPlane("SubnetNetworkContributor", Roles.NETWORK_CONTRIBUTOR, network.subnet!,
        "control plane manages load balancers and IPs in the cluster's custom subnet");
    }
    if (routeTableId !== undefined) {
      this.grantControlPlane("RouteTableNetworkContributor", Roles.NETWORK_CONTRIBUTOR, network.routeTable!,
        "control plane writes routes to the bring-your-own route table (outbound type userDefinedRouting)");
    }
    if (network.routeTableAssociation !== undefined) {
      this.dependOn(network.routeTableAssociation);
    } else if (subnetId !== undefined && routeTableId !== undefined) {
      this.dependOn(new SubnetRouteTableAssociation(this, "RouteTableAssociation", { subnetId, routeTableId }));
    }
    for (const registry of props.containerRegistries ?? []) this.attachContainerRegistry(registry);

    this.outputPrefix = this.uniqueOutputPrefix(id);
    this.addOutputs();
    this.addons = new ClusterAddons(this, props.addons, this.outputPrefix);
    if (props.guardrails ?? true) applyGuardrails(TerraformStack.of(this));
  }

  /**
   * Grants the control-plane identity a role. Before the cluster when the identity exists
   * independently (user-assigned, service principal); after it for a system-assigned one.
   */
  public grantControlPlane(id: string, role: BuiltInRole, scope: GrantScope, reason: string): RoleGrant {
    return this.addGrant(id, this.controlPlanePrincipal, role, scope, reason);
  }

  /** Grants the kubelet identity a role (for example AcrPull, Key Vault reader roles). */
  public grantKubelet(id: string, role: BuiltInRole, scope: GrantScope, reason: string): RoleGrant {
    return this.addGrant(id, this.kubeletPrincipal, role, scope, reason);
  }

  /** Grants an add-on identity a role: always after the cluster, which creates the identity. */
  public grantAddon(id: string, addon: IPrincipal, role: BuiltInRole, scope: GrantScope, reason: string): RoleGrant {
    return this.addGrant(id, addon, role, scope, reason);
  }

  /** The article's "your own VNet": Network Contributor on the VNet (or a subnet of it). */
  public grantOnVirtualNetwork(vnet: GrantScope, key?: string): RoleGrant {
    validateScope(this.node.path, "grantOnVirtualNetwork", vnet, ["Microsoft.Network/virtualNetworks", "Microsoft.Network/virtualNetworks/subnets"], EXAMPLE_IDS.virtualNetwork);
    return this.addGrant(`VnetNetworkContributor-${scopeKey(this, "grantOnVirtualNetwork", vnet, key)}`, this.controlPlanePrincipal, Roles.NETWORK_CONTRIBUTOR, vnet,
      "control plane manages load balancers and IPs in your own VNet, outside the node resource group", "grantOnVirtualNetwork");
  }

  /** The article's "static IP": Network Contributor on the resource group of a public IP outside the node resource group. */
  public grantOnStaticIpResourceGroup(resourceGroup: GrantScope, key?: string): RoleGrant {
    validateResourceGroupScope(this, "grantOnStaticIpResourceGroup", resourceGroup);
    return this.addGrant(`StaticIpNetworkContributor-${scopeKey(this, "grantOnStaticIpResourceGroup", resourceGroup, key)}`, this.controlPlanePrincipal, Roles.NETWORK_CONTRIBUTOR, resourceGroup,
      "control plane attaches the static public IP in this resource group to the cluster's load balancer", "grantOnStaticIpResourceGroup");
  }

  /** The article's "attached Azure disk": Contributor on the resource group holding disks outside the node resource group. */
  public grantOnDiskResourceGroup(resourceGroup: GrantScope, key?: string): RoleGrant {
    validateResourceGroupScope(this, "grantOnDiskResourceGroup", resourceGroup);
    return this.addGrant(`DiskContributor-${scopeKey(this, "grantOnDiskResourceGroup", resourceGroup, key)}`, this.controlPlanePrincipal, Roles.CONTRIBUTOR, resourceGroup,
      "control plane attaches and detaches the managed disks in this resource group", "grantOnDiskResourceGroup");
  }

  /** `--attach-acr`: AcrPull for the kubelet identity, never the control-plane identity. */
  public attachContainerRegistry(registry: GrantScope, key?: string): RoleGrant {
    validateScope(this.node.path, "containerRegistries", registry, "Microsoft.ContainerRegistry/registries", EXAMPLE_IDS.registry);
    return this.addGrant(`AcrPull-${scopeKey(this, "containerRegistries", registry, key)}`, this.kubeletPrincipal, Roles.ACR_PULL, registry,
      "kubelet pulls images from this registry (az aks --attach-acr)", "containerRegistries");
  }

  /** Makes the cluster wait for something it needs at creation. */
  public dependOn(target: ITerraformDependable): void {
    if (this.dependencies.has(target)) return;
    this.dependencies.add(target);
    // dependable() renders a bare address; Terraform rejects "${...}" (what `fqn` gives) in depends_on.
    this.resource.dependsOn = [...(this.resource.dependsOn ?? []), dependable(target)];
  }

  /**
   * One role assignment per (principal, role, scope) in a stack: Azure rejects a second one
   * (RoleAssignmentExists) after the apply has started, so asking again returns the first.
   */
  private addGrant(id: string, principal: IPrincipal, role: BuiltInRole, scope: GrantScope, reason: string, prop = "id"): RoleGrant {
    const key = `${principal.principalId}|${role.guid}|${grantScopeKey(scope)}`;
    const grantsInStack = GRANTS_BY_STACK.of(this);
    const existing = grantsInStack.get(key);
    if (existing) {
      if (!this.grants.includes(existing)) this.grants.push(existing);
      if (this.grantComesFirst(principal, scope)) this.dependOn(existing.assignment);
      return existing;
    }
    if (this.node.tryFindChild(id) !== undefined) {
      throw new AksIdentityError({
        path: this.node.path,
        prop,
        received: id,
        problem: `The grant id ${JSON.stringify(id)} is already used in this cluster, by a grant on another scope or role (or another child construct).`,
        fix: "pass a distinct key (the last argument of the grant helper), e.g. the resource group and name of the scope.",
      });
    }
    if (principal.principalId === "") {
      throw new AksIdentityError({
        path: this.node.path,
        prop: "identity.servicePrincipal.objectId",
        received: undefined,
        problem: `Granting ${role.name} to the service principal (${id}) needs its object ID; the client ID is not a principal ID.`,
        fix: "pass objectId (az ad sp show --id <clientId> --query id), or migrate the cluster to a managed identity.",
      });
    }
    const first = this.grantComesFirst(principal, scope);
    const g = new RoleGrant(this, id, {
      principal,
      role,
      scope,
      reason: `${reason}. Principal: ${principal.description}. ${first ? "Granted before the cluster is created." : "Granted after the cluster is created."}`,
    });
    this.grants.push(g);
    grantsInStack.set(key, g);
    if (first) this.dependOn(g.assignment);
    return g;
  }

  /**
   * A grant to a principal that exists before the cluster is made before it, unless its
   * scope is the cluster or something the cluster creates (its node resource group): then
   * the reference already orders it after, and depends_on would be a cycle.
   */
  private grantComesFirst(principal: IPrincipal, scope: GrantScope): boolean {
    if (!principal.existsBeforeCluster) return false;
    const id = scopeId(scope);
    if (!Token.isUnresolved(id)) return true;
    const resolved = String(resolveTokens(this, id));
    return !resolved.includes(`${this.resource.terraformResourceType}.${this.resource.friendlyUniqueId}.`);
  }

  private resolveResourceGroup(props: AksClusterProps): { name: string; location: string } {
    if (props.resourceGroup) return props.resourceGroup;
    const location = props.location ?? DEFAULT_LOCATION;
    const rg = new ResourceGroup(this, "ResourceGroup", { name: `${this.name}-rg`, location });
    return { name: rg.name, location };
  }

  private makeControlPlanePrincipal(): IPrincipal {
    const base = { principalType: "ServicePrincipal" as const, role: "control-plane" as const };
    const what = `control-plane identity of ${this.name}`;
    switch (this.identity.type) {
      case "SystemAssigned":
        return { ...base, principalId: this.resource.identity.principalId, isManagedIdentity: true, existsBeforeCluster: false,
          description: `system-assigned ${what}` };
      case "UserAssigned": {
        const uai = this.identity.userAssignedIdentity!;
        return { ...base, principalId: uai.principalId, isManagedIdentity: true, existsBeforeCluster: true,
          description: `user-assigned ${what}${isLiteral(uai.name) ? ` (${uai.name})` : ""}` };
      }
      case "ServicePrincipal":
        return { ...base, principalId: this.identity.servicePrincipal!.objectId ?? "", isManagedIdentity: false, existsBeforeCluster: true,
          description: `service principal of ${this.name}` };
    }
  }

  private makeKubeletPrincipal(byo?: IUserAssignedIdentity): IPrincipal {
    const base = { principalType: "ServicePrincipal" as const, role: "kubelet" as const };
    if (byo) {
      return { ...base, principalId: byo.principalId, isManagedIdentity: true, existsBeforeCluster: true,
        description: `bring-your-own kubelet identity of ${this.name}${isLiteral(byo.name) ? ` (${byo.name})` : ""}` };
    }
    if (this.identity.type === "ServicePrincipal") {
      // A service-principal cluster's kubelets authenticate as the service principal.
      return { ...this.controlPlanePrincipal, role: "kubelet", description: `service principal of ${this.name} (used by its kubelets)` };
    }
    return { ...base, principalId: this.resource.kubeletIdentity.objectId, isManagedIdentity: true, existsBeforeCluster: false,
      description: `kubelet identity of ${this.name} (${this.name}-agentpool, made by AKS)` };
  }

  private uniqueOutputPrefix(id: string): string {
    const prefix = id.replace(/[^A-Za-z0-9_]/g, "_");
    const taken = OUTPUT_PREFIXES.of(this);
    if (taken.has(prefix)) {
      throw new AksIdentityError({
        path: this.node.path,
        prop: "id",
        received: id,
        problem: `Another AksCluster in this stack has an id that gives the same output names (${prefix}_*: characters other than letters, digits and _ become _).`,
        fix: "give each cluster a distinct construct id.",
      });
    }
    taken.set(prefix, this);
    return prefix;
  }

  /** What `az aks show` prints about identities, plus the credentials (`az aks get-credentials`). */
  private addOutputs(): void {
    const r = this.resource;
    const out = (name: string, value: unknown, description: string, sensitive = false) => {
      const o = new TerraformOutput(this, `Output-${name}`, { value, description, sensitive });
      o.overrideLogicalId(`${this.outputPrefix}_${name}`);
      return o;
    };
    const uaId = this.identity.userAssignedIdentity?.id;
    out("control_plane_identity", this.identity.type === "ServicePrincipal"
      ? { type: "ServicePrincipal", client_id: this.identity.servicePrincipal!.clientId }
      : {
        type: this.identity.type,
        principal_id: this.identity.type === "SystemAssigned" ? r.identity.principalId : this.controlPlanePrincipal.principalId,
        tenant_id: this.identity.type === "SystemAssigned" ? r.identity.tenantId : this.identity.userAssignedIdentity!.tenantId,
        user_assigned_identity_ids: uaId ? [uaId] : [],
      },
    "az aks show --query identity");
    out("service_principal_client_id", this.identity.type === "ServicePrincipal" ? this.identity.servicePrincipal!.clientId : "msi",
      "az aks show --query servicePrincipalProfile.clientId: \"msi\" for a managed-identity cluster");
    // one(): null while there is no kubelet identity (a service-principal cluster, or a migrated
    // one before its node images are upgraded); kubelet_identity[0] would fail the apply there.
    out("kubelet_identity", Fn.one(r.interpolationForAttribute("kubelet_identity")),
      "az aks show --query identityProfile.kubeletidentity: client_id, object_id, user_assigned_identity_id (null without one)");
    out("node_resource_group", r.nodeResourceGroup, "az aks show --query nodeResourceGroup");
    out("node_resource_group_id", r.nodeResourceGroupId, "resource ID of the node resource group");
    out("kube_config", r.kubeConfigRaw, "az aks get-credentials: the kubeconfig (sensitive)", true);
  }
}

function identityConfig(identity: ClusterIdentity, kubelet?: IUserAssignedIdentity): Partial<KubernetesClusterConfig> {
  const kubeletIdentity = kubelet
    ? { clientId: kubelet.clientId, objectId: kubelet.principalId, userAssignedIdentityId: kubelet.id }
    : undefined;
  switch (identity.type) {
    case "SystemAssigned":
      return { identity: { type: "SystemAssigned" } };
    case "UserAssigned":
      return { identity: { type: "UserAssigned", identityIds: [identity.userAssignedIdentity!.id] }, kubeletIdentity };
    case "ServicePrincipal":
      return { servicePrincipal: { clientId: identity.servicePrincipal!.clientId, clientSecret: identity.servicePrincipal!.clientSecret } };
  }
}

function networkProfileConfig(network: ClusterNetworkProps): KubernetesClusterConfig["networkProfile"] {
  const custom = network.subnet !== undefined || network.serviceCidr !== undefined || network.dnsServiceIp !== undefined ||
    network.outboundType !== undefined || network.plugin !== undefined;
  if (!custom) return undefined;
  return {
    networkPlugin: network.plugin ?? "azure",
    serviceCidr: network.serviceCidr,
    dnsServiceIp: network.dnsServiceIp,
    outboundType: network.outboundType,
  };
}

function validateIdentity(path: string, identity: ClusterIdentity, kubelet?: IUserAssignedIdentity): void {
  if (!(identity instanceof ClusterIdentity)) {
    // Only the value's kind is echoed: a hand-built object may carry a client secret.
    throw new AksIdentityError({
      path,
      prop: "identity",
      received: `a value of type ${identity === null ? "null" : typeof identity}, not a ClusterIdentity`,
      problem: "Expected a ClusterIdentity.",
      fix: "use ClusterIdentity.systemAssigned(), ClusterIdentity.userAssigned(identity) or ClusterIdentity.servicePrincipal({...}).",
    });
  }
  if (identity.type === "UserAssigned") {
    const uai = identity.userAssignedIdentity;
    if (!uai || typeof uai.id !== "string") {
      throw new AksIdentityError({
        path,
        prop: "identity",
        received: uai,
        problem: "ClusterIdentity.userAssigned needs a user-assigned identity.",
        fix: "pass new UserAssignedIdentity(...) or UserAssignedIdentity.fromResourceId(...).",
      });
    }
    validateResourceId(path, "identity (user-assigned identity id)", uai.id, "Microsoft.ManagedIdentity/userAssignedIdentities", EXAMPLE_IDS.identity);
  }
  if (identity.type === "ServicePrincipal") {
    const sp = identity.servicePrincipal!;
    if (typeof sp.clientId !== "string" || (isLiteral(sp.clientId) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sp.clientId))) {
      throw new AksIdentityError({
        path,
        prop: "identity.servicePrincipal.clientId",
        received: sp.clientId,
        problem: "Expected the application (client) ID, a GUID.",
        fix: "pass the appId that `az ad sp create-for-rbac` printed, or a reference to it.",
      });
    }
    if (sp.objectId !== undefined) {
      validateGuid(path, "identity.servicePrincipal.objectId", sp.objectId, "service principal's object (principal) ID",
        "pass the id that `az ad sp show --id <appId> --query id` prints (not the appId), or a reference to it.");
    }
    if (typeof sp.clientSecret !== "string" || !Token.isUnresolved(sp.clientSecret)) {
      throw new AksIdentityError({
        path,
        prop: "identity.servicePrincipal.clientSecret",
        received: sp.clientSecret === undefined ? undefined : "<a literal string, not shown>",
        problem: "The secret must be a token so it never lands in plaintext in cdk.tf.json.",
        fix: "pass a sensitive TerraformVariable (new TerraformVariable(this, \"sp_secret\", { type: \"string\", sensitive: true }).stringValue) or a Key Vault secret lookup's value.",
      });
    }
  }
  if (kubelet !== undefined) {
    if (identity.type !== "UserAssigned") {
      throw new AksIdentityError({
        path,
        prop: "kubeletIdentity",
        received: `a kubelet identity with a ${identity.type} control plane`,
        problem: "A bring-your-own kubelet identity needs a user-assigned control-plane identity (AKS rejects it otherwise).",
        fix: "set identity: ClusterIdentity.userAssigned(controlPlaneIdentity), or drop kubeletIdentity and let AKS create one.",
      });
    }
    if (typeof kubelet.id !== "string" || typeof kubelet.clientId !== "string" || typeof kubelet.principalId !== "string") {
      throw new AksIdentityError({
        path,
        prop: "kubeletIdentity",
        received: kubelet,
        problem: "The kubelet identity needs its id, clientId and principalId (all three kubelet_identity fields).",
        fix: "pass a UserAssignedIdentity, or UserAssignedIdentity.fromAttributes({ id, clientId, principalId }).",
      });
    }
    validateResourceId(path, "kubeletIdentity.id", kubelet.id, "Microsoft.ManagedIdentity/userAssignedIdentities", EXAMPLE_IDS.identity);
    if (isLiteral(kubelet.id) && isLiteral(identity.userAssignedIdentity!.id) && kubelet.id.toLowerCase() === identity.userAssignedIdentity!.id.toLowerCase()) {
      throw new AksIdentityError({
        path,
        prop: "kubeletIdentity",
        received: kubelet.id,
        problem: "The kubelet identity must differ from the control-plane identity.",
        fix: "create a second identity for the kubelet.",
      });
    }
  }
}

function expectArray(path: string, prop: string, value: unknown, example: string): void {
  if (value !== undefined && !Array.isArray(value)) {
    throw new AksIdentityError({ path, prop, received: value, problem: "Expected an array.", fix: `wrap it in brackets, e.g. ${example}.` });
  }
}

/** Identifies the cluster's resource group for name clashes: its literal name (case-insensitive), else the construct or token. */
function resourceGroupKey(props: AksClusterProps, clusterName: string): string {
  const rg = props.resourceGroup;
  if (rg === undefined) return `${clusterName}-rg`.toLowerCase();
  const name = rg instanceof ResourceGroup ? rg.nameInput : rg.name;
  if (isLiteral(name)) return name.toLowerCase();
  return rg instanceof ResourceGroup ? `construct:${rg.node.path}` : String(name);
}

/** The allowed value a wrongly cased one meant, as azurerm compares case-sensitively. */
function enumFix(allowed: readonly string[], value: unknown): string {
  const meant = typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase()) : undefined;
  return meant ? `use ${JSON.stringify(meant)} (azurerm rejects other casings).` : "use one of the allowed values.";
}

function validateNetwork(path: string, identity: ClusterIdentity, network: ClusterNetworkProps): void {
  if (network.plugin !== undefined && !NETWORK_PLUGINS.includes(network.plugin)) {
    throw new AksIdentityError({
      path,
      prop: "network.plugin",
      received: network.plugin,
      problem: `Allowed: ${NETWORK_PLUGINS.map((p) => JSON.stringify(p)).join(", ")} (lowercase, as azurerm expects).`,
      fix: enumFix(NETWORK_PLUGINS, network.plugin),
    });
  }
  if (network.outboundType !== undefined && !OUTBOUND_TYPES.includes(network.outboundType)) {
    throw new AksIdentityError({
      path,
      prop: "network.outboundType",
      received: network.outboundType,
      problem: `Allowed: ${OUTBOUND_TYPES.map((p) => JSON.stringify(p)).join(", ")} (camelCase, as azurerm expects).`,
      fix: enumFix(OUTBOUND_TYPES, network.outboundType),
    });
  }
  if (network.subnet !== undefined) {
    validateScope(path, "network.subnet", network.subnet, "Microsoft.Network/virtualNetworks/subnets", EXAMPLE_IDS.subnet);
  }
  if (network.routeTable !== undefined) {
    validateScope(path, "network.routeTable", network.routeTable, "Microsoft.Network/routeTables", EXAMPLE_IDS.routeTable);
    if (network.subnet === undefined) {
      throw new AksIdentityError({
        path,
        prop: "network.routeTable",
        received: scopeId(network.routeTable),
        problem: "A route table applies to the cluster's custom subnet.",
        fix: "set network.subnet to the subnet the route table is associated with.",
      });
    }
  }
  if (network.outboundType === "userDefinedRouting") {
    if (identity.type === "SystemAssigned") {
      throw new AksIdentityError({
        path,
        prop: "network.outboundType",
        received: "userDefinedRouting with a system-assigned identity",
        problem: "With outbound type userDefinedRouting the control plane needs Network Contributor on the route table before the cluster is created, which a system-assigned identity cannot have.",
        fix: "create a UserAssignedIdentity and pass identity: ClusterIdentity.userAssigned(identity) (the article's 'Bring your own control plane MI').",
      });
    }
    // The route table itself is needed, not only its association: the control plane needs Network Contributor on it.
    if (network.subnet === undefined || network.routeTable === undefined) {
      throw new AksIdentityError({
        path,
        prop: "network",
        received: { outboundType: "userDefinedRouting", subnet: network.subnet !== undefined, routeTable: network.routeTable !== undefined },
        problem: "Outbound type userDefinedRouting needs a custom subnet whose route table sends egress to your firewall or NVA.",
        fix: "set network.subnet and network.routeTable (the cluster creates and waits for the association).",
      });
    }
  }
  let serviceCidr;
  if (isLiteral(network.serviceCidr)) {
    serviceCidr = parseCidr(network.serviceCidr);
    if (!serviceCidr || serviceCidr.prefix < 12 || serviceCidr.prefix > 30) {
      throw new AksIdentityError({
        path,
        prop: "network.serviceCidr",
        received: network.serviceCidr,
        problem: "Expected an IPv4 network in CIDR form with a prefix from /12 to /30 and no host bits set, like \"10.0.0.0/16\".",
        fix: "fix the address or prefix.",
      });
    }
  }
  if (isLiteral(network.dnsServiceIp)) {
    const ip = parseIpv4(network.dnsServiceIp);
    if (ip === undefined) {
      throw new AksIdentityError({
        path,
        prop: "network.dnsServiceIp",
        received: network.dnsServiceIp,
        problem: "Expected an IPv4 address like \"10.0.0.10\".",
        fix: "fix the address.",
      });
    }
    if (serviceCidr && (!cidrContains(serviceCidr, ip) || ip - serviceCidr.network < 2 || ip === serviceCidr.network + serviceCidr.size - 1)) {
      throw new AksIdentityError({
        path,
        prop: "network.dnsServiceIp",
        received: network.dnsServiceIp,
        problem: `It must be inside serviceCidr ${network.serviceCidr}, not its network, first (the kubernetes service) or broadcast address.`,
        fix: "pick an address such as the .10 of the service CIDR.",
      });
    }
  }
  if ((network.serviceCidr === undefined) !== (network.dnsServiceIp === undefined)) {
    throw new AksIdentityError({
      path,
      prop: network.serviceCidr === undefined ? "network.serviceCidr" : "network.dnsServiceIp",
      received: undefined,
      problem: "serviceCidr and dnsServiceIp go together (azurerm requires both or neither).",
      fix: "set both, e.g. serviceCidr \"10.0.0.0/16\" and dnsServiceIp \"10.0.0.10\".",
    });
  }
}

/**
 * A cluster name is allowed underscores, a leading digit and 63 characters; a DNS prefix is
 * not. Names that are already valid prefixes are kept as they are (dns_prefix forces replacement).
 */
export function defaultDnsPrefix(name: string): string {
  if (!isLiteral(name) || (NAME_RULES.dnsPrefix.pattern.test(name) && name.length <= NAME_RULES.dnsPrefix.max)) return name;
  const cleaned = name.replace(/[^A-Za-z0-9-]/g, "-");
  return (/^[A-Za-z]/.test(cleaned) ? cleaned : `a${cleaned}`).slice(0, NAME_RULES.dnsPrefix.max).replace(/-+$/, "");
}

function validateNodePool(path: string, prop: string, pool: NodePoolProps): void {
  validateName(path, `${prop}.name`, pool.name, NAME_RULES.nodePool);
  if (pool.nodeCount !== undefined && !Token.isUnresolved(pool.nodeCount) && (!Number.isInteger(pool.nodeCount) || pool.nodeCount < 1 || pool.nodeCount > 1000)) {
    throw new AksIdentityError({
      path,
      prop: `${prop}.nodeCount`,
      received: pool.nodeCount,
      problem: "Allowed: a whole number from 1 to 1000.",
      fix: "set a node count in range.",
    });
  }
  if (pool.vmSize !== undefined && isLiteral(pool.vmSize) && !/^Standard_[A-Za-z0-9_]+$/.test(pool.vmSize)) {
    throw new AksIdentityError({
      path,
      prop: `${prop}.vmSize`,
      received: pool.vmSize,
      problem: "Expected an Azure VM size like \"Standard_DS2_v2\".",
      fix: "use a size from `az vm list-sizes -l <region>`.",
    });
  }
}

function validateResourceGroupScope(cluster: AksCluster, prop: string, scope: GrantScope): void {
  validateScope(cluster.node.path, prop, scope, "resourceGroup", EXAMPLE_IDS.resourceGroup);
}

const GRANTS_BY_STACK = new StackRegistry<RoleGrant>();

/** Identifies a scope: a construct by path, a literal ID case-insensitively (as Azure does), a token as given. */
function grantScopeKey(scope: GrantScope): string {
  if (typeof scope !== "string" && scope instanceof Construct) return `construct:${scope.node.path}`;
  const id = scopeId(scope);
  return isLiteral(id) ? id.toLowerCase() : id;
}

/** A stable construct-id key for a grant: given, the construct's id, or the resource's name. */
function scopeKey(cluster: AksCluster, prop: string, scope: GrantScope, key?: string): string {
  if (key !== undefined) return key;
  if (typeof scope !== "string" && scope instanceof Construct) return scope.node.id;
  const id = scopeId(scope);
  if (isLiteral(id)) {
    const parsed = parseResourceId(id);
    const name = parsed?.name ?? parsed?.resourceGroup;
    if (name) return name;
  }
  throw new AksIdentityError({
    path: cluster.node.path,
    prop,
    received: id,
    problem: "A grant on a scope known only at apply time needs a static key, so its Terraform address does not depend on the order of calls.",
    fix: "pass a key, e.g. cluster.attachContainerRegistry(registryId, \"shared-acr\").",
  });
}
