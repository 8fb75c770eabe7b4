import { AksCluster } from "../../lib";
import { GenericResource, guardedStack, messagesOf, RG, rawCluster } from "./fixtures";

const HELM = { name: "aad-pod-identity", repository: "https://raw.githubusercontent.com/Azure/aad-pod-identity/master/charts", chart: "aad-pod-identity", namespace: "kube-system" };
const EXCEPTION = {
  apiVersion: "aadpodidentity.k8s.io/v1",
  kind: "AzurePodIdentityException",
  metadata: { name: "mic-exception", namespace: "kube-system" },
  spec: { podLabels: { "kubernetes.azure.com/managedby": "aks" } },
};

describe("AKSID013 aad-pod-identity without the kube-system exception", () => {
  test("library cluster: a Helm release of aad-pod-identity with the exception manifest passes", () => {
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG });
    new GenericResource(stack, "podIdentity", "helm_release", HELM);
    new GenericResource(stack, "exception", "kubernetes_manifest", { manifest: EXCEPTION });
    expect(messagesOf(stack, "AKSID013")).toEqual([]);
  });

  test("library cluster: the Helm release without the exception is a warning", () => {
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG });
    new GenericResource(stack, "podIdentity", "helm_release", HELM);
    expect(messagesOf(stack, "AKSID013")).toEqual([{
      level: "@cdktf/warn",
      path: "test/podIdentity",
      message: "[test/podIdentity] AKSID013 chart: received \"aad-pod-identity\". aad-pod-identity is installed without an AzurePodIdentityException in kube-system, so its NMI pods intercept the metadata-endpoint calls of AKS's own system pods. Fix: add the mic-exception: an AzurePodIdentityException in namespace kube-system whose podLabels match kubernetes.azure.com/managedby: aks (or move to workload identity).",
    }]);
  });

  test("raw: AzureIdentity manifests with an exception in another namespace warn once", () => {
    const stack = guardedStack();
    rawCluster(stack, "aks", {});
    new GenericResource(stack, "id", "kubernetes_manifest", { manifest: { apiVersion: "aadpodidentity.k8s.io/v1", kind: "AzureIdentity", metadata: { name: "app", namespace: "app" } } });
    new GenericResource(stack, "binding", "kubernetes_manifest", { manifest: { apiVersion: "aadpodidentity.k8s.io/v1", kind: "AzureIdentityBinding", metadata: { name: "app", namespace: "app" } } });
    new GenericResource(stack, "exception", "kubernetes_manifest", { manifest: { ...EXCEPTION, metadata: { name: "e", namespace: "default" } } });
    expect(messagesOf(stack, "AKSID013").map((m) => [m.path, m.message.split(". ")[0]])).toEqual([
      ["test/id", "[test/id] AKSID013 manifest.kind: received \"AzureIdentity\""],
    ]);
  });

  test("raw: an exception written as YAML (kubectl_manifest) counts", () => {
    const stack = guardedStack();
    new GenericResource(stack, "id", "kubernetes_manifest", { manifest: { apiVersion: "aadpodidentity.k8s.io/v1", kind: "AzureIdentity", metadata: { name: "app" } } });
    new GenericResource(stack, "exception", "kubectl_manifest", {
      yaml_body: "apiVersion: aadpodidentity.k8s.io/v1\nkind: AzurePodIdentityException\nmetadata:\n  name: mic-exception\n  namespace: kube-system\nspec:\n  podLabels:\n    kubernetes.azure.com/managedby: aks\n",
    });
    expect(messagesOf(stack, "AKSID013")).toEqual([]);
  });
});
