import { AksCluster, clusterKubernetesProvider } from "../lib";
import { newStack, SynthJson, synthJson } from "./helpers";

type WithProviders = SynthJson & {
  provider: { kubernetes: Record<string, string>[] };
  terraform: { required_providers: Record<string, { source: string; version: string }> };
};

describe("kubernetes provider from the cluster's credentials", () => {
  test("reads host and base64-decoded certificates from kube_config, aliased after the cluster", () => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "my-cluster", {});
    const provider = clusterKubernetesProvider(cluster);
    // Asking again gives the same provider: one alias per cluster.
    expect(clusterKubernetesProvider(cluster)).toBe(provider);
    const j = synthJson(stack) as WithProviders;
    const ref = `azurerm_kubernetes_cluster.${Object.keys(j.resource!.azurerm_kubernetes_cluster)[0]}.kube_config[0]`;
    expect(j.provider.kubernetes).toEqual([{
      alias: "my_cluster",
      host: `\${${ref}.host}`,
      client_certificate: `\${base64decode(${ref}.client_certificate)}`,
      client_key: `\${base64decode(${ref}.client_key)}`,
      cluster_ca_certificate: `\${base64decode(${ref}.cluster_ca_certificate)}`,
    }]);
  });

  test("declares hashicorp/kubernetes 2.38.0, as the @cdktf/provider-kubernetes 12.1.1 binding it replaces did", () => {
    // GIVEN a cluster's kubernetes provider
    const stack = newStack();
    clusterKubernetesProvider(new AksCluster(stack, "aks", {}));
    // WHEN synthesized
    const j = synthJson(stack) as WithProviders;
    // THEN Terraform installs the same provider ("kubernetes" is registry.terraform.io/hashicorp/kubernetes)
    expect(j.terraform.required_providers.kubernetes).toEqual({ source: "kubernetes", version: "2.38.0" });
    // AND references to it use the alias
    expect(clusterKubernetesProvider(stack.node.findChild("aks") as AksCluster).fqn).toBe("kubernetes.aks");
  });

  test("a cluster with no kubernetes objects gets no kubernetes provider", () => {
    const stack = newStack();
    new AksCluster(stack, "aks", {});
    const j = synthJson(stack) as WithProviders;
    expect(j.provider.kubernetes).toBeUndefined();
    expect(j.terraform.required_providers.kubernetes).toBeUndefined();
  });
});
