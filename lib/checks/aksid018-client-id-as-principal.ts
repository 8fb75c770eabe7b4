import { GuardrailRule } from "./rule";
import { parseReference } from "../terraform-json/expressions";

/**
 * Rule 18: a role assignment whose principal_id reads a client (application) ID. Azure answers
 * PrincipalNotFound and azurerm retries it for the whole create timeout, 30 minutes
 * (role_assignment_resource.go), before the apply fails.
 */
export const AKSID018: GuardrailRule = {
  id: "AKSID018",
  level: "error",
  message: "principal_id reads a client ID, but a role assignment names the principal's object ID.",
  why: "Azure finds no principal with that ID; azurerm retries for 30 minutes, then fails the apply.",
  fix: "read the principal_id of a user-assigned identity, or the object_id of a kubelet or add-on identity.",
  check: (stack) => stack.roleAssignments.flatMap((ra) => {
    const ref = parseReference(ra.principalId);
    if (!ref || !/(^|\.)client_id$/.test(ref.attribute)) return [];
    return [{ element: ra.element, attribute: "principal_id", value: ra.principalId }];
  }),
};
