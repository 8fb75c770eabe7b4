import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { App, DefaultTokenResolver, StringConcat, TerraformStack, TerraformVariable, Token, Tokenization } from "cdktf";
import { AksCluster, BuiltInRole, ClusterIdentity, ClusterNetworkProps, GrantScope, IUserAssignedIdentity, ManagedIdentityMigration, Roles, UserAssignedIdentity } from "../../lib";
import { ClusterSpec, ExtraGrantSpec, ScopeRef, StackSpec } from "./spec";

/** A grant the spec says must exist, in the JSON's terms (literal or `${...}` expressions). */
export interface ExpectedGrant {
  readonly what: string;
  readonly role: BuiltInRole;
  /** A closure: expressions resolve only once the stack is complete. */
  readonly scope: () => string;
  readonly principal: "control-plane" | "kubelet";
}

export interface BuiltCluster {
  readonly spec: ClusterSpec;
  readonly cluster: AksCluster;
  readonly grants: ExpectedGrant[];
  /** The principal IDs the spec handed over (undefined: made by AKS with this cluster). */
  readonly controlPlanePrincipal?: string;
  readonly kubeletPrincipal?: string;
  readonly udr: boolean;
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
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const rg = new ResourceGroup(stack, "fx.rg", { name: "rg-prop", location: "westeurope" });
  const built: BuiltCluster[] = [];
  let sharedIdentity: UserAssignedIdentity | undefined;
  const sharedSubnets = new Map<ScopeRef, GrantScope>();

  const variable = (id: string) => new TerraformVariable(stack, id, { type: "string" }).stringValue;
  const resolve = (s: string) => resolveIn(stack, s);
  const newIdentity = (id: string) => new UserAssignedIdentity(stack, id, { name: id.replace(/\./g, "-"), resourceGroupName: rg.name, location: rg.location });

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
    const expect = (what: string, role: BuiltInRole, scope: GrantScope, principal: "control-plane" | "kubelet") => {
      const id = typeof scope === "string" ? scope : undefined;
      const construct = typeof scope === "string" ? undefined : scope;
      grants.push({ what, role, principal, scope: () => resolve(id ?? construct!.id) });
    };

    let identity: ClusterIdentity;
    let controlPlanePrincipal: string | undefined;
    let userIdentity: IUserAssignedIdentity | undefined;
    switch (c.identity.kind) {
      case "system":
        identity = ClusterIdentity.systemAssigned();
        break;
      case "user":
        if (c.identity.source === "shared") userIdentity = sharedIdentity ??= newIdentity("fx.shared-identity");
        else if (c.identity.source === "new") userIdentity = newIdentity(`fx.${i}.identity`);
        else if (c.identity.source === "resourceId") userIdentity = UserAssignedIdentity.fromResourceId(stack, `fx.${i}.identity`, IDS.identity(`id-${i}`));
        else userIdentity = UserAssignedIdentity.fromAttributes(stack, `fx.${i}.identity`, { id: IDS.identity(`id-${i}`), clientId: guid(`client-${i}`), principalId: guid(`principal-${i}`) });
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

    let kubeletIdentity: IUserAssignedIdentity | undefined;
    if (c.kubelet === "new") kubeletIdentity = newIdentity(`fx.${i}.kubelet`);
    else if (c.kubelet === "attributes") kubeletIdentity = UserAssignedIdentity.fromAttributes(stack, `fx.${i}.kubelet`, { id: IDS.identity(`kubelet-${i}`), clientId: guid(`kclient-${i}`), principalId: guid(`kprincipal-${i}`) });
    else if (c.kubelet === "same-as-control-plane") kubeletIdentity = UserAssignedIdentity.fromAttributes(stack, `fx.${i}.kubelet`, { id: IDS.identity(`id-${i}`), clientId: guid(`client-${i}`), principalId: guid(`principal-${i}`) });
    if (kubeletIdentity) expect("Managed Identity Operator on the kubelet identity", Roles.MANAGED_IDENTITY_OPERATOR, kubeletIdentity.id, "control-plane");
    const kubeletPrincipal = kubeletIdentity?.principalId ?? (c.identity.kind === "sp" ? controlPlanePrincipal : undefined);

    let network: ClusterNetworkProps | undefined;
    const net = c.network;
    if (net.kind !== "none") {
      const subnet = raw.subnetId === "vnet" ? IDS.vnet("rg-net", `vnet-${i}`)
        : net.kind === "subnet" && net.shared ? sharedSubnets.get(net.subnet) ?? sharedSubnets.set(net.subnet, subnetScope("shared", net.subnet)).get(net.subnet)!
          : subnetScope(i, net.subnet);
      expect("Network Contributor on the subnet", Roles.NETWORK_CONTRIBUTOR, subnet, "control-plane");
      const s = net.services;
      const services = s ? { serviceCidr: `10.${s.octet}.0.0/${s.prefix}`, dnsServiceIp: raw.dnsServiceIp ?? `10.${s.octet}.0.10` } : {};
      if (net.kind === "subnet") {
        network = { subnet, plugin: net.plugin, ...services };
      } else {
        const routeTable = net.routeTable === "literal" ? IDS.routeTable(i) : net.routeTable === "variable" ? variable(`fx.${i}.route-table-id`)
          : new RouteTable(stack, `fx.${i}.route-table`, { name: `rt-${i}`, resourceGroupName: rg.name, location: rg.location });
        expect("Network Contributor on the route table", Roles.NETWORK_CONTRIBUTOR, routeTable, "control-plane");
        network = { subnet, routeTable, outboundType: "userDefinedRouting", ...services };
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

    const cluster = new AksCluster(stack, c.id, {
      name: c.name,
      resourceGroup: c.resourceGroup === "stack" ? rg : undefined,
      identity,
      kubeletIdentity,
      network,
      // Apply-time registry IDs need a static key: those are attached below with one.
      containerRegistries: registries.filter((r) => !keyedRegistries.includes(r)),
    });
    keyedRegistries.forEach((r, j) => cluster.attachContainerRegistry(r, `acr-key-${j}`));

    c.extraGrants.forEach((g, j) => extraGrant(`${i}.${j}`, g));
    if (raw.extraScope === "subscription") cluster.grantControlPlane("Broad", Roles.READER, IDS.subscription, "reads everything");
    if (raw.extraRole === "owner") cluster.grantControlPlane("Owner", Roles.OWNER, IDS.group("rg-net"), "administers the network");
    if (raw.staticIpScope === "public-ip") cluster.grantOnStaticIpResourceGroup(IDS.publicIp(`pip-${i}`));
    if (raw.vnetNameClash) {
      cluster.grantOnVirtualNetwork(IDS.vnet("rg-one", "hub"));
      cluster.grantOnVirtualNetwork(IDS.vnet("rg-two", "hub"));
    }

    if (c.migration) new ManagedIdentityMigration(stack, `fx.${i}.migration`, { cluster, ...c.migration });

    built.push({ spec: c, cluster, grants, controlPlanePrincipal, kubeletPrincipal, udr: net.kind === "udr" });

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
          call = (s) => cluster.grantControlPlane(`PrivateDnsZoneContributor-${k.replace(".", "-")}`, role, s, "control plane writes the private cluster's records into the custom zone");
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
      if (g.again === "same") call(scope);
      if (g.again === "upper" && typeof scope === "string") call(scope.toUpperCase());
      expect(`${g.kind} grant`, role, scope, "control-plane");
    }
  });
  return { stack, clusters: built };
}
