import { Fn } from "cdktf";
import { AksCluster, clusterKubernetesProvider } from "../../lib";
import { KubernetesProviderBlock } from "../../lib/private/kubernetes-provider-block";
import { guardedStack, messagesOf, RG, rawCluster } from "./fixtures";
import { TENANT } from "./security-fixtures";

describe("AKSID035 client certificates of an Entra cluster are empty", () => {
  test("library: the provider of an Entra cluster runs kubelogin and passes", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    clusterKubernetesProvider(new AksCluster(stack, "aks", { resourceGroup: RG, entraId: { tenantId: TENANT } }));
    expect(messagesOf(stack, "AKSID035")).toEqual([]);
  });

  test("raw: a kubernetes provider reading the client certificate of an Entra cluster is an error; of a local-account cluster it passes", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    const entra = rawCluster(stack, "entra", { azureActiveDirectoryRoleBasedAccessControl: { tenantId: TENANT } });
    const local = rawCluster(stack, "local", {});
    const ca = (c: typeof entra) => Fn.base64decode(c.kubeConfig.get(0).clusterCaCertificate);
    new KubernetesProviderBlock(stack, "k8s", { alias: "entra", host: entra.kubeConfig.get(0).host, clusterCaCertificate: ca(entra), clientCertificate: Fn.base64decode(entra.kubeConfig.get(0).clientCertificate) });
    new KubernetesProviderBlock(stack, "k8s-local", { alias: "local", host: local.kubeConfig.get(0).host, clusterCaCertificate: ca(local), clientKey: Fn.base64decode(local.kubeConfig.get(0).clientKey) });
    expect(messagesOf(stack, "AKSID035").map((m) => m.message)).toEqual([
      "[test/k8s] AKSID035 client_certificate: received \"${azurerm_kubernetes_cluster.entra.kube_config[0].client_certificate}\". The kubernetes provider reads kube_config[0].client_certificate of azurerm_kubernetes_cluster.entra, which has Microsoft Entra ID integration, so azurerm exports it empty. Fix: configure the provider with host and cluster_ca_certificate from kube_config and an exec block running kubelogin get-token --login <mode> --server-id 6dae42f8-4368-4678-94ff-3960e28e3630 (clusterKubernetesProvider does).",
    ]);
  });
});
