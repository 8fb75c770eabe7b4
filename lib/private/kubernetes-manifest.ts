import { anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl, TerraformProvider, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { unquoteHclReferences } from "./hcl-references";
import { KUBERNETES_PROVIDER } from "./kubernetes-provider-block";

export interface KubernetesManifestConfig {
  /** The kubernetes provider (cluster) to apply with. */
  readonly provider: TerraformProvider;
  /** The Kubernetes object, as `kubectl apply` takes it. */
  readonly manifest: object;
}

/**
 * The kubernetes provider's `kubernetes_manifest`, written exactly as
 * @cdktf/provider-kubernetes 12.1.1's Manifest writes it, with the one argument the
 * library sets and its provider (see KubernetesProviderBlock for why it is local).
 */
export class KubernetesManifest extends TerraformResource {
  private readonly manifest: object;

  constructor(scope: Construct, id: string, config: KubernetesManifestConfig) {
    super(scope, id, {
      terraformResourceType: "kubernetes_manifest",
      terraformGeneratorMetadata: {
        providerName: "kubernetes",
        providerVersion: KUBERNETES_PROVIDER.version,
        providerVersionConstraint: KUBERNETES_PROVIDER.versionConstraint,
      },
      provider: config.provider,
    });
    this.manifest = config.manifest;
    unquoteHclReferences(this);
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { manifest: hashMapper(anyToTerraform)(this.manifest) };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return { manifest: { value: hashMapperHcl(anyToHclTerraform)(this.manifest), isBlock: false, type: "map", storageClassType: "anyMap" } };
  }
}
