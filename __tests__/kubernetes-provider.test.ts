import { AksCluster, clusterKubernetesProvider } from "../lib";
import { newStack, SynthJson, synthJson } from "./helpers";

describe("kubernetes provider from the cluster's credentials", () => {
  test("reads host and base64-decoded certificates from kube_config, aliased after the cluster", () => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "my-cluster", {});
    const provider = clusterKubernetesProvider(cluster);
    // Asking again gives the same provider: one alias per cluster.
    expect(clusterKubernetesProvider(cluster)).toBe(provider);
    const j = synthJson(stack) as SynthJson & { provider: { kubernetes: Record<string, string>[] } };
    const ref = `azurerm_kubernetes_cluster.${Object.keys(j.resource!.azurerm_kubernetes_cluster)[0]}.kube_config[0]`;
    expect(j.provider.kubernetes).toEqual([{
      alias: "my_cluster",
      host: `\${${ref}.host}`,
      client_certificate: `\${base64decode(${ref}.client_certificate)}`,
      client_key: `\${base64decode(${ref}.client_key)}`,
      cluster_ca_certificate: `\${base64decode(${ref}.cluster_ca_certificate)}`,
    }]);
  });
});
