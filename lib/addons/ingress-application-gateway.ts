import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { Token } from "cdktf";
import { CatalogGrant, catalogRow } from "../catalog/row";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { parseCidr } from "../private/cidr";
import { resourceGroupIdOf } from "../private/id-parts";
import { EXAMPLE_IDS, validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import { Roles } from "../roles";
import { AddonContext, AddonDefinition, AddonGrantContext, AddonGrantRequest, firstIdentity } from "./addon";

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

function config(ctx: AddonContext, props: IngressApplicationGatewayProps): Partial<KubernetesClusterConfig> {
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
    const clusterSubnet = ctx.nodeSubnet !== undefined ? scopeId(ctx.nodeSubnet) : undefined;
    // Azure compares IDs case-insensitively, and the same construct is the same subnet.
    if (props.subnet === ctx.nodeSubnet || (clusterSubnet !== undefined && isLiteral(clusterSubnet) && scopeId(props.subnet).toLowerCase() === clusterSubnet.toLowerCase())) {
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
  if (ctx.nodeSubnet !== undefined) {
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

/**
 * An existing gateway: Network Contributor and Reader on the gateway's resource group, as the
 * docs say (azure-docs articles/application-gateway/tutorial-ingress-controller-add-on-existing.md,
 * IMPORTANT; aks-docs articles/aks/managed-identity-overview.md), not az aks's Contributor on that
 * group (add_ingress_appgw_addon_role_assignment). The group scope is the narrowest that works:
 * AGIC's update of the gateway also joins the gateway's public IP and other linked resources
 * there (LinkedAuthorizationFailed otherwise). Network Contributor on the gateway's subnet
 * covers a subnet kept in another group. A new gateway's subnet: Network Contributor on it.
 */
function grants(_ctx: AddonGrantContext, props: IngressApplicationGatewayProps): AddonGrantRequest[] {
  const existing = props.existingGateway;
  if (existing) {
    const gatewayId = scopeId(existing.gateway);
    return [
      { grant: GRANTS.GatewayResourceGroupNetworkContributor, scope: existing.resourceGroup ?? resourceGroupIdOf(gatewayId) },
      { grant: GRANTS.GatewayResourceGroupReader, scope: existing.resourceGroup ?? resourceGroupIdOf(gatewayId) },
      { grant: GRANTS.GatewaySubnetNetworkContributor, scope: existing.subnet },
    ];
  }
  if (props.subnet !== undefined) return [{ grant: GRANTS.SubnetNetworkContributor, scope: props.subnet }];
  return [];
}

const SUBNET = "Microsoft.Network/virtualNetworks/subnets";
const AZ_SOURCE = "azure-cli acs/addonconfiguration.py add_ingress_appgw_addon_role_assignment";
const DOCS_SOURCE = "azure-docs articles/application-gateway/tutorial-ingress-controller-add-on-existing.md; aks-docs articles/aks/managed-identity-overview.md";

const GRANTS = {
  GatewayResourceGroupNetworkContributor: { id: "GatewayResourceGroupNetworkContributor", role: Roles.NETWORK_CONTRIBUTOR, scope: "the existing gateway's resource group", scopeTypes: ["resourceGroup"], when: "`existingGateway`", reason: "AGIC rewrites the existing application gateway's listeners, rules and backends, and joins the resources linked to it in its resource group", source: DOCS_SOURCE },
  GatewayResourceGroupReader: { id: "GatewayResourceGroupReader", role: Roles.READER, scope: "the existing gateway's resource group", scopeTypes: ["resourceGroup"], when: "`existingGateway`", reason: "AGIC reads the resources around the existing application gateway in its resource group", source: DOCS_SOURCE },
  GatewaySubnetNetworkContributor: { id: "GatewaySubnetNetworkContributor", role: Roles.NETWORK_CONTRIBUTOR, scope: "the existing gateway's subnet", scopeTypes: [SUBNET], when: "`existingGateway`", reason: "AGIC joins the existing application gateway's subnet when it updates the gateway", source: AZ_SOURCE },
  SubnetNetworkContributor: { id: "SubnetNetworkContributor", role: Roles.NETWORK_CONTRIBUTOR, scope: "the subnet (in the cluster's VNet) for the new gateway", scopeTypes: [SUBNET], when: "`subnet`", reason: "AGIC deploys and updates the new application gateway in this subnet of the cluster's VNet", source: AZ_SOURCE },
} satisfies Record<string, CatalogGrant>;

/** Application Gateway Ingress Controller (AGIC). */
export const INGRESS_APPLICATION_GATEWAY = {
  key: "ingressApplicationGateway",
  takes: "settings",
  idPrefix: "IngressApplicationGateway",
  catalog: catalogRow({
    key: "ingressApplicationGateway",
    kind: "addon",
    name: "Ingress application gateway",
    identity: "`ingressapplicationgateway-<cluster>`",
    useCase: "Manages required network resources",
    defaultPermissions: "Contributor role for node resource group",
    azurermName: "ingress_application_gateway",
    // Current docs: "Depends on the deployment topology" (managed-identity-overview.md); AKS assigns what a
    // gateway it creates needs, nothing for an existing gateway. az's grants are this library's grants here.
    aksDefaults: [],
    bringYourOwn: "No",
    inArticle: true,
    order: 10,
    status: "supported",
    enableWith: "`addons.ingressApplicationGateway: { existingGateway }`, `{ subnet }` or `{ subnetCidr }`",
    exportedIdentity: "`ingress_application_gateway[0].ingress_application_gateway_identity[0]`",
    grants: Object.values(GRANTS),
    note: "With `subnetCidr` AKS creates the gateway's subnet in its own VNet inside the node resource group, so no grant is needed; with a custom cluster VNet pass `subnet` instead.",
  }),
  config,
  identity: {
    block: "ingress_application_gateway",
    attribute: "ingress_application_gateway_identity",
    output: "ingress_application_gateway",
    query: "addonProfiles.ingressApplicationGateway.identity",
    attributes: (resource) => firstIdentity(resource.ingressApplicationGateway.ingressApplicationGatewayIdentity),
  },
  grants,
  servicePrincipalGrants: true,
} satisfies AddonDefinition<"ingressApplicationGateway", IngressApplicationGatewayProps>;
