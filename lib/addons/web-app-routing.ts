import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { Construct } from "constructs";
import { CatalogAccessPolicy } from "../catalog/key-vault-access-policies";
import { CatalogGrant, catalogRow } from "../catalog/row";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { keyVaultAccessOnce } from "../grants/key-vault-access-grant";
import { resourceGroupIdOf, staticKey } from "../private/id-parts";
import { KeyVaultPermissionModel, permissionModel, tenantOfVault, VAULT_EXAMPLE } from "../private/key-vault";
import { parseResourceId, terraformTypeOf, validateGuid, validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import { Roles } from "../roles";
import { AddonContext, AddonDefinition, AddonGrantContext, AddonGrantRequest, AddonHost, firstIdentity } from "./addon";
import type { AddonIdentity } from "./addon-identity";

export type DnsZoneKind = "public" | "private";

/** A DNS zone the add-on writes records to. */
export interface WebAppRoutingZone {
  /** The zone: a construct or its resource ID. */
  readonly zone: GrantScope;
  /** Public (`Microsoft.Network/dnszones`) or private (`Microsoft.Network/privateDnsZones`). @default - from the ID or the construct's type */
  readonly kind?: DnsZoneKind;
  /** Static key for the grant's construct id. @default - the construct's id or the zone's name */
  readonly key?: string;
}

/** A key vault holding TLS certificates for the add-on's ingresses. */
export interface WebAppRoutingKeyVault {
  /** The vault: a construct or its resource ID. */
  readonly vault: GrantScope;
  /**
   * How the vault authorizes: "rbac" grants Key Vault Secrets User, "accessPolicy" writes an
   * access policy with secret and certificate permission Get (what `--attach-kv` does).
   * @default - the vault construct's setting; "rbac" for a vault given by ID
   */
  readonly permissionModel?: KeyVaultPermissionModel;
  /** The vault's tenant, for an access policy. @default - the vault construct's tenant */
  readonly tenantId?: string;
  /** Static key for the grant's construct id. @default - the construct's id or the vault's name */
  readonly key?: string;
}

/** `az aks approuting enable` plus `az aks approuting zone add --attach-zones` and `az aks approuting update --attach-kv`. */
export interface WebAppRoutingProps {
  /** Zones for ingress DNS records: a zone (construct or ID) or { zone, kind, key }. @default - none */
  readonly dnsZones?: (GrantScope | WebAppRoutingZone)[];
  /**
   * Key vaults with the ingresses' TLS certificates (`--attach-kv`). Needs
   * `addons.keyVaultSecretsProvider` (az turns it on with `--enable-kv`).
   * @default - none
   */
  readonly keyVaults?: (GrantScope | WebAppRoutingKeyVault)[];
}

interface ResolvedVault {
  readonly vault: GrantScope;
  readonly model: KeyVaultPermissionModel;
  readonly tenantId?: string;
  readonly key: string;
}

function isVaultEntry(v: GrantScope | WebAppRoutingKeyVault): v is WebAppRoutingKeyVault {
  return typeof v === "object" && v !== null && "vault" in v;
}

/** The `keyVaults` entries with their model and grant key; `addonEnabled` checks the secrets provider is on too. */
function resolveVaults(path: string, props: WebAppRoutingProps, addonEnabled?: (key: string) => boolean): ResolvedVault[] {
  const list = props.keyVaults ?? [];
  if (!Array.isArray(list)) {
    throw new AksIdentityError({ path, prop: "addons.webAppRouting.keyVaults", received: list, problem: "Expected an array of key vaults.", fix: "wrap it in brackets, e.g. [keyVault]." });
  }
  if (list.length > 0 && addonEnabled !== undefined && !addonEnabled("keyVaultSecretsProvider")) {
    throw new AksIdentityError({
      path,
      prop: "addons.webAppRouting.keyVaults",
      received: `${list.length} key vault(s) without addons.keyVaultSecretsProvider`,
      problem: "Web application routing reads Key Vault certificates through the Secrets Store CSI driver; az refuses --attach-kv without it (\"Keyvault secrets provider addon must be enabled to attach keyvault\", azure-cli acs/managed_cluster_decorator.py).",
      fix: "add addons.keyVaultSecretsProvider: {} (what az aks approuting update --enable-kv turns on); secretRotation: true reloads renewed certificates.",
    });
  }
  return list.map((entry, i) => {
    const prop = `addons.webAppRouting.keyVaults[${i}]`;
    const vault = isVaultEntry(entry) ? entry.vault : entry;
    if (vault === undefined || vault === null) {
      throw new AksIdentityError({ path: path, prop, received: entry, problem: "Each entry is a key vault (construct or ID) or { vault, permissionModel?, tenantId?, key? }.", fix: "pass the vault." });
    }
    validateScope(path, `${prop}.vault`, vault, "Microsoft.KeyVault/vaults", VAULT_EXAMPLE);
    const given = isVaultEntry(entry) ? entry : undefined;
    const model = permissionModel(path, `${prop}.permissionModel`, vault, given?.permissionModel);
    const tenantId = given?.tenantId ?? tenantOfVault(vault);
    if (given?.tenantId !== undefined) validateGuid(path, `${prop}.tenantId`, given.tenantId, "vault's tenant ID", "pass az keyvault show --query properties.tenantId.");
    if (model === "accessPolicy" && tenantId === undefined) {
      throw new AksIdentityError({ path: path, prop: `${prop}.tenantId`, received: undefined, problem: "An access policy names the vault's tenant, and a vault given by ID does not tell it.", fix: "pass { vault, permissionModel: \"accessPolicy\", tenantId }." });
    }
    return { vault, model, tenantId, key: staticKey(path, `${prop}.vault`, vault, given?.key) };
  });
}

interface ResolvedZone {
  readonly zone: GrantScope;
  readonly id: string;
  readonly kind: DnsZoneKind;
  readonly key: string;
}

const ZONE_EXAMPLES = {
  public: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/dnszones/contoso.com",
  private: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/privateDnsZones/contoso.internal",
};

function isZoneEntry(z: GrantScope | WebAppRoutingZone): z is WebAppRoutingZone {
  return typeof z === "object" && z !== null && "zone" in z;
}

function kindFromType(type: string | undefined): DnsZoneKind | undefined {
  switch (type?.toLowerCase()) {
    case "microsoft.network/dnszones": return "public";
    case "microsoft.network/privatednszones": return "private";
    default: return undefined;
  }
}

function kindFromConstruct(zone: GrantScope): DnsZoneKind | undefined {
  const type = typeof zone === "object" ? (zone as { terraformResourceType?: unknown }).terraformResourceType : undefined;
  if (type === "azurerm_dns_zone") return "public";
  if (type === "azurerm_private_dns_zone") return "private";
  return undefined;
}

function resolveZones(path: string, props: WebAppRoutingProps): ResolvedZone[] {
  return (props.dnsZones ?? []).map((entry, i) => {
    const prop = `addons.webAppRouting.dnsZones[${i}]`;
    const zone = isZoneEntry(entry) ? entry.zone : entry;
    if (zone === undefined || zone === null) {
      throw new AksIdentityError({
        path,
        prop,
        received: entry,
        problem: "Each entry is a DNS zone (construct or ID) or { zone, kind?, key? }.",
        fix: "pass the zone.",
      });
    }
    const id = scopeId(zone);
    const given = isZoneEntry(entry) ? entry.kind : undefined;
    if (given !== undefined && given !== "public" && given !== "private") {
      throw new AksIdentityError({
        path,
        prop: `${prop}.kind`,
        received: given,
        problem: "Allowed: \"public\" or \"private\".",
        fix: "use one of the allowed values.",
      });
    }
    const tfType = terraformTypeOf(zone);
    const constructKind = kindFromConstruct(zone);
    if (tfType !== undefined && constructKind === undefined) {
      const at = (zone as unknown as { node?: { path?: string } }).node?.path;
      throw new AksIdentityError({
        path,
        prop,
        received: `the ${tfType} ${at ?? "construct"}`,
        problem: "Expected a DNS zone: an azurerm_dns_zone (public) or azurerm_private_dns_zone (private) construct, or its ID.",
        fix: "pass the zone, not another resource.",
      });
    }
    if (given !== undefined && constructKind !== undefined && given !== constructKind) {
      throw new AksIdentityError({
        path,
        prop: `${prop}.kind`,
        received: given,
        problem: `The zone is a ${tfType} construct, a ${constructKind} zone.`,
        fix: `set kind to "${constructKind}" or omit it.`,
      });
    }
    let kind = given ?? kindFromConstruct(zone);
    if (isLiteral(id)) {
      const fromId = kindFromType(parseResourceId(id)?.type);
      if (fromId === undefined) {
        throw new AksIdentityError({
          path,
          prop,
          received: id,
          problem: `Expected the resource ID of a public or private DNS zone, like ${ZONE_EXAMPLES.public} or ${ZONE_EXAMPLES.private}.`,
          fix: "pass the zone's `id` attribute or its full ID.",
        });
      }
      if (given !== undefined && given !== fromId) {
        throw new AksIdentityError({
          path,
          prop: `${prop}.kind`,
          received: given,
          problem: `The ID names a ${fromId} zone.`,
          fix: `set kind to "${fromId}" or omit it.`,
        });
      }
      kind = fromId;
    }
    if (kind === undefined) {
      throw new AksIdentityError({
        path,
        prop,
        received: id,
        problem: "The zone's kind decides the role (DNS Zone Contributor or Private DNS Zone Contributor) and a reference does not show it.",
        fix: "pass the DnsZone / PrivateDnsZone construct, or { zone, kind: \"public\" | \"private\" }.",
      });
    }
    const key = staticKey(path, prop, zone, isZoneEntry(entry) ? entry.key : undefined);
    return { zone, id, kind, key };
  });
}

function config(ctx: AddonContext, props: WebAppRoutingProps): Partial<KubernetesClusterConfig> {
  const zones = resolveZones(ctx.path, props);
  // AKS: all public zones in one resource group, all private zones in one resource group.
  for (const kind of ["public", "private"] as const) {
    const groups = new Set(zones.filter((z) => z.kind === kind && isLiteral(z.id)).map((z) => resourceGroupIdOf(z.id).toLowerCase()));
    if (groups.size > 1) {
      throw new AksIdentityError({
        path: ctx.path,
        prop: "addons.webAppRouting.dnsZones",
        received: [...groups],
        problem: `AKS requires all ${kind} DNS zones of web application routing to be in one resource group.`,
        fix: `move the ${kind} zones into one resource group, or attach fewer.`,
      });
    }
  }
  const vaultKeys = resolveVaults(ctx.path, props, ctx.addonEnabled).map((v) => v.key);
  const vaultDup = vaultKeys.find((k, i) => vaultKeys.indexOf(k) !== i);
  if (vaultDup !== undefined) {
    throw new AksIdentityError({ path: ctx.path, prop: "addons.webAppRouting.keyVaults", received: vaultDup, problem: "Two key vaults share a grant key.", fix: "give each vault its own key." });
  }
  const keys = zones.map((z) => z.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: "addons.webAppRouting.dnsZones",
      received: dup,
      problem: "Two zones share a grant key.",
      fix: "give each zone its own key.",
    });
  }
  // An empty list turns the add-on on without bring-your-own zones.
  return { webAppRouting: { dnsZoneIds: zones.map((z) => z.id) } };
}

/**
 * `--attach-zones`: DNS Zone Contributor on a public zone, Private DNS Zone Contributor on a private one.
 * `--attach-kv`: Key Vault Secrets User on an Azure RBAC vault.
 */
function grants(ctx: AddonGrantContext, props: WebAppRoutingProps): AddonGrantRequest[] {
  return [
    ...resolveZones(ctx.path, props).map((z) => ({ grant: z.kind === "public" ? GRANTS.DnsZoneContributor : GRANTS.PrivateDnsZoneContributor, scope: z.zone, key: z.key })),
    ...resolveVaults(ctx.path, props).filter((v) => v.model === "rbac").map((v) => ({ grant: GRANTS.KeyVaultSecretsUser, scope: v.vault, key: v.key })),
  ];
}

/** `--attach-kv` on a vault that uses access policies: secrets Get and certificates Get, after the cluster (the identity is AKS's). */
function afterCluster(host: AddonHost, props: WebAppRoutingProps, identity?: AddonIdentity): void {
  if (identity === undefined) return;
  // The cluster construct, the resource's parent: the policy's Terraform address is under it.
  const cluster = host.resource.node.scope as Construct;
  for (const v of resolveVaults(cluster.node.path, props)) {
    if (v.model !== "accessPolicy") continue;
    keyVaultAccessOnce(cluster, `WebAppRouting-${ACCESS_POLICY.id}-${v.key}`, { principal: identity, keyVault: v.vault, tenantId: v.tenantId!, policy: ACCESS_POLICY });
  }
}

const SOURCE = "aks-docs articles/aks/app-routing-dns-ssl.md; azure-cli acs approuting zone add --attach-zones";
// The docs and az disagree: app-routing-dns-ssl.md says --attach-kv grants Key Vault Certificate User;
// azure-cli acs/managed_cluster_decorator.py (postprocessing_after_mc_created) grants Key Vault Secrets
// User on an RBAC vault, else an access policy (secrets Get, certificates Get). Secrets User is the
// smaller role (the secret actions of Certificate User, without certificates/read and keys/read) and
// is what az, which every --attach-kv runs, makes: the add-on reads a certificate as its secret.
const KV_SOURCE = "azure-cli acs/managed_cluster_decorator.py (attach keyvault to app routing addon); aks-docs articles/aks/app-routing-dns-ssl.md (says Key Vault Certificate User)";
const ACCESS_POLICY: CatalogAccessPolicy = Object.freeze({
  id: "KeyVaultAccessPolicy",
  keyPermissions: [],
  secretPermissions: ["Get"],
  certificatePermissions: ["Get"],
  principal: "the web app routing identity",
  when: "`keyVaults` entry on a vault that uses access policies",
  reason: "web application routing reads TLS certificates for ingresses from this key vault",
  source: KV_SOURCE,
});
const GRANTS = {
  DnsZoneContributor: { id: "DnsZoneContributor", role: Roles.DNS_ZONE_CONTRIBUTOR, scope: "each public DNS zone", scopeTypes: ["Microsoft.Network/dnszones"], when: "public zone in `dnsZones`", reason: "web application routing writes DNS records for ingresses to this public zone", source: SOURCE },
  PrivateDnsZoneContributor: { id: "PrivateDnsZoneContributor", role: Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, scope: "each private DNS zone", scopeTypes: ["Microsoft.Network/privateDnsZones"], when: "private zone in `dnsZones`", reason: "web application routing writes DNS records for ingresses to this private zone", source: SOURCE },
  KeyVaultSecretsUser: { id: "KeyVaultSecretsUser", role: Roles.KEY_VAULT_SECRETS_USER, scope: "each key vault with TLS certificates (Azure RBAC mode)", scopeTypes: ["Microsoft.KeyVault/vaults"], when: "`keyVaults` entry (a vault using access policies gets an access policy with secrets Get and certificates Get instead)", reason: "web application routing reads TLS certificates for ingresses from this key vault", source: KV_SOURCE },
} satisfies Record<string, CatalogGrant>;

/** The access policy `--attach-kv` writes on a vault without Azure RBAC. */
export const WEB_APP_ROUTING_ACCESS_POLICY = ACCESS_POLICY;

/** Web application routing (the managed NGINX ingress). */
export const WEB_APP_ROUTING = {
  key: "webAppRouting",
  takes: "settings",
  idPrefix: "WebAppRouting",
  catalog: catalogRow({
    key: "webAppRouting",
    kind: "addon",
    name: "web application routing",
    identity: "`webapprouting-<cluster>`",
    useCase: "Managed NGINX ingress that writes DNS records to your Azure DNS zones",
    defaultPermissions: "NA",
    azurermName: "web_app_routing",
    aksDefaults: [],
    bringYourOwn: "No",
    inArticle: false,
    order: 14,
    status: "supported",
    enableWith: "`addons.webAppRouting: { dnsZones, keyVaults }`",
    exportedIdentity: "`web_app_routing[0].web_app_routing_identity[0]`",
    grants: Object.values(GRANTS),
    note: "`az aks approuting zone add --attach-zones` and `az aks approuting update --attach-kv` make the same grants. All public zones must share one resource group, and all private zones another. For Key Vault certificates the docs name Key Vault Certificate User while az grants Key Vault Secrets User (the smaller role, the one used here); Key Vault certificates also need `addons.keyVaultSecretsProvider`.",
  }),
  config,
  afterCluster,
  identity: {
    block: "web_app_routing",
    attribute: "web_app_routing_identity",
    output: "web_app_routing",
    query: "ingressProfile.webAppRouting.identity",
    attributes: (resource) => firstIdentity(resource.webAppRouting.webAppRoutingIdentity),
  },
  grants,
} satisfies AddonDefinition<"webAppRouting", WebAppRoutingProps>;
