import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { suppressGuardrail } from "./checks/suppressions";
import { AksIdentityError } from "./errors";
import { IGrantable, IPrincipal, toPrincipal } from "./principal";
import { parseResourceId, validateGuid } from "./private/resource-id";
import { validateTerraformName } from "./private/validate";
import { BuiltInRole, PRIVILEGED_ROLES } from "./roles";

/** A resource a role can be granted on: its ID, or any resource construct with an `id`. */
export type GrantScope = string | { readonly id: string };

export function scopeId(scope: GrantScope): string {
  if (typeof scope === "string") return scope;
  // JavaScript callers can pass anything: hand it on for validation to reject, rather than a TypeError here.
  return typeof scope === "object" && scope !== null ? scope.id : (scope as unknown as string);
}

export interface RoleGrantProps {
  readonly principal: IPrincipal | IGrantable;
  readonly role: BuiltInRole;
  /** The narrowest resource that works: a subnet rather than its VNet, a zone rather than its group. */
  readonly scope: GrantScope;
  /** Why the grant exists; written to the role assignment's description for reviewers. */
  readonly reason: string;
  /**
   * Opt-in for Owner, User Access Administrator, or a subscription or management-group
   * scope. Without it those are errors.
   * @default - not allowed
   */
  readonly allowBroadAccess?: { readonly reason: string };
}

/**
 * One Azure role assignment, least-privilege and deterministic: its name is Terraform's
 * uuidv5 of scope, principal and role, so the same grant keeps the same name across plans.
 */
export class RoleGrant extends Construct {
  public readonly assignment: RoleAssignment;
  public readonly principal: IPrincipal;
  public readonly role: BuiltInRole;
  public readonly scopeId: string;
  public readonly reason: string;

  constructor(scope: Construct, id: string, props: RoleGrantProps) {
    super(scope, id);
    validateTerraformName(this, id);
    this.principal = toPrincipal(props.principal);
    this.role = props.role;
    this.scopeId = scopeId(props.scope);
    this.reason = props.reason;
    validateGrant(this.node.path, props, this.scopeId);

    const managed = this.principal.isManagedIdentity;
    this.assignment = new RoleAssignment(this, "Resource", {
      name: Fn.uuidv5("url", `${this.scopeId}/${this.principal.principalId}/${this.role.guid}`),
      scope: this.scopeId,
      roleDefinitionName: this.role.name,
      principalId: this.principal.principalId,
      principalType: this.principal.principalType,
      // A new managed identity takes minutes to replicate in Entra ID; the check would fail.
      skipServicePrincipalAadCheck: managed && this.principal.principalType === "ServicePrincipal" ? true : undefined,
      description: this.reason,
    });
    // The opt-in is guardrail AKSID009's suppression; its reason lands in cdk.tf.json.
    if (props.allowBroadAccess) suppressGuardrail(this.assignment, "AKSID009", props.allowBroadAccess.reason);
  }

  /** True when Terraform creates this grant before the cluster that needs it. */
  public get createdBeforeCluster(): boolean {
    return this.principal.existsBeforeCluster;
  }
}

/** Creates a role assignment; see {@link RoleGrant}. */
export function grant(scope: Construct, id: string, props: RoleGrantProps): RoleGrant {
  return new RoleGrant(scope, id, props);
}

function validateGrant(path: string, props: RoleGrantProps, scope: string): void {
  const optIn = props.allowBroadAccess;
  if (optIn !== undefined && (typeof optIn.reason !== "string" || optIn.reason.trim() === "")) {
    throw new AksIdentityError({
      path,
      prop: "allowBroadAccess.reason",
      received: optIn.reason,
      problem: "A written reason is required.",
      fix: "say why this principal needs broad access, e.g. { reason: \"break-glass automation, ticket OPS-123\" }.",
    });
  }
  if (typeof props.reason !== "string" || props.reason.trim() === "") {
    throw new AksIdentityError({
      path,
      prop: "reason",
      received: props.reason,
      problem: "Every grant records why it exists.",
      fix: "pass a short sentence, e.g. \"control plane manages load balancers in this subnet\".",
    });
  }
  if (!optIn && PRIVILEGED_ROLES.includes(props.role)) {
    throw new AksIdentityError({
      path,
      prop: "role",
      received: props.role.name,
      problem: "Owner and User Access Administrator let the principal grant itself anything; AKS never needs them.",
      fix: "use the narrowest role the scenario documents (Network Contributor, Contributor, AcrPull...), or pass allowBroadAccess: { reason } if you really mean it.",
    });
  }
  validateGuid(path, "principal.principalId", toPrincipal(props.principal).principalId, "principal's object (principal) ID",
    "pass the identity's principalId attribute (az identity show --query principalId, az ad sp show --id <appId> --query id); a name or client ID is not one.");
  if (Token.isUnresolved(scope)) return;
  const parsed = parseResourceId(scope);
  const isManagementGroup = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(scope);
  if (!parsed && !isManagementGroup) {
    throw new AksIdentityError({
      path,
      prop: "scope",
      received: scope,
      problem: "Expected an Azure resource ID such as /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>.",
      fix: "pass the resource's `id` attribute or its full ID.",
    });
  }
  if (!optIn && (isManagementGroup || (parsed && parsed.resourceGroup === undefined))) {
    throw new AksIdentityError({
      path,
      prop: "scope",
      received: scope,
      problem: "Subscription and management-group scopes reach far more than a cluster needs.",
      fix: "grant on the resource (subnet, registry, zone) or its resource group, or pass allowBroadAccess: { reason }.",
    });
  }
}
