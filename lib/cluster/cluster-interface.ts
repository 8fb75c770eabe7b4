import { IConstruct } from "constructs";
import type { KubeAuthentication } from "./kube-credentials";

/** What a kubernetes provider connects with: what `az aks get-credentials` writes (base64, as azurerm exports it). */
export interface ClusterKubeConfig {
  readonly host: string;
  readonly clientCertificate: string;
  readonly clientKey: string;
  readonly clusterCaCertificate: string;
  /**
   * Set when the cluster authenticates users with Microsoft Entra ID: clients sign in with
   * kubelogin, and azurerm exports clientCertificate and clientKey empty.
   */
  readonly entraId?: KubeAuthentication;
}

/**
 * An AKS cluster as other constructs use it: one this app defines (`AksCluster`), or one
 * defined elsewhere (`AksCluster.fromClusterAttributes`), like aws-eks's `ICluster`.
 */
export interface IAksCluster extends IConstruct {
  /** The cluster's Azure name. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The cluster's resource ID. */
  readonly clusterId: string;
  /** The credentials a kubernetes provider connects with. */
  readonly kubeConfig: ClusterKubeConfig;
  /**
   * The OIDC issuer URL that federated credentials trust. For a cluster this app defines it
   * turns the OIDC issuer and workload identity on; a cluster defined elsewhere must have
   * them on already.
   */
  enableWorkloadIdentity(): string;
}
