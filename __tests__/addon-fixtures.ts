import { TerraformStack, TerraformVariable } from "cdktf";
import { AksCluster, AksClusterProps } from "../lib";
import { newStack, resources, SynthJson, synthJson } from "./helpers";

export const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
export const VNET = `${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet`;
export const NODE_SUBNET = `${VNET}/subnets/nodes`;
export const GATEWAY = `${SUB}/resourceGroups/agw-rg/providers/Microsoft.Network/applicationGateways/gw`;
export const GATEWAY_SUBNET = `${SUB}/resourceGroups/agw-rg/providers/Microsoft.Network/virtualNetworks/agw-vnet/subnets/gw`;
export const WORKSPACE = `${SUB}/resourceGroups/mon/providers/Microsoft.OperationalInsights/workspaces/ws`;
export const VAULT = `${SUB}/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/vault1`;
export const PUBLIC_ZONE = `${SUB}/resourceGroups/dns/providers/Microsoft.Network/dnszones/contoso.com`;
export const PRIVATE_ZONE = `${SUB}/resourceGroups/pdns/providers/Microsoft.Network/privateDnsZones/contoso.internal`;

/** The cluster's resource reference prefix in synthesized JSON. */
export function clusterRef(json: SynthJson): string {
  const ids = Object.keys(resources(json, "azurerm_kubernetes_cluster"));
  if (ids.length !== 1) throw new Error(`expected one cluster, found ${ids.length}`);
  return `azurerm_kubernetes_cluster.${ids[0]}`;
}

export interface Grant {
  readonly id: string;
  readonly role: string;
  readonly scope: string;
  readonly principal: string;
  readonly body: Record<string, unknown>;
}

/** Every role assignment as role, scope and principal. */
export function grantsOf(json: SynthJson): Grant[] {
  return Object.entries(resources(json, "azurerm_role_assignment")).map(([id, body]) => ({
    id,
    role: body.role_definition_name as string,
    scope: body.scope as string,
    principal: body.principal_id as string,
    body,
  }));
}

/** A plan-time reference (a string variable), like a resource id unknown at synth. */
export function reference(stack: TerraformStack, name: string): string {
  return new TerraformVariable(stack, name, { type: "string" }).stringValue;
}

/** A stack with one cluster called "aks"; props may use the stack (for references). */
export function clusterStack(propsOrFn: AksClusterProps | ((stack: TerraformStack) => AksClusterProps)): { stack: TerraformStack; cluster: AksCluster; json: () => SynthJson } {
  const stack = newStack();
  const cluster = new AksCluster(stack, "aks", typeof propsOrFn === "function" ? propsOrFn(stack) : propsOrFn);
  return { stack, cluster, json: () => synthJson(stack) };
}
