import { Fn } from "cdktf";
import { AksIdentityError } from "../errors";

/**
 * kubelogin's login modes (`kubelogin get-token --login <mode>`), aks-docs
 * kubelogin-authentication.md: who signs in where Terraform runs.
 */
export type KubeloginMode = "azurecli" | "devicecode" | "interactive" | "spn" | "msi" | "workloadidentity";
export const KUBELOGIN_MODES: readonly KubeloginMode[] = ["azurecli", "devicecode", "interactive", "spn", "msi", "workloadidentity"];

/**
 * The AKS Microsoft Entra server application ID that every token for an AKS API server must
 * be issued for (`--server-id`), aks-docs kubelogin-authentication.md.
 */
export const AKS_ENTRA_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

/** How a client authenticates to the API server: what `az aks get-credentials` would set up. */
export interface KubeAuthentication {
  /** Set when the cluster uses Microsoft Entra ID: clients get a token from kubelogin in this mode. */
  readonly kubeloginMode: KubeloginMode;
}

/** The kubeconfig fields a kubernetes provider connects with, as azurerm exports them (base64). */
export interface KubeConfigAttributes {
  readonly host: string;
  readonly clientCertificate: string;
  readonly clientKey: string;
  readonly clusterCaCertificate: string;
}

/** A kubernetes provider's connection settings, in the provider's own field names. */
export interface KubernetesConnection {
  readonly host: string;
  readonly clusterCaCertificate: string;
  readonly clientCertificate?: string;
  readonly clientKey?: string;
  readonly exec?: { readonly apiVersion: string; readonly command: string; readonly args: string[] }[];
}

/**
 * The connection settings for a cluster's kubeconfig. A local-account cluster connects with
 * its client certificate. With Microsoft Entra ID azurerm exports an empty client
 * certificate and key (`flattenKubernetesClusterDataSourceKubeConfigAAD` in azurerm 4.55
 * kubernetes_cluster_data_source.go), so the provider runs kubelogin for a token instead.
 */
export function kubernetesConnection(kube: KubeConfigAttributes & { readonly entraId?: KubeAuthentication }): KubernetesConnection {
  // azurerm exports the certificates base64-encoded, as in a kubeconfig file.
  const base = { host: kube.host, clusterCaCertificate: Fn.base64decode(kube.clusterCaCertificate) };
  if (kube.entraId === undefined) {
    return { ...base, clientCertificate: Fn.base64decode(kube.clientCertificate), clientKey: Fn.base64decode(kube.clientKey) };
  }
  return {
    ...base,
    exec: [{
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "kubelogin",
      args: ["get-token", "--login", kube.entraId.kubeloginMode, "--server-id", AKS_ENTRA_SERVER_ID],
    }],
  };
}

/** Checks a kubelogin mode prop. */
export function validateKubeloginMode(path: string, prop: string, mode: unknown): void {
  if (mode === undefined || KUBELOGIN_MODES.includes(mode as KubeloginMode)) return;
  throw new AksIdentityError({
    path,
    prop,
    received: mode,
    problem: `Allowed: ${KUBELOGIN_MODES.map((m) => JSON.stringify(m)).join(", ")} (kubelogin --login).`,
    fix: "pick how Terraform signs in where it runs: \"azurecli\" after az login, \"spn\" or \"msi\" in CI, \"workloadidentity\" in a federated pipeline.",
  });
}
