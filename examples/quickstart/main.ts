import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AksCluster, ClusterIdentity, externalPrincipal, Roles, synthesizeApp, UserAssignedManagedIdentity, WorkloadIdentity } from "cdktf-aks-identity";

// One production cluster: your own network, a user-assigned control plane granted before the
// cluster exists, Entra ID with Azure RBAC, a registry, Container Insights and one workload
// identity. Import provider classes by deep path (lib/<resource>): the package root is slow.
process.exitCode = synthesizeApp((app: App) => {
  const stack = new TerraformStack(app, "aks-prod");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const location = "westeurope";
  const rg = new ResourceGroup(stack, "rg", { name: "rg-aks-prod", location });
  const at = { resourceGroupName: rg.name, location };
  const client = new DataAzurermClientConfig(stack, "client");

  const vnet = new VirtualNetwork(stack, "vnet", { name: "vnet-aks-prod", ...at, addressSpace: ["10.1.0.0/16"] });
  const nodes = new Subnet(stack, "nodes", { name: "snet-nodes", resourceGroupName: rg.name, virtualNetworkName: vnet.name, addressPrefixes: ["10.1.0.0/22"] });
  const registry = new ContainerRegistry(stack, "acr", { name: "acraksprod", ...at, sku: "Standard" });
  const workspace = new LogAnalyticsWorkspace(stack, "logs", { name: "log-aks-prod", ...at, sku: "PerGB2018" });
  const vault = new KeyVault(stack, "kv", { name: "kv-aks-prod", ...at, tenantId: client.tenantId, skuName: "standard", rbacAuthorizationEnabled: true });
  const adminGroup = new TerraformVariable(stack, "admin_group_id", { type: "string", description: "Object ID of the Entra group with cluster-admin access" });
  const developers = new TerraformVariable(stack, "developers_group_id", { type: "string", description: "Object ID of the developers' Entra group" });

  const identity = new UserAssignedManagedIdentity(stack, "aks-control-plane", at);
  const cluster = new AksCluster(stack, "aks", {
    name: "aks-prod",
    resourceGroup: rg,
    identity: ClusterIdentity.userAssigned(identity),
    network: { plugin: "azure", subnet: nodes, serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10" },
    defaultNodePool: { vmSize: "Standard_D4s_v5", onlyCriticalAddonsEnabled: true, zones: ["1", "2", "3"], autoScalingEnabled: true, minCount: 3, maxCount: 5 },
    additionalNodePools: [{ name: "apps", mode: "User", vmSize: "Standard_D4s_v5", zones: ["1", "2", "3"], autoScalingEnabled: true, minCount: 2, maxCount: 10 }],
    entraId: { tenantId: client.tenantId, adminGroupObjectIds: [adminGroup.stringValue] },
    containerRegistries: [registry],
    addons: { monitoring: { logAnalyticsWorkspace: workspace }, workloadIdentity: true },
    clusterConfig: { skuTier: "Standard", automaticUpgradeChannel: "patch", nodeOsUpgradeChannel: "NodeImage" },
  });
  cluster.grantKubernetesAccess(externalPrincipal({ principalId: developers.stringValue, principalType: "Group", isManagedIdentity: false, description: "developers group" }),
    "writer", { namespace: "my-app", key: "developers" });

  const myApp = new WorkloadIdentity(stack, "my-app", { cluster, namespace: "my-app", serviceAccount: "my-app" });
  myApp.grant("Secrets", Roles.KEY_VAULT_SECRETS_USER, vault, "my-app reads its own secrets");
}).exitCode;
