import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { DiskEncryptionSet } from "@cdktf/provider-azurerm/lib/disk-encryption-set";
import { DnsZone } from "@cdktf/provider-azurerm/lib/dns-zone";
import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { KeyVaultKey } from "@cdktf/provider-azurerm/lib/key-vault-key";
import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { App, DefaultTokenResolver, Fn, StringConcat, TerraformStack, TerraformVariable, Token, Tokenization } from "cdktf";
import { NatGateway } from "@cdktf/provider-azurerm/lib/nat-gateway";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { PublicIpPrefix } from "@cdktf/provider-azurerm/lib/public-ip-prefix";
import {
  AddonsProps, AksCluster, AksClusterProps, BuiltInRole, LEAST_PRIVILEGE_ROLES, LeastPrivilegeRole, ClusterIdentity, ClusterNetworkProps, ClusterSecurityProps, externalPrincipal,
  GrantScope, IGrantable, IUserAssignedManagedIdentity, ManagedIdentityMigration, PodIdentityException, Roles,
  UserAssignedManagedIdentity, WorkloadIdentity,
} from "../../lib";
import { isLiteral } from "../../lib/private/validate";
import { ClusterSpec, ExtraGrantSpec, ScopeRef, StackSpec } from "./spec";
import { grantControlPlane } from "../helpers";

/** Add-ons whose identity azurerm exports, by the catalog's key. */
export type AddonKey = "ingressApplicationGateway" | "omsAgent" | "virtualNode" | "keyVaultSecretsProvider" | "webAppRouting";

/**
 * Who holds an expected grant: the control plane, the kubelet, an add-on identity (which AKS
 * makes with the cluster) or a workload identity (its principal ID expression, a closure).
 */
export type ExpectedPrincipal = "control-plane" | "kubelet" | { readonly addon: AddonKey } | { readonly workload: () => string }
  /** Anyone else (a disk encryption set's identity, an Entra group): its principal ID expression, and whether the cluster must wait for the grant. */
  | { readonly external: () => string; readonly beforeCluster: boolean };

/** A grant the spec says must exist, in the JSON's terms (literal or `${...}` expressions). */
export interface ExpectedGrant {
  readonly what: string;
  readonly role: BuiltInRole;
  /** Set when the grant is made with a least-privilege custom role instead of `role`. */
  readonly custom?: LeastPrivilegeRole;
  /** A further node pool (its name) that must wait for the grant too. */
  readonly pool?: string;
  /** A closure: expressions resolve only once the stack is complete. */
  readonly scope: () => string;
  readonly principal: ExpectedPrincipal;
}

/** A key vault access policy the spec says must exist (a vault without Azure RBAC). */
export interface ExpectedAccessPolicy {
  readonly what: string;
  readonly vault: () => string;
  readonly principal: "control-plane" | { readonly addon: AddonKey };
  readonly keyPermissions: readonly string[];
  readonly secretPermissions: readonly string[];
  readonly certificatePermissions: readonly string[];
}

export interface BuiltCluster {
  readonly spec: ClusterSpec;
  readonly cluster: AksCluster;
  readonly grants: ExpectedGrant[];
  /** The principal IDs the spec handed over (undefined: made by AKS with this cluster). */
  readonly controlPlanePrincipal?: string;
  readonly kubeletPrincipal?: string;
  readonly udr: boolean;
  /** userAssignedNATGateway: the cluster must wait for its subnet's NAT gateway association. */
  readonly nat: boolean;
  readonly workloads: WorkloadIdentity[];
  readonly accessPolicies: ExpectedAccessPolicy[];
  /** Container Insights is on and the library writes its data collection rule. */
  readonly dataCollectionRule: boolean;
}

export interface BuiltStack {
  readonly stack: TerraformStack;
  readonly clusters: BuiltCluster[];
}

const SUB = "11111111-2222-3333-4444-555555555555";
const rgId = (rg: string) => `/subscriptions/${SUB}/resourceGroups/${rg}`;
const arm = (rg: string, type: string) => `${rgId(rg)}/providers/${type}`;
export const IDS = {
  subnet: (i: string) => arm("rg-net", `Microsoft.Network/virtualNetworks/vnet-${i}/subnets/snet-${i}`),
  vnet: (rg: string, name: string) => arm(rg, `Microsoft.Network/virtualNetworks/${name}`),
  routeTable: (i: string) => arm("rg-net", `Microsoft.Network/routeTables/rt-${i}`),
  identity: (name: string) => arm("rg-id", `Microsoft.ManagedIdentity/userAssignedIdentities/${name}`),
  registry: (name: string) => arm("rg-acr", `Microsoft.ContainerRegistry/registries/${name}`),
  storage: (name: string) => arm("rg-acr", `Microsoft.Storage/storageAccounts/${name}`),
  privateDnsZone: (name: string) => arm("rg-dns", `Microsoft.Network/privateDnsZones/${name}.privatelink.westeurope.azmk8s.io`),
  publicIp: (name: string) => arm("rg-ip", `Microsoft.Network/publicIPAddresses/${name}`),
  subnetIn: (rg: string, vnet: string, name: string) => arm(rg, `Microsoft.Network/virtualNetworks/${vnet}/subnets/${name}`),
  gateway: (name: string) => arm("rg-agw", `Microsoft.Network/applicationGateways/${name}`),
  workspace: (name: string) => arm("rg-mon", `Microsoft.OperationalInsights/workspaces/${name}`),
  diskEncryptionSet: (name: string) => arm("rg-kv", `Microsoft.Compute/diskEncryptionSets/${name}`),
  keyVault: (name: string) => arm("rg-kv", `Microsoft.KeyVault/vaults/${name}`),
  dnsZone: (name: string) => arm("rg-dns", `Microsoft.Network/dnszones/${name}`),
  privateZone: (name: string) => arm("rg-dns", `Microsoft.Network/privateDnsZones/${name}`),
  group: rgId,
  subscription: `/subscriptions/${SUB}`,
};

/** A stable GUID per label, for literal client and object IDs. */
export function guid(label: string): string {
  let h = 2166136261;
  for (const ch of label) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const hex = h.toString(16).padStart(8, "0");
  return `${hex}-0000-4000-8000-${hex}${hex.slice(0, 4)}`;
}

/** A token as the JSON writes it (`${azurerm_x.y.attr}`); a literal as is. */
export function resolveIn(stack: TerraformStack, s: string): string {
  if (!Token.isUnresolved(s)) return s;
  return String(Tokenization.resolve(s, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) }));
}

/** Builds a spec into a fresh app's stack; throws whatever the library throws. */
export function buildStack(app: App, spec: StackSpec): BuiltStack {
  const stack = new TerraformStack(app, "prop");
  const environment = spec.clusters.map((c) => c.raw?.environment).find((e) => e !== undefined);
  new AzurermProvider(stack, "azurerm", { features: [{}], environment });
  const rg = new ResourceGroup(stack, "fx.rg", { name: "rg-prop", location: "westeurope" });
  const built: BuiltCluster[] = [];
  let sharedIdentity: UserAssignedManagedIdentity | undefined;
  const sharedSubnets = new Map<ScopeRef, GrantScope>();

  const variable = (id: string) => new TerraformVariable(stack, id, { type: "string" }).stringValue;
  const resolve = (s: string) => resolveIn(stack, s);
  const newIdentity = (id: string) => new UserAssignedManagedIdentity(stack, id, { name: id.replace(/\./g, "-"), resourceGroupName: rg.name, location: rg.location });

  const subnetScope = (i: string, ref: ScopeRef): GrantScope => {
    if (ref === "literal") return IDS.subnet(i);
    if (ref === "variable") return variable(`fx.${i}.subnet-id`);
    const vnet = new VirtualNetwork(stack, `fx.${i}.vnet`, { name: `vnet-${i}`, resourceGroupName: rg.name, location: rg.location, addressSpace: ["10.1.0.0/16"] });
    return new Subnet(stack, `fx.${i}.subnet`, { name: `snet-${i}`, resourceGroupName: rg.name, virtualNetworkName: vnet.name, addressPrefixes: ["10.1.0.0/22"] });
  };

  spec.clusters.forEach((c, n) => {
    const i = String(n);
    const raw = c.raw ?? {};
    const grants: ExpectedGrant[] = [];
    const features = c.networkFeatures ?? {};
    const leastPrivilege = features.leastPrivilege === true;
    const accessPolicies: ExpectedAccessPolicy[] = [];
    const expectPolicy = (what: string, vault: GrantScope, principal: ExpectedAccessPolicy["principal"], perms: { keys?: string[]; secrets?: string[]; certificates?: string[] }) =>
      accessPolicies.push({ what, principal, vault: () => resolve(typeof vault === "string" ? vault : vault.id), keyPermissions: perms.keys ?? [], secretPermissions: perms.secrets ?? [], certificatePermissions: perms.certificates ?? [] });
    const expect = (what: string, role: BuiltInRole, scope: GrantScope, principal: ExpectedPrincipal, more: { custom?: LeastPrivilegeRole; pool?: string } = {}) => {
      const id = typeof scope === "string" ? scope : undefined;
      const construct = typeof scope === "string" ? undefined : scope;
      grants.push({ what, role, principal, scope: () => resolve(id ?? construct!.id), ...more });
    };

    let identity: ClusterIdentity;
    let controlPlanePrincipal: string | undefined;
    let userIdentity: IUserAssignedManagedIdentity | undefined;
    switch (c.identity.kind) {
      case "system":
        identity = ClusterIdentity.systemAssigned();
        break;
      case "user":
        if (c.identity.source === "shared") userIdentity = sharedIdentity ??= newIdentity("fx.shared-identity");
        else if (c.identity.source === "new") userIdentity = newIdentity(`fx.${i}.identity`);
        else if (c.identity.source === "resourceId") userIdentity = UserAssignedManagedIdentity.fromResourceId(stack, `fx.${i}.identity`, IDS.identity(`id-${i}`));
        else userIdentity = UserAssignedManagedIdentity.fromAttributes(stack, `fx.${i}.identity`, { id: IDS.identity(`id-${i}`), clientId: guid(`client-${i}`), principalId: guid(`principal-${i}`) });
        identity = ClusterIdentity.userAssigned(userIdentity);
        controlPlanePrincipal = userIdentity.principalId;
        break;
      case "sp": {
        const objectId = c.identity.objectId ? guid(`sp-object-${i}`) : undefined;
        identity = ClusterIdentity.servicePrincipal({
          clientId: c.identity.clientId === "literal" ? guid(`sp-client-${i}`) : variable(`fx.${i}.sp-client-id`),
          clientSecret: raw.clientSecret ?? new TerraformVariable(stack, `fx.${i}.sp-secret`, { type: "string", sensitive: true }).stringValue,
          objectId,
        });
        controlPlanePrincipal = objectId;
        break;
      }
    }

    let kubeletIdentity: IUserAssignedManagedIdentity | undefined;
    if (c.kubelet === "new") kubeletIdentity = newIdentity(`fx.${i}.kubelet`);
    else if (c.kubelet === "attributes") kubeletIdentity = UserAssignedManagedIdentity.fromAttributes(stack, `fx.${i}.kubelet`, { id: IDS.identity(`kubelet-${i}`), clientId: guid(`kclient-${i}`), principalId: guid(`kprincipal-${i}`) });
    else if (c.kubelet === "same-as-control-plane") kubeletIdentity = UserAssignedManagedIdentity.fromAttributes(stack, `fx.${i}.kubelet`, { id: IDS.identity(`id-${i}`), clientId: guid(`client-${i}`), principalId: guid(`principal-${i}`) });
    if (kubeletIdentity) expect("Managed Identity Operator on the kubelet identity", Roles.MANAGED_IDENTITY_OPERATOR, kubeletIdentity.id, "control-plane");
    const kubeletPrincipal = kubeletIdentity?.principalId ?? (c.identity.kind === "sp" ? controlPlanePrincipal : undefined);

    let network: { -readonly [K in keyof ClusterNetworkProps]?: ClusterNetworkProps[K] } | undefined;
    const net = c.network;
    if (net.kind !== "none") {
      const subnet = raw.subnetId === "vnet" ? IDS.vnet("rg-net", `vnet-${i}`)
        : net.kind === "subnet" && net.shared ? sharedSubnets.get(net.subnet) ?? sharedSubnets.set(net.subnet, subnetScope("shared", net.subnet)).get(net.subnet)!
          : subnetScope(i, net.subnet);
      expect("Network Contributor on the subnet", Roles.NETWORK_CONTRIBUTOR, subnet, "control-plane", { custom: leastPrivilege ? LEAST_PRIVILEGE_ROLES.SubnetJoin : undefined });
      const s = net.services;
      const services = s ? { serviceCidr: `10.${s.octet}.0.0/${s.prefix}`, dnsServiceIp: raw.dnsServiceIp ?? `10.${s.octet}.0.10` } : {};
      if (net.kind === "subnet") {
        network = { subnet, plugin: net.plugin, ...services };
      } else {
        const routeTable = net.routeTable === "literal" ? IDS.routeTable(i) : net.routeTable === "variable" ? variable(`fx.${i}.route-table-id`)
          : new RouteTable(stack, `fx.${i}.route-table`, { name: `rt-${i}`, resourceGroupName: rg.name, location: rg.location });
        expect("Network Contributor on the route table", Roles.NETWORK_CONTRIBUTOR, routeTable, "control-plane");
        network = { subnet, routeTable, outboundType: "userDefinedRouting", plugin: raw.udrPlugin as ClusterNetworkProps["plugin"], ...services };
      }
    } else if (raw.routeTableOnly) {
      network = { routeTable: IDS.routeTable(i) };
    }

    const registries: GrantScope[] = c.registries.map((ref, j) => ref === "construct"
      ? new ContainerRegistry(stack, `fx.${i}.acr${j}`, { name: `acr${i}x${j}`, resourceGroupName: rg.name, location: rg.location, sku: "Standard" })
      : ref === "literal" ? IDS.registry(`acr${i}x${j}`) : variable(`fx.${i}.acr${j}-id`));
    registries.forEach((r) => expect("AcrPull on the registry", Roles.ACR_PULL, r, "kubelet"));
    const keyedRegistries = registries.filter((r) => typeof r === "string" && Token.isUnresolved(r));
    if (raw.registryId === "storage") registries.push(IDS.storage(`st${i}`));
    if (raw.registryId === "variable-no-key") registries.push(variable(`fx.${i}.unkeyed-acr-id`));

    const addons = buildAddons();
    const networkProps = buildNetworkFeatures();
    const security = buildSecurity();

    const cluster = new AksCluster(stack, c.id, {
      ...security,
      name: c.name,
      resourceGroup: c.resourceGroup === "stack" ? rg : undefined,
      location: raw.location,
      identity,
      kubeletIdentity,
      network,
      addons,
      // Apply-time registry IDs need a static key: those are attached below with one.
      containerRegistries: registries.filter((r) => !keyedRegistries.includes(r)),
      ...networkProps,
      // A private KMS vault needs API server VNet integration: AKS's own subnet unless the spec brings one.
      apiServer: networkProps.apiServer ?? (c.security?.kms?.private ? { vnetIntegration: true } : undefined),
    });
    keyedRegistries.forEach((r, j) => cluster.attachContainerRegistry(r, `acr-key-${j}`));
    grantKubernetesAccess();

    c.extraGrants.forEach((g, j) => extraGrant(`${i}.${j}`, g));
    if (raw.extraScope === "subscription") grantControlPlane(cluster, "Broad", Roles.READER, IDS.subscription, "reads everything");
    if (raw.extraRole === "owner") grantControlPlane(cluster, "Owner", Roles.OWNER, IDS.group("rg-net"), "administers the network");
    if (raw.staticIpScope === "public-ip") cluster.grantOnStaticIpResourceGroup(IDS.publicIp(`pip-${i}`));
    if (raw.vnetNameClash) {
      cluster.grantOnVirtualNetwork(IDS.vnet("rg-one", "hub"));
      cluster.grantOnVirtualNetwork(IDS.vnet("rg-two", "hub"));
    }

    if (raw.acrPullToControlPlane) grantControlPlane(cluster, "AcrPullControlPlane", Roles.ACR_PULL, IDS.registry(`acr${i}cp`), "pulls images");
    if (c.migration) new ManagedIdentityMigration(stack, `fx.${i}.migration`, { cluster, ...c.migration });

    const workloads = (c.workloads ?? []).map((w, j) => {
      const wi = new WorkloadIdentity(stack, `fx.${i}.wi${j}`, { cluster, namespace: raw.namespace ?? w.namespace, serviceAccount: raw.serviceAccount ?? w.serviceAccount });
      const principal = { workload: () => resolve(wi.identity.principalId) };
      for (const g of w.grants) {
        const [id, role, scope] = g === "secrets" ? ["WorkloadSecretsUser", Roles.KEY_VAULT_SECRETS_USER, IDS.keyVault(`kv-app-${i}`)] as const
          : ["WorkloadBlobReader", Roles.STORAGE_BLOB_DATA_READER, IDS.storage(`stapp${i}`)] as const;
        wi.grant(id, role, scope, "the application reads its own data");
        expect(`${id} for ${wi.subject}`, role, scope, principal);
      }
      return wi;
    });
    if (raw.workloadClash === "same-subject") new WorkloadIdentity(stack, `fx.${i}.twin`, { cluster, namespace: workloads[0].namespace, serviceAccount: workloads[0].serviceAccount });
    if (raw.workloadClash === "same-name") new WorkloadIdentity(stack, `fx.${i}.twin`, { cluster, namespace: `${workloads[0].namespace}-x`, serviceAccount: "y", identityName: workloads[0].identity.name });
    if (c.podIdentityException) {
      // A JavaScript caller can pass anything: the cluster's name instead of the cluster.
      const target = raw.podIdentityCluster === "name" ? (cluster.name as unknown as AksCluster) : cluster;
      new PodIdentityException(stack, `fx.${i}.pod-identity-exception`, { cluster: target, includeMicException: c.podIdentityException.includeMicException });
    }

    built.push({ spec: c, cluster, grants, controlPlanePrincipal, kubeletPrincipal, udr: net.kind === "udr", nat: features.outbound?.kind === "nat", workloads, accessPolicies,
      dataCollectionRule: c.addons?.monitoring !== undefined && c.addons.monitoring.dataCollectionRule !== false });

    /** The props of the production network's features, with the grants each implies to the control plane. */
    function buildNetworkFeatures(): Partial<AksClusterProps> {
      const clusterVnet = net.kind === "subnet" && net.shared ? "vnet-shared" : `vnet-${i}`;
      // A subnet of the cluster's VNet: by name for a construct (its VNet is named, not referenced, here).
      const inClusterVnet = (name: string, ref: ScopeRef, prefix: string): GrantScope => ref === "literal" ? IDS.subnetIn("rg-net", clusterVnet, name)
        : ref === "variable" ? variable(`fx.${i}.${name}-id`)
          : new Subnet(stack, `fx.${i}.${name}`, { name, resourceGroupName: rg.name, virtualNetworkName: clusterVnet, addressPrefixes: [prefix] });
      const subnetCustom = leastPrivilege ? LEAST_PRIVILEGE_ROLES.SubnetJoin : undefined;
      const props: { -readonly [K in keyof AksClusterProps]?: AksClusterProps[K] } = {};
      if (leastPrivilege) props.leastPrivilegeRoles = { scope: IDS.group("rg-net") };
      const clusterSubnet = network?.subnet;

      const z = features.privateZone;
      if (z !== undefined) {
        const region = raw.zoneRegion ?? (c.resourceGroup === "stack" ? "westeurope" : "westus2");
        const zoneName = `pz${i}.privatelink.${region}.azmk8s.io`;
        const zone: "system" | "none" | GrantScope = z === "system" || z === "none" ? z : z === "literal" ? arm("rg-dns", `Microsoft.Network/privateDnsZones/${zoneName}`)
          : z === "variable" ? variable(`fx.${i}.private-zone-id`) : new PrivateDnsZone(stack, `fx.${i}.private-zone`, { name: zoneName, resourceGroupName: rg.name });
        props.privateCluster = { privateDnsZone: zone };
        if (typeof zone !== "string" || zone.startsWith("/") || Token.isUnresolved(zone)) {
          expect("Private DNS Zone Contributor on the cluster's zone", Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, zone as GrantScope, "control-plane", { custom: leastPrivilege ? LEAST_PRIVILEGE_ROLES.PrivateDnsZone : undefined });
          if (clusterSubnet !== undefined) {
            const id = typeof clusterSubnet === "string" ? clusterSubnet : clusterSubnet.id;
            expect("Network Contributor on the cluster's VNet (custom zone)", Roles.NETWORK_CONTRIBUTOR, isLiteral(id) ? IDS.vnet("rg-net", clusterVnet) : Fn.join("/", Fn.slice(Fn.split("/", id), 0, 9)), "control-plane");
          }
        }
      }
      if (features.apiServerSubnet !== undefined) {
        const subnet = inClusterVnet(`apiserver-${i}`, features.apiServerSubnet, "10.1.8.0/28");
        props.apiServer = { subnet };
        expect("Network Contributor on the API server subnet", Roles.NETWORK_CONTRIBUTOR, subnet, "control-plane");
      }
      const out = features.outbound;
      if (out?.kind === "nat") {
        const natGateway = out.natGateway === "literal" ? arm("rg-net", `Microsoft.Network/natGateways/nat-${i}`) : out.natGateway === "variable" ? variable(`fx.${i}.nat-id`)
          : new NatGateway(stack, `fx.${i}.nat`, { name: `nat-${i}`, resourceGroupName: rg.name, location: rg.location });
        network = { ...network, outboundType: "userAssignedNATGateway", natGateway: raw.natWithoutGateway ? undefined : natGateway };
      } else if (out) {
        const ips = out.refs.map((ref, j) => {
          const name = `${out.kind === "ips" ? "pip" : "ippre"}-${i}-${j}`;
          const type = out.kind === "ips" ? "Microsoft.Network/publicIPAddresses" : "Microsoft.Network/publicIPPrefixes";
          const resource: GrantScope = ref === "literal" ? arm("rg-ip", `${type}/${name}`) : ref === "variable" ? variable(`fx.${i}.${name}-id`)
            : out.kind === "ips" ? new PublicIp(stack, `fx.${i}.${name}`, { name, resourceGroupName: rg.name, location: rg.location, allocationMethod: "Static", sku: "Standard" })
              : new PublicIpPrefix(stack, `fx.${i}.${name}`, { name, resourceGroupName: rg.name, location: rg.location, prefixLength: 30 });
          expect(`Network Contributor on outbound ${out.kind}`, Roles.NETWORK_CONTRIBUTOR, resource, "control-plane");
          return { resource, key: ref === "variable" ? name : undefined };
        });
        network = out.kind === "ips"
          ? { ...network, outboundIps: ips.map((ip) => (ip.key ? { publicIp: ip.resource, key: ip.key } : ip.resource)), outboundIpPrefixes: raw.alsoPrefix ? [arm("rg-ip", "Microsoft.Network/publicIPPrefixes/extra")] : undefined }
          : { ...network, outboundIpPrefixes: ips.map((p) => (p.key ? { prefix: p.resource, key: p.key } : p.resource)) };
      }
      const pods = features.podSubnets === true;
      if (pods) {
        const podSubnet = inClusterVnet(`pods-${i}`, "literal", "10.1.64.0/20");
        props.defaultNodePool = { podSubnet };
        expect("Network Contributor on the default pool's pod subnet", Roles.NETWORK_CONTRIBUTOR, podSubnet, "control-plane", { custom: subnetCustom });
      }
      const placement = features.placement;
      if (placement) {
        const [id, role, group] = placement === "capacityReservationGroup" ? [arm("rg-crg", `Microsoft.Compute/capacityReservationGroups/crg-${i}`), Roles.CONTRIBUTOR, "rg-crg"] as const
          : placement === "hostGroup" ? [arm("rg-hosts", `Microsoft.Compute/hostGroups/hosts-${i}`), Roles.CONTRIBUTOR, "rg-hosts"] as const
            : [arm("rg-nodeips", `Microsoft.Network/publicIPPrefixes/nodes-${i}`), Roles.NETWORK_CONTRIBUTOR, "rg-nodeips"] as const;
        props.defaultNodePool = { ...props.defaultNodePool, [placement]: id };
        expect(`${role.name} on the ${placement}'s resource group`, role, IDS.group(group), "control-plane");
      }
      if (features.pools) {
        props.additionalNodePools = features.pools.map((p, j) => {
          const name = `pool${j}`;
          const subnet = p.ownSubnet ? inClusterVnet(`nodes-${i}-${j}`, j === 0 ? "construct" : "literal", `10.1.${12 + j * 4}.0/22`) : undefined;
          if (subnet !== undefined) expect(`Network Contributor on ${name}'s subnet`, Roles.NETWORK_CONTRIBUTOR, subnet, "control-plane", { custom: subnetCustom, pool: name });
          const podSubnet = pods && !raw.podSubnetDefaultOnly ? inClusterVnet(`pods-${i}-${j}`, "literal", `10.1.${128 + j * 16}.0/20`) : undefined;
          if (podSubnet !== undefined) expect(`Network Contributor on ${name}'s pod subnet`, Roles.NETWORK_CONTRIBUTOR, podSubnet, "control-plane", { custom: subnetCustom, pool: name });
          return { name, subnet, podSubnet };
        });
      }
      if (raw.clusterConfigIdentity) props.clusterConfig = { identity: { type: "SystemAssigned" } } as never;
      return { ...props, network };
    }

    /** KMS, disk encryption and Entra ID, with the grants and access policies each implies. */
    function buildSecurity(): ClusterSecurityProps {
      const sec = c.security;
      if (!sec) return {};
      const out: { -readonly [K in keyof ClusterSecurityProps]: ClusterSecurityProps[K] } = {};
      if (sec.kms) {
        const name = `kms-${i}`;
        const literal = sec.kms.vault === "literal";
        const vault = literal ? IDS.keyVault(name)
          : new KeyVault(stack, `fx.${i}.kms-vault`, { name, resourceGroupName: rg.name, location: rg.location, tenantId: guid("tenant"), skuName: "standard", rbacAuthorizationEnabled: sec.kms.vault === "rbac" ? true : undefined });
        const key = typeof vault === "string" ? `https://${name}.vault.azure.net/keys/etcd${raw.kmsKey === "versionless" ? "" : "/0123456789abcdef"}`
          : new KeyVaultKey(stack, `fx.${i}.kms-key`, { name: "etcd", keyVaultId: vault.id, keyType: "RSA", keySize: 2048, keyOpts: ["encrypt", "decrypt"] });
        out.kms = { key, keyVault: vault, networkAccess: sec.kms.private ? "private" : undefined };
        if (sec.kms.vault === "accessPolicy") expectPolicy("KMS access policy", vault, "control-plane", { keys: ["Encrypt", "Decrypt"] });
        else expect("KMS Key Vault Crypto User", Roles.KEY_VAULT_CRYPTO_USER, vault, "control-plane");
        if (sec.kms.private) expect("KMS Key Vault Contributor", Roles.KEY_VAULT_CONTRIBUTOR, vault, "control-plane");
      }
      if (sec.diskEncryption) {
        if (sec.diskEncryption.set === "literal") {
          const set = IDS.diskEncryptionSet(`des-${i}`);
          out.diskEncryption = { diskEncryptionSet: set, keyVault: raw.desVault ? IDS.keyVault(`des-${i}`) : undefined };
          expect("Reader on the disk encryption set", Roles.READER, set, "control-plane");
        } else {
          const vault = new KeyVault(stack, `fx.${i}.des-vault`, { name: `des-${i}`, resourceGroupName: rg.name, location: rg.location, tenantId: guid("tenant"), skuName: "standard", rbacAuthorizationEnabled: true, purgeProtectionEnabled: true });
          const key = new KeyVaultKey(stack, `fx.${i}.des-key`, { name: "disks", keyVaultId: vault.id, keyType: "RSA", keySize: 2048, keyOpts: ["wrapKey", "unwrapKey"] });
          const set = new DiskEncryptionSet(stack, `fx.${i}.des`, { name: `des-${i}`, resourceGroupName: rg.name, location: rg.location, keyVaultKeyId: key.id, identity: { type: "SystemAssigned" } });
          out.diskEncryption = { diskEncryptionSet: set, keyVault: vault };
          expect("Reader on the disk encryption set", Roles.READER, set, "control-plane");
          expect("the set's Key Vault Crypto Service Encryption User", Roles.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER, vault, { external: () => resolve(set.identity.principalId), beforeCluster: true });
        }
      }
      if (sec.entra && !raw.entra) out.entraId = { tenantId: guid("tenant"), adminGroupObjectIds: sec.entra.adminGroup ? [guid(`admins-${i}`)] : undefined };
      return out;
    }

    /** cluster.grantKubernetesAccess for each access the spec lists: the role on its scope and the Cluster User Role, after the cluster. */
    function grantKubernetesAccess(): void {
      let deployer: UserAssignedManagedIdentity | undefined;
      for (const a of c.security?.entra?.access ?? []) {
        const principal: IGrantable = a.principal === "identity" ? (deployer ??= newIdentity(`fx.${i}.deployer`))
          : externalPrincipal({ principalId: guid(`${a.principal}-${i}`), principalType: a.principal === "group" ? "Group" : "User", isManagedIdentity: false, description: `${a.principal} of ${i}` });
        cluster.grantKubernetesAccess(principal, a.role, { namespace: a.namespace });
        const who = { external: () => resolve(principal.grantPrincipal.principalId), beforeCluster: false };
        const role = { reader: Roles.AKS_RBAC_READER, writer: Roles.AKS_RBAC_WRITER, admin: Roles.AKS_RBAC_ADMIN, clusterAdmin: Roles.AKS_RBAC_CLUSTER_ADMIN }[a.role];
        expect(`Kubernetes ${a.role}`, role, a.namespace === undefined ? cluster.clusterId : `${cluster.clusterId}/namespaces/${a.namespace}`, who);
        expect("Cluster User Role", Roles.AKS_CLUSTER_USER, cluster.clusterId, who);
      }
    }

    /** The add-on props the spec describes, with the grants each implies to its add-on identity. */
    function buildAddons(): AddonsProps | undefined {
      const a = c.addons;
      if (!a) return undefined;
      const clusterVnet = net.kind === "subnet" && net.shared ? "vnet-shared" : `vnet-${i}`;
      // A subnet of the cluster's VNet (by name: a construct's VNet is named, not referenced, here).
      const subnetOfCluster = (name: string, ref: ScopeRef): GrantScope => ref === "literal" ? IDS.subnetIn("rg-net", clusterVnet, name)
        : ref === "variable" ? variable(`fx.${i}.${name}-id`)
          : new Subnet(stack, `fx.${i}.${name}`, { name, resourceGroupName: rg.name, virtualNetworkName: clusterVnet, addressPrefixes: ["10.1.16.0/24"] });
      const out: { -readonly [K in keyof AddonsProps]: AddonsProps[K] } = {
        azurePolicy: a.azurePolicy, workloadIdentity: a.workloadIdentity, httpApplicationRouting: a.httpApplicationRouting, dashboard: a.dashboard,
      };
      const agw = a.ingressApplicationGateway;
      if (agw?.kind === "existing") {
        const gateway = agw.gateway === "literal" ? IDS.gateway(`agw-${i}`) : variable(`fx.${i}.agw-id`);
        const subnet = agw.subnet === "literal" ? IDS.subnetIn("rg-agw", `vnet-agw-${i}`, "agw") : agw.subnet === "variable" ? variable(`fx.${i}.agw-subnet-id`)
          : new Subnet(stack, `fx.${i}.agw-subnet`, { name: "agw", resourceGroupName: rg.name, virtualNetworkName: `vnet-agw-${i}`, addressPrefixes: ["10.2.0.0/24"] });
        const group = agw.resourceGroup ? IDS.group("rg-agw") : undefined;
        out.ingressApplicationGateway = { existingGateway: { gateway, subnet, resourceGroup: group }, subnetCidr: raw.gatewayCidr };
        const gatewayGroup = group ?? (agw.gateway === "literal" ? IDS.group("rg-agw") : Fn.join("/", Fn.slice(Fn.split("/", gateway), 0, 5)));
        expect("AGIC Network Contributor on the gateway's group", Roles.NETWORK_CONTRIBUTOR, gatewayGroup, { addon: "ingressApplicationGateway" });
        expect("AGIC Reader on the gateway's group", Roles.READER, gatewayGroup, { addon: "ingressApplicationGateway" });
        expect("AGIC Network Contributor on the gateway's subnet", Roles.NETWORK_CONTRIBUTOR, subnet, { addon: "ingressApplicationGateway" });
      } else if (agw?.kind === "subnet") {
        const subnet = raw.gatewaySubnet === "cluster" ? IDS.subnet(i) : subnetOfCluster(`agw-${i}`, agw.subnet);
        out.ingressApplicationGateway = { subnet, gatewayName: `agw-${i}` };
        expect("AGIC Network Contributor on the new gateway's subnet", Roles.NETWORK_CONTRIBUTOR, subnet, { addon: "ingressApplicationGateway" });
      } else if (agw?.kind === "cidr") {
        out.ingressApplicationGateway = { subnetCidr: raw.gatewayCidr ?? "10.225.0.0/16" };
      }
      if (a.monitoring) {
        const ws = a.monitoring.workspace;
        const workspace = ws === "literal" ? IDS.workspace(`law-${i}`) : ws === "variable" ? variable(`fx.${i}.workspace-id`)
          : new LogAnalyticsWorkspace(stack, `fx.${i}.law`, { name: `law-${i}`, resourceGroupName: rg.name, location: rg.location });
        out.monitoring = { logAnalyticsWorkspace: raw.workspaceId ?? workspace, msiAuth: raw.msiAuth === "false" ? false : undefined, dataCollectionRule: a.monitoring.dataCollectionRule };
      }
      if (a.virtualNode) {
        const subnet = raw.aciSubnet === "cluster" ? IDS.subnet(i) : raw.aciSubnet === "other-vnet" ? IDS.subnetIn("rg-net", `vnet-other-${i}`, "aci")
          : subnetOfCluster(`aci-${i}`, a.virtualNode.subnet);
        out.virtualNode = { subnet, subnetName: a.virtualNode.subnet === "variable" ? `aci-${i}` : undefined, grant: a.virtualNode.grant };
        if (a.virtualNode.grant !== "virtualNetwork") expect("ACI connector Network Contributor on its subnet", Roles.NETWORK_CONTRIBUTOR, subnet, { addon: "virtualNode" });
        else {
          const id = typeof subnet === "string" ? subnet : subnet.id;
          const vnet = a.virtualNode.subnet === "literal" ? IDS.vnet("rg-net", clusterVnet) : Fn.join("/", Fn.slice(Fn.split("/", id), 0, 9));
          expect("ACI connector Contributor on the VNet", Roles.CONTRIBUTOR, vnet, { addon: "virtualNode" });
        }
      }
      if (a.keyVaultSecretsProvider) {
        const keyVaults = a.keyVaultSecretsProvider.vaults.map((v, j) => {
          const vault = v.ref === "literal" ? IDS.keyVault(`kv-${i}-${j}`) : v.ref === "variable" ? variable(`fx.${i}.kv${j}-id`)
            : new KeyVault(stack, `fx.${i}.kv${j}`, { name: `kv-${i}-${j}`, resourceGroupName: rg.name, location: rg.location, tenantId: guid("tenant"), skuName: "standard", rbacAuthorizationEnabled: true });
          expect("CSI driver Key Vault Secrets User", Roles.KEY_VAULT_SECRETS_USER, vault, { addon: "keyVaultSecretsProvider" });
          if (v.certificates) expect("CSI driver Key Vault Certificate User", Roles.KEY_VAULT_CERTIFICATE_USER, vault, { addon: "keyVaultSecretsProvider" });
          return { vault, certificates: v.certificates, key: v.ref === "variable" && !raw.vaultWithoutKey ? `vault-${j}` : undefined };
        });
        out.keyVaultSecretsProvider = { keyVaults, secretRotation: a.keyVaultSecretsProvider.rotation, rotationPollInterval: a.keyVaultSecretsProvider.rotation ? "2m" : undefined };
      }
      if (a.webAppRouting) {
        const dnsZones = a.webAppRouting.zones.map((z, j) => {
          const name = z.kind === "public" ? `app${i}x${j}.example.com` : `app${i}x${j}.internal`;
          const zone = z.ref === "literal" ? (z.kind === "public" ? IDS.dnsZone(name) : IDS.privateZone(name)) : z.ref === "variable" ? variable(`fx.${i}.zone${j}-id`)
            : z.kind === "public" ? new DnsZone(stack, `fx.${i}.zone${j}`, { name, resourceGroupName: rg.name })
              : new PrivateDnsZone(stack, `fx.${i}.zone${j}`, { name, resourceGroupName: rg.name });
          expect(`web app routing on a ${z.kind} zone`, z.kind === "public" ? Roles.DNS_ZONE_CONTRIBUTOR : Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, zone, { addon: "webAppRouting" });
          // An apply-time ID says neither its kind nor a key: both are given.
          return z.ref === "variable" ? { zone, kind: z.kind, key: `zone-${j}` } : z.sayKind ? { zone, kind: z.kind } : zone;
        });
        if (raw.zoneId) dnsZones.push(raw.zoneId);
        const keyVaults = (a.webAppRouting.vaults ?? []).map((v, j) => {
          const name = `certs-${i}-${j}`;
          const vault = v.ref === "literal" ? IDS.keyVault(name)
            : new KeyVault(stack, `fx.${i}.certs${j}`, { name, resourceGroupName: rg.name, location: rg.location, tenantId: guid("tenant"), skuName: "standard", rbacAuthorizationEnabled: v.model === "rbac" ? true : undefined });
          if (v.model === "rbac") expect("web app routing Key Vault Secrets User", Roles.KEY_VAULT_SECRETS_USER, vault, { addon: "webAppRouting" });
          else expectPolicy("web app routing access policy", vault, { addon: "webAppRouting" }, { secrets: ["Get"], certificates: ["Get"] });
          return typeof vault === "string" && v.model === "accessPolicy" ? { vault, permissionModel: "accessPolicy" as const, tenantId: guid("tenant") } : vault;
        });
        out.webAppRouting = { dnsZones, keyVaults };
      }
      return out;
    }

    function extraGrant(k: string, g: ExtraGrantSpec): void {
      const key = g.scope === "variable" ? `key-${k}` : undefined;
      let scope: GrantScope;
      let call: (s: GrantScope) => unknown;
      let role: BuiltInRole;
      switch (g.kind) {
        case "controlPlane":
          role = Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR;
          scope = g.scope === "construct" ? new PrivateDnsZone(stack, `fx.${k}.zone`, { name: `z${k.replace(".", "x")}.privatelink.westeurope.azmk8s.io`, resourceGroupName: rg.name })
            : g.scope === "literal" ? IDS.privateDnsZone(`z${k.replace(".", "x")}`) : variable(`fx.${k}.zone-id`);
          // A private cluster's custom DNS zone: the control plane must manage it (REFERENCE.md).
          call = (s) => grantControlPlane(cluster, `PrivateDnsZoneContributor-${k.replace(".", "-")}`, role, s, "control plane writes the private cluster's records into the custom zone");
          break;
        case "vnet":
          role = Roles.NETWORK_CONTRIBUTOR;
          scope = g.scope === "construct" ? new VirtualNetwork(stack, `fx.${k}.vnet`, { name: `vnet-x${k}`, resourceGroupName: rg.name, location: rg.location, addressSpace: ["10.9.0.0/16"] })
            : g.scope === "literal" ? IDS.vnet("rg-net", `vnet-x${k.replace(".", "x")}`) : variable(`fx.${k}.vnet-id`);
          call = (s) => cluster.grantOnVirtualNetwork(s, key);
          break;
        case "staticIp":
        case "disk":
          role = g.kind === "disk" ? Roles.CONTRIBUTOR : Roles.NETWORK_CONTRIBUTOR;
          scope = g.scope === "construct" ? new ResourceGroup(stack, `fx.${k}.group`, { name: `rg-${g.kind}-${k.replace(".", "x")}`, location: "westeurope" })
            : g.scope === "literal" ? IDS.group(`rg-${g.kind}-${k.replace(".", "x")}`) : variable(`fx.${k}.group-id`);
          call = (s) => (g.kind === "disk" ? cluster.grantOnDiskResourceGroup(s, key) : cluster.grantOnStaticIpResourceGroup(s, key));
          break;
      }
      call(scope);
      // The cluster's own helpers return the first grant when asked again; a second `new RoleGrant`
      // for the same grant is an error (bad-input and role-grant tests), so only they are repeated.
      if (g.kind !== "controlPlane") {
        if (g.again === "same") call(scope);
        if (g.again === "upper" && typeof scope === "string") call(scope.toUpperCase());
      }
      expect(`${g.kind} grant`, role, scope, "control-plane");
    }
  });
  return { stack, clusters: built };
}
