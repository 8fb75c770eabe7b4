import * as fc from "fast-check";

/**
 * Plain-data descriptions of stacks, so fast-check can print, shrink and replay them.
 * `build.ts` turns a spec into constructs; `invariants.ts` checks the synthesized JSON.
 *
 * To cover a new feature (an add-on, a grant helper): add a field to ClusterSpec and its
 * arbitrary in `clusterArb`, build it in `build.ts` (with its expected grants), and add its
 * grant purpose to GRANT_PURPOSES in `invariants.ts`. A new bad-input rule: one FAULTS row.
 */

/** How a scope is handed to the library: a construct, a literal resource ID, or an apply-time value. */
export type ScopeRef = "construct" | "literal" | "variable";

export type IdentitySpec =
  | { readonly kind: "system" }
  | { readonly kind: "user"; readonly source: "new" | "resourceId" | "attributes" | "shared" }
  | { readonly kind: "sp"; readonly objectId: boolean; readonly clientId: "literal" | "variable" };

export type NetworkSpec =
  | { readonly kind: "none" }
  | { readonly kind: "subnet"; readonly subnet: ScopeRef; readonly shared: boolean; readonly plugin?: "azure" | "kubenet"; readonly services?: ServiceCidr }
  | { readonly kind: "udr"; readonly subnet: ScopeRef; readonly routeTable: ScopeRef; readonly services?: ServiceCidr };

export interface ServiceCidr {
  readonly octet: number;
  readonly prefix: number;
}

export type ExtraGrantKind = "controlPlane" | "vnet" | "staticIp" | "disk";

export interface ExtraGrantSpec {
  readonly kind: ExtraGrantKind;
  readonly scope: ScopeRef;
  /** Call the helper a second time on the same scope (as given, or upper-cased): must not make a second role assignment. */
  readonly again: "no" | "same" | "upper";
}

/** The ingress application gateway add-on: a gateway you manage, a subnet for a new one, or a CIDR AKS carves. */
export type GatewaySpec =
  | { readonly kind: "existing"; readonly gateway: "literal" | "variable"; readonly subnet: ScopeRef; readonly resourceGroup: boolean }
  | { readonly kind: "subnet"; readonly subnet: ScopeRef }
  | { readonly kind: "cidr" };

export interface AddonsSpec {
  readonly ingressApplicationGateway?: GatewaySpec;
  /** MSI auth always (legacy auth is a fault); the data collection rule unless switched off. */
  readonly monitoring?: { readonly workspace: ScopeRef; readonly dataCollectionRule?: boolean };
  /** Needs the cluster in a custom subnet with Azure CNI (makeValid drops it otherwise). */
  readonly virtualNode?: { readonly subnet: ScopeRef; readonly grant?: "virtualNetwork" | "subnet" };
  readonly keyVaultSecretsProvider?: { readonly vaults: readonly { readonly ref: ScopeRef; readonly certificates: boolean }[]; readonly rotation?: boolean };
  readonly webAppRouting?: {
    readonly zones: readonly { readonly kind: "public" | "private"; readonly ref: ScopeRef; readonly sayKind: boolean }[];
    /** Key vaults with TLS certificates (`--attach-kv`); makeValid turns the secrets provider on for them. */
    readonly vaults?: readonly { readonly model: "rbac" | "accessPolicy"; readonly ref: "construct" | "literal" }[];
  };
  readonly azurePolicy?: boolean;
  readonly workloadIdentity?: boolean;
  /** Retired: set and warned about. */
  readonly httpApplicationRouting?: boolean;
  /** Retired: ignored and warned about. */
  readonly dashboard?: boolean;
}

export type WorkloadGrantKind = "secrets" | "blob";

export type KubernetesAccessSpec = { readonly role: "reader" | "writer" | "admin" | "clusterAdmin"; readonly namespace?: string; readonly principal: "group" | "user" | "identity" };

/** The cluster's security features (lib/cluster/security.ts). */
export interface SecuritySpec {
  /** KMS etcd encryption: the key's vault by its model, or a literal vault ID; needs a user-assigned control plane (makeValid drops it otherwise). */
  readonly kms?: { readonly vault: "rbac" | "accessPolicy" | "literal"; readonly private: boolean };
  /** A disk encryption set: a construct (its vault granted too) or a literal ID. */
  readonly diskEncryption?: { readonly set: "construct" | "literal" };
  /** Entra ID and the Kubernetes access grants (makeValid keeps Cluster Admin off namespaces). */
  readonly entra?: { readonly adminGroup: boolean; readonly access: readonly KubernetesAccessSpec[] };
}

/** A WorkloadIdentity on the cluster, with the roles the application is granted. */
export interface WorkloadSpec {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly grants: readonly WorkloadGrantKind[];
}

/** The production network around the cluster (issue 13): each feature's grants are expected in build.ts. */
export interface NetworkFeaturesSpec {
  /** `privateCluster.privateDnsZone`: AKS's zone, none, or yours (needs a user-assigned identity or a service principal). */
  readonly privateZone?: "system" | "none" | ScopeRef;
  /** `apiServer.subnet`: a subnet of the cluster's VNet (needs network.subnet and a non-system identity). */
  readonly apiServerSubnet?: ScopeRef;
  readonly outbound?: { readonly kind: "ips" | "prefixes"; readonly refs: readonly ScopeRef[] } | { readonly kind: "nat"; readonly natGateway: ScopeRef };
  /** Further node pools, each in the cluster's subnet or a subnet of its own. */
  readonly pools?: readonly { readonly ownSubnet: boolean }[];
  /** A pod subnet on every pool (dynamic pod IP allocation). */
  readonly podSubnets?: boolean;
  /** A placement resource on the default pool, granted on its resource group. */
  readonly placement?: "capacityReservationGroup" | "hostGroup" | "nodePublicIpPrefix";
  /** Least-privilege custom roles for the subnet and zone grants. */
  readonly leastPrivilege?: boolean;
}

export interface ClusterSpec {
  readonly id: string;
  /** The Azure name when it differs from the id. @default the id */
  readonly name?: string;
  readonly resourceGroup: "stack" | "own";
  readonly identity: IdentitySpec;
  readonly kubelet?: "new" | "attributes" | "same-as-control-plane";
  readonly network: NetworkSpec;
  readonly registries: readonly ScopeRef[];
  readonly extraGrants: readonly ExtraGrantSpec[];
  /** The article's service principal -> managed identity migration around this cluster. */
  readonly migration?: { readonly registerFeatures: boolean; readonly upgradeNodeImages: boolean };
  readonly addons?: AddonsSpec;
  readonly workloads?: readonly WorkloadSpec[];
  /** The article's AzurePodIdentityException (aad-pod-identity), with or without the MIC exception. */
  readonly podIdentityException?: { readonly includeMicException: boolean };
  readonly networkFeatures?: NetworkFeaturesSpec;
  readonly security?: SecuritySpec;
  /** Set by faults that need a raw value the valid generator never produces. */
  readonly raw?: Readonly<Record<string, string>>;
}

export interface StackSpec {
  readonly clusters: readonly ClusterSpec[];
  readonly fault?: { readonly kind: FaultKind; readonly cluster: number };
}

const scopeRef = fc.constantFrom<ScopeRef>("construct", "literal", "variable");
// Node subnets live in 10.1.0.0/16: a valid service CIDR stays out of it (AKSID012 otherwise).
const services = fc.option(fc.record({ octet: fc.integer({ min: 0, max: 255 }).filter((o) => o !== 1), prefix: fc.integer({ min: 16, max: 28 }) }), { nil: undefined });

// Cluster ids double as cluster names (and DNS prefixes): the full range Azure allows, including
// underscores and 63 characters. No "." so they never clash with the fixture's "fx.*" ids.
const clusterId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,61}[A-Za-z0-9]$/);

const identityArb: fc.Arbitrary<IdentitySpec> = fc.oneof(
  fc.constant({ kind: "system" as const }),
  fc.record({ kind: fc.constant("user" as const), source: fc.constantFrom("new" as const, "resourceId" as const, "attributes" as const, "shared" as const) }),
  fc.record({ kind: fc.constant("sp" as const), objectId: fc.boolean(), clientId: fc.constantFrom("literal" as const, "variable" as const) }),
);

const networkArb: fc.Arbitrary<NetworkSpec> = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.record({
    kind: fc.constant("subnet" as const),
    subnet: scopeRef,
    shared: fc.boolean(),
    plugin: fc.option(fc.constantFrom("azure" as const, "kubenet" as const), { nil: undefined }),
    services,
  }, { requiredKeys: ["kind", "subnet", "shared"] }),
  fc.record({ kind: fc.constant("udr" as const), subnet: scopeRef, routeTable: scopeRef, services }, { requiredKeys: ["kind", "subnet", "routeTable"] }),
);

const extraGrantArb: fc.Arbitrary<ExtraGrantSpec> = fc.record({
  kind: fc.constantFrom<ExtraGrantKind>("controlPlane", "vnet", "staticIp", "disk"),
  scope: scopeRef,
  again: fc.constantFrom("no" as const, "same" as const, "upper" as const),
});

const gatewayArb: fc.Arbitrary<GatewaySpec> = fc.oneof(
  fc.record({ kind: fc.constant("existing" as const), gateway: fc.constantFrom("literal" as const, "variable" as const), subnet: scopeRef, resourceGroup: fc.boolean() }),
  fc.record({ kind: fc.constant("subnet" as const), subnet: scopeRef }),
  fc.constant({ kind: "cidr" as const }),
);

/** Present in one case of `1 + absent`. */
const sometimes = <T>(arb: fc.Arbitrary<T>, absent = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const maybe = <T>(arb: fc.Arbitrary<T>) => sometimes(arb);
const flag = sometimes(fc.boolean(), 1);

const addonsArb: fc.Arbitrary<AddonsSpec> = fc.record({
  ingressApplicationGateway: maybe(gatewayArb),
  monitoring: maybe(fc.record({ workspace: scopeRef, dataCollectionRule: flag }, { requiredKeys: ["workspace"] })),
  virtualNode: maybe(fc.record({ subnet: scopeRef, grant: fc.option(fc.constantFrom("virtualNetwork" as const, "subnet" as const), { nil: undefined }) }, { requiredKeys: ["subnet"] })),
  keyVaultSecretsProvider: maybe(fc.record({ vaults: fc.array(fc.record({ ref: scopeRef, certificates: fc.boolean() }), { maxLength: 2 }), rotation: flag }, { requiredKeys: ["vaults"] })),
  webAppRouting: maybe(fc.record({
    zones: fc.array(fc.record({ kind: fc.constantFrom("public" as const, "private" as const), ref: scopeRef, sayKind: fc.boolean() }), { maxLength: 3 }),
    vaults: sometimes(fc.array(fc.record({ model: fc.constantFrom("rbac" as const, "accessPolicy" as const), ref: fc.constantFrom("construct" as const, "literal" as const) }), { minLength: 1, maxLength: 2 }), 1),
  }, { requiredKeys: ["zones"] })),
  azurePolicy: flag,
  workloadIdentity: flag,
  httpApplicationRouting: flag,
  dashboard: flag,
}, { requiredKeys: [] });

// Kubernetes names: a namespace is a DNS label, a service account a DNS subdomain (labels joined by dots).
const dnsLabel = (max: number) => fc.stringMatching(new RegExp(`^[a-z0-9]([-a-z0-9]{0,${max - 2}}[a-z0-9])?$`));
const workloadArb: fc.Arbitrary<WorkloadSpec> = fc.record({
  namespace: dnsLabel(63),
  serviceAccount: fc.array(dnsLabel(20), { minLength: 1, maxLength: 3 }).map((labels) => labels.join(".")),
  grants: fc.uniqueArray(fc.constantFrom<WorkloadGrantKind>("secrets", "blob"), { maxLength: 2 }),
});

const networkFeaturesArb: fc.Arbitrary<NetworkFeaturesSpec> = fc.record({
  privateZone: maybe(fc.oneof(fc.constantFrom("system" as const, "none" as const), scopeRef)),
  apiServerSubnet: maybe(scopeRef),
  outbound: maybe(fc.oneof(
    fc.record({ kind: fc.constantFrom("ips" as const, "prefixes" as const), refs: fc.array(scopeRef, { minLength: 1, maxLength: 2 }) }),
    fc.record({ kind: fc.constant("nat" as const), natGateway: scopeRef }),
  )),
  pools: maybe(fc.array(fc.record({ ownSubnet: fc.boolean() }), { minLength: 1, maxLength: 2 })),
  podSubnets: flag,
  placement: maybe(fc.constantFrom("capacityReservationGroup" as const, "hostGroup" as const, "nodePublicIpPrefix" as const)),
  leastPrivilege: flag,
}, { requiredKeys: [] });

const accessArb: fc.Arbitrary<KubernetesAccessSpec> = fc.record({
  role: fc.constantFrom("reader" as const, "writer" as const, "admin" as const, "clusterAdmin" as const),
  namespace: fc.option(dnsLabel(20), { nil: undefined }),
  principal: fc.constantFrom("group" as const, "user" as const, "identity" as const),
}, { requiredKeys: ["role", "principal"] });

const securityArb: fc.Arbitrary<SecuritySpec> = fc.record({
  kms: maybe(fc.record({ vault: fc.constantFrom("rbac" as const, "accessPolicy" as const, "literal" as const), private: fc.boolean() })),
  diskEncryption: maybe(fc.record({ set: fc.constantFrom("construct" as const, "literal" as const) })),
  entra: maybe(fc.record({ adminGroup: fc.boolean(), access: fc.array(accessArb, { maxLength: 3 }) })),
}, { requiredKeys: [] });

const clusterBody = fc.record({
  resourceGroup: fc.constantFrom("stack" as const, "own" as const),
  identity: identityArb,
  kubelet: fc.option(fc.constantFrom("new" as const, "attributes" as const), { nil: undefined }),
  network: networkArb,
  registries: fc.array(scopeRef, { maxLength: 3 }),
  extraGrants: fc.array(extraGrantArb, { maxLength: 4 }),
  migration: fc.option(fc.record({ registerFeatures: fc.boolean(), upgradeNodeImages: fc.boolean() }), { nil: undefined }),
  addons: sometimes(addonsArb, 1),
  workloads: sometimes(fc.array(workloadArb, { minLength: 1, maxLength: 2 })),
  podIdentityException: sometimes(fc.record({ includeMicException: fc.boolean() }), 5),
  networkFeatures: sometimes(networkFeaturesArb, 1),
  security: sometimes(securityArb, 1),
}, { requiredKeys: ["resourceGroup", "identity", "network", "registries", "extraGrants"] });

/** Add-ons that need the cluster in your own VNet (virtual node, with Azure CNI); a new gateway's CIDR only without one. */
function fitAddons(c: ClusterSpec): ClusterSpec {
  const addons = c.addons;
  if (!addons) return c;
  const net = c.network;
  const cni = net.kind === "udr" || (net.kind === "subnet" && net.plugin !== "kubenet");
  const gateway = addons.ingressApplicationGateway?.kind === "cidr" && net.kind !== "none" ? { kind: "subnet" as const, subnet: "literal" as const } : addons.ingressApplicationGateway;
  return { ...c, addons: { ...addons, ingressApplicationGateway: gateway, virtualNode: cni ? addons.virtualNode : undefined } };
}

/** Network features the identity and network allow: what the library accepts (lib/cluster/*.ts errors otherwise). */
function fitNetworkFeatures(c: ClusterSpec): ClusterSpec {
  const f = c.networkFeatures;
  if (!f) return c;
  // Every grant needs a principal ID: a service principal without its object ID gets none.
  if (c.identity.kind === "sp" && !c.identity.objectId) return { ...c, networkFeatures: undefined };
  const system = c.identity.kind === "system";
  const net = c.network;
  const ownVnet = net.kind !== "none";
  const kubenet = net.kind === "subnet" && net.plugin === "kubenet";
  const custom = (z: NetworkFeaturesSpec["privateZone"]) => z !== undefined && z !== "system" && z !== "none";
  const outbound = f.outbound?.kind === "nat" ? (ownVnet && !kubenet && net.kind !== "udr" ? f.outbound : undefined)
    : net.kind === "udr" ? undefined : f.outbound;
  return {
    ...c,
    networkFeatures: {
      ...f,
      privateZone: system && custom(f.privateZone) ? "system" : f.privateZone,
      apiServerSubnet: ownVnet && !system ? f.apiServerSubnet : undefined,
      outbound,
      pools: f.pools?.map((p) => ({ ownSubnet: p.ownSubnet && ownVnet })),
      podSubnets: f.podSubnets && ownVnet && !kubenet,
      placement: system && f.placement !== "nodePublicIpPrefix" ? undefined : f.placement,
    },
  };
}

/**
 * A service-principal cluster has no add-on identities: its add-on grants go to the service principal
 * (service-principal-addons.test.ts), and Container Insights is refused; the generator's add-on
 * expectations are for managed-identity clusters.
 */
function fitServicePrincipal(c: ClusterSpec): ClusterSpec {
  if (c.identity.kind !== "sp" || !c.addons) return c;
  return { ...c, addons: { ...c.addons, ingressApplicationGateway: undefined, monitoring: undefined, virtualNode: undefined, keyVaultSecretsProvider: undefined, webAppRouting: undefined } };
}

/** Makes a random cluster valid: the generator's notion of what the library must accept. */
export function makeValid(c: ClusterSpec): ClusterSpec {
  let out: ClusterSpec = c;
  // A bring-your-own kubelet identity needs a user-assigned control plane.
  if (out.identity.kind !== "user") out = { ...out, kubelet: undefined };
  // userDefinedRouting with a system-assigned identity is valid with Azure CNI (the generator's UDR plugin): kept.
  // Every grant needs a principal ID: a service principal without its object ID gets none.
  if (out.identity.kind === "sp" && !out.identity.objectId) out = { ...out, network: { kind: "none" }, registries: [], extraGrants: [] };
  // A migration's target is a managed identity.
  if (out.identity.kind === "sp") out = { ...out, migration: undefined };
  // During a migration from a service principal the AKS-made kubelet identity does not exist yet: no AcrPull to it.
  if (out.migration && out.kubelet === undefined) out = { ...out, registries: [] };
  out = fitServicePrincipal(out);
  // KMS needs a user-assigned control plane; a disk encryption set's Reader needs a principal ID.
  const sec = out.security;
  if (sec) {
    const entra = sec.entra && { ...sec.entra, access: sec.entra.access.map((a) => (a.role === "clusterAdmin" ? { ...a, namespace: undefined } : a)) };
    const noPrincipal = out.identity.kind === "sp" && !out.identity.objectId;
    out = { ...out, security: { kms: out.identity.kind === "user" ? sec.kms : undefined, diskEncryption: noPrincipal ? undefined : sec.diskEncryption, entra } };
  }
  // Web app routing's Key Vault certificates need the secrets provider (az --enable-kv).
  const routing = out.addons?.webAppRouting;
  if (routing?.vaults?.length && !out.addons!.keyVaultSecretsProvider) out = { ...out, addons: { ...out.addons, keyVaultSecretsProvider: { vaults: [] } } };
  // An upper-cased repeat only means something for a literal ID.
  out = { ...out, extraGrants: out.extraGrants.map((g) => (g.again === "upper" && g.scope !== "literal" ? { ...g, again: "same" as const } : g)) };
  return fitNetworkFeatures(fitAddons(out));
}

// Terraform names must start with a letter or underscore: a name like "01-prod" keeps a construct id that does.
const clusterNaming = clusterId.map((id) => (/^[0-9]/.test(id) ? { id: `n${id}`, name: id } : { id }));

export const validClustersArb: fc.Arbitrary<ClusterSpec[]> = fc
  .uniqueArray(clusterNaming, { minLength: 1, maxLength: 3, selector: (n) => n.id.toLowerCase().replace(/-/g, "_") })
  .chain((names) => fc.tuple(...names.map((n) => clusterBody.map((b) => makeValid({ ...n, ...b })))));

/**
 * A bad input the library must reject: by throwing AksIdentityError naming `prop`, or, for a
 * cross-resource rule (a guardrail Aspect), with an error annotation (`prop: "annotation"`)
 * whose message contains `says` (its rule ID).
 */
export interface Fault {
  readonly prop: string;
  /** Text the message must contain (the fix or the rule). */
  readonly says: string;
  readonly apply: (clusters: ClusterSpec[], i: number) => ClusterSpec[];
}

function at(clusters: ClusterSpec[], i: number, change: (c: ClusterSpec) => ClusterSpec): ClusterSpec[] {
  return clusters.map((c, j) => (j === i ? change(c) : c));
}

const user = { kind: "user" as const, source: "new" as const };
const sp = (objectId: boolean) => ({ kind: "sp" as const, objectId, clientId: "variable" as const });

export const FAULTS = {
  "kubelet-with-system-identity": { prop: "kubeletIdentity", says: "needs a user-assigned control-plane identity",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: { kind: "system" }, kubelet: "new", network: { kind: "none" } })) },
  "kubelet-with-service-principal": { prop: "kubeletIdentity", says: "needs a user-assigned control-plane identity",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: sp(true), kubelet: "attributes" })) },
  "kubelet-same-as-control-plane": { prop: "kubeletIdentity", says: "create a second identity",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: { kind: "user", source: "attributes" }, kubelet: "same-as-control-plane" })) },
  "literal-secret": { prop: "identity.servicePrincipal.clientSecret", says: "sensitive TerraformVariable",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: sp(true), kubelet: undefined, raw: { clientSecret: "fc-literal-secret-do-not-leak" } })) },
  "sp-grant-without-object-id": { prop: "identity.servicePrincipal.objectId", says: "az ad sp show",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: sp(false), kubelet: undefined, network: { kind: "subnet", subnet: "literal", shared: false } })) },
  "udr-with-system-identity": { prop: "network.outboundType", says: "ClusterIdentity.userAssigned",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: { kind: "system" }, kubelet: undefined, network: { kind: "udr", subnet: "construct", routeTable: "construct" }, raw: { udrPlugin: "kubenet" } })) },
  "route-table-without-subnet": { prop: "network.routeTable", says: "set network.subnet",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "none" }, raw: { routeTableOnly: "yes" } })) },
  "vnet-id-as-subnet": { prop: "network.subnet", says: "Microsoft.Network/virtualNetworks/subnets",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "subnet", subnet: "literal", shared: false }, raw: { subnetId: "vnet" } })) },
  "storage-account-as-registry": { prop: "containerRegistries", says: "Microsoft.ContainerRegistry/registries",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, raw: { registryId: "storage" } })) },
  "registry-reference-without-key": { prop: "containerRegistries", says: "needs a static key",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, raw: { registryId: "variable-no-key" } })) },
  "subscription-scope": { prop: "scope", says: "Subscription and management-group scopes",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, raw: { extraScope: "subscription" } })) },
  "owner-role": { prop: "role", says: "AKS never needs them",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, raw: { extraRole: "owner" } })) },
  "static-ip-scope-not-a-group": { prop: "grantOnStaticIpResourceGroup", says: "resource group",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, raw: { staticIpScope: "public-ip" } })) },
  "dns-ip-outside-service-cidr": { prop: "network.dnsServiceIp", says: "inside serviceCidr",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "subnet", subnet: "construct", shared: false, services: { octet: 3, prefix: 24 } }, raw: { dnsServiceIp: "10.4.0.10" } })) },
  "service-cidr-overlaps-node-subnet": { prop: "annotation", says: "AKSID012 network_profile.service_cidr",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "subnet", subnet: "construct", shared: false, services: { octet: 1, prefix: 16 } } })) },
  "same-vnet-name-two-groups": { prop: "grantOnVirtualNetwork", says: "pass a distinct key",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, raw: { vnetNameClash: "yes" } })) },
  "migration-of-service-principal-cluster": { prop: "cluster.identity", says: "still uses its service principal",
    // A service-principal cluster has no add-on identities: its add-ons are left out so the migration is the one fault.
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: sp(true), kubelet: undefined, addons: undefined, migration: { registerFeatures: true, upgradeNodeImages: false } })) },
  "same-name-other-casing": { prop: "name", says: "Azure names are case-insensitive",
    apply: (cs, i) => {
      const base = `${cs[i].id.slice(0, 60)}x`;
      const renamed = { ...cs[i], id: base.toLowerCase(), name: undefined };
      return [...cs.slice(0, i), renamed, { ...renamed, id: base.toUpperCase() }];
    } },
  "digit-leading-construct-id": { prop: "id", says: "must start with a letter or underscore",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, id: `0${c.id}`.slice(0, 63), name: "zero" })) },
  "output-prefix-clash": { prop: "id", says: "distinct construct id",
    apply: (cs, i) => {
      const base = cs[i].id.replace(/[-_]/g, "x").slice(0, 60);
      const renamed = { ...cs[i], id: `${base}-a`, name: undefined };
      // The clash is found in the second cluster's constructor: keep the rest valid.
      return [...cs.slice(0, i), renamed, { ...renamed, id: `${base}_a` }];
    } },
  // Add-ons (lib/addons): each prop's documented errors.
  "gateway-existing-and-cidr": { prop: "addons.ingressApplicationGateway", says: "Exactly one of existingGateway, subnet or subnetCidr",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, addons: { ingressApplicationGateway: { kind: "existing", gateway: "literal", subnet: "literal", resourceGroup: false } }, raw: { gatewayCidr: "10.225.0.0/16" } })) },
  "gateway-cidr-in-own-vnet": { prop: "addons.ingressApplicationGateway.subnetCidr", says: "pass it as subnet",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "subnet", subnet: "construct", shared: false }, addons: { ingressApplicationGateway: { kind: "cidr" } } })) },
  "gateway-cidr-host-bits": { prop: "addons.ingressApplicationGateway.subnetCidr", says: "no host bits set",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, network: { kind: "none" }, addons: { ingressApplicationGateway: { kind: "cidr" } }, raw: { gatewayCidr: "10.225.0.1/16" } })) },
  "gateway-on-node-subnet": { prop: "addons.ingressApplicationGateway.subnet", says: "needs a subnet of its own",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "subnet", subnet: "literal", shared: false }, addons: { ingressApplicationGateway: { kind: "subnet", subnet: "literal" } }, raw: { gatewaySubnet: "cluster" } })) },
  "workspace-of-wrong-type": { prop: "addons.monitoring.logAnalyticsWorkspace", says: "Microsoft.OperationalInsights/workspaces",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, addons: { monitoring: { workspace: "literal" } }, raw: { workspaceId: `/subscriptions/${"1".repeat(8)}-2222-3333-4444-555555555555/resourceGroups/rg-mon/providers/Microsoft.Storage/storageAccounts/logs` } })) },
  "virtual-node-without-own-vnet": { prop: "addons.virtualNode", says: "set network.subnet",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, network: { kind: "none" }, addons: { virtualNode: { subnet: "literal" } } })) },
  "virtual-node-with-kubenet": { prop: "network.plugin", says: "Virtual nodes need Azure CNI",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "subnet", subnet: "literal", shared: false, plugin: "kubenet" }, addons: { virtualNode: { subnet: "literal" } } })) },
  "virtual-node-on-node-subnet": { prop: "addons.virtualNode.subnet", says: "must differ from the nodes' subnet",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "subnet", subnet: "literal", shared: false }, addons: { virtualNode: { subnet: "literal" } }, raw: { aciSubnet: "cluster" } })) },
  "virtual-node-in-another-vnet": { prop: "addons.virtualNode.subnet", says: "must be in the cluster's VNet",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "subnet", subnet: "literal", shared: false }, addons: { virtualNode: { subnet: "literal" } }, raw: { aciSubnet: "other-vnet" } })) },
  "key-vault-reference-without-key": { prop: "addons.keyVaultSecretsProvider.keyVaults[0].vault", says: "needs a static key",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, addons: { keyVaultSecretsProvider: { vaults: [{ ref: "variable", certificates: false }] } }, raw: { vaultWithoutKey: "yes" } })) },
  "dns-zone-neither-public-nor-private": { prop: "addons.webAppRouting.dnsZones[0]", says: "public or private DNS zone",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, addons: { webAppRouting: { zones: [] } }, raw: { zoneId: `/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-dns/providers/Microsoft.Network/dnsResolvers/resolver` } })) },
  "public-zones-in-two-groups": { prop: "addons.webAppRouting.dnsZones", says: "in one resource group",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, addons: { webAppRouting: { zones: [{ kind: "public", ref: "literal", sayKind: false }] } }, raw: { zoneId: `/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-dns-2/providers/Microsoft.Network/dnszones/other.example.com` } })) },
  // Workload identities and the pod identity exception.
  "workload-namespace-uppercase": { prop: "namespace", says: "a DNS label",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, workloads: [{ namespace: "app", serviceAccount: "web", grants: [] }], raw: { namespace: "Payments" } })) },
  "workload-service-account-whitespace": { prop: "serviceAccount", says: "a DNS subdomain",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, workloads: [{ namespace: "app", serviceAccount: "web", grants: [] }], raw: { serviceAccount: "web " } })) },
  "workload-same-service-account-twice": { prop: "serviceAccount", says: "already federated with this service account",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, workloads: [{ namespace: "app", serviceAccount: "web", grants: ["secrets"] }], raw: { workloadClash: "same-subject" } })) },
  "workload-identity-name-taken": { prop: "identityName", says: "names must be unique in a resource group",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, workloads: [{ namespace: "app", serviceAccount: "web", grants: [] }], raw: { workloadClash: "same-name" } })) },
  "pod-identity-exception-without-cluster": { prop: "cluster", says: "Expected an AksCluster",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, podIdentityException: { includeMicException: true }, raw: { podIdentityCluster: "name" } })) },
  // Security features (lib/cluster/security.ts, kubernetes-access.ts, the add-ons' Key Vault and monitoring rows).
  "kms-with-system-identity": { prop: "kms", says: "needs a user-assigned control-plane identity",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: { kind: "system" }, kubelet: undefined, security: { kms: { vault: "rbac", private: false } } })) },
  "kms-versionless-key": { prop: "kms.key", says: "versioned ID",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, kubelet: undefined, security: { kms: { vault: "literal", private: false } }, raw: { kmsKey: "versionless" } })) },
  "disk-encryption-set-by-id-with-vault": { prop: "diskEncryption.diskEncryptionSetIdentity", says: "pass diskEncryptionSetIdentity",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, security: { diskEncryption: { set: "literal" } }, raw: { desVault: "yes" } })) },
  "kubernetes-access-without-entra": { prop: "entraId.azureRbac", says: "Azure RBAC for Kubernetes authorization",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, security: { entra: { adminGroup: false, access: [{ role: "reader", principal: "group" }] } }, raw: { entra: "off" } })) },
  "cluster-admin-in-namespace": { prop: "namespace", says: "has no namespace scope",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, security: { entra: { adminGroup: false, access: [{ role: "clusterAdmin", namespace: "ops", principal: "group" }] } } })) },
  "monitoring-legacy-auth": { prop: "addons.monitoring.msiAuth", says: "retired on September 30, 2026",
    // On a managed-identity cluster: a service-principal one is refused for monitoring whatever its auth.
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: c.identity.kind === "sp" ? { kind: "system" as const } : c.identity, addons: { monitoring: { workspace: "literal" } }, raw: { msiAuth: "false" } })) },
  "web-app-routing-vault-without-secrets-provider": { prop: "addons.webAppRouting.keyVaults", says: "addons.keyVaultSecretsProvider",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, addons: { webAppRouting: { zones: [], vaults: [{ model: "rbac", ref: "literal" }] } } })) },
  // Guardrails (lib/checks): cross-resource rules a generated stack can trip, reported as error annotations.
  "acr-pull-to-control-plane": { prop: "annotation", says: "AKSID008",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, raw: { acrPullToControlPlane: "yes" } })) },
  "user-assigned-in-sovereign-cloud": { prop: "annotation", says: "AKSID003",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, networkFeatures: undefined, raw: { environment: "usgovernment", location: "usgoviowa" } })) },
  // The production network (lib/cluster/private-cluster.ts, api-server.ts, outbound.ts, node-pools.ts, cluster-config.ts).
  "custom-zone-with-system-identity": { prop: "privateCluster.privateDnsZone", says: "AKS doesn't support a system-assigned identity with a custom private DNS zone",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: { kind: "system" }, kubelet: undefined, network: { kind: "none" }, networkFeatures: { privateZone: "literal" } })) },
  "zone-for-another-region": { prop: "privateCluster.privateDnsZone", says: "The zone is for region",
    // A cluster in its own resource group has a literal location (westus2) to compare with.
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, resourceGroup: "own", identity: user, networkFeatures: { privateZone: "literal" }, raw: { zoneRegion: "eastus" } })) },
  "api-server-subnet-without-node-subnet": { prop: "apiServer.subnet", says: "set network.subnet to the nodes' subnet",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "none" }, networkFeatures: { apiServerSubnet: "literal" } })) },
  "nat-without-subnet": { prop: "network.outboundType", says: "userAssignedNATGateway is for bring-your-own networks",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "none" }, networkFeatures: { outbound: { kind: "nat", natGateway: "literal" } } })) },
  "outbound-ips-and-prefixes": { prop: "network.outboundIpPrefixes", says: "one outbound IP option at a time",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "none" }, networkFeatures: { outbound: { kind: "ips", refs: ["literal"] } }, raw: { alsoPrefix: "yes" } })) },
  "pod-subnet-on-one-pool": { prop: "additionalNodePools[0].podSubnet", says: "every node pool needs a pod subnet",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "subnet", subnet: "literal", shared: false }, networkFeatures: { podSubnets: true, pools: [{ ownSubnet: false }] }, raw: { podSubnetDefaultOnly: "yes" } })) },
  "owned-key-in-cluster-config": { prop: "clusterConfig.identity", says: "use identity.",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, raw: { clusterConfigIdentity: "yes" } })) },
  "nat-gateway-not-attached": { prop: "annotation", says: "AKSID020",
    apply: (cs, i) => at(cs, i, (c) => ({ ...c, identity: user, network: { kind: "subnet", subnet: "construct", shared: false }, networkFeatures: { outbound: { kind: "nat", natGateway: "literal" } }, raw: { natWithoutGateway: "yes" } })) },
} satisfies Record<string, Fault>;

export type FaultKind = keyof typeof FAULTS;

export const faultyStackArb: fc.Arbitrary<StackSpec> = validClustersArb.chain((clusters) =>
  fc.record({
    kind: fc.constantFrom(...(Object.keys(FAULTS) as FaultKind[])),
    cluster: fc.integer({ min: 0, max: clusters.length - 1 }),
  }).map((fault) => {
    // A fault that changes the network or identity keeps the cluster's add-ons, network features and KMS valid for
    // them (unless it set those itself), so the fault is the only bad input.
    const faulty = FAULTS[fault.kind].apply(clusters, fault.cluster).map((c) => {
      const addonsFit = clusters.some((o) => o.addons === c.addons && o.network !== c.network) ? fitAddons(c) : c;
      const identityFit = clusters.some((o) => o.addons === c.addons && o.identity !== c.identity) ? fitServicePrincipal(addonsFit) : addonsFit;
      const networkFit = clusters.some((o) => o.networkFeatures !== undefined && o.networkFeatures === c.networkFeatures) ? fitNetworkFeatures(identityFit) : identityFit;
      return networkFit.identity.kind !== "user" && clusters.some((o) => o.security === networkFit.security && o.identity !== networkFit.identity)
        ? { ...networkFit, security: { ...networkFit.security, kms: undefined } } : networkFit;
    });
    return { clusters: faulty, fault };
  }));

/** Mostly valid stacks (what users write), a third with one injected bad input. */
export const stackArb: fc.Arbitrary<StackSpec> = fc.oneof(
  { weight: 2, arbitrary: validClustersArb.map((clusters) => ({ clusters })) },
  { weight: 1, arbitrary: faultyStackArb },
);
