import { parseAllDocuments } from "yaml";
import { AKS_ADDON_EXCEPTION, AksCluster, MIC_EXCEPTION, micExceptionYaml, PodIdentityException } from "../lib";
import { KubernetesProviderBlock } from "../lib/private/kubernetes-provider-block";
import { newStack, resources, synthJson } from "./helpers";

describe("aad-pod-identity exception", () => {
  test("applies the kube-system exception for AKS's system pods through the cluster's kubernetes provider", () => {
    // GIVEN: a cluster
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", {});
    // WHEN
    new PodIdentityException(stack, "Exception", { cluster });
    // THEN: the manifest matches the article's label in kube-system
    const j = synthJson(stack);
    const manifests = Object.values(resources(j, "kubernetes_manifest"));
    const aks = manifests.find((m) => (m.manifest as { metadata: { name: string } }).metadata.name === "aks-addon-exception")!;
    expect(aks.manifest).toEqual({
      apiVersion: "aadpodidentity.k8s.io/v1",
      kind: "AzurePodIdentityException",
      metadata: { name: "aks-addon-exception", namespace: "kube-system" },
      spec: { podLabels: { "kubernetes.azure.com/managedby": "aks" } },
    });
    // AND: through the provider aliased after the cluster
    expect(aks.provider).toBe("kubernetes.aks");
    // AND: the mic exception, as mic-exception.yaml has it
    expect(manifests.map((m) => (m.manifest as { metadata: { namespace: string } }).metadata.namespace).sort()).toEqual(["default", "kube-system"]);
  });

  test("on a cluster defined elsewhere, the provider connects with the credentials read from that cluster", () => {
    // GIVEN: a cluster this stack imports by name
    const stack = newStack();
    const cluster = AksCluster.fromClusterAttributes(stack, "shared", { name: "shared-aks", resourceGroupName: "rg-aks" });
    // WHEN
    new PodIdentityException(stack, "Exception", { cluster });
    // THEN: the kubernetes provider reads host and certificates from one lookup of that cluster
    const j = synthJson(stack) as { data?: Record<string, Record<string, unknown>>; provider?: Record<string, Record<string, unknown>[]> };
    const [lookup] = Object.keys(j.data!.azurerm_kubernetes_cluster);
    const [provider] = j.provider!.kubernetes;
    expect(provider).toMatchObject({
      alias: "shared",
      host: `\${data.azurerm_kubernetes_cluster.${lookup}.kube_config[0].host}`,
      client_certificate: `\${base64decode(data.azurerm_kubernetes_cluster.${lookup}.kube_config[0].client_certificate)}`,
    });
  });

  test("two exceptions for one cluster share its provider", () => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", {});
    const a = new PodIdentityException(stack, "A", { cluster, includeMicException: false });
    const b = new PodIdentityException(stack, "B", { cluster, includeMicException: false });
    expect(a.provider).toBe(b.provider);
    expect((synthJson(stack).provider as { kubernetes: unknown[] }).kubernetes).toHaveLength(1);
  });

  test("applies through a kubernetes provider the user passes, and makes none of its own", () => {
    // GIVEN a provider configured by the user (as one with exec credentials would be)
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", {});
    const own = new KubernetesProviderBlock(stack, "Own", { alias: "own", host: "https://aks.example", clientCertificate: "c", clientKey: "k", clusterCaCertificate: "ca" });
    // WHEN
    const ex = new PodIdentityException(stack, "Exception", { cluster, provider: own });
    // THEN every manifest goes through it, and it is the only kubernetes provider
    expect(ex.provider).toBe(own);
    const j = synthJson(stack);
    expect(Object.values(resources(j, "kubernetes_manifest")).map((m) => m.provider)).toEqual(["kubernetes.own", "kubernetes.own"]);
    expect((j.provider as { kubernetes: { alias: string }[] }).kubernetes.map((p) => p.alias)).toEqual(["own"]);
  });

  test("includeMicException: false applies only the AKS exception", () => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", {});
    const ex = new PodIdentityException(stack, "Exception", { cluster, includeMicException: false });
    expect(ex.micException).toBeUndefined();
    expect(Object.keys(resources(synthJson(stack), "kubernetes_manifest"))).toHaveLength(1);
  });

  test("rejects something that is not an AksCluster", () => {
    const stack = newStack();
    expect(() => new PodIdentityException(stack, "Exception", { cluster: {} as never })).toThrow("[test/Exception] cluster: received {}. Expected an AksCluster, or a cluster from AksCluster.fromClusterAttributes.");
  });

  test("micExceptionYaml gives kubectl users the same objects", () => {
    // WHEN: the YAML is parsed back
    const docs = parseAllDocuments(micExceptionYaml()).map((d) => d.toJS());
    // THEN: the article's two documents, equal to what the construct applies
    expect(docs).toEqual([MIC_EXCEPTION, AKS_ADDON_EXCEPTION]);
    expect(micExceptionYaml()).toContain("  podLabels:\n    kubernetes.azure.com/managedby: aks\n");
    expect(parseAllDocuments(micExceptionYaml({ includeMicException: false })).map((d) => d.toJS())).toEqual([AKS_ADDON_EXCEPTION]);
  });

  test("the exported objects cannot be changed by accident", () => {
    expect(Object.isFrozen(AKS_ADDON_EXCEPTION.spec.podLabels)).toBe(true);
  });
});
