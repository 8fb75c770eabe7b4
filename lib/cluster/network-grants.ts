import { IConstruct } from "constructs";
import { LEAST_PRIVILEGE_FOR } from "../catalog/least-privilege";
import { CatalogGrant } from "../catalog/row";
import { leastPrivilegeRole, LeastPrivilegeRolesProps } from "../grants/custom-role";
import { IPrincipal } from "../grants/principal";
import { RoleGrant } from "../grants/role-grant";
import { GrantScope } from "../grant-scope";
import { ClusterIdentity } from "../identities/cluster-identity";
import { ClusterGrants } from "./cluster-grants";

/** What the network features need of their cluster to grant its control plane. */
export interface NetworkGrantContext {
  readonly cluster: IConstruct;
  readonly grants: ClusterGrants;
  readonly controlPlane: IPrincipal;
  readonly identity: ClusterIdentity;
  /** Set when the cluster opts in to least-privilege custom roles. */
  readonly leastPrivilege?: LeastPrivilegeRolesProps;
}

/** The catalog entry as granted: its least-privilege custom role when the cluster opts in and the docs list the actions. */
export function asGranted(ctx: NetworkGrantContext, entry: CatalogGrant): CatalogGrant {
  const custom = ctx.leastPrivilege === undefined ? undefined : LEAST_PRIVILEGE_FOR[entry.id];
  if (!custom) return entry;
  const role = leastPrivilegeRole(ctx.cluster, "leastPrivilegeRoles", custom, ctx.leastPrivilege!);
  return { ...entry, role, reason: `${entry.reason} (least-privilege custom role: ${custom.actions.join(", ")})` };
}

/** A control-plane grant through the cluster's grants facet, which orders it before or after the cluster. */
export function grantControlPlane(ctx: NetworkGrantContext, entry: CatalogGrant, scope: GrantScope, id: string, prop: string): RoleGrant {
  return ctx.grants.fromCatalog(asGranted(ctx, entry), ctx.controlPlane, scope, id, prop);
}
