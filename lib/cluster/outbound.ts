import type { KubernetesClusterNetworkProfileLoadBalancerProfile } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { SubnetNatGatewayAssociation } from "@cdktf/provider-azurerm/lib/subnet-nat-gateway-association";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CONTROL_PLANE_NETWORK_GRANTS } from "../catalog/control-plane-network";
import { CatalogGrant } from "../catalog/row";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { staticKey } from "../private/id-parts";
import { exampleIdOf, validateScope } from "../private/resource-id";
import type { ClusterNetworkProps, OutboundPublicIp, OutboundPublicIpPrefix } from "./network";
import { asGranted, NetworkGrantContext } from "./network-grants";


/** The outbound settings of `network` (lib/cluster/network.ts), read here. */
export type OutboundNetworkProps = Pick<ClusterNetworkProps, "subnet" | "plugin" | "outboundType" | "natGateway" | "natGatewayAssociation" | "outboundIps" | "outboundIpPrefixes">;

const NAT_GATEWAY = "Microsoft.Network/natGateways";
const PUBLIC_IP = "Microsoft.Network/publicIPAddresses";
const PUBLIC_IP_PREFIX = "Microsoft.Network/publicIPPrefixes";

/**
 * userAssignedNATGateway needs your own subnet with the NAT gateway attached before the cluster
 * is created (egress-outboundtype.md: "Create a NAT gateway before you create the cluster";
 * nat-gateway.md: bring-your-own networking via Azure CNI, the NAT gateway preconfigured on the
 * subnet). nat-gateway.md grants nothing on the NAT gateway itself: the subnet grant is the only
 * one. Bring-your-own outbound IPs or prefixes go with the load balancer outbound type.
 */
export function validateOutbound(path: string, network: OutboundNetworkProps): void {
  const nat = network.outboundType === "userAssignedNATGateway";
  if (network.natGateway !== undefined || network.natGatewayAssociation !== undefined) {
    const prop = network.natGateway !== undefined ? "network.natGateway" : "network.natGatewayAssociation";
    if (!nat) {
      throw new AksIdentityError({
        path,
        prop,
        received: network.outboundType ?? "loadBalancer (the default)",
        problem: "A NAT gateway on the nodes' subnet is the cluster's egress only with outbound type userAssignedNATGateway.",
        fix: "set network.outboundType to \"userAssignedNATGateway\", or drop the NAT gateway.",
      });
    }
    if (network.natGateway !== undefined && network.natGatewayAssociation !== undefined) {
      throw new AksIdentityError({
        path,
        prop: "network.natGatewayAssociation",
        received: "both natGateway and natGatewayAssociation",
        problem: "natGateway makes the cluster create the subnet's NAT gateway association; natGatewayAssociation is one you made. A subnet has one.",
        fix: "pass one of them.",
      });
    }
    if (network.natGateway !== undefined) validateScope(path, "network.natGateway", network.natGateway, NAT_GATEWAY, exampleIdOf(NAT_GATEWAY));
  }
  if (nat && network.subnet === undefined) {
    throw new AksIdentityError({
      path,
      prop: "network.outboundType",
      received: "userAssignedNATGateway without network.subnet",
      problem: "userAssignedNATGateway is for bring-your-own networks: the NAT gateway is attached to your subnet before the cluster is created (nat-gateway.md).",
      fix: "set network.subnet and network.natGateway (the cluster attaches it and waits), or use outboundType \"managedNATGateway\".",
    });
  }
  if (nat && network.plugin === "kubenet") {
    throw new AksIdentityError({
      path,
      prop: "network.plugin",
      received: "kubenet",
      problem: "userAssignedNATGateway requires bring-your-own networking with Azure CNI (nat-gateway.md).",
      fix: "set network.plugin to \"azure\".",
    });
  }
  const ips = list(path, "network.outboundIps", network.outboundIps);
  const prefixes = list(path, "network.outboundIpPrefixes", network.outboundIpPrefixes);
  if (ips.length > 0 && prefixes.length > 0) {
    throw new AksIdentityError({
      path,
      prop: "network.outboundIpPrefixes",
      received: "both outboundIps and outboundIpPrefixes",
      problem: "The load balancer takes one outbound IP option at a time: managed IPs, your IPs, or your prefixes (configure-load-balancer-standard.md; azurerm ConflictsWith).",
      fix: "pass one of them.",
    });
  }
  if ((ips.length > 0 || prefixes.length > 0) && (network.outboundType ?? "loadBalancer") !== "loadBalancer") {
    throw new AksIdentityError({
      path,
      prop: ips.length > 0 ? "network.outboundIps" : "network.outboundIpPrefixes",
      received: network.outboundType,
      problem: "Outbound public IPs and prefixes belong to the load balancer, which is the egress only with outbound type loadBalancer.",
      fix: "drop outboundType (loadBalancer is the default), or drop the IPs.",
    });
  }
  ips.forEach((ip, i) => validateScope(path, `network.outboundIps[${i}]`, ip.scope, PUBLIC_IP, exampleIdOf(PUBLIC_IP)));
  prefixes.forEach((p, i) => validateScope(path, `network.outboundIpPrefixes[${i}]`, p.scope, PUBLIC_IP_PREFIX, exampleIdOf(PUBLIC_IP_PREFIX)));
}

/** azurerm's load_balancer_profile settings the library owns. */
export function loadBalancerConfig(path: string, network: OutboundNetworkProps): KubernetesClusterNetworkProfileLoadBalancerProfile | undefined {
  const ips = list(path, "network.outboundIps", network.outboundIps);
  const prefixes = list(path, "network.outboundIpPrefixes", network.outboundIpPrefixes);
  if (ips.length === 0 && prefixes.length === 0) return undefined;
  return {
    outboundIpAddressIds: ips.length > 0 ? ips.map((ip) => scopeId(ip.scope)) : undefined,
    outboundIpPrefixIds: prefixes.length > 0 ? prefixes.map((p) => scopeId(p.scope)) : undefined,
  };
}

/** What the outbound grants need of the cluster beyond its grants facet. */
export interface OutboundHost extends Construct {
  dependOn(target: ITerraformDependable): void;
}

/**
 * Network Contributor on each of your outbound IPs or prefixes, and the NAT gateway's
 * association with the nodes' subnet, which the cluster waits for.
 */
export function applyOutbound(host: OutboundHost, ctx: NetworkGrantContext, network: OutboundNetworkProps): void {
  const path = host.node.path;
  if (network.natGatewayAssociation !== undefined) host.dependOn(network.natGatewayAssociation);
  else if (network.natGateway !== undefined && network.subnet !== undefined) {
    host.dependOn(new SubnetNatGatewayAssociation(host, "NatGatewayAssociation", { subnetId: scopeId(network.subnet), natGatewayId: scopeId(network.natGateway) }));
  }
  const g = CONTROL_PLANE_NETWORK_GRANTS;
  for (const ip of list(path, "network.outboundIps", network.outboundIps)) grantEach(ctx, g.OutboundIpNetworkContributor, ip, "network.outboundIps");
  for (const p of list(path, "network.outboundIpPrefixes", network.outboundIpPrefixes)) grantEach(ctx, g.OutboundIpPrefixNetworkContributor, p, "network.outboundIpPrefixes");
}

function grantEach(ctx: NetworkGrantContext, entry: CatalogGrant, item: { scope: GrantScope; key?: string }, prop: string): void {
  const id = `${entry.id}-${staticKey(ctx.cluster.node.path, prop, item.scope, item.key, `pass { ${prop === "network.outboundIps" ? "publicIp" : "prefix"}: <id>, key: "a-stable-name" }.`)}`;
  ctx.grants.fromCatalog(asGranted(ctx, entry), ctx.controlPlane, item.scope, id, prop);
}

/** The entries of an IP or prefix list as scope and optional key; an error for anything but an array. */
function list(path: string, prop: string, value: readonly (OutboundPublicIp | OutboundPublicIpPrefix)[] | undefined): { scope: GrantScope; key?: string }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new AksIdentityError({ path, prop, received: value, problem: "Expected a list of public IPs (constructs or IDs).", fix: `pass ${prop}: [publicIp].` });
  }
  return value.map((v) => {
    if (typeof v === "object" && v !== null && ("publicIp" in v || "prefix" in v)) {
      const keyed = v as { publicIp?: GrantScope; prefix?: GrantScope; key: string };
      return { scope: (keyed.publicIp ?? keyed.prefix)!, key: keyed.key };
    }
    return { scope: v as GrantScope };
  });
}

/** The network profile with the load balancer's outbound IPs; a profile of its own (with the plugin azurerm requires) when the cluster had none. */
export function withLoadBalancer<T extends { networkPlugin: string; loadBalancerProfile?: KubernetesClusterNetworkProfileLoadBalancerProfile }>(
  profile: T | undefined, loadBalancer: KubernetesClusterNetworkProfileLoadBalancerProfile | undefined, plugin: string | undefined): T | undefined {
  if (loadBalancer === undefined) return profile;
  return { ...(profile ?? { networkPlugin: plugin ?? "azure" }), loadBalancerProfile: loadBalancer } as T;
}
