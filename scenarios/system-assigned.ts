import { Construct } from "constructs";
import { AksCluster } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";

/**
 * az group create --name myResourceGroup --location westus2
 * az aks create -g myResourceGroup -n myManagedCluster --enable-managed-identity
 * az aks get-credentials --resource-group myResourceGroup --name myManagedCluster
 */
export class SystemAssignedStack extends ArticleStack {
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "system-assigned") {
    super(scope, id);
    // identity defaults to ClusterIdentity.systemAssigned(); credentials are the kube_config output.
    this.cluster = new AksCluster(this, ARTICLE.cluster, { resourceGroup: this.resourceGroup });
  }
}
