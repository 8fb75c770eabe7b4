import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";

/**
 * az identity create --name myIdentity ...; az identity create --name myKubeletIdentity ...
 * az aks create ... --assign-identity <control-plane-id> --assign-kubelet-identity <kubelet-id> --attach-acr myRegistry
 */
export class ByoKubeletIdentityStack extends ArticleStack {
  public readonly controlPlaneIdentity: UserAssignedManagedIdentity;
  public readonly kubeletIdentity: UserAssignedManagedIdentity;
  public readonly registry: ContainerRegistry;
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "byo-kubelet-identity") {
    super(scope, id);
    const rg = this.resourceGroup;
    this.controlPlaneIdentity = new UserAssignedManagedIdentity(this, ARTICLE.identity, { resourceGroupName: rg.name, location: rg.location });
    this.kubeletIdentity = new UserAssignedManagedIdentity(this, "myKubeletIdentity", { resourceGroupName: rg.name, location: rg.location });
    this.registry = new ContainerRegistry(this, "myRegistry", { name: "myRegistry", resourceGroupName: rg.name, location: rg.location, sku: "Standard" });
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: rg,
      identity: ClusterIdentity.userAssigned(this.controlPlaneIdentity),
      kubeletIdentity: this.kubeletIdentity,
      containerRegistries: [this.registry],
    });
  }
}
