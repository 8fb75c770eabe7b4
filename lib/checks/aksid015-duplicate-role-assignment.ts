import { GuardrailRule, RuleFinding } from "./rule";
import { literal } from "../terraform-json/expressions";

/**
 * Rule 15: two role assignments Azure holds as one. azurerm's create finds the first and fails
 * the second ("already exists - to be managed via Terraform this resource needs to be
 * imported", role_assignment_resource.go), after the apply has started; Azure also refuses a
 * second assignment of the same role to the same principal on the same scope under another name.
 */
export const AKSID015: GuardrailRule = {
  id: "AKSID015",
  level: "error",
  message: "Two role assignments grant the same role to the same principal on the same scope (or share a name), and Azure holds only one.",
  why: "azurerm creates the first and fails the second with \"already exists\" in the middle of the apply (role_assignment_resource.go).",
  fix: "keep one of them (RoleGrant.addReason records a second reason), or grant a different role or scope.",
  check: (stack) => {
    const findings: RuleFinding[] = [];
    const byGrant = new Map<string, string>();
    const byName = new Map<string, string>();
    for (const ra of stack.roleAssignments) {
      if (ra.role && ra.scopeKey !== undefined && ra.principalKey !== undefined) {
        const key = `${ra.scopeKey}|${ra.principalKey}|${ra.role.guid}`;
        const first = byGrant.get(key);
        if (first) {
          findings.push({ element: ra.element, attribute: "scope", value: ra.scope,
            message: `${ra.element.address} grants ${ra.role.name} on the same scope to the same principal as ${first}, and Azure holds only one such role assignment.` });
          continue;
        }
        byGrant.set(key, ra.element.address);
      }
      const name = ra.element.config.name;
      if (typeof name !== "string" || (literal(name) === undefined && !name.startsWith("${uuidv5("))) continue;
      const first = byName.get(name);
      if (first) {
        findings.push({ element: ra.element, attribute: "name", value: name, message: `${ra.element.address} has the same name as ${first}; role assignment names are unique in a tenant.` });
      } else {
        byName.set(name, ra.element.address);
      }
    }
    return findings;
  },
};
