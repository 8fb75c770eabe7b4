import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { IAksCluster } from "./cluster/cluster-interface";
import { kubernetesConnection } from "./cluster/kube-credentials";
import { KubernetesProviderBlock } from "./private/kubernetes-provider-block";

export type { KubernetesProviderBlock, KubernetesProviderBlockConfig, KubernetesProviderExec } from "./private/kubernetes-provider-block";
export type { KubernetesManifest, KubernetesManifestConfig } from "./private/kubernetes-manifest";

/**
 * The kubernetes provider configured from the cluster's credentials (what `az aks
 * get-credentials` writes to ~/.kube/config): client certificates on a local-account
 * cluster, kubelogin on a Microsoft Entra ID one. Aliased after the cluster so several
 * clusters in one stack do not clash; one per cluster, created on first use.
 *
 * Terraform plans kubernetes resources against a live API server: the first apply of a
 * new cluster has to create it first (`terraform apply -target` the cluster, or keep the
 * Kubernetes objects in a second stack).
 */
export function clusterKubernetesProvider(cluster: IAksCluster): KubernetesProviderBlock {
  const stack = TerraformStack.of(cluster);
  const id = `KubernetesProvider-${cluster.node.path.slice(stack.node.path.length + 1).replace(/\//g, "-")}`;
  const existing = stack.node.tryFindChild(id);
  if (existing instanceof KubernetesProviderBlock) return existing;
  return new KubernetesProviderBlock(stack as Construct, id, {
    alias: cluster.node.id.replace(/[^A-Za-z0-9_]/g, "_"),
    ...kubernetesConnection(cluster.kubeConfig),
  });
}
