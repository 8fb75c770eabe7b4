import { findRole } from "../roles";
import { ACCESS_POLICY, accessPolicyRole } from "./access-policy";
import { DefaultPermission, defaultPermissionsFor } from "./default-permissions";
import { ClusterIdentityInfo, clusterIdentities, principalKey } from "./cluster-identities";
import { blocks } from "../terraform-json/blocks";
import { literal, parseReference, referencesIn, referenceText } from "../terraform-json/expressions";
import { forEachInstances } from "./for-each";
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
  /**
   * For a resource with `for_each` whose map is known only at plan time: the expression, so
   * the reviewer sees where the scopes come from. (A known map gives one grant per key.)
   */
  readonly forEach?: string;
  /** How the principal was written, when it is not a plain reference (`lower(...)`, a template). */
  readonly principalExpression?: string;
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
  /** What Terraform reads but this report did not (module calls, variable values). */
  readonly notRead: readonly string[];
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
  const assignments = [...resourcesOfType(stack, "azurerm_role_assignment"), ...resourcesOfType(stack, ACCESS_POLICY)]
    .flatMap((ra) => instancesOf(stack, ra));
  const claimed = new Set<string>();
  const reports = clusters.map((cluster) => {
    const identities = clusterIdentities(stack, cluster, clusters.length).map((i) => ({ ...i, defaults: defaultPermissionsFor(i.defaultsKey) }));
    const grants: ReportedGrant[] = [];
    for (const ra of assignments) {
      const identity = identityOf(principalOf(ra.resource), identities);
      // Access to the cluster itself (Kubernetes RBAC roles, Cluster User Role) belongs to it too.
      const onCluster = referencesIn(ra.resource.body.scope).some((r) => r.address === cluster.address);
      if (!identity && !cluster.dependsOn.includes(ra.resource.address) && !onCluster) continue;
      claimed.add(ra.address);
      grants.push(grantInfo(stack, ra, cluster, identity));
    }
    return {
      address: cluster.address,
      name: typeof cluster.body.name === "string" ? describeExpression(cluster.body.name) : cluster.name,
      constructPath: cluster.constructPath,
      identities,
      grants,
    };
  });
  const otherGrants = assignments.filter((ra) => !claimed.has(ra.address)).map((ra) => grantInfo(stack, ra, undefined, undefined));
  return { name: stack.name, clusters: reports, otherGrants, notRead: stack.notRead ?? [] };
}

/** A custom role this configuration defines (azurerm_role_definition), by its name and actions. */
function customRole(stack: JsonStackModel, id: unknown): string | undefined {
  const ref = parseReference(id);
  const definition = ref ? stack.byAddress.get(ref.address) : undefined;
  if (!definition || definition.type !== "azurerm_role_definition") return undefined;
  const actions = blocks(definition.body.permissions).flatMap((p) => (Array.isArray(p.actions) ? p.actions.map(String) : []));
  return `${describeExpression(definition.body.name)} (custom role: ${actions.join(", ")})`;
}

/** A role assignment as Terraform makes it: one per for_each key when the map is known at synth. */
interface GrantInstance { readonly address: string; readonly resource: TfResource; readonly forEach?: string }

function instancesOf(stack: JsonStackModel, ra: TfResource): GrantInstance[] {
  if (ra.body.for_each === undefined) return [{ address: ra.address, resource: ra }];
  const instances = forEachInstances(stack, ra);
  if (!instances) return [{ address: ra.address, resource: ra, forEach: describeExpression(ra.body.for_each) }];
  return instances.map((i) => ({ address: `${ra.address}${i.key}`, resource: { ...ra, body: i.body } }));
}

/**
 * The cluster identity a principal_id names: by its reference however it is written
 * (`${ x.principal_id }`, `${lower(x.principal_id)}`), else any identity whose principal the
 * expression refers to (so a grant is never filed as going to nobody because of its syntax).
 */
function identityOf(principalId: unknown, identities: readonly ClusterIdentityInfo[]): ClusterIdentityInfo | undefined {
  const key = principalKey(principalId);
  const exact = key === undefined ? undefined : identities.find((i) => i.principalKeys.includes(key));
  if (exact) return exact;
  const mentioned = new Set(referencesIn(principalId).map(referenceText));
  return identities.find((i) => i.principalKeys.some((k) => mentioned.has(k)));
}

function grantInfo(stack: JsonStackModel, instance: GrantInstance, cluster: TfResource | undefined, identity: ClusterIdentityInfo | undefined): ReportedGrant {
  const ra = instance.resource;
  const raw = ra.body.role_definition_name ?? ra.body.role_definition_id;
  const lit = literal(raw);
  const role = ra.type === ACCESS_POLICY ? accessPolicyRole(ra.body, describeExpression)
    : lit !== undefined ? findRole(lit)?.name ?? lit : customRole(stack, raw) ?? describeExpression(raw);
  const timing: ReportedGrantTiming = cluster === undefined ? "not ordered"
    : cluster.dependsOn.includes(ra.address) ? "before cluster"
      : refersTo(ra, cluster.address) ? "after cluster" : "not ordered";
  const principalId = principalOf(ra);
  const plain = principalId === undefined || literal(principalId) !== undefined || parseReference(principalId) !== undefined;
  return {
    address: instance.address,
    role,
    scope: describeExpression(ra.body.scope ?? ra.body.key_vault_id),
    principal: identity ? `${identity.label}${identity.resource ? ` (${identity.resource})` : ""}` : describeExpression(principalId),
    identityKey: identity?.key,
    timing,
    reason: typeof ra.body.description === "string" ? ra.body.description : "",
    ...(instance.forEach !== undefined ? { forEach: instance.forEach } : {}),
    ...(identity && !plain ? { principalExpression: describeExpression(principalId) } : {}),
  };
}

/** Who a grant goes to: a role assignment's principal_id, an access policy's object_id. */
function principalOf(ra: TfResource): unknown {
  return ra.body.principal_id ?? ra.body.object_id;
}
