import { Roles } from "../roles";
import { CatalogGrant } from "./row";

const CLUSTER = ["Microsoft.ContainerService/managedClusters"];
const AUTHZ = "aks-docs articles/aks/entra-id-authorization.md (AKS built-in roles)";

/**
 * Kubernetes API access for Microsoft Entra principals (Azure RBAC for Kubernetes
 * authorization): `cluster.grantKubernetesAccess(principal, role, { namespace })`.
 */
export const KUBERNETES_ACCESS_GRANTS = Object.freeze({
  reader: {
    id: "KubernetesRbacReader",
    role: Roles.AKS_RBAC_READER,
    scope: "the cluster, or one namespace (`<cluster id>/namespaces/<namespace>`)",
    scopeTypes: CLUSTER,
    when: "`grantKubernetesAccess(principal, \"reader\", { namespace? })`",
    reason: "reads most Kubernetes objects (not secrets, roles or role bindings)",
    source: AUTHZ,
  },
  writer: {
    id: "KubernetesRbacWriter",
    role: Roles.AKS_RBAC_WRITER,
    scope: "the cluster, or one namespace",
    scopeTypes: CLUSTER,
    when: "`grantKubernetesAccess(principal, \"writer\", { namespace? })`",
    reason: "reads and writes most Kubernetes objects, secrets included (not roles or role bindings)",
    source: AUTHZ,
  },
  admin: {
    id: "KubernetesRbacAdmin",
    role: Roles.AKS_RBAC_ADMIN,
    scope: "the cluster, or one namespace (intended for a namespace)",
    scopeTypes: CLUSTER,
    when: "`grantKubernetesAccess(principal, \"admin\", { namespace? })`",
    reason: "administers Kubernetes objects, roles and role bindings included (not resource quotas or the namespace itself)",
    source: AUTHZ,
  },
  clusterAdmin: {
    id: "KubernetesRbacClusterAdmin",
    role: Roles.AKS_RBAC_CLUSTER_ADMIN,
    scope: "the cluster (never a namespace)",
    scopeTypes: CLUSTER,
    when: "`grantKubernetesAccess(principal, \"clusterAdmin\")`",
    reason: "has super-user access to every Kubernetes object in every namespace",
    source: AUTHZ,
  },
  clusterUser: {
    id: "KubernetesClusterUser",
    role: Roles.AKS_CLUSTER_USER,
    scope: "the cluster",
    scopeTypes: CLUSTER,
    when: "every `grantKubernetesAccess` (once per principal)",
    reason: "downloads the cluster's user kubeconfig (az aks get-credentials: listClusterUserCredential)",
    source: "aks-docs articles/aks/control-kubeconfig-access.md (Azure Kubernetes Service Cluster User Role)",
  },
} satisfies Record<string, CatalogGrant>);

/** The four "Azure Kubernetes Service RBAC ..." roles, by the name `grantKubernetesAccess` takes. */
export type KubernetesAccessRole = "reader" | "writer" | "admin" | "clusterAdmin";
export const KUBERNETES_ACCESS_ROLES: readonly KubernetesAccessRole[] = ["reader", "writer", "admin", "clusterAdmin"];
