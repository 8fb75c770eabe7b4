import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Construct } from "constructs";
import { ArticleStack } from "./article-stack";

/** A VNet with one subnet for the cluster's nodes, in the article's resource group. */
export function clusterNetwork(stack: ArticleStack, addressSpace = "10.1.0.0/16", subnetPrefix = "10.1.0.0/22"): { vnet: VirtualNetwork; subnet: Subnet } {
  const rg = stack.resourceGroup;
  const vnet = new VirtualNetwork(stack as Construct, "myVnet", { name: "myVnet", resourceGroupName: rg.name, location: rg.location, addressSpace: [addressSpace] });
  const subnet = new Subnet(stack as Construct, "mySubnet", { name: "mySubnet", resourceGroupName: rg.name, virtualNetworkName: vnet.name, addressPrefixes: [subnetPrefix] });
  return { vnet, subnet };
}
