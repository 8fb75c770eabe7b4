import { DnsZone } from "@cdktf/provider-azurerm/lib/dns-zone";
import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { TerraformStack, TerraformVariable } from "cdktf";
import {
  AddonsProps, AksCluster, AksClusterProps, AksIdentityError, ClusterIdentity, ClusterNetworkProps, DnsZoneKind, externalPrincipal, IUserAssignedManagedIdentity, OutboundType, NetworkPlugin,
  PodIdentityException, RoleGrant, Roles, UserAssignedManagedIdentity, WorkloadIdentity, WorkloadIdentityProps,
} from "../lib";
import { grantControlPlane, grantKubelet, newStack } from "./helpers";

/**
 * The bad-input battery: each row is one mistake a user makes, the prop the error must name
 * and text the message must carry (the rule and the fix). Add a row for every new prop or
 * check (add-ons: workspace and DNS zone IDs; guardrails: their rule IDs).
 */
interface BadInput {
  readonly name: string;
  readonly prop: string;
  /** Fragments the message must contain: the rule, the allowed values, the fix. */
  readonly says: readonly string[];
  readonly build: (stack: TerraformStack) => unknown;
  /** Text the message must not contain (a secret). */
  readonly hides?: string;
}

const SUB = "00000000-0000-0000-0000-000000000000";
const rg = (name = "rg") => `/subscriptions/${SUB}/resourceGroups/${name}`;
const ID = {
  subnet: `${rg()}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet`,
  vnet: `${rg()}/providers/Microsoft.Network/virtualNetworks/vnet`,
  routeTable: `${rg()}/providers/Microsoft.Network/routeTables/rt`,
  identity: `${rg()}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id`,
  kubelet: `${rg()}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/kubelet`,
  registry: `${rg()}/providers/Microsoft.ContainerRegistry/registries/acr`,
  storage: `${rg()}/providers/Microsoft.Storage/storageAccounts/st`,
  publicIp: `${rg()}/providers/Microsoft.Network/publicIPAddresses/pip`,
  workspace: `${rg("mon")}/providers/Microsoft.OperationalInsights/workspaces/ws`,
  gateway: `${rg("agw")}/providers/Microsoft.Network/applicationGateways/gw`,
  gatewaySubnet: `${rg("agw")}/providers/Microsoft.Network/virtualNetworks/agw-vnet/subnets/gw`,
  aciSubnet: `${rg()}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aci`,
  vault: `${rg("kv")}/providers/Microsoft.KeyVault/vaults/vault1`,
  publicZone: `${rg("dns")}/providers/Microsoft.Network/dnszones/contoso.com`,
  privateZone: `${rg("dns")}/providers/Microsoft.Network/privateDnsZones/contoso.internal`,
  aksZone: `${rg("dns")}/providers/Microsoft.Network/privateDnsZones/privatelink.westus2.azmk8s.io`,
  natGateway: `${rg()}/providers/Microsoft.Network/natGateways/nat`,
  ipPrefix: `${rg()}/providers/Microsoft.Network/publicIPPrefixes/pre`,
  crg: `${rg()}/providers/Microsoft.Compute/capacityReservationGroups/crg`,
};
const GUID = "11111111-1111-4111-8111-111111111111";
const RG = { name: "rg", location: "westus2" };

const attrs = (stack: TerraformStack, id = ID.identity, name = "id"): IUserAssignedManagedIdentity =>
  UserAssignedManagedIdentity.fromAttributes(stack, name, { id, clientId: GUID, principalId: "22222222-2222-4222-8222-222222222222" });
const userAssigned = (stack: TerraformStack) => ClusterIdentity.userAssigned(attrs(stack));
const cluster = (stack: TerraformStack, props: AksClusterProps = {}) => new AksCluster(stack, "aks", { resourceGroup: RG, ...props });
const withNetwork = (network: ClusterNetworkProps) => (stack: TerraformStack) => cluster(stack, { identity: userAssigned(stack), network });
const secret = (stack: TerraformStack) => new TerraformVariable(stack, "secret", { type: "string", sensitive: true }).stringValue;
const sp = (stack: TerraformStack, more: { clientId?: string; clientSecret?: string; objectId?: string } = {}) =>
  ClusterIdentity.servicePrincipal({ clientId: GUID, clientSecret: secret(stack), ...more });

const withAddons = (addons: AddonsProps, network?: ClusterNetworkProps) => (stack: TerraformStack) => cluster(stack, { identity: userAssigned(stack), network, addons });
const storage = (stack: TerraformStack) => new StorageAccount(stack, "st", { name: "st", resourceGroupName: "rg", location: "westus2", accountTier: "Standard", accountReplicationType: "LRS" });
const apply = (stack: TerraformStack, name: string) => new TerraformVariable(stack, name, { type: "string" }).stringValue;
const workload = (props: Partial<WorkloadIdentityProps>) => (stack: TerraformStack) =>
  new WorkloadIdentity(stack, "app", { cluster: cluster(stack), namespace: "app", serviceAccount: "web", ...props });
const inVnet = { subnet: ID.subnet };

const RESOURCE_ID_FIX = "pass the resource's `id` attribute";
const NAME_FIX = "rename it to fit";

const CASES: BadInput[] = [
  // Malformed resource IDs, where the library takes them
  { name: "subnet: a VNet ID", prop: "network.subnet", says: ["Microsoft.Network/virtualNetworks/subnets", RESOURCE_ID_FIX], build: withNetwork({ subnet: ID.vnet }) },
  { name: "subnet: no subscription GUID", prop: "network.subnet", says: ["Microsoft.Network/virtualNetworks/subnets"], build: withNetwork({ subnet: ID.subnet.replace(SUB, "my-subscription") }) },
  { name: "subnet: missing its name", prop: "network.subnet", says: ["Microsoft.Network/virtualNetworks/subnets"], build: withNetwork({ subnet: `${ID.vnet}/subnets` }) },
  { name: "subnet: a subnet name, not an ID", prop: "network.subnet", says: ["Microsoft.Network/virtualNetworks/subnets"], build: withNetwork({ subnet: "snet" }) },
  { name: "subnet: empty string", prop: "network.subnet", says: ["Microsoft.Network/virtualNetworks/subnets"], build: withNetwork({ subnet: "" }) },
  { name: "subnet: trailing whitespace", prop: "network.subnet", says: ["remove the surrounding whitespace"], build: withNetwork({ subnet: `${ID.subnet} ` }) },
  { name: "subnet: double slash", prop: "network.subnet", says: ["Microsoft.Network/virtualNetworks/subnets"], build: withNetwork({ subnet: ID.subnet.replace("/subnets/", "/subnets//") }) },
  { name: "route table: a subnet ID", prop: "network.routeTable", says: ["Microsoft.Network/routeTables", RESOURCE_ID_FIX], build: withNetwork({ subnet: ID.subnet, routeTable: ID.subnet }) },
  { name: "route table: without a subnet", prop: "network.routeTable", says: ["set network.subnet"], build: withNetwork({ routeTable: ID.routeTable }) },
  { name: "identity: a registry ID (fromResourceId)", prop: "resourceId", says: ["Microsoft.ManagedIdentity/userAssignedIdentities", RESOURCE_ID_FIX], build: (s) => UserAssignedManagedIdentity.fromResourceId(s, "id", ID.registry) },
  { name: "identity: leading whitespace (fromAttributes)", prop: "id", says: ["remove the surrounding whitespace"], build: (s) => attrs(s, ` ${ID.identity}`) },
  { name: "identity: principalId not a GUID", prop: "principalId", says: ["identity's object (principal) ID, a GUID", "az identity show"], build: (s) => UserAssignedManagedIdentity.fromAttributes(s, "id", { id: ID.identity, clientId: GUID, principalId: "myIdentity" }) },
  { name: "identity: clientId not a GUID", prop: "clientId", says: ["identity's client ID, a GUID", "az identity show"], build: (s) => UserAssignedManagedIdentity.fromAttributes(s, "id", { id: ID.identity, clientId: "", principalId: GUID }) },
  { name: "kubelet identity: a subnet ID", prop: "kubeletIdentity.id", says: ["Microsoft.ManagedIdentity/userAssignedIdentities"], build: (s) => cluster(s, { identity: userAssigned(s), kubeletIdentity: { ...attrs(s, ID.kubelet, "kubelet"), id: ID.subnet } }) },
  { name: "registry: a storage account ID", prop: "containerRegistries", says: ["Microsoft.ContainerRegistry/registries", RESOURCE_ID_FIX], build: (s) => cluster(s, { containerRegistries: [ID.storage] }) },
  { name: "subnet: a VNet construct", prop: "network.subnet", says: ["azurerm_subnet construct", "the azurerm_virtual_network test/vnet"], build: (s) => withNetwork({ subnet: new VirtualNetwork(s, "vnet", { name: "vnet", resourceGroupName: "rg", location: "westus2", addressSpace: ["10.1.0.0/16"] }) })(s) },
  { name: "route table: a storage account construct", prop: "network.routeTable", says: ["azurerm_route_table construct", "the azurerm_storage_account test/st"], build: (s) => withNetwork({ subnet: ID.subnet, routeTable: storage(s) })(s) },
  { name: "registry: a storage account construct", prop: "containerRegistries", says: ["azurerm_container_registry construct", "the azurerm_storage_account test/st"], build: (s) => cluster(s, { containerRegistries: [storage(s)] }) },
  { name: "disk resource group: a storage account construct", prop: "grantOnDiskResourceGroup", says: ["azurerm_resource_group construct"], build: (s) => cluster(s, { identity: userAssigned(s) }).grantOnDiskResourceGroup(storage(s)) },
  { name: "registry: the registry's login server", prop: "containerRegistries", says: ["Microsoft.ContainerRegistry/registries"], build: (s) => cluster(s, { containerRegistries: ["acr.azurecr.io"] }) },
  { name: "registry: an apply-time ID with no key", prop: "containerRegistries", says: ["needs a static key", "attachContainerRegistry(registryId, \"shared-acr\")"], build: (s) => cluster(s).attachContainerRegistry(new TerraformVariable(s, "acr", { type: "string" }).stringValue) },
  { name: "VNet grant: a storage account ID", prop: "grantOnVirtualNetwork", says: ["Microsoft.Network/virtualNetworks", RESOURCE_ID_FIX], build: (s) => cluster(s).grantOnVirtualNetwork(ID.storage) },
  { name: "static IP grant: the public IP, not its group", prop: "grantOnStaticIpResourceGroup", says: ["resource group", RESOURCE_ID_FIX], build: (s) => cluster(s).grantOnStaticIpResourceGroup(ID.publicIp) },
  { name: "disk grant: a subscription", prop: "grantOnDiskResourceGroup", says: ["resource group"], build: (s) => cluster(s).grantOnDiskResourceGroup(`/subscriptions/${SUB}`) },
  { name: "grant: subscription scope", prop: "scope", says: ["Subscription and management-group scopes", "allowBroadAccess"], build: (s) => grantControlPlane(cluster(s), "Broad", Roles.READER, `/subscriptions/${SUB}`, "reads everything") },
  { name: "grant: management group scope", prop: "scope", says: ["Subscription and management-group scopes"], build: (s) => grantControlPlane(cluster(s), "Broad", Roles.READER, "/providers/Microsoft.Management/managementGroups/root", "reads everything") },
  { name: "grant: scope not an ID", prop: "scope", says: ["Expected an Azure resource ID"], build: (s) => grantControlPlane(cluster(s), "Zone", Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, "privatelink.westus2.azmk8s.io", "zone") },
  { name: "grant: Owner", prop: "role", says: ["AKS never needs them", "allowBroadAccess"], build: (s) => grantControlPlane(cluster(s), "Owner", Roles.OWNER, rg(), "admin") },
  { name: "grant: User Access Administrator", prop: "role", says: ["AKS never needs them"], build: (s) => grantKubelet(cluster(s), "Uaa", Roles.USER_ACCESS_ADMINISTRATOR, rg(), "admin") },
  { name: "grant: empty reason", prop: "reason", says: ["Every grant records why"], build: (s) => new RoleGrant(s, "g", { principal: attrs(s), role: Roles.READER, scope: rg(), reason: " " }) },
  { name: "grant: broad access without a reason", prop: "allowBroadAccess.reason", says: ["A written reason is required"], build: (s) => new RoleGrant(s, "g", { principal: attrs(s), role: Roles.OWNER, scope: rg(), reason: "admin", allowBroadAccess: { reason: "" } }) },
  { name: "grant: principal ID not a GUID", prop: "principal.principalId", says: ["object (principal) ID, a GUID", "a name or client ID is not one"], build: (s) => new RoleGrant(s, "g", { principal: externalPrincipal({ principalId: "myIdentity", description: "an identity named by its name" }), role: Roles.READER, scope: rg(), reason: "reads" }) },
  { name: "grant: same key, another scope", prop: "grantOnVirtualNetwork", says: ["already used in this cluster, by a grant on another scope", "pass a distinct key"], build: (s) => { const c = cluster(s); c.grantOnVirtualNetwork(ID.vnet); c.grantOnVirtualNetwork(ID.vnet.replace("/resourceGroups/rg/", "/resourceGroups/rg2/")); } },

  // JavaScript callers (no type checker): wrong types get the library's error, not a TypeError
  { name: "JS: subnet as a number", prop: "network.subnet", says: ["Microsoft.Network/virtualNetworks/subnets"], build: withNetwork({ subnet: 42 as unknown as string }) },
  { name: "JS: a null registry", prop: "containerRegistries", says: ["Microsoft.ContainerRegistry/registries"], build: (s) => cluster(s, { containerRegistries: [null as unknown as string] }) },
  { name: "JS: containerRegistries as a string", prop: "containerRegistries", says: ["Expected an array", "wrap it in brackets"], build: (s) => cluster(s, { containerRegistries: ID.registry as unknown as string[] }) },
  { name: "JS: additionalNodePools as an object", prop: "additionalNodePools", says: ["Expected an array"], build: (s) => cluster(s, { additionalNodePools: { name: "pool2" } as unknown as [] }) },
  { name: "JS: a hand-built service principal identity (its secret is not echoed)", prop: "identity", says: ["received \"a value of type object, not a ClusterIdentity\"", "Expected a ClusterIdentity"], hides: "SuperSecret~Value123", build: (s) => cluster(s, { identity: { type: "ServicePrincipal", servicePrincipal: { clientId: "00000000-0000-0000-0000-0000000000aa", clientSecret: "SuperSecret~Value123" } } as unknown as ClusterIdentity }) },
  { name: "JS: identity as a string", prop: "identity", says: ["Expected a ClusterIdentity", "ClusterIdentity.systemAssigned()"], build: (s) => cluster(s, { identity: "SystemAssigned" as unknown as ClusterIdentity }) },
  { name: "JS: grant scope undefined", prop: "scope", says: ["Expected an Azure resource ID"], build: (s) => grantControlPlane(cluster(s), "Zone", Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, undefined as unknown as string, "zone") },

  // Names past Azure's limits, empty, whitespace
  { name: "cluster construct id starting with a digit", prop: "id", says: ["must start with a letter or underscore", "would be named \"01-prod\"", "the name prop"], build: (s) => new AksCluster(s, "01-prod", { resourceGroup: RG }) },
  { name: "identity construct id starting with a digit", prop: "id", says: ["must start with a letter or underscore"], build: (s) => new UserAssignedManagedIdentity(s, "1identity", { resourceGroupName: "rg", location: "westus2" }) },
  { name: "identity lookup id starting with a digit", prop: "id", says: ["must start with a letter or underscore"], build: (s) => UserAssignedManagedIdentity.fromResourceId(s, "2id", ID.identity) },
  { name: "cluster name: 64 characters", prop: "name", says: ["1-63 characters", NAME_FIX], build: (s) => cluster(s, { name: "a".repeat(64) }) },
  { name: "cluster name: empty", prop: "name", says: ["1-63 characters"], build: (s) => cluster(s, { name: "" }) },
  { name: "cluster name: a space", prop: "name", says: ["letters, digits, hyphens and underscores", "\"my-cluster\""], build: (s) => cluster(s, { name: "my cluster" }) },
  { name: "cluster name: ends with a hyphen", prop: "name", says: ["starting and ending with a letter or digit"], build: (s) => cluster(s, { name: "aks-" }) },
  { name: "dnsPrefix: 55 characters", prop: "dnsPrefix", says: ["1-54 characters"], build: (s) => cluster(s, { dnsPrefix: "a".repeat(55) }) },
  { name: "dnsPrefix: starts with a digit", prop: "dnsPrefix", says: ["starting with a letter", "\"a1aks\""], build: (s) => cluster(s, { dnsPrefix: "1aks" }) },
  { name: "dnsPrefix: underscore", prop: "dnsPrefix", says: ["letters, digits and hyphens"], build: (s) => cluster(s, { dnsPrefix: "my_aks" }) },
  { name: "identity name: 2 characters", prop: "name", says: ["3-128 characters"], build: (s) => new UserAssignedManagedIdentity(s, "id", { name: "id", ...{ resourceGroupName: "rg", location: "westus2" } }) },
  { name: "identity name: 129 characters", prop: "name", says: ["3-128 characters"], build: (s) => new UserAssignedManagedIdentity(s, "id", { name: "i".repeat(129), resourceGroupName: "rg", location: "westus2" }) },
  { name: "identity: empty resource group name", prop: "resourceGroupName", says: ["1-90 characters"], build: (s) => new UserAssignedManagedIdentity(s, "id", { name: "my-identity", resourceGroupName: "", location: "westus2" }) },
  { name: "identity: resource group name ends with a period", prop: "resourceGroupName", says: ["not ending in a period"], build: (s) => new UserAssignedManagedIdentity(s, "id", { name: "my-identity", resourceGroupName: "rg.", location: "westus2" }) },
  { name: "identity: resource group name of 91 characters", prop: "resourceGroupName", says: ["1-90 characters"], build: (s) => new UserAssignedManagedIdentity(s, "id", { name: "my-identity", resourceGroupName: "r".repeat(91), location: "westus2" }) },
  { name: "location: display name with spaces", prop: "location", says: ["lowercase without spaces, like westus2"], build: (s) => cluster(s, { resourceGroup: { name: "rg", location: "West US 2" } }) },
  { name: "location: leading whitespace", prop: "location", says: ["like westus2"], build: (s) => new UserAssignedManagedIdentity(s, "id", { name: "my-identity", resourceGroupName: "rg", location: " westus2" }) },
  { name: "location: empty", prop: "location", says: ["like westus2"], build: (s) => cluster(s, { location: "", resourceGroup: undefined }) },
  { name: "node pool name: 13 characters", prop: "defaultNodePool.name", says: ["1-12 characters"], build: (s) => cluster(s, { defaultNodePool: { name: "nodepool12345" } }) },
  { name: "node pool name: uppercase", prop: "defaultNodePool.name", says: ["lowercase letters and digits", "\"nodepool\""], build: (s) => cluster(s, { defaultNodePool: { name: "NodePool" } }) },
  { name: "node pool: extra pool without a name", prop: "additionalNodePools[0].name", says: ["Expected a string"], build: (s) => cluster(s, { additionalNodePools: [{ vmSize: "Standard_D4s_v5" }] }) },
  { name: "node pool: duplicate name", prop: "additionalNodePools", says: ["must be unique"], build: (s) => cluster(s, { additionalNodePools: [{ name: "nodepool1" }] }) },
  { name: "node pool: zero nodes", prop: "defaultNodePool.nodeCount", says: ["from 1 to 1000"], build: (s) => cluster(s, { defaultNodePool: { nodeCount: 0 } }) },
  { name: "node pool: fractional nodes", prop: "defaultNodePool.nodeCount", says: ["a whole number"], build: (s) => cluster(s, { defaultNodePool: { nodeCount: 2.5 } }) },
  { name: "node pool: VM size without Standard_", prop: "defaultNodePool.vmSize", says: ["Standard_DS2_v2", "az vm list-sizes"], build: (s) => cluster(s, { defaultNodePool: { vmSize: "DS2_v2" } }) },

  // Invalid CIDRs and IPs
  { name: "serviceCidr: prefix 33", prop: "network.serviceCidr", says: ["CIDR form", "/12 to /30"], build: withNetwork({ serviceCidr: "10.0.0.0/33", dnsServiceIp: "10.0.0.10" }) },
  { name: "serviceCidr: host bits set", prop: "network.serviceCidr", says: ["no host bits set"], build: withNetwork({ serviceCidr: "10.0.0.1/16", dnsServiceIp: "10.0.0.10" }) },
  { name: "serviceCidr: three octets", prop: "network.serviceCidr", says: ["CIDR form"], build: withNetwork({ serviceCidr: "10.0.0/16", dnsServiceIp: "10.0.0.10" }) },
  { name: "serviceCidr: octet 256", prop: "network.serviceCidr", says: ["CIDR form"], build: withNetwork({ serviceCidr: "256.0.0.0/16", dnsServiceIp: "10.0.0.10" }) },
  { name: "serviceCidr: /8 is too large", prop: "network.serviceCidr", says: ["/12 to /30"], build: withNetwork({ serviceCidr: "10.0.0.0/8", dnsServiceIp: "10.0.0.10" }) },
  { name: "serviceCidr: empty", prop: "network.serviceCidr", says: ["CIDR form"], build: withNetwork({ serviceCidr: "", dnsServiceIp: "10.0.0.10" }) },
  { name: "serviceCidr: whitespace", prop: "network.serviceCidr", says: ["CIDR form"], build: withNetwork({ serviceCidr: " 10.0.0.0/16", dnsServiceIp: "10.0.0.10" }) },
  { name: "serviceCidr: IPv6", prop: "network.serviceCidr", says: ["IPv4 network"], build: withNetwork({ serviceCidr: "fd00::/108", dnsServiceIp: "10.0.0.10" }) },
  { name: "dnsServiceIp: octet 256", prop: "network.dnsServiceIp", says: ["IPv4 address like \"10.0.0.10\""], build: withNetwork({ serviceCidr: "10.0.0.0/16", dnsServiceIp: "10.0.0.256" }) },
  { name: "dnsServiceIp: leading zero", prop: "network.dnsServiceIp", says: ["IPv4 address"], build: withNetwork({ serviceCidr: "10.0.0.0/16", dnsServiceIp: "10.0.0.010" }) },
  { name: "dnsServiceIp: outside serviceCidr", prop: "network.dnsServiceIp", says: ["inside serviceCidr 10.0.0.0/16", "the .10 of the service CIDR"], build: withNetwork({ serviceCidr: "10.0.0.0/16", dnsServiceIp: "10.1.0.10" }) },
  { name: "dnsServiceIp: the kubernetes service address", prop: "network.dnsServiceIp", says: ["not its network, first"], build: withNetwork({ serviceCidr: "10.0.0.0/16", dnsServiceIp: "10.0.0.1" }) },
  { name: "dnsServiceIp: broadcast address", prop: "network.dnsServiceIp", says: ["broadcast"], build: withNetwork({ serviceCidr: "10.0.0.0/24", dnsServiceIp: "10.0.0.255" }) },
  { name: "dnsServiceIp: without serviceCidr", prop: "network.serviceCidr", says: ["go together"], build: withNetwork({ dnsServiceIp: "10.0.0.10" }) },
  { name: "serviceCidr: without dnsServiceIp", prop: "network.dnsServiceIp", says: ["go together"], build: withNetwork({ serviceCidr: "10.0.0.0/16" }) },

  // Wrong casing of enum-like values
  { name: "outboundType: UserDefinedRouting", prop: "network.outboundType", says: ["camelCase", "use \"userDefinedRouting\""], build: withNetwork({ outboundType: "UserDefinedRouting" as OutboundType }) },
  { name: "outboundType: loadbalancer", prop: "network.outboundType", says: ["use \"loadBalancer\""], build: withNetwork({ outboundType: "loadbalancer" as OutboundType }) },
  { name: "outboundType: unknown", prop: "network.outboundType", says: ["Allowed: \"loadBalancer\", \"userDefinedRouting\""], build: withNetwork({ outboundType: "natGateway" as OutboundType }) },
  { name: "plugin: Azure", prop: "network.plugin", says: ["lowercase", "use \"azure\""], build: withNetwork({ plugin: "Azure" as NetworkPlugin }) },
  { name: "plugin: KUBENET", prop: "network.plugin", says: ["use \"kubenet\""], build: withNetwork({ plugin: "KUBENET" as NetworkPlugin }) },

  // Identity rules
  { name: "service principal: secret as a literal", prop: "identity.servicePrincipal.clientSecret", says: ["must be a token", "sensitive TerraformVariable"], hides: "hunter2-very-secret", build: (s) => cluster(s, { identity: sp(s, { clientSecret: "hunter2-very-secret" }) }) },
  { name: "service principal: empty secret", prop: "identity.servicePrincipal.clientSecret", says: ["must be a token"], build: (s) => cluster(s, { identity: sp(s, { clientSecret: "" }) }) },
  { name: "service principal: client ID not a GUID", prop: "identity.servicePrincipal.clientId", says: ["a GUID", "az ad sp create-for-rbac"], build: (s) => cluster(s, { identity: sp(s, { clientId: "my-app" }) }) },
  { name: "service principal: object ID not a GUID", prop: "identity.servicePrincipal.objectId", says: ["service principal's object (principal) ID, a GUID", "az ad sp show"], build: (s) => cluster(s, { identity: sp(s, { objectId: "my-app" }) }) },
  { name: "service principal: grant without object ID", prop: "identity.servicePrincipal.objectId", says: ["the client ID is not a principal ID", "az ad sp show"], build: (s) => cluster(s, { identity: sp(s), network: { subnet: ID.subnet } }) },
  { name: "kubelet identity with a system-assigned control plane", prop: "kubeletIdentity", says: ["needs a user-assigned control-plane identity"], build: (s) => cluster(s, { kubeletIdentity: attrs(s, ID.kubelet, "kubelet") }) },
  { name: "kubelet identity equal to the control-plane identity", prop: "kubeletIdentity", says: ["must differ", "create a second identity"], build: (s) => cluster(s, { identity: userAssigned(s), kubeletIdentity: attrs(s, ID.identity.toUpperCase(), "kubelet") }) },
  { name: "userDefinedRouting with kubenet and a system-assigned identity", prop: "network.outboundType", says: ["configure-kubenet.md", "ClusterIdentity.userAssigned", "or use Azure CNI"], build: (s) => cluster(s, { network: { plugin: "kubenet", subnet: ID.subnet, routeTable: ID.routeTable, outboundType: "userDefinedRouting" } }) },
  { name: "userDefinedRouting without a route table", prop: "network", says: ["set network.subnet and network.routeTable"], build: withNetwork({ subnet: ID.subnet, outboundType: "userDefinedRouting" }) },
  { name: "two clusters named alike in one resource group", prop: "name", says: ["Azure names are case-insensitive", "give each cluster its own name"], build: (s) => { new AksCluster(s, "aks", { resourceGroup: RG }); new AksCluster(s, "AKS", { resourceGroup: { ...RG, name: "RG" } }); } },
  // Add-ons: resource IDs (and constructs of the wrong type), names and enum-like values
  { name: "monitoring: a storage account ID as the workspace", prop: "addons.monitoring.logAnalyticsWorkspace", says: ["Microsoft.OperationalInsights/workspaces", RESOURCE_ID_FIX], build: withAddons({ monitoring: { logAnalyticsWorkspace: ID.storage } }) },
  { name: "monitoring: the workspace's name, not its ID", prop: "addons.monitoring.logAnalyticsWorkspace", says: ["Microsoft.OperationalInsights/workspaces"], build: withAddons({ monitoring: { logAnalyticsWorkspace: "ws" } }) },
  { name: "monitoring: workspace ID with trailing whitespace", prop: "addons.monitoring.logAnalyticsWorkspace", says: ["remove the surrounding whitespace"], build: withAddons({ monitoring: { logAnalyticsWorkspace: `${ID.workspace} ` } }) },
  { name: "monitoring: a storage account construct as the workspace", prop: "addons.monitoring.logAnalyticsWorkspace", says: ["azurerm_log_analytics_workspace construct", "the azurerm_storage_account test/st"], build: (s) => withAddons({ monitoring: { logAnalyticsWorkspace: storage(s) } })(s) },
  { name: "monitoring: no workspace", prop: "addons.monitoring.logAnalyticsWorkspace", says: ["Log Analytics workspace"], build: withAddons({ monitoring: {} as never }) },
  { name: "monitoring: msiAuth as a string", prop: "addons.monitoring.msiAuth", says: ["Expected true or false"], build: withAddons({ monitoring: { logAnalyticsWorkspace: ID.workspace, msiAuth: "false" as unknown as boolean } }) },
  { name: "web app routing: a DNS resolver ID as a zone", prop: "addons.webAppRouting.dnsZones[0]", says: ["public or private DNS zone", "privateDnsZones"], build: withAddons({ webAppRouting: { dnsZones: [`${rg("dns")}/providers/Microsoft.Network/dnsResolvers/r`] } }) },
  { name: "web app routing: a zone's name, not its ID", prop: "addons.webAppRouting.dnsZones[0]", says: ["public or private DNS zone"], build: withAddons({ webAppRouting: { dnsZones: ["contoso.com"] } }) },
  { name: "web app routing: empty zone ID", prop: "addons.webAppRouting.dnsZones[0]", says: ["public or private DNS zone"], build: withAddons({ webAppRouting: { dnsZones: [""] } }) },
  { name: "web app routing: a public zone ID said to be private", prop: "addons.webAppRouting.dnsZones[0].kind", says: ["The ID names a public zone", "set kind to \"public\""], build: withAddons({ webAppRouting: { dnsZones: [{ zone: ID.publicZone, kind: "private" }] } }) },
  { name: "web app routing: a public zone construct said to be private", prop: "addons.webAppRouting.dnsZones[0].kind", says: ["a public zone", "set kind to \"public\""], build: (s) => withAddons({ webAppRouting: { dnsZones: [{ zone: new DnsZone(s, "zone", { name: "contoso.com", resourceGroupName: "dns" }), kind: "private" }] } })(s) },
  { name: "web app routing: a storage account construct as a zone", prop: "addons.webAppRouting.dnsZones[0]", says: ["Expected a DNS zone", "azurerm_private_dns_zone"], build: (s) => withAddons({ webAppRouting: { dnsZones: [{ zone: storage(s), kind: "public" }] } })(s) },
  { name: "web app routing: kind \"Public\"", prop: "addons.webAppRouting.dnsZones[0].kind", says: ["Allowed: \"public\" or \"private\""], build: withAddons({ webAppRouting: { dnsZones: [{ zone: ID.publicZone, kind: "Public" as DnsZoneKind }] } }) },
  { name: "web app routing: an apply-time zone without its kind", prop: "addons.webAppRouting.dnsZones[0]", says: ["a reference does not show it", "kind: \"public\" | \"private\""], build: (s) => withAddons({ webAppRouting: { dnsZones: [{ zone: apply(s, "zone"), key: "zone" }] } })(s) },
  { name: "web app routing: an apply-time zone without a key", prop: "addons.webAppRouting.dnsZones[0]", says: ["needs a static key"], build: (s) => withAddons({ webAppRouting: { dnsZones: [{ zone: apply(s, "zone"), kind: "public" }] } })(s) },
  { name: "web app routing: a key with a slash", prop: "addons.webAppRouting.dnsZones[0].key", says: ["Terraform address", "\"shared-vault\""], build: withAddons({ webAppRouting: { dnsZones: [{ zone: ID.publicZone, key: "dns/public" }] } }) },
  { name: "web app routing: private zones in two resource groups", prop: "addons.webAppRouting.dnsZones", says: ["all private DNS zones", "in one resource group"], build: withAddons({ webAppRouting: { dnsZones: [ID.privateZone, ID.privateZone.replace("/resourceGroups/dns/", "/resourceGroups/dns2/").replace("contoso.internal", "other.internal")] } }) },
  { name: "web app routing: the same zone twice", prop: "addons.webAppRouting.dnsZones", says: ["Two zones share a grant key"], build: withAddons({ webAppRouting: { dnsZones: [ID.publicZone, ID.publicZone] } }) },
  { name: "gateway: a subnet ID as the gateway", prop: "addons.ingressApplicationGateway.existingGateway.gateway", says: ["Microsoft.Network/applicationGateways", RESOURCE_ID_FIX], build: withAddons({ ingressApplicationGateway: { existingGateway: { gateway: ID.gatewaySubnet, subnet: ID.gatewaySubnet } } }) },
  { name: "gateway: the gateway ID as its subnet", prop: "addons.ingressApplicationGateway.existingGateway.subnet", says: ["Microsoft.Network/virtualNetworks/subnets"], build: withAddons({ ingressApplicationGateway: { existingGateway: { gateway: ID.gateway, subnet: ID.gateway } } }) },
  { name: "gateway: a VNet construct as its subnet", prop: "addons.ingressApplicationGateway.existingGateway.subnet", says: ["azurerm_subnet construct"], build: (s) => withAddons({ ingressApplicationGateway: { existingGateway: { gateway: ID.gateway, subnet: new VirtualNetwork(s, "vnet", { name: "agw-vnet", resourceGroupName: "agw", location: "westus2", addressSpace: ["10.2.0.0/16"] }) } } })(s) },
  { name: "gateway: existing gateway without its subnet", prop: "addons.ingressApplicationGateway.existingGateway.subnet", says: ["Network Contributor on the gateway's subnet"], build: withAddons({ ingressApplicationGateway: { existingGateway: { gateway: ID.gateway } as never } }) },
  { name: "gateway: a VNet as its resource group", prop: "addons.ingressApplicationGateway.existingGateway.resourceGroup", says: ["resource group"], build: withAddons({ ingressApplicationGateway: { existingGateway: { gateway: ID.gateway, subnet: ID.gatewaySubnet, resourceGroup: ID.vnet } } }) },
  { name: "gateway: existing gateway and a CIDR", prop: "addons.ingressApplicationGateway", says: ["Exactly one of existingGateway, subnet or subnetCidr"], build: withAddons({ ingressApplicationGateway: { existingGateway: { gateway: ID.gateway, subnet: ID.gatewaySubnet }, subnetCidr: "10.225.0.0/16" } }) },
  { name: "gateway: none of existingGateway, subnet, subnetCidr", prop: "addons.ingressApplicationGateway", says: ["Exactly one of"], build: withAddons({ ingressApplicationGateway: {} }) },
  { name: "gateway: a name for an existing gateway", prop: "addons.ingressApplicationGateway.gatewayName", says: ["remove gatewayName"], build: withAddons({ ingressApplicationGateway: { existingGateway: { gateway: ID.gateway, subnet: ID.gatewaySubnet }, gatewayName: "gw" } }) },
  { name: "gateway: a name with a space", prop: "addons.ingressApplicationGateway.gatewayName", says: ["1-80 letters", "ingress-appgateway"], build: withAddons({ ingressApplicationGateway: { subnetCidr: "10.225.0.0/16", gatewayName: "my gateway" } }) },
  { name: "gateway: an empty name", prop: "addons.ingressApplicationGateway.gatewayName", says: ["1-80 letters"], build: withAddons({ ingressApplicationGateway: { subnetCidr: "10.225.0.0/16", gatewayName: "" } }) },
  { name: "gateway: the nodes' subnet, in another casing", prop: "addons.ingressApplicationGateway.subnet", says: ["needs a subnet of its own"], build: withAddons({ ingressApplicationGateway: { subnet: ID.subnet.toUpperCase() } }, inVnet) },
  { name: "gateway: subnetCidr with host bits", prop: "addons.ingressApplicationGateway.subnetCidr", says: ["no host bits set"], build: withAddons({ ingressApplicationGateway: { subnetCidr: "10.225.0.1/16" } }) },
  { name: "gateway: subnetCidr with the cluster in its own VNet", prop: "addons.ingressApplicationGateway.subnetCidr", says: ["pass it as subnet"], build: withAddons({ ingressApplicationGateway: { subnetCidr: "10.225.0.0/16" } }, inVnet) },
  { name: "key vault: a storage account ID", prop: "addons.keyVaultSecretsProvider.keyVaults[0].vault", says: ["Microsoft.KeyVault/vaults", RESOURCE_ID_FIX], build: withAddons({ keyVaultSecretsProvider: { keyVaults: [{ vault: ID.storage }] } }) },
  { name: "key vault: the vault's URI", prop: "addons.keyVaultSecretsProvider.keyVaults[0].vault", says: ["Microsoft.KeyVault/vaults"], build: withAddons({ keyVaultSecretsProvider: { keyVaults: [{ vault: "https://vault1.vault.azure.net/" }] } }) },
  { name: "key vault: a storage account construct", prop: "addons.keyVaultSecretsProvider.keyVaults[0].vault", says: ["azurerm_key_vault construct"], build: (s) => withAddons({ keyVaultSecretsProvider: { keyVaults: [{ vault: storage(s) }] } })(s) },
  { name: "key vault: an apply-time ID without a key", prop: "addons.keyVaultSecretsProvider.keyVaults[0].vault", says: ["needs a static key"], build: (s) => withAddons({ keyVaultSecretsProvider: { keyVaults: [{ vault: apply(s, "vault") }] } })(s) },
  { name: "key vault: an empty key", prop: "addons.keyVaultSecretsProvider.keyVaults[0].key", says: ["Terraform address"], build: withAddons({ keyVaultSecretsProvider: { keyVaults: [{ vault: ID.vault, key: "" }] } }) },
  { name: "key vault: the vault as a bare string entry", prop: "addons.keyVaultSecretsProvider.keyVaults[0]", says: ["{ vault, certificates?, key? }"], build: withAddons({ keyVaultSecretsProvider: { keyVaults: [ID.vault as never] } }) },
  { name: "key vault: certificates as a string", prop: "addons.keyVaultSecretsProvider.keyVaults[0].certificates", says: ["Expected true or false"], build: withAddons({ keyVaultSecretsProvider: { keyVaults: [{ vault: ID.vault, certificates: "yes" as unknown as boolean }] } }) },
  { name: "key vault: rotation interval in seconds as a number", prop: "addons.keyVaultSecretsProvider.rotationPollInterval", says: ["like \"2m\""], build: withAddons({ keyVaultSecretsProvider: { rotationPollInterval: "120" } }) },
  { name: "key vault: secretRotation as a string", prop: "addons.keyVaultSecretsProvider.secretRotation", says: ["Expected true or false"], build: withAddons({ keyVaultSecretsProvider: { secretRotation: "true" as unknown as boolean } }) },
  { name: "virtual node: a VNet ID as its subnet", prop: "addons.virtualNode.subnet", says: ["Microsoft.Network/virtualNetworks/subnets"], build: withAddons({ virtualNode: { subnet: ID.vnet } }, inVnet) },
  { name: "virtual node: a VNet construct as its subnet", prop: "addons.virtualNode.subnet", says: ["azurerm_subnet construct", "the azurerm_virtual_network test/vnet"], build: (s) => withAddons({ virtualNode: { subnet: new VirtualNetwork(s, "vnet", { name: "vnet", resourceGroupName: "rg", location: "westus2", addressSpace: ["10.0.0.0/8"] }) } }, inVnet)(s) },
  { name: "virtual node: a subnet as its VNet", prop: "addons.virtualNode.virtualNetwork", says: ["Microsoft.Network/virtualNetworks"], build: withAddons({ virtualNode: { subnet: ID.aciSubnet, virtualNetwork: ID.aciSubnet } }, inVnet) },
  { name: "virtual node: the nodes' subnet", prop: "addons.virtualNode.subnet", says: ["must differ from the nodes' subnet"], build: withAddons({ virtualNode: { subnet: ID.subnet } }, inVnet) },
  { name: "virtual node: a subnet of another VNet", prop: "addons.virtualNode.subnet", says: ["must be in the cluster's VNet"], build: withAddons({ virtualNode: { subnet: ID.gatewaySubnet } }, inVnet) },
  { name: "virtual node: no cluster subnet", prop: "addons.virtualNode", says: ["set network.subnet"], build: withAddons({ virtualNode: { subnet: ID.aciSubnet } }) },
  { name: "virtual node: kubenet", prop: "network.plugin", says: ["Virtual nodes need Azure CNI"], build: withAddons({ virtualNode: { subnet: ID.aciSubnet } }, { ...inVnet, plugin: "kubenet" }) },
  { name: "virtual node: subnetName of another subnet", prop: "addons.virtualNode.subnetName", says: ["must name the subnet passed as subnet (\"aci\")", "omit subnetName"], build: withAddons({ virtualNode: { subnet: ID.aciSubnet, subnetName: "virtual-node" } }, inVnet) },
  { name: "virtual node: empty subnetName", prop: "addons.virtualNode.subnetName", says: ["must name the subnet"], build: withAddons({ virtualNode: { subnet: ID.aciSubnet, subnetName: "" } }, inVnet) },
  { name: "virtual node: an apply-time subnet without its name", prop: "addons.virtualNode.subnetName", says: ["pass the Subnet construct, its literal ID, or subnetName"], build: (s) => withAddons({ virtualNode: { subnet: apply(s, "aci") } }, inVnet)(s) },
  { name: "virtual node: grant \"Subnet\"", prop: "addons.virtualNode.grant", says: ["Allowed: \"virtualNetwork\""], build: withAddons({ virtualNode: { subnet: ID.aciSubnet, grant: "Subnet" as "subnet" } }, inVnet) },
  { name: "add-ons: omsAgent (azurerm's name)", prop: "addons.omsAgent", says: ["Known add-ons", "omsAgent is monitoring"], build: withAddons({ omsAgent: {} } as AddonsProps) },
  { name: "add-ons: azurePolicy as a string", prop: "addons.azurePolicy", says: ["Expected true or false"], build: withAddons({ azurePolicy: "true" as unknown as boolean }) },
  { name: "add-ons: monitoring as true", prop: "addons.monitoring", says: ["Expected the add-on's settings object"], build: withAddons({ monitoring: true as never }) },

  // Workload identity: Kubernetes names, empty strings, whitespace, clashes
  { name: "workload: namespace with uppercase", prop: "namespace", says: ["a DNS label", "lowercase"], build: workload({ namespace: "Payments" }) },
  { name: "workload: namespace of 64 characters", prop: "namespace", says: ["at most 63 characters"], build: workload({ namespace: "a".repeat(64) }) },
  { name: "workload: empty namespace", prop: "namespace", says: ["a DNS label"], build: workload({ namespace: "" }) },
  { name: "workload: namespace with a trailing space", prop: "namespace", says: ["a DNS label"], build: workload({ namespace: "app " }) },
  { name: "workload: namespace with a dot", prop: "namespace", says: ["a DNS label"], build: workload({ namespace: "team.app" }) },
  { name: "workload: service account with uppercase", prop: "serviceAccount", says: ["a DNS subdomain"], build: workload({ serviceAccount: "Web" }) },
  { name: "workload: service account with an underscore", prop: "serviceAccount", says: ["a DNS subdomain"], build: workload({ serviceAccount: "web_app" }) },
  { name: "workload: service account with an empty label", prop: "serviceAccount", says: ["a DNS subdomain"], build: workload({ serviceAccount: "web..app" }) },
  { name: "workload: service account of 254 characters", prop: "serviceAccount", says: ["at most 253 characters"], build: workload({ serviceAccount: "a".repeat(254) }) },
  { name: "workload: empty service account", prop: "serviceAccount", says: ["a DNS subdomain"], build: workload({ serviceAccount: "" }) },
  { name: "workload: whitespace service account", prop: "serviceAccount", says: ["a DNS subdomain"], build: workload({ serviceAccount: " " }) },
  { name: "workload: identity name of 2 characters", prop: "name", says: ["3-128 characters"], build: workload({ identityName: "id" }) },
  { name: "workload: not a cluster", prop: "cluster", says: ["Expected an AksCluster"], build: (s) => new WorkloadIdentity(s, "app", { cluster: "aks" as never, namespace: "app", serviceAccount: "web" }) },
  { name: "workload: the same service account twice", prop: "serviceAccount", says: ["already federated with this service account", "grant the roles to the existing WorkloadIdentity"], build: (s) => { const c = cluster(s); new WorkloadIdentity(s, "a", { cluster: c, namespace: "app", serviceAccount: "web" }); new WorkloadIdentity(s, "b", { cluster: c, namespace: "app", serviceAccount: "web" }); } },
  { name: "workload: two service accounts giving the same identity name", prop: "identityName", says: ["names must be unique in a resource group", "pass a distinct identityName"], build: (s) => { const c = cluster(s); new WorkloadIdentity(s, "a", { cluster: c, namespace: "app-web", serviceAccount: "api" }); new WorkloadIdentity(s, "b", { cluster: c, namespace: "app", serviceAccount: "web.api" }); } },

  // The article's pod identity exception
  { name: "pod identity exception: not a cluster", prop: "cluster", says: ["Expected an AksCluster"], build: (s) => new PodIdentityException(s, "pie", { cluster: "aks" as never }) },
  { name: "pod identity exception: includeMicException as a string", prop: "includeMicException", says: ["Expected true or false"], build: (s) => new PodIdentityException(s, "pie", { cluster: cluster(s), includeMicException: "no" as unknown as boolean }) },
  { name: "pod identity exception: a provider that is not a kubernetes provider", prop: "provider", says: ["Expected a kubernetes provider", "terraformResourceType is \"kubernetes\""], build: (s) => new PodIdentityException(s, "pie", { cluster: cluster(s), provider: new AzurermProvider(s, "other", { features: [{}], alias: "other" }) }) },

  // The production network (lib/cluster/private-cluster.ts, api-server.ts, outbound.ts, node-pools.ts, cluster-config.ts; lib/grants/custom-role.ts)
  { name: "private cluster: \"System\" as azurerm spells it", prop: "privateCluster.privateDnsZone", says: ["Allowed: \"system\", \"none\"", "use \"system\""], build: (s) => cluster(s, { identity: userAssigned(s), privateCluster: { privateDnsZone: "System" as "system" } }) },
  { name: "private cluster: a public DNS zone", prop: "privateCluster.privateDnsZone", says: ["Microsoft.Network/privateDnsZones"], build: (s) => cluster(s, { identity: userAssigned(s), privateCluster: { privateDnsZone: ID.publicZone } }) },
  { name: "private cluster: a zone not named privatelink.<region>.azmk8s.io", prop: "privateCluster.privateDnsZone", says: ["privatelink.westus2.azmk8s.io"], build: (s) => cluster(s, { identity: userAssigned(s), privateCluster: { privateDnsZone: ID.privateZone } }) },
  { name: "private cluster: a custom zone with a system-assigned identity", prop: "privateCluster.privateDnsZone", says: ["AKS doesn't support a system-assigned identity with a custom private DNS zone"], build: (s) => cluster(s, { privateCluster: { privateDnsZone: ID.aksZone } }) },
  { name: "private cluster: \"none\" without the public FQDN", prop: "privateCluster.publicFqdn", says: ["isn't supported"], build: (s) => cluster(s, { privateCluster: { privateDnsZone: "none", publicFqdn: false } }) },
  { name: "private cluster: a string", prop: "privateCluster", says: ["Expected true or { privateDnsZone"], build: (s) => cluster(s, { privateCluster: "yes" as never }) },
  { name: "API server: the nodes' subnet", prop: "apiServer.subnet", says: ["can't hold the nodes"], build: (s) => cluster(s, { identity: userAssigned(s), network: inVnet, apiServer: { subnet: ID.subnet } }) },
  { name: "API server: a subnet without your own VNet", prop: "apiServer.subnet", says: ["set network.subnet"], build: (s) => cluster(s, { identity: userAssigned(s), apiServer: { subnet: ID.aciSubnet } }) },
  { name: "API server: a subnet with a system-assigned identity", prop: "apiServer.subnet", says: ["lack of permissions at the API server subnet"], build: (s) => cluster(s, { network: inVnet, apiServer: { subnet: ID.aciSubnet } }) },
  { name: "NAT gateway: userAssignedNATGateway without a subnet", prop: "network.outboundType", says: ["bring-your-own networks"], build: withNetwork({ outboundType: "userAssignedNATGateway" }) },
  { name: "NAT gateway: with outbound type loadBalancer", prop: "network.natGateway", says: ["only with outbound type userAssignedNATGateway"], build: withNetwork({ ...inVnet, natGateway: ID.natGateway }) },
  { name: "NAT gateway: a public IP as the NAT gateway", prop: "network.natGateway", says: ["Microsoft.Network/natGateways"], build: withNetwork({ ...inVnet, outboundType: "userAssignedNATGateway", natGateway: ID.publicIp }) },
  { name: "outbound IPs: with prefixes", prop: "network.outboundIpPrefixes", says: ["one outbound IP option at a time"], build: withNetwork({ outboundIps: [ID.publicIp], outboundIpPrefixes: [ID.ipPrefix] }) },
  { name: "outbound IPs: a prefix as an IP", prop: "network.outboundIps[0]", says: ["Microsoft.Network/publicIPAddresses"], build: withNetwork({ outboundIps: [ID.ipPrefix] }) },
  { name: "outbound IPs: with userDefinedRouting", prop: "network.outboundIps", says: ["only with outbound type loadBalancer"], build: withNetwork({ ...inVnet, routeTable: ID.routeTable, outboundType: "userDefinedRouting", outboundIps: [ID.publicIp] }) },
  { name: "outbound IPs: an apply-time ID without a key", prop: "network.outboundIps", says: ["needs a static key"], build: (s) => withNetwork({ outboundIps: [apply(s, "pip")] })(s) },
  { name: "node pools: vnetSubnetId on the default pool", prop: "defaultNodePool.vnetSubnetId", says: ["use network.subnet"], build: (s) => cluster(s, { defaultNodePool: { vnetSubnetId: ID.subnet } as never }) },
  { name: "node pools: kubernetesClusterId on a pool", prop: "additionalNodePools[0].kubernetesClusterId", says: ["The cluster sets this itself"], build: (s) => cluster(s, { additionalNodePools: [{ name: "p2", kubernetesClusterId: "x" } as never] }) },
  { name: "node pools: autoscaling without bounds", prop: "defaultNodePool.minCount", says: ["needs minCount and maxCount"], build: (s) => cluster(s, { defaultNodePool: { autoScalingEnabled: true } }) },
  { name: "node pools: bounds without autoscaling", prop: "additionalNodePools[0].maxCount", says: ["set autoScalingEnabled: true"], build: (s) => cluster(s, { additionalNodePools: [{ name: "p2", maxCount: 3 }] }) },
  { name: "node pools: a rotation name with a hyphen", prop: "defaultNodePool.temporaryNameForRotation", says: ["lowercase letters and digits"], build: (s) => cluster(s, { defaultNodePool: { temporaryNameForRotation: "tmp-pool" } }) },
  { name: "node pools: a pod subnet on one pool of two", prop: "defaultNodePool.podSubnet", says: ["every node pool needs a pod subnet"], build: (s) => cluster(s, { identity: userAssigned(s), network: inVnet, additionalNodePools: [{ name: "p2", podSubnet: ID.aciSubnet }] }) },
  { name: "node pools: the pod subnet is the nodes' subnet", prop: "defaultNodePool.podSubnet", says: ["must differ from the nodes' subnet"], build: (s) => cluster(s, { identity: userAssigned(s), network: inVnet, defaultNodePool: { podSubnet: ID.subnet } }) },
  { name: "node pools: a capacity reservation group with a system-assigned identity", prop: "defaultNodePool.capacityReservationGroup", says: ["system-assigned managed identities don't work"], build: (s) => cluster(s, { defaultNodePool: { capacityReservationGroup: ID.crg } }) },
  { name: "clusterConfig: identity", prop: "clusterConfig.identity", says: ["use identity."], build: (s) => cluster(s, { clusterConfig: { identity: { type: "SystemAssigned" } } as never }) },
  { name: "clusterConfig: networkProfile.networkPlugin", prop: "clusterConfig.networkProfile.networkPlugin", says: ["use network.plugin."], build: (s) => cluster(s, { clusterConfig: { networkProfile: { networkPlugin: "azure" } } as never }) },
  { name: "clusterConfig: managed outbound IPs next to yours", prop: "clusterConfig.networkProfile.loadBalancerProfile.managedOutboundIpCount", says: ["exclude each other"], build: (s) => cluster(s, { identity: userAssigned(s), network: { outboundIps: [ID.publicIp] }, clusterConfig: { networkProfile: { loadBalancerProfile: { managedOutboundIpCount: 1 } } } }) },
  { name: "least-privilege roles: a subnet as their scope", prop: "leastPrivilegeRoles.scope", says: ["subscription, resource group or management group"], build: (s) => cluster(s, { leastPrivilegeRoles: { scope: ID.subnet } }) },

  { name: "two clusters whose ids give the same output names", prop: "id", says: ["same output names", "distinct construct id"], build: (s) => { new AksCluster(s, "my-aks", { resourceGroup: RG }); new AksCluster(s, "my_aks", { resourceGroup: RG }); } },
];

describe(`bad input battery (${CASES.length} cases)`, () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    // GIVEN a stack, WHEN the mistake is made
    let error: unknown;
    try {
      c.build(newStack());
    } catch (e) {
      error = e;
    }
    // THEN the library's own error names the construct path, the prop, the rule and the fix
    expect(error).toBeInstanceOf(AksIdentityError);
    const e = error as AksIdentityError;
    expect(e.prop).toBe(c.prop);
    expect(e.message).toMatch(/^\[test(\/[^\]]+)?\] /);
    expect(e.message).toContain(`] ${c.prop}: received `);
    expect(e.message).toContain(" Fix: ");
    for (const text of c.says) expect(e.message).toContain(text);
    if (c.hides) expect(e.message).not.toContain(c.hides);
  });

  test("counts its cases (the README's reliability section quotes the figure)", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(160);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });
});
