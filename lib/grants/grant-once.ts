import { Construct } from "constructs";
import { findGrant, grantKey } from "./ledger";
import { RoleGrant, RoleGrantProps } from "./role-grant";
import { scopeId } from "../grant-scope";

/**
 * The library's own grant requests (catalog grants, add-ons, workload identities): a second
 * request for the same (scope, principal, role) returns the first grant with the reason
 * added, rather than a second role assignment Azure would refuse.
 */
export function grantOnce(scope: Construct, id: string, props: RoleGrantProps, reason = props.reason, beforeCreate?: () => void): RoleGrant {
  const principal = props.principal?.grantPrincipal;
  if (principal && typeof principal.principalId === "string") {
    const existing = findGrant<RoleGrant>(scope, grantKey(scope, scopeId(props.scope), principal.principalId, props.role.guid));
    if (existing) {
      existing.addReason(reason);
      return existing;
    }
  }
  beforeCreate?.();
  return new RoleGrant(scope, id, props);
}
