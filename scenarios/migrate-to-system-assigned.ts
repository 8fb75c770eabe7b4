import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, ManagedIdentityMigration } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";

/**
 * The service-principal cluster after
 *   az feature register --namespace Microsoft.ContainerService -n MigrateToMSIClusterPreview
 *   az aks update -g myResourceGroup -n myManagedCluster --enable-managed-identity
 *   az aks nodepool upgrade ... --node-image-only
 * Same construct id as in ServicePrincipalStack, so Terraform updates the cluster in place.
 */
export class MigrateToSystemAssignedStack extends ArticleStack {
  public readonly cluster: AksCluster;
  public readonly migration: ManagedIdentityMigration;

  constructor(scope: Construct, id = "migrate-to-system-assigned") {
    // Same state as the service-principal stack: deploying this one updates that cluster.
    super(scope, id, "service-principal");
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: this.resourceGroup,
      identity: ClusterIdentity.systemAssigned(),
    });
    this.migration = new ManagedIdentityMigration(this, "Migration", {
      cluster: this.cluster,
      registerFeatures: true,
      upgradeNodeImages: true,
    });
  }
}
