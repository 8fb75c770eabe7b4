import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { DnsZone } from "@cdktf/provider-azurerm/lib/dns-zone";
import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";
import { clusterNetwork } from "./own-network";

/**
 * Every add-on with an identity, each reaching resources outside the node resource group:
 *   az aks create ... --assign-identity <identity-id> --vnet-subnet-id <subnet-id> \
 *     --enable-addons ingress-appgw,monitoring,virtual-node,azure-keyvault-secrets-provider \
 *     --appgw-id <existing-gateway-id> --workspace-resource-id <workspace-id> --aci-subnet-name myVirtualNodeSubnet \
 *     --enable-app-routing
 *   az aks approuting zone add --ids <zone-ids> --attach-zones
 * and the grants `az aks` makes to each add-on identity once the cluster exists.
 */
export class AddonIdentitiesStack extends ArticleStack {
  public readonly identity: UserAssignedManagedIdentity;
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "addon-identities") {
    super(scope, id);
    const rg = this.resourceGroup;
    const { vnet, subnet } = clusterNetwork(this);
    const virtualNodeSubnet = new Subnet(this, "myVirtualNodeSubnet", {
      name: "myVirtualNodeSubnet",
      resourceGroupName: rg.name,
      virtualNetworkName: vnet.name,
      addressPrefixes: ["10.1.4.0/24"],
      delegation: [{ name: "aci", serviceDelegation: { name: "Microsoft.ContainerInstance/containerGroups", actions: ["Microsoft.Network/virtualNetworks/subnets/action"] } }],
    });
    // An application gateway someone else manages, in its own resource group and subnet.
    const gatewayId = new TerraformVariable(this, "app_gateway_id", {
      type: "string",
      description: "Resource ID of the existing application gateway AGIC takes over",
    });
    const gatewaySubnetId = new TerraformVariable(this, "app_gateway_subnet_id", {
      type: "string",
      description: "Resource ID of the existing application gateway's subnet",
    });
    const workspace = new LogAnalyticsWorkspace(this, "myWorkspace", { name: "myWorkspace", resourceGroupName: rg.name, location: rg.location, sku: "PerGB2018" });
    const client = new DataAzurermClientConfig(this, "client");
    const keyVault = new KeyVault(this, "myKeyVault", {
      name: "myKeyVault",
      resourceGroupName: rg.name,
      location: rg.location,
      tenantId: client.tenantId,
      skuName: "standard",
      rbacAuthorizationEnabled: true,
    });
    const publicZone = new DnsZone(this, "myDnsZone", { name: "contoso.com", resourceGroupName: rg.name });
    const privateZone = new PrivateDnsZone(this, "myPrivateDnsZone", { name: "contoso.internal", resourceGroupName: rg.name });

    this.identity = new UserAssignedManagedIdentity(this, ARTICLE.identity, { resourceGroupName: rg.name, location: rg.location });
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: rg,
      identity: ClusterIdentity.userAssigned(this.identity),
      network: { plugin: "azure", subnet, serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10" },
      addons: {
        ingressApplicationGateway: { existingGateway: { gateway: gatewayId.stringValue, subnet: gatewaySubnetId.stringValue } },
        monitoring: { logAnalyticsWorkspace: workspace },
        virtualNode: { subnet: virtualNodeSubnet },
        keyVaultSecretsProvider: { keyVaults: [{ vault: keyVault, certificates: true }] },
        webAppRouting: { dnsZones: [publicZone, privateZone] },
      },
    });
  }
}
