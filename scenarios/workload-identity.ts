import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { Construct } from "constructs";
import { AksCluster, Roles, WorkloadIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";

/**
 * Workload identity, which replaces aad-pod-identity:
 *   az aks create ... --enable-oidc-issuer --enable-workload-identity
 *   az identity create --name myManagedCluster-my-app-my-app-sa ...
 *   az identity federated-credential create --issuer <oidc-issuer-url> \
 *     --subject system:serviceaccount:my-app:my-app-sa --audience api://AzureADTokenExchange
 *   az role assignment create --role "Storage Blob Data Reader" --scope <storage-account-id>
 */
export class WorkloadIdentityStack extends ArticleStack {
  public readonly cluster: AksCluster;
  public readonly workload: WorkloadIdentity;
  public readonly storageAccount: StorageAccount;

  constructor(scope: Construct, id = "workload-identity") {
    super(scope, id);
    const rg = this.resourceGroup;
    this.cluster = new AksCluster(this, ARTICLE.cluster, { resourceGroup: rg, addons: { workloadIdentity: true } });
    this.storageAccount = new StorageAccount(this, "myStorageAccount", {
      name: "mystorageaccount",
      resourceGroupName: rg.name,
      location: rg.location,
      accountTier: "Standard",
      accountReplicationType: "LRS",
    });
    this.workload = new WorkloadIdentity(this, "MyAppWorkload", { cluster: this.cluster, namespace: "my-app", serviceAccount: "my-app-sa" });
    this.workload.grant("BlobReader", Roles.STORAGE_BLOB_DATA_READER, this.storageAccount, "my-app reads blobs from this storage account");
  }
}
