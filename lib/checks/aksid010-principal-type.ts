import { GuardrailRule } from "./rule";
import { isUnknown, literal } from "../terraform-json/expressions";

/** Rule 10: a grant to a managed identity should say it is a ServicePrincipal. */
export const AKSID010: GuardrailRule = {
  id: "AKSID010",
  level: "warning",
  message: "A role assignment to a managed identity without principal_type = \"ServicePrincipal\" can fail while the new identity is still replicating in Entra ID.",
  why: "Without the principal type Azure looks the principal up in Entra ID, which for minutes after an identity is created answers PrincipalNotFound.",
  fix: "set principal_type = \"ServicePrincipal\" (and skip_service_principal_aad_check = true); RoleGrant sets both.",
  check: (stack) => stack.roleAssignments.flatMap((ra) => {
    const owner = stack.principalOwner(ra.principalId);
    const type = ra.element.config.principal_type;
    if (!owner || isUnknown(type) || literal(type) === "ServicePrincipal") return [];
    return [{ element: ra.element, attribute: "principal_type", value: type,
      message: `principal_id names a managed identity (${owner.element.address}) but principal_type is not "ServicePrincipal", so the assignment can fail while the identity is still replicating in Entra ID.` }];
  }),
};
