import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";
import { clusterNetwork } from "./own-network";

/**
 * Bring your own control-plane identity with outbound type UDR: the identity gets Network
 * Contributor on the subnet and the route table before the cluster is created, and the
 * cluster waits for the subnet's route table association.
 *   az aks create ... --outbound-type userDefinedRouting --vnet-subnet-id <subnet-id> --assign-identity <identity-id>
 */
export class ByoControlPlaneIdentityUdrStack extends ArticleStack {
  public readonly identity: UserAssignedManagedIdentity;
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "byo-control-plane-identity-udr") {
    super(scope, id);
    const { subnet } = clusterNetwork(this);
    const routeTable = new RouteTable(this, "myRouteTable", {
      name: "myRouteTable",
      resourceGroupName: this.resourceGroup.name,
      location: this.resourceGroup.location,
      // Egress through the firewall or network virtual appliance at 10.1.8.4.
      route: [{ name: "default-via-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopInIpAddress: "10.1.8.4" }],
    });
    this.identity = new UserAssignedManagedIdentity(this, ARTICLE.identity, { resourceGroupName: this.resourceGroup.name, location: this.resourceGroup.location });
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: this.resourceGroup,
      identity: ClusterIdentity.userAssigned(this.identity),
      network: {
        plugin: "azure",
        subnet,
        serviceCidr: "10.2.0.0/24",
        dnsServiceIp: "10.2.0.10",
        outboundType: "userDefinedRouting",
        routeTable,
      },
    });
  }
}
