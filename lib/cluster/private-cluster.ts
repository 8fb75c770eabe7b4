import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { CONTROL_PLANE_NETWORK_GRANTS } from "../catalog/control-plane-network";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { ClusterIdentity } from "../identities/cluster-identity";
import { resourceName, virtualNetworkIdOfSubnet } from "../private/id-parts";
import { EXAMPLE_IDS, exampleIdOf, validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import { grantControlPlane, NetworkGrantContext } from "./network-grants";

/** `az aks create --enable-private-cluster`: the API server has a private endpoint in the cluster's VNet. */
export interface PrivateClusterProps {
  /**
   * `--private-dns-zone`: "system" (AKS creates the zone in the node resource group), "none"
   * (no zone: bring your own DNS), or your own zone, a construct or its ID. A zone of your own
   * must be named `privatelink.<region>.azmk8s.io` or `<subzone>.privatelink.<region>.azmk8s.io`
   * (`private.<region>.azmk8s.io` with API server VNet integration) and needs a user-assigned
   * identity (or a service principal): the library grants it Private DNS Zone Contributor on
   * the zone and Network Contributor on the cluster's VNet before the cluster is created.
   * Changing it replaces the cluster. (aks-docs private-clusters.md)
   * @default "system"
   */
  readonly privateDnsZone?: "system" | "none" | GrantScope;
  /**
   * `private_cluster_public_fqdn_enabled`: keep a public DNS name for the private API server.
   * @default false (azurerm's default; az aks create keeps one unless --disable-public-fqdn), and true with privateDnsZone "none", which needs it
   */
  readonly publicFqdn?: boolean;
  /**
   * The cluster's VNet, for the Network Contributor grant a zone of your own needs.
   * @default - the VNet of `network.subnet`; none when AKS creates the VNet (its node resource group grant covers it)
   */
  readonly virtualNetwork?: GrantScope;
}

const ZONE_TYPE = "Microsoft.Network/privateDnsZones";
// Only the values azurerm 4.55 accepts, case-sensitively (kubernetes_cluster_resource.go: StringInSlice(["System", "None"], false)).
const BUILT_IN_ZONES = { system: "System", none: "None" } as const;

/** What the private-cluster settings depend on elsewhere in the cluster's props. */
export interface PrivateClusterContext {
  readonly path: string;
  readonly identity: ClusterIdentity;
  readonly location: string;
  readonly apiServerVnetIntegration: boolean;
  readonly nodeSubnet?: GrantScope;
}

/** The props with `true` read as `{}`, validated; undefined when the cluster is public. */
export function resolvePrivateCluster(ctx: PrivateClusterContext, value: PrivateClusterProps | boolean | undefined): PrivateClusterProps | undefined {
  if (value === undefined || value === false) return undefined;
  if (value !== true && (typeof value !== "object" || value === null || Array.isArray(value))) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: "privateCluster",
      received: value,
      problem: "Expected true or { privateDnsZone, publicFqdn, virtualNetwork }.",
      fix: "pass privateCluster: { privateDnsZone: \"system\" } (or your zone).",
    });
  }
  const props: PrivateClusterProps = value === true ? {} : value;
  const zone = props.privateDnsZone;
  if (typeof zone === "string" && isLiteral(zone) && !zone.startsWith("/")) {
    if (zone !== "system" && zone !== "none") {
      const meant = Object.keys(BUILT_IN_ZONES).find((k) => k === zone.trim().toLowerCase());
      throw new AksIdentityError({
        path: ctx.path,
        prop: "privateCluster.privateDnsZone",
        received: zone,
        problem: "Allowed: \"system\", \"none\", or a private DNS zone (construct or resource ID).",
        fix: meant ? `use ${JSON.stringify(meant)}.` : "pass one of those.",
      });
    }
  } else if (zone !== undefined) {
    validateScope(ctx.path, "privateCluster.privateDnsZone", zone, ZONE_TYPE, exampleIdOf(ZONE_TYPE));
    validateZoneName(ctx, zone);
    if (ctx.identity.type === "SystemAssigned") {
      throw new AksIdentityError({
        path: ctx.path,
        prop: "privateCluster.privateDnsZone",
        received: "a custom private DNS zone with a system-assigned identity",
        problem: "AKS doesn't support a system-assigned identity with a custom private DNS zone: the control plane needs Private DNS Zone Contributor on the zone before the cluster exists (system-assigned-managed-identity.md; azurerm fails the create).",
        fix: "use identity: ClusterIdentity.userAssigned(identity), or privateDnsZone \"system\".",
      });
    }
  }
  if (props.publicFqdn !== undefined && typeof props.publicFqdn !== "boolean") {
    throw new AksIdentityError({ path: ctx.path, prop: "privateCluster.publicFqdn", received: props.publicFqdn, problem: "Expected true or false.", fix: "pass a boolean." });
  }
  if (zone === "none" && props.publicFqdn === false) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: "privateCluster.publicFqdn",
      received: false,
      problem: "privateDnsZone \"none\" with the public FQDN disabled isn't supported: the API server's name would resolve nowhere (private-clusters.md).",
      fix: "drop publicFqdn (it defaults to true with \"none\"), or use privateDnsZone \"system\" or your zone.",
    });
  }
  if (props.virtualNetwork !== undefined) {
    validateScope(ctx.path, "privateCluster.virtualNetwork", props.virtualNetwork, "Microsoft.Network/virtualNetworks", EXAMPLE_IDS.virtualNetwork);
  }
  return props;
}

/** azurerm's private cluster attributes. */
export function privateClusterConfig(props: PrivateClusterProps | undefined): Partial<KubernetesClusterConfig> {
  if (!props) return {};
  const zone = props.privateDnsZone ?? "system";
  const publicFqdn = props.publicFqdn ?? (zone === "none" ? true : undefined);
  return {
    privateClusterEnabled: true,
    privateDnsZoneId: zone === "system" || zone === "none" ? BUILT_IN_ZONES[zone] : scopeId(zone),
    privateClusterPublicFqdnEnabled: publicFqdn,
  };
}

/** A zone of your own: Private DNS Zone Contributor on it and Network Contributor on the cluster's VNet, as private-clusters.md's Terraform sample grants. */
export function grantPrivateCluster(ctx: NetworkGrantContext, props: PrivateClusterProps | undefined, nodeSubnet: GrantScope | undefined): void {
  const zone = props?.privateDnsZone;
  if (zone === undefined || zone === "system" || zone === "none") return;
  const g = CONTROL_PLANE_NETWORK_GRANTS;
  grantControlPlane(ctx, g.PrivateDnsZoneContributor, zone, g.PrivateDnsZoneContributor.id, "privateCluster.privateDnsZone");
  const vnet = props!.virtualNetwork ?? (nodeSubnet === undefined ? undefined : virtualNetworkIdOfSubnet(scopeId(nodeSubnet)));
  if (vnet !== undefined) grantControlPlane(ctx, g.PrivateDnsZoneVnetNetworkContributor, vnet, g.PrivateDnsZoneVnetNetworkContributor.id, "privateCluster.virtualNetwork");
}

/** private-clusters.md: `privatelink.<region>.azmk8s.io` or `<subzone>.privatelink.<region>.azmk8s.io` (subzone up to 32 characters); `private.` with API server VNet integration. */
function validateZoneName(ctx: PrivateClusterContext, zone: GrantScope): void {
  const name = typeof zone === "object" ? zoneNameInput(zone) ?? resourceName(zone) : resourceName(zone);
  if (!isLiteral(name)) return;
  const m = /^(?:([^.]+)\.)?(privatelink|private)\.([^.]+)\.(.+)$/i.exec(name);
  const region = ctx.location.replace(/\s+/g, "").toLowerCase();
  const expected = `privatelink.${isLiteral(ctx.location) ? region : "<region>"}.azmk8s.io or <subzone>.privatelink.${isLiteral(ctx.location) ? region : "<region>"}.azmk8s.io` +
    (ctx.apiServerVnetIntegration ? ` (or private.${isLiteral(ctx.location) ? region : "<region>"}.azmk8s.io with API server VNet integration)` : "");
  const wrong = (problem: string): never => {
    throw new AksIdentityError({ path: ctx.path, prop: "privateCluster.privateDnsZone", received: name, problem, fix: `create the zone as ${expected}.` });
  };
  if (!m) wrong("AKS takes a private DNS zone named privatelink.<region>.azmk8s.io or <subzone>.privatelink.<region>.azmk8s.io (private-clusters.md).");
  const [, subzone, kind, zoneRegion, suffix] = m!;
  if (subzone !== undefined && subzone.length > 32) wrong(`The subzone ${JSON.stringify(subzone)} is longer than the 32 characters AKS allows.`);
  if (kind.toLowerCase() === "private" && !ctx.apiServerVnetIntegration) wrong("A private.<region>.azmk8s.io zone is only for clusters with API server VNet integration (apiServer).");
  // The docs give the Azure global cloud's suffix; other clouds' suffixes are left to AKS.
  if (suffix.toLowerCase() === "azmk8s.io" && isLiteral(ctx.location) && zoneRegion.toLowerCase() !== region) {
    wrong(`The zone is for region ${JSON.stringify(zoneRegion)}, the cluster is in ${JSON.stringify(ctx.location)}.`);
  }
}

function zoneNameInput(zone: object): string | undefined {
  const input = (zone as { nameInput?: unknown }).nameInput;
  return typeof input === "string" ? input : undefined;
}
