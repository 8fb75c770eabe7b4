import { TerraformStack, TerraformVariable } from "cdktf";
import { AksCluster, AksClusterProps, AksIdentityError, ClusterIdentity, ClusterNetworkProps, grant, IUserAssignedIdentity, OutboundType, NetworkPlugin, Roles, UserAssignedIdentity } from "../lib";
import { newStack } from "./helpers";

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
};
const GUID = "11111111-1111-4111-8111-111111111111";
const RG = { name: "rg", location: "westus2" };

const attrs = (stack: TerraformStack, id = ID.identity, name = "id"): IUserAssignedIdentity =>
  UserAssignedIdentity.fromAttributes(stack, name, { id, clientId: GUID, principalId: GUID });
const userAssigned = (stack: TerraformStack) => ClusterIdentity.userAssigned(attrs(stack));
const cluster = (stack: TerraformStack, props: AksClusterProps = {}) => new AksCluster(stack, "aks", { resourceGroup: RG, ...props });
const withNetwork = (network: ClusterNetworkProps) => (stack: TerraformStack) => cluster(stack, { identity: userAssigned(stack), network });
const secret = (stack: TerraformStack) => new TerraformVariable(stack, "secret", { type: "string", sensitive: true }).stringValue;
const sp = (stack: TerraformStack, more: { clientId?: string; clientSecret?: string; objectId?: string } = {}) =>
  ClusterIdentity.servicePrincipal({ clientId: GUID, clientSecret: secret(stack), ...more });

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
  { name: "identity: a registry ID (fromResourceId)", prop: "resourceId", says: ["Microsoft.ManagedIdentity/userAssignedIdentities", RESOURCE_ID_FIX], build: (s) => UserAssignedIdentity.fromResourceId(s, "id", ID.registry) },
  { name: "identity: leading whitespace (fromAttributes)", prop: "id", says: ["remove the surrounding whitespace"], build: (s) => attrs(s, ` ${ID.identity}`) },
  { name: "identity: principalId not a GUID", prop: "principalId", says: ["identity's object (principal) ID, a GUID", "az identity show"], build: (s) => UserAssignedIdentity.fromAttributes(s, "id", { id: ID.identity, clientId: GUID, principalId: "myIdentity" }) },
  { name: "identity: clientId not a GUID", prop: "clientId", says: ["identity's client ID, a GUID", "az identity show"], build: (s) => UserAssignedIdentity.fromAttributes(s, "id", { id: ID.identity, clientId: "", principalId: GUID }) },
  { name: "kubelet identity: a subnet ID", prop: "kubeletIdentity.id", says: ["Microsoft.ManagedIdentity/userAssignedIdentities"], build: (s) => cluster(s, { identity: userAssigned(s), kubeletIdentity: { ...attrs(s, ID.kubelet, "kubelet"), id: ID.subnet } }) },
  { name: "registry: a storage account ID", prop: "containerRegistries", says: ["Microsoft.ContainerRegistry/registries", RESOURCE_ID_FIX], build: (s) => cluster(s, { containerRegistries: [ID.storage] }) },
  { name: "registry: the registry's login server", prop: "containerRegistries", says: ["Microsoft.ContainerRegistry/registries"], build: (s) => cluster(s, { containerRegistries: ["acr.azurecr.io"] }) },
  { name: "registry: an apply-time ID with no key", prop: "containerRegistries", says: ["needs a static key", "attachContainerRegistry(registryId, \"shared-acr\")"], build: (s) => cluster(s).attachContainerRegistry(new TerraformVariable(s, "acr", { type: "string" }).stringValue) },
  { name: "VNet grant: a storage account ID", prop: "grantOnVirtualNetwork", says: ["Microsoft.Network/virtualNetworks", RESOURCE_ID_FIX], build: (s) => cluster(s).grantOnVirtualNetwork(ID.storage) },
  { name: "static IP grant: the public IP, not its group", prop: "grantOnStaticIpResourceGroup", says: ["resource group", RESOURCE_ID_FIX], build: (s) => cluster(s).grantOnStaticIpResourceGroup(ID.publicIp) },
  { name: "disk grant: a subscription", prop: "grantOnDiskResourceGroup", says: ["resource group"], build: (s) => cluster(s).grantOnDiskResourceGroup(`/subscriptions/${SUB}`) },
  { name: "grant: subscription scope", prop: "scope", says: ["Subscription and management-group scopes", "allowBroadAccess"], build: (s) => cluster(s).grantControlPlane("Broad", Roles.READER, `/subscriptions/${SUB}`, "reads everything") },
  { name: "grant: management group scope", prop: "scope", says: ["Subscription and management-group scopes"], build: (s) => cluster(s).grantControlPlane("Broad", Roles.READER, "/providers/Microsoft.Management/managementGroups/root", "reads everything") },
  { name: "grant: scope not an ID", prop: "scope", says: ["Expected an Azure resource ID"], build: (s) => cluster(s).grantControlPlane("Zone", Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, "privatelink.westus2.azmk8s.io", "zone") },
  { name: "grant: Owner", prop: "role", says: ["AKS never needs them", "allowBroadAccess"], build: (s) => cluster(s).grantControlPlane("Owner", Roles.OWNER, rg(), "admin") },
  { name: "grant: User Access Administrator", prop: "role", says: ["AKS never needs them"], build: (s) => cluster(s).grantKubelet("Uaa", Roles.USER_ACCESS_ADMINISTRATOR, rg(), "admin") },
  { name: "grant: empty reason", prop: "reason", says: ["Every grant records why"], build: (s) => grant(s, "g", { principal: attrs(s), role: Roles.READER, scope: rg(), reason: " " }) },
  { name: "grant: broad access without a reason", prop: "allowBroadAccess.reason", says: ["A written reason is required"], build: (s) => grant(s, "g", { principal: attrs(s), role: Roles.OWNER, scope: rg(), reason: "admin", allowBroadAccess: { reason: "" } }) },
  { name: "grant: principal ID not a GUID", prop: "principal.principalId", says: ["object (principal) ID, a GUID", "a name or client ID is not one"], build: (s) => grant(s, "g", { principal: { ...attrs(s), principalId: "myIdentity" }, role: Roles.READER, scope: rg(), reason: "reads" }) },
  { name: "grant: same key, another scope", prop: "grantOnVirtualNetwork", says: ["already used in this cluster, by a grant on another scope", "pass a distinct key"], build: (s) => { const c = cluster(s); c.grantOnVirtualNetwork(ID.vnet); c.grantOnVirtualNetwork(ID.vnet.replace("/resourceGroups/rg/", "/resourceGroups/rg2/")); } },

  // JavaScript callers (no type checker): wrong types get the library's error, not a TypeError
  { name: "JS: subnet as a number", prop: "network.subnet", says: ["Microsoft.Network/virtualNetworks/subnets"], build: withNetwork({ subnet: 42 as unknown as string }) },
  { name: "JS: a null registry", prop: "containerRegistries", says: ["Microsoft.ContainerRegistry/registries"], build: (s) => cluster(s, { containerRegistries: [null as unknown as string] }) },
  { name: "JS: containerRegistries as a string", prop: "containerRegistries", says: ["Expected an array", "wrap it in brackets"], build: (s) => cluster(s, { containerRegistries: ID.registry as unknown as string[] }) },
  { name: "JS: additionalNodePools as an object", prop: "additionalNodePools", says: ["Expected an array"], build: (s) => cluster(s, { additionalNodePools: { name: "pool2" } as unknown as [] }) },
  { name: "JS: identity as a string", prop: "identity", says: ["Expected a ClusterIdentity", "ClusterIdentity.systemAssigned()"], build: (s) => cluster(s, { identity: "SystemAssigned" as unknown as ClusterIdentity }) },
  { name: "JS: grant scope undefined", prop: "scope", says: ["Expected an Azure resource ID"], build: (s) => cluster(s).grantControlPlane("Zone", Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, undefined as unknown as string, "zone") },

  // Names past Azure's limits, empty, whitespace
  { name: "cluster construct id starting with a digit", prop: "id", says: ["must start with a letter or underscore", "would be named \"01-prod\"", "the name prop"], build: (s) => new AksCluster(s, "01-prod", { resourceGroup: RG }) },
  { name: "identity construct id starting with a digit", prop: "id", says: ["must start with a letter or underscore"], build: (s) => new UserAssignedIdentity(s, "1identity", { resourceGroupName: "rg", location: "westus2" }) },
  { name: "identity lookup id starting with a digit", prop: "id", says: ["must start with a letter or underscore"], build: (s) => UserAssignedIdentity.fromResourceId(s, "2id", ID.identity) },
  { name: "cluster name: 64 characters", prop: "name", says: ["1-63 characters", NAME_FIX], build: (s) => cluster(s, { name: "a".repeat(64) }) },
  { name: "cluster name: empty", prop: "name", says: ["1-63 characters"], build: (s) => cluster(s, { name: "" }) },
  { name: "cluster name: a space", prop: "name", says: ["letters, digits, hyphens and underscores", "\"my-cluster\""], build: (s) => cluster(s, { name: "my cluster" }) },
  { name: "cluster name: ends with a hyphen", prop: "name", says: ["starting and ending with a letter or digit"], build: (s) => cluster(s, { name: "aks-" }) },
  { name: "dnsPrefix: 55 characters", prop: "dnsPrefix", says: ["1-54 characters"], build: (s) => cluster(s, { dnsPrefix: "a".repeat(55) }) },
  { name: "dnsPrefix: starts with a digit", prop: "dnsPrefix", says: ["starting with a letter", "\"a1aks\""], build: (s) => cluster(s, { dnsPrefix: "1aks" }) },
  { name: "dnsPrefix: underscore", prop: "dnsPrefix", says: ["letters, digits and hyphens"], build: (s) => cluster(s, { dnsPrefix: "my_aks" }) },
  { name: "identity name: 2 characters", prop: "name", says: ["3-128 characters"], build: (s) => new UserAssignedIdentity(s, "id", { name: "id", ...{ resourceGroupName: "rg", location: "westus2" } }) },
  { name: "identity name: 129 characters", prop: "name", says: ["3-128 characters"], build: (s) => new UserAssignedIdentity(s, "id", { name: "i".repeat(129), resourceGroupName: "rg", location: "westus2" }) },
  { name: "identity: empty resource group name", prop: "resourceGroupName", says: ["1-90 characters"], build: (s) => new UserAssignedIdentity(s, "id", { name: "my-identity", resourceGroupName: "", location: "westus2" }) },
  { name: "identity: resource group name ends with a period", prop: "resourceGroupName", says: ["not ending in a period"], build: (s) => new UserAssignedIdentity(s, "id", { name: "my-identity", resourceGroupName: "rg.", location: "westus2" }) },
  { name: "identity: resource group name of 91 characters", prop: "resourceGroupName", says: ["1-90 characters"], build: (s) => new UserAssignedIdentity(s, "id", { name: "my-identity", resourceGroupName: "r".repeat(91), location: "westus2" }) },
  { name: "location: display name with spaces", prop: "location", says: ["lowercase without spaces, like westus2"], build: (s) => cluster(s, { resourceGroup: { name: "rg", location: "West US 2" } }) },
  { name: "location: leading whitespace", prop: "location", says: ["like westus2"], build: (s) => new UserAssignedIdentity(s, "id", { name: "my-identity", resourceGroupName: "rg", location: " westus2" }) },
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
  { name: "userDefinedRouting with a system-assigned identity", prop: "network.outboundType", says: ["ClusterIdentity.userAssigned"], build: (s) => cluster(s, { network: { subnet: ID.subnet, routeTable: ID.routeTable, outboundType: "userDefinedRouting" } }) },
  { name: "userDefinedRouting without a route table", prop: "network", says: ["set network.subnet and network.routeTable"], build: withNetwork({ subnet: ID.subnet, outboundType: "userDefinedRouting" }) },
  { name: "two clusters named alike in one resource group", prop: "name", says: ["Azure names are case-insensitive", "give each cluster its own name"], build: (s) => { new AksCluster(s, "aks", { resourceGroup: RG }); new AksCluster(s, "AKS", { resourceGroup: { ...RG, name: "RG" } }); } },
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
    expect(CASES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });
});
