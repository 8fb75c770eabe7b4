import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";
import { clusterNetwork } from "./own-network";

/**
 * A private cluster with your own private DNS zone (aks-docs private-clusters.md, "Custom private
 * DNS zone or subzone"): myIdentity gets Private DNS Zone Contributor on the zone and Network
 * Contributor on myVnet before the cluster is created, as the docs' Terraform sample grants.
 *   az aks create --resource-group myResourceGroup --name myManagedCluster --load-balancer-sku standard \
 *     --enable-private-cluster --assign-identity <identity-id> \
 *     --private-dns-zone <zone-id> --disable-public-fqdn --vnet-subnet-id <subnet-id>
 */
export class PrivateClusterStack extends ArticleStack {
  public readonly identity: UserAssignedManagedIdentity;
  public readonly zone: PrivateDnsZone;
  public readonly vnet: VirtualNetwork;
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "private-cluster") {
    super(scope, id);
    const rg = this.resourceGroup;
    const { vnet, subnet } = clusterNetwork(this);
    this.vnet = vnet;
    // The zone name private-clusters.md requires: privatelink.<region>.azmk8s.io (or a subzone of it).
    this.zone = new PrivateDnsZone(this, "myPrivateDnsZone", { name: `privatelink.${ARTICLE.location}.azmk8s.io`, resourceGroupName: rg.name });
    new PrivateDnsZoneVirtualNetworkLink(this, "myPrivateDnsZoneLink", { name: "myVnet-link", resourceGroupName: rg.name, privateDnsZoneName: this.zone.name, virtualNetworkId: vnet.id });
    this.identity = new UserAssignedManagedIdentity(this, ARTICLE.identity, { resourceGroupName: rg.name, location: rg.location });
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: rg,
      identity: ClusterIdentity.userAssigned(this.identity),
      network: { plugin: "azure", subnet, serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10" },
      // The VNet is passed so its grant names the VNet resource (rather than a prefix cut from the subnet's id).
      privateCluster: { privateDnsZone: this.zone, virtualNetwork: vnet, publicFqdn: false },
    });
  }
}
