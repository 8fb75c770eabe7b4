import { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { ITerraformDependable } from "cdktf";
import { AksIdentityError } from "../errors";
import { ClusterIdentity } from "../identities/cluster-identity";
import { GrantScope, scopeId } from "../grant-scope";
import { cidrContains, parseCidr, parseIpv4 } from "../private/cidr";
import { EXAMPLE_IDS, validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";

/** A bring-your-own outbound public IP: the IP (construct or ID), or with a static key when its ID is a reference. */
export type OutboundPublicIp = GrantScope | { readonly publicIp: GrantScope; readonly key: string };
/** A bring-your-own outbound public IP prefix, likewise. */
export type OutboundPublicIpPrefix = GrantScope | { readonly prefix: GrantScope; readonly key: string };
export type NetworkPlugin = "azure" | "kubenet" | "none";
export type OutboundType = "loadBalancer" | "userDefinedRouting" | "managedNATGateway" | "userAssignedNATGateway";
const NETWORK_PLUGINS: readonly NetworkPlugin[] = ["azure", "kubenet", "none"];
const OUTBOUND_TYPES: readonly OutboundType[] = ["loadBalancer", "userDefinedRouting", "managedNATGateway", "userAssignedNATGateway"];

export interface ClusterNetworkProps {
  /** `--network-plugin`. @default "azure" */
  readonly plugin?: NetworkPlugin;
  /** `--vnet-subnet-id`: a subnet construct or its resource ID. @default - AKS creates the VNet in the node resource group */
  readonly subnet?: GrantScope;
  /** `--service-cidr`. @default - AKS's default, 10.0.0.0/16 */
  readonly serviceCidr?: string;
  /** `--dns-service-ip`, inside the service CIDR. @default - AKS's default, 10.0.0.10 */
  readonly dnsServiceIp?: string;
  /** `--outbound-type`. @default "loadBalancer" */
  readonly outboundType?: OutboundType;
  /** The subnet's route table, required for `userDefinedRouting`. @default - none */
  readonly routeTable?: GrantScope;
  /**
   * The subnet's route table association, which the cluster waits for.
   * @default - created by the cluster when both `subnet` and `routeTable` are given
   */
  readonly routeTableAssociation?: ITerraformDependable;
  /**
   * The NAT gateway for outbound type `userAssignedNATGateway`: the cluster attaches it to
   * `subnet` (azurerm_subnet_nat_gateway_association) and waits for that. (lib/cluster/outbound.ts)
   * @default - none; pass natGatewayAssociation for one you made, or leave both out when the subnet already has it
   */
  readonly natGateway?: GrantScope;
  /** The subnet's NAT gateway association, made elsewhere in this app: the cluster waits for it. @default - none */
  readonly natGatewayAssociation?: ITerraformDependable;
  /**
   * `--load-balancer-outbound-ips`: your public IPs for egress (outbound type loadBalancer),
   * each granted Network Contributor before the cluster (lib/cluster/outbound.ts).
   * @default - AKS-managed outbound IPs
   */
  readonly outboundIps?: readonly OutboundPublicIp[];
  /** `--load-balancer-outbound-ip-prefixes`: your public IP prefixes, likewise. @default - AKS-managed outbound IPs */
  readonly outboundIpPrefixes?: readonly OutboundPublicIpPrefix[];
  /**
   * The article's `--docker-bridge-address`. AKS ignores the docker bridge and azurerm 4
   * removed the attribute: accepted for copy-paste compatibility, ignored with a warning.
   * @deprecated
   */
  readonly dockerBridgeCidr?: string;
}

/** azurerm's network_profile block, or nothing when the cluster keeps AKS's defaults. */
export function networkProfileConfig(network: ClusterNetworkProps): KubernetesClusterConfig["networkProfile"] {
  const custom = network.subnet !== undefined || network.serviceCidr !== undefined || network.dnsServiceIp !== undefined ||
    network.outboundType !== undefined || network.plugin !== undefined;
  if (!custom) return undefined;
  return {
    networkPlugin: network.plugin ?? "azure",
    serviceCidr: network.serviceCidr,
    dnsServiceIp: network.dnsServiceIp,
    outboundType: network.outboundType,
  };
}

/** The allowed value a wrongly cased one meant, as azurerm compares case-sensitively. */
function enumFix(allowed: readonly string[], value: unknown): string {
  const meant = typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase()) : undefined;
  return meant ? `use ${JSON.stringify(meant)} (azurerm rejects other casings).` : "use one of the allowed values.";
}

export function validateNetwork(path: string, identity: ClusterIdentity, network: ClusterNetworkProps): void {
  if (network.plugin !== undefined && !NETWORK_PLUGINS.includes(network.plugin)) {
    throw new AksIdentityError({
      path,
      prop: "network.plugin",
      received: network.plugin,
      problem: `Allowed: ${NETWORK_PLUGINS.map((p) => JSON.stringify(p)).join(", ")} (lowercase, as azurerm expects).`,
      fix: enumFix(NETWORK_PLUGINS, network.plugin),
    });
  }
  if (network.outboundType !== undefined && !OUTBOUND_TYPES.includes(network.outboundType)) {
    throw new AksIdentityError({
      path,
      prop: "network.outboundType",
      received: network.outboundType,
      problem: `Allowed: ${OUTBOUND_TYPES.map((p) => JSON.stringify(p)).join(", ")} (camelCase, as azurerm expects).`,
      fix: enumFix(OUTBOUND_TYPES, network.outboundType),
    });
  }
  if (network.subnet !== undefined) {
    validateScope(path, "network.subnet", network.subnet, "Microsoft.Network/virtualNetworks/subnets", EXAMPLE_IDS.subnet);
  }
  if (network.routeTable !== undefined) {
    validateScope(path, "network.routeTable", network.routeTable, "Microsoft.Network/routeTables", EXAMPLE_IDS.routeTable);
    if (network.subnet === undefined) {
      throw new AksIdentityError({
        path,
        prop: "network.routeTable",
        received: scopeId(network.routeTable),
        problem: "A route table applies to the cluster's custom subnet.",
        fix: "set network.subnet to the subnet the route table is associated with.",
      });
    }
  }
  if (network.outboundType === "userDefinedRouting") {
    // Azure CNI supports UDR with a system-assigned identity (limit-egress-traffic.md, configure-kubenet.md);
    // kubenet writes routes, so its control plane needs the route table granted before create.
    if (identity.type === "SystemAssigned" && network.plugin === "kubenet") {
      throw new AksIdentityError({
        path,
        prop: "network.outboundType",
        received: "userDefinedRouting with kubenet and a system-assigned identity",
        problem: "With kubenet the control plane writes routes to your route table, so it needs Network Contributor on it before the cluster is created, which a system-assigned identity cannot have (configure-kubenet.md).",
        fix: "create a UserAssignedManagedIdentity and pass identity: ClusterIdentity.userAssigned(identity) (the article's 'Bring your own control plane MI'), or use Azure CNI (plugin \"azure\"), which supports UDR with a system-assigned identity.",
      });
    }
    // The route table itself is needed, not only its association: the control plane needs Network Contributor on it.
    if (network.subnet === undefined || network.routeTable === undefined) {
      throw new AksIdentityError({
        path,
        prop: "network",
        received: { outboundType: "userDefinedRouting", subnet: network.subnet !== undefined, routeTable: network.routeTable !== undefined },
        problem: "Outbound type userDefinedRouting needs a custom subnet whose route table sends egress to your firewall or NVA.",
        fix: "set network.subnet and network.routeTable (the cluster creates and waits for the association).",
      });
    }
  }
  let serviceCidr;
  if (isLiteral(network.serviceCidr)) {
    serviceCidr = parseCidr(network.serviceCidr);
    if (!serviceCidr || serviceCidr.prefix < 12 || serviceCidr.prefix > 30) {
      throw new AksIdentityError({
        path,
        prop: "network.serviceCidr",
        received: network.serviceCidr,
        problem: "Expected an IPv4 network in CIDR form with a prefix from /12 to /30 and no host bits set, like \"10.0.0.0/16\".",
        fix: "fix the address or prefix.",
      });
    }
  }
  if (isLiteral(network.dnsServiceIp)) {
    const ip = parseIpv4(network.dnsServiceIp);
    if (ip === undefined) {
      throw new AksIdentityError({
        path,
        prop: "network.dnsServiceIp",
        received: network.dnsServiceIp,
        problem: "Expected an IPv4 address like \"10.0.0.10\".",
        fix: "fix the address.",
      });
    }
    if (serviceCidr && (!cidrContains(serviceCidr, ip) || ip - serviceCidr.network < 2 || ip === serviceCidr.network + serviceCidr.size - 1)) {
      throw new AksIdentityError({
        path,
        prop: "network.dnsServiceIp",
        received: network.dnsServiceIp,
        problem: `It must be inside serviceCidr ${network.serviceCidr}, not its network, first (the kubernetes service) or broadcast address.`,
        fix: "pick an address such as the .10 of the service CIDR.",
      });
    }
  }
  if ((network.serviceCidr === undefined) !== (network.dnsServiceIp === undefined)) {
    throw new AksIdentityError({
      path,
      prop: network.serviceCidr === undefined ? "network.serviceCidr" : "network.dnsServiceIp",
      received: undefined,
      problem: "serviceCidr and dnsServiceIp go together (azurerm requires both or neither).",
      fix: "set both, e.g. serviceCidr \"10.0.0.0/16\" and dnsServiceIp \"10.0.0.10\".",
    });
  }
}
