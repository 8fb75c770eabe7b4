import { Construct } from "constructs";
import { KUBERNETES_ACCESS_GRANTS, KUBERNETES_ACCESS_ROLES, KubernetesAccessRole } from "../catalog/kubernetes-access";
import { AksIdentityError } from "../errors";
import { IGrantable } from "../grants/principal";
import { RoleGrant } from "../grants/role-grant";
import { isGuid } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import type { EntraIdProps } from "./entra-id";
import type { SecurityHost } from "./security-host";

export interface KubernetesAccessOptions {
  /**
   * Limit the role to one namespace (`--scope <cluster id>/namespaces/<namespace>`). Not for
   * "clusterAdmin", which spans the cluster.
   * @default - the whole cluster
   */
  readonly namespace?: string;
  /**
   * Static key for the grants' construct ids, when the principal ID is known only at apply time.
   * @default - the principal's literal object ID, or its construct's id
   */
  readonly key?: string;
}

/** What grantKubernetesAccess made: the Kubernetes role, and the Cluster User Role `az aks get-credentials` needs. */
export interface KubernetesAccessGrant {
  readonly access: RoleGrant;
  readonly clusterUser: RoleGrant;
}

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `az role assignment create --role "Azure Kubernetes Service RBAC <role>" --scope $AKS_ID[/namespaces/<ns>]`
 * plus "Azure Kubernetes Service Cluster User Role" on the cluster (aks-docs entra-id-authorization.md,
 * control-kubeconfig-access.md). Both reference the cluster, so Terraform makes them after it.
 */
export function grantKubernetesAccess(cluster: SecurityHost & { readonly entraId?: EntraIdProps; readonly clusterId: string },
  grantee: IGrantable, role: KubernetesAccessRole, options: KubernetesAccessOptions = {}): KubernetesAccessGrant {
  const path = cluster.node.path;
  if (cluster.entraId === undefined || cluster.entraId.azureRbac === false) {
    throw new AksIdentityError({
      path,
      prop: "entraId.azureRbac",
      received: cluster.entraId === undefined ? undefined : false,
      problem: "The \"Azure Kubernetes Service RBAC\" roles authorize the Kubernetes API only on a cluster with Microsoft Entra ID and Azure RBAC for Kubernetes authorization; elsewhere they do nothing.",
      fix: "set entraId: { tenantId } on the cluster (azureRbac defaults to true).",
    });
  }
  if (!KUBERNETES_ACCESS_ROLES.includes(role)) {
    throw new AksIdentityError({ path, prop: "role", received: role, problem: `Allowed: ${KUBERNETES_ACCESS_ROLES.map((r) => JSON.stringify(r)).join(", ")}.`, fix: "use one of the allowed values." });
  }
  const ns = options.namespace;
  if (ns !== undefined && (typeof ns !== "string" || !isLiteral(ns) || ns.length > 63 || !NAMESPACE.test(ns))) {
    throw new AksIdentityError({
      path,
      prop: "namespace",
      received: ns,
      problem: "Expected a Kubernetes namespace name known at synth: a DNS label (lowercase letters, digits and hyphens, 1-63 characters).",
      fix: "pass the namespace's literal name, e.g. \"payments\".",
    });
  }
  if (ns !== undefined && role === "clusterAdmin") {
    throw new AksIdentityError({
      path,
      prop: "namespace",
      received: ns,
      problem: "Azure Kubernetes Service RBAC Cluster Admin gives full control of every namespace; it has no namespace scope.",
      fix: "grant \"admin\" in the namespace, or \"clusterAdmin\" without a namespace.",
    });
  }
  const principal = grantee?.grantPrincipal;
  if (typeof principal !== "object" || principal === null) {
    throw new AksIdentityError({
      path,
      prop: "principal",
      received: grantee,
      problem: "Expected a principal: externalPrincipal({ principalId, principalType: \"User\" | \"Group\", description }), a UserAssignedManagedIdentity or a WorkloadIdentity.",
      fix: "pass the Entra user's or group's object ID through externalPrincipal(...).",
    });
  }
  const key = principalKey(path, grantee, options.key);
  const entry = KUBERNETES_ACCESS_GRANTS[role];
  const scope = ns === undefined ? cluster.clusterId : `${cluster.clusterId}/namespaces/${ns}`;
  const access = cluster.grants.fromCatalog(entry, principal, scope, `${entry.id}-${key}${ns === undefined ? "" : `-${ns}`}`, "grantKubernetesAccess");
  const user = KUBERNETES_ACCESS_GRANTS.clusterUser;
  const clusterUser = cluster.grants.fromCatalog(user, principal, cluster.clusterId, `${user.id}-${key}`, "grantKubernetesAccess");
  return { access, clusterUser };
}

/** A static key for the principal: given, its literal object ID, or its construct's id. */
function principalKey(path: string, grantee: IGrantable, key: string | undefined): string {
  if (key !== undefined) {
    if (typeof key !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/.test(key)) {
      throw new AksIdentityError({ path, prop: "key", received: key, problem: "Allowed: 1-80 letters, digits, underscores, periods and hyphens, starting with a letter or digit (it becomes part of the grants' Terraform addresses).", fix: "use a short stable name like \"platform-team\"." });
    }
    return key;
  }
  const principalId = grantee?.grantPrincipal?.principalId;
  if (isLiteral(principalId) && isGuid(principalId)) return principalId.toLowerCase();
  if (grantee instanceof Construct) return grantee.node.id;
  throw new AksIdentityError({
    path,
    prop: "key",
    received: principalId,
    problem: "The principal's object ID is known only at apply time, and a grant's Terraform address must not depend on it.",
    fix: "pass { key: \"a-stable-name\" } (for example the group's name).",
  });
}
