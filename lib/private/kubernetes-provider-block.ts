import { listMapper, listMapperHcl, stringToHclTerraform, stringToTerraform, TerraformProvider } from "cdktf";
import { Construct } from "constructs";

/** The credentials of one cluster, as a kubeconfig holds them. */
export interface KubernetesProviderBlockConfig {
  /** Tells several kubernetes providers in one stack apart. @default - the default provider */
  readonly alias?: string;
  /** The API server's URL. */
  readonly host: string;
  /** PEM client certificate; unset when `exec` fetches a token. */
  readonly clientCertificate?: string;
  /** PEM client key; unset when `exec` fetches a token. */
  readonly clientKey?: string;
  /** PEM certificate authority of the API server. */
  readonly clusterCaCertificate: string;
  /** A credential plugin the provider runs for a token (kubelogin on an Entra ID cluster). */
  readonly exec?: readonly KubernetesProviderExec[];
}

/** The provider's `exec` block (hashicorp/kubernetes 2.x): a client-go credential plugin. */
export interface KubernetesProviderExec {
  readonly apiVersion: string;
  readonly command: string;
  readonly args?: readonly string[];
}

function execToTerraform(e: KubernetesProviderExec): Record<string, unknown> {
  return {
    api_version: stringToTerraform(e.apiVersion),
    args: e.args === undefined ? undefined : listMapper(stringToTerraform, false)(e.args),
    command: stringToTerraform(e.command),
  };
}

function execToHcl(e: KubernetesProviderExec): Record<string, unknown> {
  const attrs = {
    api_version: { value: stringToHclTerraform(e.apiVersion), isBlock: false, type: "simple", storageClassType: "string" },
    args: { value: e.args === undefined ? undefined : listMapperHcl(stringToHclTerraform, false)(e.args), isBlock: false, type: "list", storageClassType: "stringList" },
    command: { value: stringToHclTerraform(e.command), isBlock: false, type: "simple", storageClassType: "string" },
  };
  return Object.fromEntries(Object.entries(attrs).filter(([, a]) => a.value !== undefined));
}

/** What @cdktf/provider-kubernetes 12.1.1 declared: Terraform's hashicorp/kubernetes, pinned to 2.38.0. */
export const KUBERNETES_PROVIDER = Object.freeze({ source: "kubernetes", version: "2.38.0", versionConstraint: "~> 2.0" });

/**
 * Terraform's `provider "kubernetes"` block with client-certificate or exec credentials,
 * written exactly as @cdktf/provider-kubernetes 12.1.1's KubernetesProvider writes it. The
 * library needs only these attributes; the 148 MB binding package made every user install it,
 * and it exists only for cdktf, whose classes cannot mix with CDK Terrain's.
 */
export class KubernetesProviderBlock extends TerraformProvider {
  private readonly config: KubernetesProviderBlockConfig;

  constructor(scope: Construct, id: string, config: KubernetesProviderBlockConfig) {
    super(scope, id, {
      terraformResourceType: "kubernetes",
      terraformGeneratorMetadata: {
        providerName: "kubernetes",
        providerVersion: KUBERNETES_PROVIDER.version,
        providerVersionConstraint: KUBERNETES_PROVIDER.versionConstraint,
      },
      terraformProviderSource: KUBERNETES_PROVIDER.source,
    });
    this.config = config;
  }

  // TerraformProvider's own alias is always undefined: fqn and the meta-arguments read this one.
  public get alias(): string | undefined {
    return this.config.alias;
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return {
      client_certificate: stringToTerraform(this.config.clientCertificate),
      client_key: stringToTerraform(this.config.clientKey),
      cluster_ca_certificate: stringToTerraform(this.config.clusterCaCertificate),
      exec: this.config.exec === undefined ? undefined : listMapper(execToTerraform, true)(this.config.exec),
      host: stringToTerraform(this.config.host),
      alias: stringToTerraform(this.config.alias),
    };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    const simple = (value: string | undefined) => ({ value: stringToHclTerraform(value), isBlock: false, type: "simple", storageClassType: "string" });
    const attrs = {
      client_certificate: simple(this.config.clientCertificate),
      client_key: simple(this.config.clientKey),
      cluster_ca_certificate: simple(this.config.clusterCaCertificate),
      exec: {
        value: this.config.exec === undefined ? undefined : listMapperHcl(execToHcl, true)(this.config.exec),
        isBlock: true,
        type: "list",
        storageClassType: "KubernetesProviderExecList",
      },
      host: simple(this.config.host),
      alias: simple(this.config.alias),
    };
    return Object.fromEntries(Object.entries(attrs).filter(([, a]) => a.value !== undefined));
  }
}

/**
 * A kubernetes provider of this app's flavour: this block, @cdktf/provider-kubernetes's, or
 * bindings from `cdktf get`/`cdktn get`. A class from the other flavour's package fails
 * `instanceof` here, where it would otherwise crash the synth.
 */
export function isKubernetesProvider(x: unknown): x is TerraformProvider {
  return x instanceof TerraformProvider && x.terraformResourceType === "kubernetes";
}
