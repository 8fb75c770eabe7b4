import { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { RoleAssignment, RoleAssignmentConfig } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { UserAssignedIdentity as UaiResource } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { TerraformResource, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { applyGuardrails } from "../../lib/checks/aspect";
import { UserAssignedManagedIdentity } from "../../lib/identities/user-assigned-managed-identity";
import { annotationsOf } from "../helpers";

export const SUB = "00000000-0000-0000-0000-000000000000";
export const RG_ID = `/subscriptions/${SUB}/resourceGroups/rg`;
export const IDENTITY_ID = `${RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myIdentity`;
export const KUBELET_ID = `${RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myKubeletIdentity`;
export const VNET_ID = `${RG_ID}/providers/Microsoft.Network/virtualNetworks/myVnet`;
export const SUBNET_ID = `${VNET_ID}/subnets/mySubnet`;
export const REGISTRY_ID = `${RG_ID}/providers/Microsoft.ContainerRegistry/registries/myRegistry`;
export const PRINCIPAL = "11111111-1111-1111-1111-111111111111";

/** A stack with the azurerm provider and the guardrail pack, as a user adds it to raw resources. */
export function guardedStack(provider: { environment?: string; clientSecret?: string } = {}): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AzurermProvider(stack, "azurerm", { features: [{}], ...provider });
  applyGuardrails(stack);
  return stack;
}

/** The guardrail messages of one rule (errors, warnings and suppression infos), after synth. */
export function messagesOf(stack: TerraformStack, ruleId: string): { level: string; message: string; path: string }[] {
  return annotationsOf(stack).filter((a) => a.message.includes(` ${ruleId} `));
}

export function levelsOf(stack: TerraformStack, ruleId: string): string[] {
  return messagesOf(stack, ruleId).map((m) => m.level);
}

/** A raw azurerm_kubernetes_cluster with `az aks create`'s shape; identity system-assigned unless given. */
export function rawCluster(scope: Construct, id: string, config: Partial<KubernetesClusterConfig> = {}): KubernetesCluster {
  const { defaultNodePool, ...rest } = config;
  return new KubernetesCluster(scope, id, {
    name: id,
    location: "westus2",
    resourceGroupName: "rg",
    dnsPrefix: id,
    ...(rest.servicePrincipal || rest.identity ? {} : { identity: { type: "SystemAssigned" } }),
    ...rest,
    defaultNodePool: { name: "nodepool1", vmSize: "Standard_DS2_v2", nodeCount: 3, ...defaultNodePool },
  });
}

export function rawIdentity(scope: Construct, id: string): UaiResource {
  return new UaiResource(scope, id, { name: id, resourceGroupName: "rg", location: "westus2" });
}

export function rawGrant(scope: Construct, id: string, config: Partial<RoleAssignmentConfig> & Pick<RoleAssignmentConfig, "principalId">): RoleAssignment {
  return new RoleAssignment(scope, id, { scope: RG_ID, roleDefinitionName: "Reader", principalType: "ServicePrincipal", ...config });
}

export function rawNetwork(scope: Construct, addressSpace = "10.1.0.0/16", prefix = "10.1.0.0/22"): { vnet: VirtualNetwork; subnet: Subnet } {
  const vnet = new VirtualNetwork(scope, "vnet", { name: "myVnet", resourceGroupName: "rg", location: "westus2", addressSpace: [addressSpace] });
  const subnet = new Subnet(scope, "subnet", { name: "mySubnet", resourceGroupName: "rg", virtualNetworkName: vnet.name, addressPrefixes: [prefix] });
  return { vnet, subnet };
}

/** A resource of a provider this project does not depend on (kubernetes, helm, kubectl), with literal attributes. */
export class GenericResource extends TerraformResource {
  constructor(scope: Construct, id: string, type: string, private readonly attributes: Record<string, unknown>) {
    super(scope, id, { terraformResourceType: type });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return this.attributes;
  }
}

/** The library's resource group shape for AksCluster. */
export const RG = Object.freeze({ name: "rg", location: "westus2" });

/** A library UserAssignedManagedIdentity in the test resource group. */
export function identity(scope: Construct, id: string): UserAssignedManagedIdentity {
  return new UserAssignedManagedIdentity(scope, id, { resourceGroupName: "rg", location: "westus2" });
}
