import { Construct } from "constructs";
import { AksCluster, PodIdentityException } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";

/**
 * The article's aad-pod-identity exception for AKS's system pods:
 *   kubectl apply -f mic-exception.yaml
 * applied through the kubernetes provider with the cluster's credentials. aad-pod-identity
 * itself (deprecated; see the workload-identity scenario) must be installed first.
 * Terraform plans kubernetes_manifest against a live API server with the CRD installed, so
 * on a new cluster apply the cluster first: `terraform apply -target=<the cluster's address>`.
 */
export class PodIdentityExceptionStack extends ArticleStack {
  public readonly cluster: AksCluster;
  public readonly exception: PodIdentityException;

  constructor(scope: Construct, id = "pod-identity-exception") {
    super(scope, id);
    this.cluster = new AksCluster(this, ARTICLE.cluster, { resourceGroup: this.resourceGroup });
    this.exception = new PodIdentityException(this, "PodIdentityException", { cluster: this.cluster });
  }
}
