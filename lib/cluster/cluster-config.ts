import type {
  KubernetesClusterApiServerAccessProfile, KubernetesClusterConfig, KubernetesClusterNetworkProfile, KubernetesClusterNetworkProfileLoadBalancerProfile,
} from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { AksIdentityError } from "../errors";

/**
 * The keys of azurerm's `KubernetesClusterConfig` the library sets itself, and the prop that
 * sets each: identities and their grants, the node pools, the network and API server settings
 * it grants on, the add-ons it grants for, and the meta-arguments that order the grants.
 */
const OWNED = {
  name: "name",
  location: "location",
  resourceGroupName: "resourceGroup",
  dnsPrefix: "dnsPrefix",
  dnsPrefixPrivateCluster: "dnsPrefix (azurerm takes one of dns_prefix and dns_prefix_private_cluster; the library sets dns_prefix)",
  kubernetesVersion: "kubernetesVersion",
  tags: "tags",
  identity: "identity",
  servicePrincipal: "identity (ClusterIdentity.servicePrincipal)",
  kubeletIdentity: "kubeletIdentity",
  defaultNodePool: "defaultNodePool",
  privateClusterEnabled: "privateCluster",
  privateDnsZoneId: "privateCluster.privateDnsZone",
  privateClusterPublicFqdnEnabled: "privateCluster.publicFqdn",
  aciConnectorLinux: "addons.virtualNode",
  ingressApplicationGateway: "addons.ingressApplicationGateway",
  keyVaultSecretsProvider: "addons.keyVaultSecretsProvider",
  omsAgent: "addons.monitoring",
  webAppRouting: "addons.webAppRouting",
  azurePolicyEnabled: "addons.azurePolicy",
  httpApplicationRoutingEnabled: "addons.httpApplicationRouting",
  oidcIssuerEnabled: "addons.workloadIdentity (or a WorkloadIdentity)",
  workloadIdentityEnabled: "addons.workloadIdentity (or a WorkloadIdentity)",
  keyManagementService: "kms",
  diskEncryptionSetId: "diskEncryption",
  azureActiveDirectoryRoleBasedAccessControl: "entraId",
  localAccountDisabled: "entraId.localAccountsDisabled (local accounts stay on without Entra ID: AKSID033)",
  dependsOn: "cluster.dependOn(...) (the cluster's depends_on holds its creation-time grants)",
  count: "one AksCluster per cluster",
  forEach: "one AksCluster per cluster",
} as const;

/** The keys of azurerm's KubernetesClusterConfig the library sets (network_profile and api_server_access_profile: some of their keys). */
export const OWNED_CLUSTER_KEYS: readonly string[] = Object.freeze([...Object.keys(OWNED), "networkProfile", "apiServerAccessProfile"]);

/** Keys of `network_profile` the library sets from `network`. */
const OWNED_NETWORK = {
  networkPlugin: "network.plugin",
  serviceCidr: "network.serviceCidr",
  dnsServiceIp: "network.dnsServiceIp",
  outboundType: "network.outboundType",
} as const;
const OWNED_LOAD_BALANCER = {
  outboundIpAddressIds: "network.outboundIps",
  outboundIpPrefixIds: "network.outboundIpPrefixes",
} as const;
const OWNED_API_SERVER = {
  subnetId: "apiServer.subnet",
  virtualNetworkIntegrationEnabled: "apiServer.vnetIntegration",
} as const;

/** `network_profile` minus what `network` sets: network policy, overlay (`networkPluginMode`), Cilium (`networkDataPlane`), pod CIDRs... */
export interface ClusterNetworkProfileSettings extends Omit<KubernetesClusterNetworkProfile, keyof typeof OWNED_NETWORK | "loadBalancerProfile"> {
  readonly loadBalancerProfile?: Omit<KubernetesClusterNetworkProfileLoadBalancerProfile, keyof typeof OWNED_LOAD_BALANCER>;
}

/**
 * The rest of azurerm's `azurerm_kubernetes_cluster`, typed by the provider itself: SKU tier,
 * upgrade channels, maintenance windows, auto-scaler profile, network policy, overlay and
 * Cilium, authorized IP ranges, Defender, storage profile, lifecycle... Keys the library sets
 * are left out of the type, and passing one anyway is a synth error naming the prop to use.
 */
export interface ClusterConfigProps extends Omit<KubernetesClusterConfig, keyof typeof OWNED | "networkProfile" | "apiServerAccessProfile"> {
  readonly networkProfile?: ClusterNetworkProfileSettings;
  /** `api_server_access_profile` minus what `apiServer` sets: `authorizedIpRanges`. */
  readonly apiServerAccessProfile?: Omit<KubernetesClusterApiServerAccessProfile, keyof typeof OWNED_API_SERVER>;
}

/** Checks that no owned key is passed (a JavaScript caller, or a cast, can). */
export function validateClusterConfig(path: string, config: ClusterConfigProps | undefined): void {
  if (config === undefined) return;
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new AksIdentityError({ path, prop: "clusterConfig", received: config, problem: "Expected an object of azurerm_kubernetes_cluster settings (KubernetesClusterConfig).", fix: "pass e.g. clusterConfig: { skuTier: \"Standard\" }." });
  }
  owned(path, "clusterConfig", config, OWNED);
  const network = config.networkProfile;
  if (network !== undefined) {
    owned(path, "clusterConfig.networkProfile", network, OWNED_NETWORK);
    if (network.loadBalancerProfile !== undefined) owned(path, "clusterConfig.networkProfile.loadBalancerProfile", network.loadBalancerProfile, OWNED_LOAD_BALANCER);
  }
  if (config.apiServerAccessProfile !== undefined) owned(path, "clusterConfig.apiServerAccessProfile", config.apiServerAccessProfile, OWNED_API_SERVER);
}

function owned(path: string, prop: string, value: object, keys: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(value)) {
    const use = keys[key];
    if (use === undefined) continue;
    throw new AksIdentityError({
      path,
      prop: `${prop}.${key}`,
      received: (value as Record<string, unknown>)[key],
      problem: "The library sets this itself, with the grants and ordering it needs.",
      fix: `use ${use}.`,
    });
  }
}

/**
 * The cluster's configuration: the pass-through settings, then the library's. Network and API
 * server blocks are merged key by key; a network profile that only the pass-through asks for
 * gets the library's plugin (network.plugin, "azure" by default), which azurerm requires in it.
 */
export function mergeClusterConfig(library: KubernetesClusterConfig, config: ClusterConfigProps | undefined, networkPlugin: string | undefined): KubernetesClusterConfig {
  if (config === undefined) return library;
  const { networkProfile, apiServerAccessProfile, ...rest } = config;
  const merged: KubernetesClusterConfig = { ...rest, ...definedOnly(library) } as KubernetesClusterConfig;
  if (networkProfile !== undefined) {
    const base = library.networkProfile ?? { networkPlugin: networkPlugin ?? "azure" };
    const lb = networkProfile.loadBalancerProfile === undefined && base.loadBalancerProfile === undefined ? undefined
      : { ...networkProfile.loadBalancerProfile, ...definedOnly(base.loadBalancerProfile ?? {}) };
    (merged as { networkProfile?: KubernetesClusterNetworkProfile }).networkProfile = { ...networkProfile, ...definedOnly(base), networkPlugin: base.networkPlugin, loadBalancerProfile: lb };
  }
  if (apiServerAccessProfile !== undefined) {
    (merged as { apiServerAccessProfile?: KubernetesClusterApiServerAccessProfile }).apiServerAccessProfile = { ...apiServerAccessProfile, ...definedOnly(library.apiServerAccessProfile ?? {}) };
  }
  return merged;
}

/** Conflicts between the pass-through and the library's settings that azurerm would reject. */
export function validateMergedNetwork(path: string, config: ClusterConfigProps | undefined, ownIps: boolean): void {
  const managed = config?.networkProfile?.loadBalancerProfile?.managedOutboundIpCount;
  if (ownIps && managed !== undefined) {
    throw new AksIdentityError({
      path,
      prop: "clusterConfig.networkProfile.loadBalancerProfile.managedOutboundIpCount",
      received: managed,
      problem: "Managed outbound IPs and your own outbound IPs or prefixes exclude each other (azurerm ConflictsWith; configure-load-balancer-standard.md: one outbound IP option at a time).",
      fix: "drop managedOutboundIpCount, or drop network.outboundIps / outboundIpPrefixes.",
    });
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
