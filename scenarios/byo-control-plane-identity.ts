import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";
import { clusterNetwork } from "./own-network";

/**
 * az identity create --name myIdentity --resource-group myResourceGroup
 * az aks create --resource-group myResourceGroup --name myManagedCluster \
 *   --network-plugin azure --vnet-subnet-id <subnet-id> --docker-bridge-address 172.17.0.1/16 \
 *   --dns-service-ip 10.2.0.10 --service-cidr 10.2.0.0/24 \
 *   --enable-managed-identity --assign-identity <identity-id>
 */
export class ByoControlPlaneIdentityStack extends ArticleStack {
  public readonly identity: UserAssignedManagedIdentity;
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "byo-control-plane-identity") {
    super(scope, id);
    const { subnet } = clusterNetwork(this);
    this.identity = new UserAssignedManagedIdentity(this, ARTICLE.identity, { resourceGroupName: this.resourceGroup.name, location: this.resourceGroup.location });
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: this.resourceGroup,
      identity: ClusterIdentity.userAssigned(this.identity),
      network: {
        plugin: "azure",
        subnet,
        serviceCidr: "10.2.0.0/24",
        dnsServiceIp: "10.2.0.10",
        // The article's flag, kept to show it is ignored (with a warning) rather than silently dropped.
        dockerBridgeCidr: "172.17.0.1/16",
      },
    });
  }
}
