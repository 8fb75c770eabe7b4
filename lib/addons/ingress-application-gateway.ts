import type { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { Token } from "cdktf";
import { AksIdentityError } from "../errors";
import { parseCidr } from "../private/cidr";
import { resourceGroupIdOf } from "../private/id-parts";
import { EXAMPLE_IDS, validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import { GrantScope, RoleGrant, scopeId } from "../role-grant";
import { AddonContext, AddonGrantTarget, grantFromCatalog } from "./addon";
import { AddonIdentity, AddonIdentityAttributes } from "./addon-identity";

const GATEWAY_EXAMPLE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/applicationGateways/myApplicationGateway";

/** An application gateway you manage, which the add-on (AGIC) takes over. */
export interface ExistingApplicationGateway {
  /** The gateway: a construct or its resource ID. */
  readonly gateway: GrantScope;
  /** The gateway's subnet: AGIC needs Network Contributor on it. */
  readonly subnet: GrantScope;
  /**
   * The gateway's resource group (a construct or its ID): AGIC needs Reader on it.
   * @default - taken from the gateway's resource ID
   */
  readonly resourceGroup?: GrantScope;
}

/**
 * `az aks enable-addons --addons ingress-appgw`. Exactly one of `existingGateway`
 * (`--appgw-id`), `subnet` (`--appgw-subnet-id`) or `subnetCidr` (`--appgw-subnet-cidr`).
 */
export interface IngressApplicationGatewayProps {
  /** Use a gateway you manage. @default - AKS creates a gateway */
  readonly existingGateway?: ExistingApplicationGateway;
  /** A subnet of the cluster's VNet for the gateway AKS creates. @default - none */
  readonly subnet?: GrantScope;
  /** A CIDR for AKS to carve the new gateway's subnet from its own VNet (clusters without a custom subnet). @default - none */
  readonly subnetCidr?: string;
  /** Name of the gateway AKS creates. @default - AKS's "ingress-appgateway" */
  readonly gatewayName?: string;
}

export function ingressApplicationGatewayConfig(ctx: AddonContext, props: IngressApplicationGatewayProps): Partial<KubernetesClusterConfig> {
  const prop = "addons.ingressApplicationGateway";
  const given = (["existingGateway", "subnet", "subnetCidr"] as const).filter((k) => props[k] !== undefined);
  if (given.length !== 1) {
    throw new AksIdentityError({
      path: ctx.path,
      prop,
      received: given.length === 0 ? props : given,
      problem: "Exactly one of existingGateway, subnet or subnetCidr is allowed (azurerm's gateway_id, subnet_id and subnet_cidr conflict).",
      fix: "pass existingGateway: { gateway, subnet } to use your gateway, or subnet / subnetCidr for a gateway AKS creates.",
    });
  }
  const existing = props.existingGateway;
  if (existing) {
    validateScope(ctx.path, `${prop}.existingGateway.gateway`, existing.gateway, "Microsoft.Network/applicationGateways", GATEWAY_EXAMPLE);
    if (existing.subnet === undefined) {
      throw new AksIdentityError({
        path: ctx.path,
        prop: `${prop}.existingGateway.subnet`,
        received: undefined,
        problem: "AGIC needs Network Contributor on the gateway's subnet, which the gateway ID does not name.",
        fix: "pass the gateway's subnet (a construct or its resource ID).",
      });
    }
    validateScope(ctx.path, `${prop}.existingGateway.subnet`, existing.subnet, "Microsoft.Network/virtualNetworks/subnets", EXAMPLE_IDS.subnet);
    if (existing.resourceGroup !== undefined) {
      validateScope(ctx.path, `${prop}.existingGateway.resourceGroup`, existing.resourceGroup, "resourceGroup", EXAMPLE_IDS.resourceGroup);
    }
    if (props.gatewayName !== undefined) {
      throw new AksIdentityError({
        path: ctx.path,
        prop: `${prop}.gatewayName`,
        received: props.gatewayName,
        problem: "gatewayName names a gateway AKS creates; an existing gateway keeps its own name.",
        fix: "remove gatewayName.",
      });
    }
    return { ingressApplicationGateway: { gatewayId: scopeId(existing.gateway) } };
  }
  if (props.subnet !== undefined) {
    validateScope(ctx.path, `${prop}.subnet`, props.subnet, "Microsoft.Network/virtualNetworks/subnets", EXAMPLE_IDS.subnet);
    validateGatewayName(ctx.path, `${prop}.gatewayName`, props.gatewayName);
    const clusterSubnet = ctx.network.subnet !== undefined ? scopeId(ctx.network.subnet) : undefined;
    // Azure compares IDs case-insensitively, and the same construct is the same subnet.
    if (props.subnet === ctx.network.subnet || (clusterSubnet !== undefined && isLiteral(clusterSubnet) && scopeId(props.subnet).toLowerCase() === clusterSubnet.toLowerCase())) {
      throw new AksIdentityError({
        path: ctx.path,
        prop: `${prop}.subnet`,
        received: clusterSubnet,
        problem: "An application gateway needs a subnet of its own, not the nodes' subnet.",
        fix: "create a dedicated subnet (for example a /24) in the cluster's VNet.",
      });
    }
    return { ingressApplicationGateway: { subnetId: scopeId(props.subnet), gatewayName: props.gatewayName } };
  }
  validateGatewayName(ctx.path, `${prop}.gatewayName`, props.gatewayName);
  if (isLiteral(props.subnetCidr) && !parseCidr(props.subnetCidr)) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `${prop}.subnetCidr`,
      received: props.subnetCidr,
      problem: "Expected an IPv4 network in CIDR form with no host bits set, like \"10.225.0.0/16\".",
      fix: "fix the address or prefix.",
    });
  }
  if (ctx.network.subnet !== undefined) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: `${prop}.subnetCidr`,
      received: props.subnetCidr,
      problem: "With the cluster in your own VNet, AKS would carve the gateway's subnet out of it and the add-on identity would need rights on the whole VNet.",
      fix: "create a subnet for the gateway in the cluster's VNet and pass it as subnet, so the grant stays on that subnet.",
    });
  }
  return { ingressApplicationGateway: { subnetCidr: props.subnetCidr, gatewayName: props.gatewayName } };
}

/** Application gateway names: 1-80 characters, letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore. */
function validateGatewayName(path: string, prop: string, name: string | undefined): void {
  if (name === undefined || Token.isUnresolved(name)) return;
  if (typeof name !== "string" || name.length > 80 || !/^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/.test(name)) {
    throw new AksIdentityError({
      path,
      prop,
      received: name,
      problem: "Allowed: 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore.",
      fix: "rename it, or omit it for AKS's \"ingress-appgateway\".",
    });
  }
}

export function ingressApplicationGatewayIdentity(resource: KubernetesCluster): AddonIdentityAttributes {
  const i = resource.ingressApplicationGateway.ingressApplicationGatewayIdentity.get(0);
  return { clientId: i.clientId, objectId: i.objectId, userAssignedIdentityId: i.userAssignedIdentityId };
}

/**
 * What `az aks enable-addons --addons ingress-appgw` grants after the cluster exists:
 * Contributor on an existing gateway, Reader on its resource group and Network
 * Contributor on its subnet; Network Contributor on the subnet of a new gateway.
 */
export function grantIngressApplicationGateway(target: AddonGrantTarget, identity: AddonIdentity, props: IngressApplicationGatewayProps): RoleGrant[] {
  const existing = props.existingGateway;
  if (existing) {
    const gatewayId = scopeId(existing.gateway);
    return [
      grantFromCatalog(target, identity, "GatewayContributor", gatewayId),
      grantFromCatalog(target, identity, "GatewayResourceGroupReader", existing.resourceGroup ?? resourceGroupIdOf(gatewayId)),
      grantFromCatalog(target, identity, "GatewaySubnetNetworkContributor", existing.subnet),
    ];
  }
  if (props.subnet !== undefined) return [grantFromCatalog(target, identity, "SubnetNetworkContributor", props.subnet)];
  return [];
}
