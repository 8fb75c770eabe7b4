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

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Relative to cdktf.out/stacks/<stack>, so the output is the same on every machine.
    new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    new AzurermProvider(this, "azurerm", { features: [{}] });
    this.resourceGroup = new ResourceGroup(this, "ResourceGroup", { name: ARTICLE.resourceGroup, location: ARTICLE.location });
  }
}
