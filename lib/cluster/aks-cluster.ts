import { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
import { Annotations, ITerraformDependable, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { addonEnabledIn } from "../addons/addon";
import { AddonsProps } from "../addons/all";
import { addonsConfig, ClusterAddons } from "../addons/cluster-addons";
import { CONTROL_PLANE_GRANTS } from "../catalog/control-plane";
import { KUBELET_GRANTS } from "../catalog/kubelet";
import { applyGuardrails } from "../checks/aspect";
import { IGrantable, IPrincipal } from "../grants/principal";
import { RoleGrant } from "../grants/role-grant";
import { GrantScope, scopeId } from "../grant-scope";
import { ClusterIdentity } from "../identities/cluster-identity";
import { IUserAssignedManagedIdentity } from "../identities/user-assigned-managed-identity";
import { namedOutput, OutputNames } from "../private/outputs";
import { unquoteHclReferences } from "../private/hcl-references";
import { NAME_RULES, validateName, validateTerraformName } from "../private/validate";
import { LeastPrivilegeRolesProps, validateLeastPrivilegeRoles } from "../grants/custom-role";
import { KubernetesAccessRole } from "../catalog/kubernetes-access";
import { ApiServerProps, apiServerConfig, grantApiServer, validateApiServer } from "./api-server";
import { ClusterConfigProps, mergeClusterConfig, validateClusterConfig, validateMergedNetwork } from "./cluster-config";
import { ClusterGrants } from "./cluster-grants";
import { guardCreationDependencies, RequireDependency } from "./creation-dependencies";
import { ClusterKubeConfig, IAksCluster } from "./cluster-interface";
import { addClusterOutputs } from "./cluster-outputs";
import { AksClusterAttributes, ImportedAksCluster } from "./imported-cluster";
import { ClusterNetworkProps, networkProfileConfig, validateNetwork } from "./network";
import { grantControlPlane, NetworkGrantContext } from "./network-grants";
import { createNodePools, defaultNodePoolConfig, DefaultNodePoolProps, grantNodePools, NodePoolProps, resolveNodePools } from "./node-pools";
import { applyOutbound, loadBalancerConfig, validateOutbound, withLoadBalancer } from "./outbound";
import { grantPrivateCluster, PrivateClusterProps, privateClusterConfig, resolvePrivateCluster } from "./private-cluster";
import { controlPlanePrincipal, identityConfig, kubeletPrincipal } from "./principals";
import { ClusterSecurityProps, securityConfig, securityGrants } from "./security";
import { EntraIdProps, entraAuthentication } from "./entra-id";
import { validateKmsNetworkAccess } from "./kms";
import { grantKubernetesAccess, KubernetesAccessGrant, KubernetesAccessOptions } from "./kubernetes-access";
import { claimAzureName, defaultDnsPrefix, expectArray, ResourceGroupRef, validateIdentity } from "./validate";

/** The article's region. */
export const DEFAULT_LOCATION = "westus2";

const OUTPUTS = new OutputNames("AksCluster");

export interface AksClusterProps extends ClusterSecurityProps {
  /** @default the construct id */
  readonly name?: string;
  /**
   * Where the cluster lives (`-g`). A resource group construct or its name and location.
   * @default - a new resource group named `<name>-rg` in `location`
   */
  readonly resourceGroup?: ResourceGroupRef;
  /** @default the resource group's location, else "westus2" */
  readonly location?: string;
  /**
   * @default the cluster name when it is a valid DNS prefix; otherwise the name made one
   * (underscores become hyphens, a leading digit gets an "a", cut to 54 characters), as `az aks create` does
   */
  readonly dnsPrefix?: string;
  /** @default - AKS's default version */
  readonly kubernetesVersion?: string;
  /**
   * Every setting of azurerm's default node pool (lib/cluster/node-pools.ts); its subnet is
   * `network.subnet`, and `temporaryNameForRotation` is set unless given.
   * @default one pool "nodepool1" of 3 Standard_DS2_v2 nodes, as `az aks create`
   */
  readonly defaultNodePool?: DefaultNodePoolProps;
  /** Further node pools, each its own resource with every setting of azurerm's node pool; each needs a name. @default - none */
  readonly additionalNodePools?: NodePoolProps[];
  /** The control-plane identity. @default ClusterIdentity.systemAssigned() */
  readonly identity?: ClusterIdentity;
  /**
   * Bring-your-own kubelet identity (`--assign-kubelet-identity`). Needs a user-assigned
   * control-plane identity. Adding or changing it replaces the cluster.
   * @default - AKS creates `<name>-agentpool` in the node resource group
   */
  readonly kubeletIdentity?: IUserAssignedManagedIdentity;
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
  /** A private cluster (`--enable-private-cluster`), with its DNS zone's grants (lib/cluster/private-cluster.ts). @default - a public API server */
  readonly privateCluster?: PrivateClusterProps | boolean;
  /** API server VNet integration, with your own API server subnet's grant (lib/cluster/api-server.ts). @default - off */
  readonly apiServer?: ApiServerProps;
  /**
   * Opt-in: grant custom roles with only the actions the AKS docs list (subnets: join and read;
   * a custom private DNS zone: privateDnsZones/*) instead of Network Contributor and Private DNS
   * Zone Contributor; one role definition per stack and scope (lib/grants/custom-role.ts).
   * @default - built-in roles
   */
  readonly leastPrivilegeRoles?: LeastPrivilegeRolesProps;
  /**
   * The rest of azurerm_kubernetes_cluster (SKU tier, upgrade channels, maintenance windows,
   * network policy, overlay and Cilium, authorized IP ranges...), typed by the provider, minus
   * the keys the library sets (lib/cluster/cluster-config.ts).
   * @default - none
   */
  readonly clusterConfig?: ClusterConfigProps;
}

/**
 * An AKS cluster whose identities, role assignments and their ordering are done right:
 * grants the cluster needs at creation are created before it, grants to identities AKS
 * creates come after it, and the outputs say what `az aks show` would.
 */
export class AksCluster extends Construct implements IAksCluster {
  /** A cluster defined elsewhere (another stack or app), for workload identities and the like. */
  public static fromClusterAttributes(scope: Construct, id: string, attrs: AksClusterAttributes): IAksCluster {
    return new ImportedAksCluster(scope, id, attrs);
  }

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
  /** The grants to this cluster's identities, and where Terraform orders each. */
  public readonly grants: ClusterGrants;
  /** The node resource group AKS manages (`MC_...`). */
  public readonly nodeResourceGroup: string;
  public readonly nodeResourceGroupId: string;
  /** The add-on identities AKS creates, each a principal, and the grants made to them. */
  public readonly addons: ClusterAddons;
  /** Microsoft Entra ID integration, as given. */
  public readonly entraId?: EntraIdProps;

  private readonly requireDependency: RequireDependency;

  constructor(scope: Construct, id: string, props: AksClusterProps = {}) {
    super(scope, id);
    const path = this.node.path;
    validateTerraformName(this, id);
    this.name = props.name ?? id;
    validateName(path, "name", this.name, NAME_RULES.cluster, props.name === undefined ? id : undefined);
    this.identity = props.identity ?? ClusterIdentity.systemAssigned();
    this.entraId = props.entraId;
    validateIdentity(path, this.identity, props.kubeletIdentity);
    const network = props.network ?? {};
    validateNetwork(path, this.identity, network);
    validateOutbound(path, network);
    validateClusterConfig(path, props.clusterConfig);
    validateMergedNetwork(path, props.clusterConfig, (network.outboundIps?.length ?? 0) + (network.outboundIpPrefixes?.length ?? 0) > 0);
    validateLeastPrivilegeRoles(path, props.leastPrivilegeRoles);

    const rg = this.resolveResourceGroup(props);
    this.resourceGroupName = rg.name;
    claimAzureName(this, props.resourceGroup);
    this.location = props.location ?? rg.location;
    validateName(path, "location", this.location, NAME_RULES.location);
    const dnsPrefix = props.dnsPrefix ?? defaultDnsPrefix(this.name);
    validateName(path, "dnsPrefix", dnsPrefix, NAME_RULES.dnsPrefix);

    expectArray(path, "additionalNodePools", props.additionalNodePools, "[{ name: \"pool2\", vmSize: \"Standard_D4s_v5\" }]");
    expectArray(path, "containerRegistries", props.containerRegistries, "[registry] or [\"/subscriptions/.../registries/myacr\"]");
    const pools = resolveNodePools({ path, identity: this.identity, nodeSubnet: network.subnet, networkPlugin: network.plugin }, props.defaultNodePool, props.additionalNodePools);
    this.nodePoolNames = pools.map((p) => p.name);
    const apiServerVnetIntegration = validateApiServer({ path, identity: this.identity, location: this.location, nodeSubnet: network.subnet }, props.apiServer);
    validateKmsNetworkAccess(path, props.kms, apiServerVnetIntegration);
    const privateCluster = resolvePrivateCluster({ path, identity: this.identity, location: this.location, apiServerVnetIntegration, nodeSubnet: network.subnet }, props.privateCluster);

    const subnetId = network.subnet !== undefined ? scopeId(network.subnet) : undefined;
    const routeTableId = network.routeTable !== undefined ? scopeId(network.routeTable) : undefined;
    if (network.dockerBridgeCidr !== undefined) {
      Annotations.of(this).addWarning(
        `[${path}] network.dockerBridgeCidr (${JSON.stringify(network.dockerBridgeCidr)}) is ignored: AKS no longer uses the docker bridge and azurerm 4 removed docker_bridge_cidr. Remove the prop.`,
      );
    }

    const addonContext = { scope: this, path, clusterName: this.name, nodeSubnet: network.subnet, networkPlugin: network.plugin,
      servicePrincipal: this.identity.type === "ServicePrincipal", addonEnabled: addonEnabledIn(props.addons) };
    const config: KubernetesClusterConfig = {
      name: this.name,
      location: this.location,
      resourceGroupName: this.resourceGroupName,
      dnsPrefix,
      kubernetesVersion: props.kubernetesVersion,
      defaultNodePool: defaultNodePoolConfig(pools[0]),
      ...identityConfig(this.identity, props.kubeletIdentity),
      networkProfile: withLoadBalancer(networkProfileConfig(network), loadBalancerConfig(path, network), network.plugin),
      tags: props.tags,
      ...addonsConfig(addonContext, props.addons),
      ...privateClusterConfig(privateCluster),
      apiServerAccessProfile: apiServerConfig(props.apiServer),
      ...securityConfig(path, this.identity, props),
    };
    this.resource = new KubernetesCluster(this, "Resource", mergeClusterConfig(config, props.clusterConfig, network.plugin));
    this.requireDependency = guardCreationDependencies(this.resource);
    unquoteHclReferences(this.resource);
    this.nodeResourceGroup = this.resource.nodeResourceGroup;
    this.nodeResourceGroupId = this.resource.nodeResourceGroupId;

    this.nodePools.push(...createNodePools(this, this.resource.id, pools));

    this.grants = new ClusterGrants(this);
    this.controlPlanePrincipal = controlPlanePrincipal(this.name, this.identity, this.resource);
    this.kubeletPrincipal = kubeletPrincipal(this.name, this.controlPlanePrincipal, this.identity.type === "ServicePrincipal", this.resource, props.kubeletIdentity);
    this.grants.adopt(this.controlPlanePrincipal);
    this.grants.adopt(this.kubeletPrincipal);

    const cp = this.controlPlanePrincipal;
    if (props.kubeletIdentity) {
      this.grants.fromCatalog(CONTROL_PLANE_GRANTS.KubeletIdentityOperator, cp, props.kubeletIdentity.id, CONTROL_PLANE_GRANTS.KubeletIdentityOperator.id);
    }
    const net: NetworkGrantContext = { cluster: this, grants: this.grants, controlPlane: cp, identity: this.identity, leastPrivilege: props.leastPrivilegeRoles };
    // A system-assigned identity with a custom subnet is guardrail AKSID005's warning (reported once, there).
    const subnetGrant = network.subnet === undefined ? undefined
      : grantControlPlane(net, CONTROL_PLANE_GRANTS.SubnetNetworkContributor, network.subnet, CONTROL_PLANE_GRANTS.SubnetNetworkContributor.id, "network.subnet");
    if (network.routeTable !== undefined) this.grants.fromCatalog(CONTROL_PLANE_GRANTS.RouteTableNetworkContributor, cp, network.routeTable, CONTROL_PLANE_GRANTS.RouteTableNetworkContributor.id);
    if (network.routeTableAssociation !== undefined) {
      this.dependOn(network.routeTableAssociation);
    } else if (subnetId !== undefined && routeTableId !== undefined) {
      this.dependOn(new SubnetRouteTableAssociation(this, "RouteTableAssociation", { subnetId, routeTableId }));
    }
    grantNodePools(net, pools, this.nodePools, network.subnet, subnetGrant);
    grantPrivateCluster(net, privateCluster, network.subnet);
    grantApiServer(net, props.apiServer);
    applyOutbound(this, net, network);
    for (const registry of props.containerRegistries ?? []) this.attachContainerRegistry(registry);
    securityGrants(this, props);

    const prefix = OUTPUTS.claim(this, id);
    addClusterOutputs(this, prefix, this.resource, this.identity, this.controlPlanePrincipal);
    this.addons = new ClusterAddons({
      resource: this.resource,
      servicePrincipal: this.identity.type === "ServicePrincipal" ? this.controlPlanePrincipal : undefined,
      output: (name, value, description) => namedOutput(this, `Output-${name}`, `${prefix}_${name}`, value, description),
      adopt: (identity) => this.grants.adopt(identity),
      grant: (principal, request, grantId) => this.grants.fromCatalog(request.grant, principal, request.scope, grantId),
    }, props.addons, addonContext);
    if (props.guardrails ?? true) applyGuardrails(TerraformStack.of(this));
  }

  /** The article's "your own VNet": Network Contributor on the VNet (or a subnet of it). */
  public grantOnVirtualNetwork(vnet: GrantScope, key?: string): RoleGrant {
    return this.grants.onScope(CONTROL_PLANE_GRANTS.VnetNetworkContributor, this.controlPlanePrincipal, vnet, "grantOnVirtualNetwork", key);
  }

  /** The article's "static IP": Network Contributor on the resource group of a public IP outside the node resource group. */
  public grantOnStaticIpResourceGroup(resourceGroup: GrantScope, key?: string): RoleGrant {
    return this.grants.onScope(CONTROL_PLANE_GRANTS.StaticIpNetworkContributor, this.controlPlanePrincipal, resourceGroup, "grantOnStaticIpResourceGroup", key);
  }

  /** The article's "attached Azure disk": Contributor on the resource group holding disks outside the node resource group. */
  public grantOnDiskResourceGroup(resourceGroup: GrantScope, key?: string): RoleGrant {
    return this.grants.onScope(CONTROL_PLANE_GRANTS.DiskContributor, this.controlPlanePrincipal, resourceGroup, "grantOnDiskResourceGroup", key);
  }

  /** `--attach-acr`: AcrPull for the kubelet identity, never the control-plane identity. */
  public attachContainerRegistry(registry: GrantScope, key?: string): RoleGrant {
    return this.grants.onScope(KUBELET_GRANTS.AcrPull, this.kubeletPrincipal, registry, "containerRegistries", key);
  }

  /** The cluster's resource ID. */
  public get clusterId(): string {
    return this.resource.id;
  }

  public get kubeConfig(): ClusterKubeConfig {
    const kube = this.resource.kubeConfig.get(0);
    return { host: kube.host, clientCertificate: kube.clientCertificate, clientKey: kube.clientKey, clusterCaCertificate: kube.clusterCaCertificate, entraId: entraAuthentication(this.entraId) };
  }

  /**
   * Kubernetes API access for an Entra user, group or identity (Azure RBAC for Kubernetes
   * authorization): the "Azure Kubernetes Service RBAC" role on the cluster or one namespace, and
   * the Cluster User Role that `az aks get-credentials` needs. Needs `entraId`.
   */
  public grantKubernetesAccess(principal: IGrantable, role: KubernetesAccessRole, options?: KubernetesAccessOptions): KubernetesAccessGrant {
    return grantKubernetesAccess(this, principal, role, options);
  }

  /** Turns on the OIDC issuer and workload identity (idempotent); the issuer URL. */
  public enableWorkloadIdentity(): string {
    return this.addons.enableWorkloadIdentity();
  }

  /**
   * Makes the cluster wait for something it needs at creation. Such dependencies survive any
   * assignment to `resource.dependsOn` (lib/cluster/creation-dependencies.ts).
   */
  public dependOn(target: ITerraformDependable): void {
    this.requireDependency(target);
  }

  private resolveResourceGroup(props: AksClusterProps): { name: string; location: string } {
    if (props.resourceGroup) return props.resourceGroup;
    const location = props.location ?? DEFAULT_LOCATION;
    const rg = new ResourceGroup(this, "ResourceGroup", { name: `${this.name}-rg`, location });
    return { name: rg.name, location };
  }
}
