import { DataAzurermKubernetesCluster } from "@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster";
import { Construct } from "constructs";
import { AksIdentityError } from "../errors";
import { NAME_RULES, validateName, validateTerraformName } from "../private/validate";
import { ClusterKubeConfig, IAksCluster } from "./cluster-interface";
import { KubeloginMode, validateKubeloginMode } from "./kube-credentials";

/** What identifies a cluster defined elsewhere (another stack, another app, the portal). */
export interface AksClusterAttributes {
  /** The cluster's Azure name. */
  readonly name: string;
  readonly resourceGroupName: string;
  /** @default - read from the cluster (a data source lookup at plan time) */
  readonly location?: string;
  /** The OIDC issuer URL (`az aks show --query oidcIssuerProfile.issuerUrl`). @default - read from the cluster */
  readonly oidcIssuerUrl?: string;
  /** The cluster's resource ID. @default - read from the cluster */
  readonly clusterId?: string;
  /**
   * The cluster uses Microsoft Entra ID: kubernetes providers sign in with kubelogin in this mode
   * (azurerm exports no client certificate for such a cluster).
   * @default - the cluster uses local accounts (client certificates)
   */
  readonly kubeloginMode?: KubeloginMode;
}

/**
 * A cluster this app does not define. What the attributes do not give is read from the cluster
 * by one `azurerm_kubernetes_cluster` data source, made on first use.
 */
export class ImportedAksCluster extends Construct implements IAksCluster {
  public readonly name: string;
  public readonly resourceGroupName: string;
  private lookupResource?: DataAzurermKubernetesCluster;

  constructor(scope: Construct, id: string, private readonly attrs: AksClusterAttributes) {
    super(scope, id);
    validateTerraformName(this, id);
    if (typeof attrs !== "object" || attrs === null) {
      throw new AksIdentityError({
        path: this.node.path,
        prop: "attributes",
        received: attrs,
        problem: "Expected { name, resourceGroupName, ... }.",
        fix: "pass the cluster's name and resource group.",
      });
    }
    validateName(this.node.path, "name", attrs.name, NAME_RULES.cluster);
    validateName(this.node.path, "resourceGroupName", attrs.resourceGroupName, NAME_RULES.resourceGroup);
    validateKubeloginMode(this.node.path, "kubeloginMode", attrs.kubeloginMode);
    this.name = attrs.name;
    this.resourceGroupName = attrs.resourceGroupName;
  }

  public get location(): string {
    return this.attrs.location ?? this.lookup.location;
  }

  public get clusterId(): string {
    return this.attrs.clusterId ?? this.lookup.id;
  }

  public get kubeConfig(): ClusterKubeConfig {
    const kube = this.lookup.kubeConfig.get(0);
    const entraId = this.attrs.kubeloginMode === undefined ? undefined : { kubeloginMode: this.attrs.kubeloginMode };
    return { host: kube.host, clientCertificate: kube.clientCertificate, clientKey: kube.clientKey, clusterCaCertificate: kube.clusterCaCertificate, entraId };
  }

  /** The issuer URL: given, or read from the cluster. Workload identity must be on where the cluster is defined. */
  public enableWorkloadIdentity(): string {
    return this.attrs.oidcIssuerUrl ?? this.lookup.oidcIssuerUrl;
  }

  private get lookup(): DataAzurermKubernetesCluster {
    this.lookupResource ??= new DataAzurermKubernetesCluster(this, "Lookup", { name: this.name, resourceGroupName: this.resourceGroupName });
    return this.lookupResource;
  }
}
