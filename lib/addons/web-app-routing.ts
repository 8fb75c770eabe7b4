import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { CatalogGrant, catalogRow } from "../catalog/row";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { resourceGroupIdOf, staticKey } from "../private/id-parts";
import { parseResourceId, terraformTypeOf } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import { Roles } from "../roles";
import { AddonContext, AddonDefinition, AddonGrantContext, AddonGrantRequest, firstIdentity } from "./addon";

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

/** `az aks approuting enable` plus `az aks approuting zone add --attach-zones`. */
export interface WebAppRoutingProps {
  /** Zones for ingress DNS records: a zone (construct or ID) or { zone, kind, key }. @default - none */
  readonly dnsZones?: (GrantScope | WebAppRoutingZone)[];
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

/** `--attach-zones`: DNS Zone Contributor on a public zone, Private DNS Zone Contributor on a private one. */
function grants(ctx: AddonGrantContext, props: WebAppRoutingProps): AddonGrantRequest[] {
  return resolveZones(ctx.path, props).map((z) => ({ grant: z.kind === "public" ? GRANTS.DnsZoneContributor : GRANTS.PrivateDnsZoneContributor, scope: z.zone, key: z.key }));
}

const SOURCE = "aks-docs articles/aks/app-routing-dns-ssl.md; azure-cli acs approuting zone add --attach-zones";
const GRANTS = {
  DnsZoneContributor: { id: "DnsZoneContributor", role: Roles.DNS_ZONE_CONTRIBUTOR, scope: "each public DNS zone", scopeTypes: ["Microsoft.Network/dnszones"], when: "public zone in `dnsZones`", reason: "web application routing writes DNS records for ingresses to this public zone", source: SOURCE },
  PrivateDnsZoneContributor: { id: "PrivateDnsZoneContributor", role: Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, scope: "each private DNS zone", scopeTypes: ["Microsoft.Network/privateDnsZones"], when: "private zone in `dnsZones`", reason: "web application routing writes DNS records for ingresses to this private zone", source: SOURCE },
} satisfies Record<string, CatalogGrant>;

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
    enableWith: "`addons.webAppRouting: { dnsZones }`",
    exportedIdentity: "`web_app_routing[0].web_app_routing_identity[0]`",
    grants: Object.values(GRANTS),
    note: "`az aks approuting zone add --attach-zones` makes the same grants. All public zones must share one resource group, and all private zones another.",
  }),
  config,
  identity: {
    block: "web_app_routing",
    attribute: "web_app_routing_identity",
    output: "web_app_routing",
    query: "ingressProfile.webAppRouting.identity",
    attributes: (resource) => firstIdentity(resource.webAppRouting.webAppRoutingIdentity),
  },
  grants,
} satisfies AddonDefinition<"webAppRouting", WebAppRoutingProps>;
