import { TerraformStack } from "cdktf";
import { AksCluster, AksClusterProps, BuiltInRole, ClusterIdentity, UserAssignedManagedIdentity } from "../lib";
import { newStack, only, resources, SynthJson, synthJson } from "./helpers";
import { expectedGrantName, ref } from "./identity-blocks";

/** Shared fixtures of the production-network tests (private cluster, API server, node pools, outbound). */
export const SUB = "00000000-0000-0000-0000-000000000000";
export const NET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network`;
export const ID = {
  vnet: `${NET}/virtualNetworks/vnet`,
  subnet: `${NET}/virtualNetworks/vnet/subnets/nodes`,
  pods: `${NET}/virtualNetworks/vnet/subnets/pods`,
  subnet2: `${NET}/virtualNetworks/vnet/subnets/nodes2`,
  pods2: `${NET}/virtualNetworks/vnet/subnets/pods2`,
  apiServer: `${NET}/virtualNetworks/vnet/subnets/apiserver`,
  otherVnetSubnet: `${NET}/virtualNetworks/other/subnets/x`,
  zone: `/subscriptions/${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.westus2.azmk8s.io`,
  natGateway: `${NET}/natGateways/nat`,
  publicIp: `/subscriptions/${SUB}/resourceGroups/rg-egress/providers/Microsoft.Network/publicIPAddresses/egress1`,
  publicIp2: `/subscriptions/${SUB}/resourceGroups/rg-egress/providers/Microsoft.Network/publicIPAddresses/egress2`,
  prefix: `/subscriptions/${SUB}/resourceGroups/rg-egress/providers/Microsoft.Network/publicIPPrefixes/egress`,
  capacityReservationGroup: `/subscriptions/${SUB}/resourceGroups/rg-crg/providers/Microsoft.Compute/capacityReservationGroups/crg`,
  hostGroup: `/subscriptions/${SUB}/resourceGroups/rg-hosts/providers/Microsoft.Compute/hostGroups/hosts`,
  nodeIpPrefix: `/subscriptions/${SUB}/resourceGroups/rg-nodeips/providers/Microsoft.Network/publicIPPrefixes/nodes`,
  rg: (name: string) => `/subscriptions/${SUB}/resourceGroups/${name}`,
};
export const RG = Object.freeze({ name: "rg", location: "westus2" });
export const CLUSTER = "azurerm_kubernetes_cluster.aks_C968CDD4";
export const CONTROL_PLANE = ref("azurerm_user_assigned_identity.myIdentity_4E98E044", "principal_id");

export function controlPlane(stack: TerraformStack): UserAssignedManagedIdentity {
  return new UserAssignedManagedIdentity(stack, "myIdentity", { resourceGroupName: "rg", location: "westus2" });
}

/** A stack with one cluster "aks" whose control plane is the user-assigned identity "cp" unless props say otherwise. */
export function clusterStack(props: AksClusterProps = {}): { stack: TerraformStack; cluster: AksCluster; json: SynthJson; body: Record<string, unknown> } {
  const stack = newStack();
  const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: props.identity ?? ClusterIdentity.userAssigned(controlPlane(stack)), ...props });
  const json = synthJson(stack);
  return { stack, cluster, json, body: only(json, "azurerm_kubernetes_cluster").body };
}

/** The one role assignment with this role and scope; its address and body. */
export function grantOn(json: SynthJson, role: string, scope: string): { address: string; body: Record<string, unknown> } {
  const matches = Object.entries(resources(json, "azurerm_role_assignment"))
    .filter(([, b]) => (b.role_definition_name ?? b.role_definition_id) === role && b.scope === scope);
  if (matches.length !== 1) throw new Error(`expected one ${role} grant on ${scope}, found ${matches.length}`);
  return { address: `azurerm_role_assignment.${matches[0][0]}`, body: matches[0][1] };
}

/**
 * Asserts role, scope, principal and name of a built-in-role grant, and its ordering: in the
 * depends_on of `waiters` (before them) or referencing the cluster (after it). Returns its address.
 */
export function expectGrant(json: SynthJson, role: BuiltInRole, scope: string, principal: string, waiters: readonly Record<string, unknown>[]): string {
  const g = grantOn(json, role.name, scope);
  expect(g.body).toMatchObject({
    scope,
    principal_id: principal,
    principal_type: "ServicePrincipal",
    name: expectedGrantName(scope, principal, role.guid),
  });
  for (const w of waiters) expect(w.depends_on).toContain(g.address);
  return g.address;
}

/** Every role assignment of a stack: [role, scope, principal]. */
export function allGrants(json: SynthJson): [unknown, unknown, unknown][] {
  return Object.values(resources(json, "azurerm_role_assignment")).map((b) => [b.role_definition_name ?? b.role_definition_id, b.scope, b.principal_id]);
}
