import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, ManagedIdentityMigration, UserAssignedManagedIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";

/**
 * The service-principal cluster after
 *   az feature register --namespace Microsoft.ContainerService -n UserAssignedIdentityPreview
 *   az aks update -g myResourceGroup -n myManagedCluster --enable-managed-identity --assign-identity <id>
 *   az aks nodepool upgrade ... --node-image-only
 */
export class MigrateToUserAssignedStack extends ArticleStack {
  public readonly identity: UserAssignedManagedIdentity;
  public readonly cluster: AksCluster;
  public readonly migration: ManagedIdentityMigration;

  constructor(scope: Construct, id = "migrate-to-user-assigned") {
    // Same state as the service-principal stack: deploying this one updates that cluster.
    super(scope, id, "service-principal");
    this.identity = new UserAssignedManagedIdentity(this, ARTICLE.identity, {
      resourceGroupName: this.resourceGroup.name,
      location: this.resourceGroup.location,
    });
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: this.resourceGroup,
      identity: ClusterIdentity.userAssigned(this.identity),
    });
    this.migration = new ManagedIdentityMigration(this, "Migration", {
      cluster: this.cluster,
      registerFeatures: true,
      upgradeNodeImages: true,
    });
  }
}
