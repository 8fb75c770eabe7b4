import { PRIVILEGED_ROLES } from "../roles";
import { broadScopeOf } from "./broad-scope";
import { GuardrailRule, RuleFinding } from "./rule";
import { ConstructStackModel, RoleAssignmentView } from "./stack-model";

/** Rule 9: Owner, User Access Administrator, RBAC Administrator, or a subscription / management-group scope. */
export const AKSID009: GuardrailRule = {
  id: "AKSID009",
  level: "error",
  message: "Owner, User Access Administrator, or a subscription or management-group scope gives far more access than AKS needs.",
  why: "Those roles let the principal grant itself anything, and broad scopes reach every resource in the subscription; no AKS scenario needs them.",
  fix: "grant the narrowest role on the narrowest resource (subnet, registry, zone, or its resource group); if this is intended, suppress AKSID009 with the reason (RoleGrant: allowBroadAccess: { reason }).",
  check: (stack) => stack.roleAssignments.flatMap((ra) => {
    const findings: RuleFinding[] = [];
    if (ra.role && PRIVILEGED_ROLES.includes(ra.role)) {
      const attribute = ra.element.config.role_definition_name !== undefined ? "role_definition_name" : "role_definition_id";
      findings.push({ element: ra.element, attribute, value: ra.element.config[attribute],
        message: `${ra.role.name} lets the principal grant itself any access; AKS never needs it.` });
    }
    const broad = broadScope(stack, ra);
    if (broad) {
      findings.push({ element: ra.element, attribute: "scope", value: ra.scope,
        message: `The scope is ${broad}, which reaches far more than a cluster needs.` });
    }
    return findings;
  }),
};

/** The scope as Terraform will read it: literals, the subscription idioms, and locals of them. */
function broadScope(stack: ConstructStackModel, ra: RoleAssignmentView): string | undefined {
  return broadScopeOf(ra.scope, (traversal) => stack.localShape(traversal));
}
