import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";

/** The article's names. */
export const ARTICLE = Object.freeze({
  resourceGroup: "myResourceGroup",
  location: "westus2",
  cluster: "myManagedCluster",
  identity: "myIdentity",
});

/**
 * A stack with the azurerm provider and the article's `az group create --name
 * myResourceGroup --location westus2`. The subscription comes from ARM_SUBSCRIPTION_ID
 * at plan time; synth needs none.
 */
export class ArticleStack extends TerraformStack {
  public readonly resourceGroup: ResourceGroup;

  /**
   * @param stateOf the stack whose Terraform state this one manages. @default id. The
   * migration stacks are the service-principal cluster after `az aks update`: they must
   * share its state, or deploying them would try to create a second myManagedCluster.
   */
  constructor(scope: Construct, id: string, stateOf = id) {
    super(scope, id);
    // Relative to cdktf.out/stacks/<stack>, so the output is the same on every machine.
    new LocalBackend(this, { path: `../../../terraform.${stateOf}.tfstate` });
    new AzurermProvider(this, "azurerm", { features: [{}] });
    this.resourceGroup = new ResourceGroup(this, "ResourceGroup", { name: ARTICLE.resourceGroup, location: ARTICLE.location });
  }
}
