import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AksCluster, ClusterIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";

/**
 * The migration's starting point: a cluster that authenticates with a service principal
 * (az aks create ... --service-principal <appId> --client-secret <secret>).
 */
export class ServicePrincipalStack extends ArticleStack {
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "service-principal") {
    super(scope, id);
    const clientId = new TerraformVariable(this, "sp_client_id", { type: "string", description: "The service principal's application (client) ID." });
    // Sensitive: Terraform keeps it out of plan output, and it never appears in cdk.tf.json.
    const clientSecret = new TerraformVariable(this, "sp_client_secret", { type: "string", sensitive: true, description: "The service principal's client secret." });
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: this.resourceGroup,
      identity: ClusterIdentity.servicePrincipal({ clientId: clientId.stringValue, clientSecret: clientSecret.stringValue }),
    });
  }
}
