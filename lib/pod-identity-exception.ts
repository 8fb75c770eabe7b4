import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { IAksCluster } from "./cluster/cluster-interface";
import { AksIdentityError } from "./errors";
import { clusterKubernetesProvider } from "./kubernetes-provider";
import { KubernetesManifest } from "./private/kubernetes-manifest";
import { isKubernetesProvider } from "./private/kubernetes-provider-block";

/** An AzurePodIdentityException: pods matching `podLabels` reach IMDS without NMI's interception. */
export interface PodIdentityExceptionManifest {
  readonly apiVersion: "aadpodidentity.k8s.io/v1";
  readonly kind: "AzurePodIdentityException";
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: { readonly podLabels: Readonly<Record<string, string>> };
}

/** The article's exception: AKS's system pods in kube-system, by their `kubernetes.azure.com/managedby: aks` label. */
export const AKS_ADDON_EXCEPTION: PodIdentityExceptionManifest = deepFreeze({
  apiVersion: "aadpodidentity.k8s.io/v1",
  kind: "AzurePodIdentityException",
  metadata: { name: "aks-addon-exception", namespace: "kube-system" },
  spec: { podLabels: { "kubernetes.azure.com/managedby": "aks" } },
});

/** aad-pod-identity's own MIC pods, the first document of its mic-exception.yaml. */
export const MIC_EXCEPTION: PodIdentityExceptionManifest = deepFreeze({
  apiVersion: "aadpodidentity.k8s.io/v1",
  kind: "AzurePodIdentityException",
  metadata: { name: "mic-exception", namespace: "default" },
  spec: { podLabels: { app: "mic", component: "mic" } },
});

/**
 * The mic-exception YAML the article links to, for `kubectl apply -f -`: the MIC
 * exception and the AKS add-on exception, from the same objects the construct applies.
 */
export function micExceptionYaml(options: { includeMicException?: boolean } = {}): string {
  const docs = options.includeMicException === false ? [AKS_ADDON_EXCEPTION] : [MIC_EXCEPTION, AKS_ADDON_EXCEPTION];
  // Loaded on first use: the YAML writer is a fifth of the library's import time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stringify } = require("yaml") as typeof import("yaml");
  return docs.map((d) => stringify(d, { defaultKeyType: "PLAIN", lineWidth: 0 })).join("---\n");
}

export interface PodIdentityExceptionProps {
  /** The cluster running aad-pod-identity: an `AksCluster`, or one from `AksCluster.fromClusterAttributes`. */
  readonly cluster: IAksCluster;
  /**
   * The kubernetes provider to apply with: any hashicorp/kubernetes provider of your
   * flavour (cdktf or CDK Terrain), e.g. one with `exec` credentials (kubelogin) for a
   * cluster without local accounts.
   * @default - a provider configured from the cluster's kubeconfig (`clusterKubernetesProvider`)
   */
  readonly provider?: TerraformProvider;
  /** Also apply the exception for aad-pod-identity's MIC pods, as mic-exception.yaml does. @default true */
  readonly includeMicException?: boolean;
}

/**
 * The article's AzurePodIdentityException, applied through the kubernetes provider:
 * with aad-pod-identity installed, NMI intercepts every call to the instance metadata
 * endpoint, so AKS's system pods in kube-system must be excepted.
 *
 * aad-pod-identity is deprecated: use {@link WorkloadIdentity}. Its CRDs must exist
 * (aad-pod-identity installed) before Terraform can plan these objects.
 */
export class PodIdentityException extends Construct {
  public readonly provider: TerraformProvider;
  /** The kube-system exception for AKS's system pods. */
  public readonly aksAddonException: KubernetesManifest;
  public readonly micException?: KubernetesManifest;

  constructor(scope: Construct, id: string, props: PodIdentityExceptionProps) {
    super(scope, id);
    const cluster = props.cluster;
    if (typeof cluster !== "object" || cluster === null || !("kubeConfig" in cluster) || !("node" in cluster)) {
      throw new AksIdentityError({
        path: this.node.path,
        prop: "cluster",
        received: props.cluster,
        problem: "Expected an AksCluster, or a cluster from AksCluster.fromClusterAttributes.",
        fix: "pass the cluster that runs aad-pod-identity.",
      });
    }
    if (props.provider !== undefined && !isKubernetesProvider(props.provider)) {
      throw new AksIdentityError({
        path: this.node.path,
        prop: "provider",
        received: props.provider,
        problem: "Expected a kubernetes provider: a TerraformProvider of this app's CDK flavour whose terraformResourceType is \"kubernetes\".",
        fix: "omit it to use the cluster's credentials (clusterKubernetesProvider), or pass a provider for hashicorp/kubernetes.",
      });
    }
    if (props.includeMicException !== undefined && typeof props.includeMicException !== "boolean") {
      throw new AksIdentityError({
        path: this.node.path,
        prop: "includeMicException",
        received: props.includeMicException,
        problem: "Expected true or false.",
        fix: "omit it to apply the MIC exception too.",
      });
    }
    this.provider = props.provider ?? clusterKubernetesProvider(props.cluster);
    this.aksAddonException = new KubernetesManifest(this, "AksAddonException", { provider: this.provider, manifest: AKS_ADDON_EXCEPTION });
    if (props.includeMicException ?? true) {
      this.micException = new KubernetesManifest(this, "MicException", { provider: this.provider, manifest: MIC_EXCEPTION });
    }
  }
}

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === "object" && v !== null) deepFreeze(v);
  return Object.freeze(o);
}
