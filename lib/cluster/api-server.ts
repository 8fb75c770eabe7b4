import type { KubernetesClusterApiServerAccessProfile } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { CONTROL_PLANE_NETWORK_GRANTS } from "../catalog/control-plane-network";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { ClusterIdentity } from "../identities/cluster-identity";
import { virtualNetworkIdOfSubnet } from "../private/id-parts";
import { EXAMPLE_IDS, validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import { grantControlPlane, NetworkGrantContext } from "./network-grants";

/**
 * API server VNet integration (`--enable-apiserver-vnet-integration`): the API server sits
 * behind an internal load balancer in a delegated subnet of the cluster's VNet.
 * (aks-docs api-server-vnet-integration.md)
 */
export interface ApiServerProps {
  /**
   * Turns API server VNet integration on; with no `subnet`, AKS uses a subnet of the VNet it manages.
   * @default true when `subnet` is set, else false
   */
  readonly vnetIntegration?: boolean;
  /**
   * `--apiserver-subnet-id`: your own API server subnet, in the VNet of `network.subnet`,
   * delegated to Microsoft.ContainerService/managedClusters, /28 or larger. The control plane
   * gets Network Contributor on it before the cluster is created, so it needs a user-assigned
   * identity (or a service principal).
   * @default - AKS's own subnet, when vnetIntegration is true
   */
  readonly subnet?: GrantScope;
}

const SUBNET = "Microsoft.Network/virtualNetworks/subnets";

/** What the API server settings depend on elsewhere in the cluster's props. */
export interface ApiServerContext {
  readonly path: string;
  readonly identity: ClusterIdentity;
  readonly location: string;
  readonly nodeSubnet?: GrantScope;
}

/** Validates the props; true when API server VNet integration is on. */
export function validateApiServer(ctx: ApiServerContext, props: ApiServerProps | undefined): boolean {
  if (props === undefined) return false;
  const path = ctx.path;
  if (typeof props !== "object" || props === null || Array.isArray(props)) {
    throw new AksIdentityError({ path, prop: "apiServer", received: props, problem: "Expected { vnetIntegration, subnet }.", fix: "pass apiServer: { subnet: apiServerSubnet }." });
  }
  if (props.vnetIntegration !== undefined && typeof props.vnetIntegration !== "boolean") {
    throw new AksIdentityError({ path, prop: "apiServer.vnetIntegration", received: props.vnetIntegration, problem: "Expected true or false.", fix: "pass a boolean." });
  }
  const on = props.vnetIntegration ?? props.subnet !== undefined;
  if (on && isLiteral(ctx.location) && ctx.location.replace(/\s+/g, "").toLowerCase() === "qatarcentral") {
    throw new AksIdentityError({ path, prop: "apiServer", received: ctx.location, problem: "API Server VNet Integration isn't available in qatarcentral (api-server-vnet-integration.md).", fix: "deploy to another region, or drop apiServer." });
  }
  if (props.subnet === undefined) return on;
  validateScope(path, "apiServer.subnet", props.subnet, SUBNET, EXAMPLE_IDS.subnet);
  if (props.vnetIntegration === false) {
    throw new AksIdentityError({ path, prop: "apiServer.vnetIntegration", received: false, problem: "An API server subnet is only used with API server VNet integration.", fix: "drop vnetIntegration (it defaults to true with a subnet), or drop subnet." });
  }
  if (ctx.nodeSubnet === undefined) {
    throw new AksIdentityError({
      path,
      prop: "apiServer.subnet",
      received: scopeId(props.subnet),
      problem: "Your own API server subnet is for a cluster in your own VNet: it must be a subnet of the nodes' VNet.",
      fix: "set network.subnet to the nodes' subnet of the same VNet, or drop apiServer.subnet to let AKS manage the VNet.",
    });
  }
  const apiId = scopeId(props.subnet);
  const nodeId = scopeId(ctx.nodeSubnet);
  if (props.subnet === ctx.nodeSubnet || (isLiteral(apiId) && isLiteral(nodeId) && apiId.toLowerCase() === nodeId.toLowerCase())) {
    throw new AksIdentityError({ path, prop: "apiServer.subnet", received: apiId, problem: "The API server subnet is delegated to Microsoft.ContainerService/managedClusters and can't hold the nodes.", fix: "create a separate /28 (or larger) subnet for the API server." });
  }
  if (isLiteral(apiId) && isLiteral(nodeId) && virtualNetworkIdOfSubnet(apiId).toLowerCase() !== virtualNetworkIdOfSubnet(nodeId).toLowerCase()) {
    throw new AksIdentityError({ path, prop: "apiServer.subnet", received: apiId, problem: `The API server subnet must be in the nodes' VNet (${virtualNetworkIdOfSubnet(nodeId)}).`, fix: "create the API server subnet in the cluster's VNet." });
  }
  if (ctx.identity.type === "SystemAssigned") {
    throw new AksIdentityError({
      path,
      prop: "apiServer.subnet",
      received: "an API server subnet with a system-assigned identity",
      problem: "The control plane needs Network Contributor on the API server subnet while the cluster is created (\"lack of permissions at the API server subnet can cause a provisioning failure\", api-server-vnet-integration.md), which a system-assigned identity cannot have.",
      fix: "use identity: ClusterIdentity.userAssigned(identity) (the library grants it before the cluster), or drop apiServer.subnet.",
    });
  }
  return true;
}

/** azurerm's api_server_access_profile settings the library owns. */
export function apiServerConfig(props: ApiServerProps | undefined): KubernetesClusterApiServerAccessProfile | undefined {
  if (props === undefined || !(props.vnetIntegration ?? props.subnet !== undefined)) return undefined;
  return { virtualNetworkIntegrationEnabled: true, subnetId: props.subnet === undefined ? undefined : scopeId(props.subnet) };
}

/** Network Contributor on your API server subnet, before the cluster. */
export function grantApiServer(ctx: NetworkGrantContext, props: ApiServerProps | undefined): void {
  if (props?.subnet === undefined) return;
  const g = CONTROL_PLANE_NETWORK_GRANTS.ApiServerSubnetNetworkContributor;
  grantControlPlane(ctx, g, props.subnet, g.id, "apiServer.subnet");
}
