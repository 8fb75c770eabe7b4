import { ManagedDisk } from "@cdktf/provider-azurerm/lib/managed-disk";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Construct } from "constructs";
import { AksCluster } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";

/**
 * "For creating and using your own VNet, static IP address, or attached Azure disk where
 * the resources are outside of the worker node resource group, use the PrincipalID of the
 * cluster System Assigned Managed Identity to perform a role assignment."
 */
export class SystemAssignedOwnNetworkStack extends ArticleStack {
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "system-assigned-own-network") {
    super(scope, id);
    const network = new ResourceGroup(this, "NetworkResourceGroup", { name: "myNetworkResourceGroup", location: ARTICLE.location });
    const vnet = new VirtualNetwork(this, "myVnet", {
      name: "myVnet",
      resourceGroupName: network.name,
      location: network.location,
      addressSpace: ["10.1.0.0/16"],
    });
    const ipGroup = new ResourceGroup(this, "StaticIpResourceGroup", { name: "myStaticIpResourceGroup", location: ARTICLE.location });
    new PublicIp(this, "myStaticIp", { name: "myStaticIp", resourceGroupName: ipGroup.name, location: ipGroup.location, allocationMethod: "Static", sku: "Standard" });
    const diskGroup = new ResourceGroup(this, "DiskResourceGroup", { name: "myDiskResourceGroup", location: ARTICLE.location });
    new ManagedDisk(this, "myDisk", { name: "myDisk", resourceGroupName: diskGroup.name, location: diskGroup.location, storageAccountType: "Premium_LRS", createOption: "Empty", diskSizeGb: 32 });

    this.cluster = new AksCluster(this, ARTICLE.cluster, { resourceGroup: this.resourceGroup });
    // Each grant references the cluster's identity.principalId, so Terraform makes it after the cluster.
    this.cluster.grantOnVirtualNetwork(vnet);
    this.cluster.grantOnStaticIpResourceGroup(ipGroup);
    this.cluster.grantOnDiskResourceGroup(diskGroup);
  }
}
