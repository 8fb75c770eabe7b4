import { RoleDefinition } from "@cdktf/provider-azurerm/lib/role-definition";
import { Fn, TerraformStack } from "cdktf";
import { createHash } from "crypto";
import { Construct, IConstruct } from "constructs";
import { LeastPrivilegeRole } from "../catalog/least-privilege";
import { AksIdentityError } from "../errors";
import { resolveTokens } from "../private/resolve";
import { parseResourceId } from "../private/resource-id";
import { StackRegistry } from "../private/stack-registry";
import { isLiteral } from "../private/validate";
import { BuiltInRole } from "../roles";

/** Opt-in least-privilege custom roles: where their definitions live and what they are called. */
export interface LeastPrivilegeRolesProps {
  /**
   * Where the role definitions are created and may be assigned: a subscription, resource group
   * or management group ID. The assignments themselves stay on the subnet or zone; Azure
   * recommends these assignable scopes and caps a tenant at 5,000 custom roles
   * (azure-docs articles/role-based-access-control/role-definitions.md).
   */
  readonly scope: string;
  /**
   * Custom role names are unique in a tenant: each role is named `<namePrefix> <purpose>`
   * (`AKS prod subnet join`).
   * @default "AKS <stack name>"
   */
  readonly namePrefix?: string;
}

interface Defined {
  readonly role: BuiltInRole;
  readonly scopeText: string;
  readonly path: string;
}

const DEFINED = new StackRegistry<Defined>();

/**
 * The custom role for `role` at `props.scope`, created once per stack and scope: every
 * cluster of the stack that opts in at the same scope shares one `azurerm_role_definition`.
 * Its GUID is Terraform's uuidv5 of scope and name, so the definition keeps its ID.
 */
export function leastPrivilegeRole(requester: IConstruct, prop: string, role: LeastPrivilegeRole, props: LeastPrivilegeRolesProps): BuiltInRole {
  const path = requester.node.path;
  validateRoleScope(path, `${prop}.scope`, props.scope);
  const stack = TerraformStack.of(requester);
  const prefix = props.namePrefix ?? `AKS ${stack.node.id}`;
  if (typeof prefix !== "string" || (isLiteral(prefix) && prefix.trim() === "")) {
    throw new AksIdentityError({
      path,
      prop: `${prop}.namePrefix`,
      received: prefix,
      problem: "Expected a non-empty name: the custom roles are named `<namePrefix> <purpose>`.",
      fix: "use a short name such as \"AKS prod\".",
    });
  }
  const name = `${prefix} ${role.purpose}`;
  const scopeText = isLiteral(props.scope) ? props.scope.toLowerCase() : String(resolveTokens(requester, props.scope));
  const table = DEFINED.of(requester);
  const byName = table.get(`name:${isLiteral(name) ? name.toLowerCase() : name}`);
  if (byName) {
    if (byName.scopeText === scopeText) return byName.role;
    throw new AksIdentityError({
      path,
      prop: `${prop}.namePrefix`,
      received: name,
      problem: `${byName.path} already defines a role of this name at another scope; Azure allows one custom role of a name per tenant.`,
      fix: "use one scope for the stack's least-privilege roles, or give this cluster another namePrefix.",
    });
  }
  const holder = (stack.node.tryFindChild("AksLeastPrivilegeRoles") as Construct | undefined) ?? new Construct(stack, "AksLeastPrivilegeRoles");
  const definition = new RoleDefinition(holder, `${role.key}-${scopeSuffix(props.scope, scopeText)}`, {
    name,
    scope: props.scope,
    roleDefinitionId: Fn.uuidv5("url", `${props.scope}/${name}`),
    description: `Least-privilege alternative to ${role.replaces.name} for AKS clusters: only ${role.actions.join(", ")}. Source: ${role.source}.`,
    permissions: [{ actions: [...role.actions], notActions: [] }],
    assignableScopes: [props.scope],
  });
  const custom: BuiltInRole = Object.freeze({ name, guid: definition.roleDefinitionId, definitionId: definition.roleDefinitionResourceId });
  table.set(`name:${isLiteral(name) ? name.toLowerCase() : name}`, { role: custom, scopeText, path: definition.node.path });
  return custom;
}

/** A static construct-id part for the scope: its name when literal, else a hash of the reference (not of call order). */
function scopeSuffix(scope: string, scopeText: string): string {
  if (isLiteral(scope)) {
    const parsed = parseResourceId(scope);
    const name = parsed ? parsed.resourceGroup ?? parsed.subscriptionId : scope.split("/").pop()!;
    return name.replace(/[^A-Za-z0-9_-]/g, "-");
  }
  return createHash("sha256").update(scopeText).digest("hex").slice(0, 8);
}

function validateRoleScope(path: string, prop: string, scope: unknown): void {
  if (typeof scope === "string" && !isLiteral(scope)) return;
  const parsed = typeof scope === "string" ? parseResourceId(scope) : undefined;
  const ok = (parsed !== undefined && parsed.type === undefined) ||
    (typeof scope === "string" && /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(scope));
  if (!ok) {
    throw new AksIdentityError({
      path,
      prop,
      received: scope,
      problem: "Expected the ID of a subscription, resource group or management group: custom role definitions live there (azurerm's role definition scope).",
      fix: "pass e.g. \"/subscriptions/<subscription-id>\" or the network resource group's ID.",
    });
  }
}

/** Checks the opt-in's shape and scope up front, whether or not a grant ends up using it. */
export function validateLeastPrivilegeRoles(path: string, props: LeastPrivilegeRolesProps | undefined): void {
  if (props === undefined) return;
  if (typeof props !== "object" || props === null || Array.isArray(props)) {
    throw new AksIdentityError({ path, prop: "leastPrivilegeRoles", received: props, problem: "Expected { scope, namePrefix? }.", fix: "pass leastPrivilegeRoles: { scope: \"/subscriptions/<subscription-id>\" }." });
  }
  validateRoleScope(path, "leastPrivilegeRoles.scope", props.scope);
}
