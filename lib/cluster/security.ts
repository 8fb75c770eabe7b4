import type { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { IConstruct } from "constructs";
import { IPrincipal } from "../grants/principal";
import { ClusterIdentity } from "../identities/cluster-identity";
import type { ClusterGrants } from "./cluster-grants";
import { DiskEncryptionProps, diskEncryptionConfig, diskEncryptionGrants } from "./disk-encryption";
import { EntraIdProps, entraIdConfig } from "./entra-id";
import { KmsProps, kmsConfig, kmsGrants } from "./kms";

/** The cluster's security features beyond its identities: the part of AksClusterProps this module reads. */
export interface ClusterSecurityProps {
  readonly kms?: KmsProps;
  readonly diskEncryption?: DiskEncryptionProps;
  readonly entraId?: EntraIdProps;
}

/** What the security features need of their cluster once its resource exists. */
export interface SecurityHost extends IConstruct {
  readonly resource: KubernetesCluster;
  readonly identity: ClusterIdentity;
  readonly controlPlanePrincipal: IPrincipal;
  readonly grants: ClusterGrants;
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
