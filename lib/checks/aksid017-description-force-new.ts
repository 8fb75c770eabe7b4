import { GuardrailRule } from "./rule";
import { block } from "../terraform-json/blocks";

/**
 * Rule 17: `description` on azurerm_role_assignment is ForceNew in azurerm 4.x (in place only
 * from 5.2.0, #32714; role_assignment_resource.go): rewording it deletes and recreates the
 * grant, a window in which the principal lacks the role.
 */
export const AKSID017: GuardrailRule = {
  id: "AKSID017",
  level: "warning",
  message: "A role assignment with a description but no lifecycle.ignore_changes for it is replaced whenever the description is reworded.",
  why: "description forces replacement in azurerm 4.x: the role is deleted, then granted again, and a new grant can take minutes to take effect.",
  fix: "add lifecycle { ignore_changes = [description] } (RoleGrant does), or leave the description out.",
  check: (stack) => stack.roleAssignments.flatMap((ra) => {
    const description = ra.element.config.description;
    if (description === undefined || description === null || description === "") return [];
    const ignore = block(ra.element.config.lifecycle)?.ignore_changes;
    if (ignore === "all" || (Array.isArray(ignore) && ignore.some((x) => x === "description" || x === "${description}"))) return [];
    return [{ element: ra.element, attribute: "lifecycle.ignore_changes", value: ignore }];
  }),
};
