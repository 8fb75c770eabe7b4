import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { ClusterIdentity } from "../identities/cluster-identity";
import { DiskEncryptionProps, diskEncryptionConfig, diskEncryptionGrants } from "./disk-encryption";
import { EntraIdProps, entraIdConfig } from "./entra-id";
import { KmsProps, kmsConfig, kmsGrants } from "./kms";
import type { SecurityHost } from "./security-host";

/** The cluster's security features beyond its identities: the part of AksClusterProps this module reads. */
export interface ClusterSecurityProps {
  readonly kms?: KmsProps;
  readonly diskEncryption?: DiskEncryptionProps;
  readonly entraId?: EntraIdProps;
}

/** The cluster configuration of KMS, disk encryption and Entra ID; checks their props. */
export function securityConfig(path: string, identity: ClusterIdentity, props: ClusterSecurityProps): Partial<KubernetesClusterConfig> {
  return { ...kmsConfig(path, identity, props.kms), ...diskEncryptionConfig(path, props.diskEncryption), ...entraIdConfig(path, props.entraId) };
}

/** The grants those features need, ordered by the cluster's grants facet. */
export function securityGrants(cluster: SecurityHost, props: ClusterSecurityProps): void {
  kmsGrants(cluster, props.kms);
  diskEncryptionGrants(cluster, props.diskEncryption);
}
