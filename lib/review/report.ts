import { findRole } from "../roles";
import { DefaultPermission, defaultPermissionsFor } from "./default-permissions";
import { ClusterIdentityInfo, clusterIdentities, principalKey } from "./cluster-identities";
import { literal, referencesIn } from "../terraform-json/expressions";
import { describeExpression } from "./describe-expression";
import { JsonStackModel, refersTo, resourcesOfType, TfResource } from "./stack-model";

/** When Terraform creates a grant relative to the cluster that uses it. */
export type ReportedGrantTiming = "before cluster" | "after cluster" | "not ordered";

export interface ReportedGrant {
  /** The role assignment's Terraform address. */
  readonly address: string;
  /** The role's display name (from role_definition_name, or role_definition_id via the role catalog). */
  readonly role: string;
  /** The scope's Terraform address when it is a reference, else the literal resource ID. */
  readonly scope: string;
  /** The identity it goes to (label and address), or the principal_id expression when no identity of the cluster matches. */
  readonly principal: string;
  /** ClusterIdentityInfo.key of the identity, when one matched. */
  readonly identityKey?: string;
  /**
   * "before cluster": the cluster's depends_on includes it; "after cluster": it refers to
   * the cluster; "not ordered": neither, so Terraform may create it in any order.
   */
  readonly timing: ReportedGrantTiming;
  /** The grant's description: why it exists. */
  readonly reason: string;
}

export interface ReportedIdentity extends ClusterIdentityInfo {
  /** What AKS grants this identity by itself. */
  readonly defaults: readonly DefaultPermission[];
}

export interface ClusterReport {
  readonly address: string;
  readonly name: string;
  readonly constructPath?: string;
  readonly identities: readonly ReportedIdentity[];
  readonly grants: readonly ReportedGrant[];
}

export interface StackReport {
  readonly name: string;
  readonly clusters: readonly ClusterReport[];
  /** Role assignments that go to no identity of a cluster in the stack. */
  readonly otherGrants: readonly ReportedGrant[];
}

export interface IdentityReport {
  readonly stacks: readonly StackReport[];
}

/** Who can do what, per stack and cluster: pure function of the stacks' Terraform JSON. */
export function buildReport(stacks: readonly JsonStackModel[]): IdentityReport {
  return { stacks: stacks.map(stackReport) };
}

function stackReport(stack: JsonStackModel): StackReport {
  const clusters = resourcesOfType(stack, "azurerm_kubernetes_cluster");
  // A key vault access policy is the grant on a vault without Azure RBAC: reported like a role assignment.
  const assignments = [...resourcesOfType(stack, "azurerm_role_assignment"), ...resourcesOfType(stack, "azurerm_key_vault_access_policy")];
  const claimed = new Set<string>();
  const reports = clusters.map((cluster) => {
    const identities = clusterIdentities(stack, cluster, clusters.length).map((i) => ({ ...i, defaults: defaultPermissionsFor(i.defaultsKey) }));
    const grants: ReportedGrant[] = [];
    for (const ra of assignments) {
      const key = principalKey(ra.body.principal_id ?? ra.body.object_id);
      const identity = key === undefined ? undefined : identities.find((i) => i.principalKeys.includes(key));
      // Access to the cluster itself (Kubernetes RBAC roles, Cluster User Role) belongs to it too.
      const onCluster = referencesIn(ra.body.scope).some((r) => r.address === cluster.address);
      if (!identity && !cluster.dependsOn.includes(ra.address) && !onCluster) continue;
      claimed.add(ra.address);
      grants.push(grantInfo(ra, cluster, identity));
    }
    return {
      address: cluster.address,
      name: typeof cluster.body.name === "string" ? describeExpression(cluster.body.name) : cluster.name,
      constructPath: cluster.constructPath,
      identities,
      grants,
    };
  });
  const otherGrants = assignments.filter((ra) => !claimed.has(ra.address)).map((ra) => grantInfo(ra, undefined, undefined));
  return { name: stack.name, clusters: reports, otherGrants };
}

function grantInfo(ra: TfResource, cluster: TfResource | undefined, identity: ClusterIdentityInfo | undefined): ReportedGrant {
  const raw = ra.body.role_definition_name ?? ra.body.role_definition_id;
  const lit = literal(raw);
  const role = ra.type === "azurerm_key_vault_access_policy" ? accessPolicyRole(ra.body)
    : lit !== undefined ? findRole(lit)?.name ?? lit : describeExpression(raw);
  const timing: ReportedGrantTiming = cluster === undefined ? "not ordered"
    : cluster.dependsOn.includes(ra.address) ? "before cluster"
      : refersTo(ra, cluster.address) ? "after cluster" : "not ordered";
  return {
    address: ra.address,
    role,
    scope: describeExpression(ra.body.scope ?? ra.body.key_vault_id),
    principal: identity ? `${identity.label}${identity.resource ? ` (${identity.resource})` : ""}` : describeExpression(ra.body.principal_id ?? ra.body.object_id),
    identityKey: identity?.key,
    timing,
    reason: typeof ra.body.description === "string" ? ra.body.description : "",
  };
}

/** An access policy's permissions as a role-like name: "Key Vault access policy (keys: Encrypt, Decrypt)". */
function accessPolicyRole(body: Record<string, unknown>): string {
  const parts = [["keys", body.key_permissions], ["secrets", body.secret_permissions], ["certificates", body.certificate_permissions]]
    .filter(([, v]) => Array.isArray(v) && v.length > 0)
    .map(([what, v]) => `${String(what)}: ${(v as unknown[]).map((x) => describeExpression(x)).join(", ")}`);
  return `Key Vault access policy (${parts.join("; ") || "no permissions"})`;
}
