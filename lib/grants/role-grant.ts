import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Fn, Token } from "cdktf";
import { Construct } from "constructs";
import { broadScopeOf } from "../checks/broad-scope";
import { suppressGuardrail } from "../checks/suppressions";
import { AksIdentityError } from "../errors";
import { resolveTokens } from "../private/resolve";
import { parseResourceId, validateGuid } from "../private/resource-id";
import { isLiteral, validateTerraformName } from "../private/validate";
import { parseReference } from "../terraform-json/expressions";
import { BuiltInRole, PRIVILEGED_ROLES } from "../roles";
import { findGrant, grantKey, recordGrant } from "./ledger";
import { GrantTiming, ordererOf, timingOf } from "./ordering";
import { IGrantable, IPrincipal } from "./principal";
import { GrantScope, scopeId } from "../grant-scope";

export interface RoleGrantProps {
  /** Who gets the role: a principal, or what holds one (a workload identity, an add-on identity). */
  readonly principal: IGrantable;
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

/** Where each grant's reasons are recorded in cdk.tf.json: the role assignment's `//` metadata. */
export const REASONS_KEY = "aksIdentityReasons";

/**
 * One Azure role assignment, least-privilege and deterministic: its name is Terraform's
 * uuidv5 of scope, principal and role, so the same grant keeps the same name across plans.
 * A stack holds at most one per (scope, principal, role): Azure refuses a second.
 * A grant to an identity of an `AksCluster` (its control plane, kubelet or add-on identities)
 * is ordered by that cluster: see {@link RoleGrant.timing}.
 */
export class RoleGrant extends Construct {
  public readonly assignment: RoleAssignment;
  public readonly principal: IPrincipal;
  public readonly role: BuiltInRole;
  public readonly scopeId: string;
  private readonly reasonList: string[];
  private description: string;

  constructor(scope: Construct, id: string, props: RoleGrantProps) {
    const taken = scope?.node?.tryFindChild(id);
    if (taken !== undefined) {
      throw new AksIdentityError({
        path: `${scope.node.path}/${id}`,
        prop: "id",
        received: id,
        problem: `${taken.node.path} already has this construct id${taken instanceof RoleGrant ? ` (a grant of ${taken.role.name} on ${taken.scopeId})` : ""}; ids are Terraform addresses and must be unique under one scope.`,
        fix: "give this grant its own id, or keep the existing one if it is the same grant.",
      });
    }
    super(scope, id);
    validateTerraformName(this, id);
    this.principal = props.principal?.grantPrincipal;
    validateGrant(this.node.path, props, this.principal);
    validateNotClientId(this, this.principal.principalId);
    this.role = props.role;
    this.scopeId = scopeId(props.scope);
    validateScopeId(this, this.scopeId, props.allowBroadAccess !== undefined);
    this.reasonList = [props.reason];
    this.description = props.reason;

    const key = grantKey(this, this.scopeId, this.principal.principalId, this.role.guid);
    const twin = findGrant(this, key);
    if (twin) {
      throw new AksIdentityError({
        path: this.node.path,
        prop: "scope",
        received: this.scopeId,
        problem: `${twin.node.path} already grants ${this.role.name} on this scope to ${this.principal.description}. ` +
          "Azure holds one role assignment per scope, principal and role: azurerm would fail to create the second (\"already exists\").",
        fix: `remove this RoleGrant and keep ${twin.node.path} (its addReason(...) records why you need it too).`,
      });
    }
    recordGrant(this, key, this);

    const managed = this.principal.isManagedIdentity;
    this.assignment = new RoleAssignment(this, "Resource", {
      name: Fn.uuidv5("url", `${this.scopeId}/${this.principal.principalId}/${this.role.guid}`),
      scope: this.scopeId,
      // A custom role is named by its definition's ID (a reference, so it is created first).
      roleDefinitionName: this.role.definitionId === undefined ? this.role.name : undefined,
      roleDefinitionId: this.role.definitionId,
      principalId: this.principal.principalId,
      principalType: this.principal.principalType,
      // A new managed identity takes minutes to replicate in Entra ID; the check would fail.
      skipServicePrincipalAadCheck: managed && this.principal.principalType === "ServicePrincipal" ? true : undefined,
      description: props.reason,
      // description is ForceNew in azurerm 4.x (role_assignment_resource.go; in place only from 5.2.0,
      // #32714): a reworded reason would delete and recreate the grant, a window without the role.
      // The reasons stay visible in the `//` metadata and the identity report.
      lifecycle: { ignoreChanges: ["description"] },
    });
    this.assignment.addOverride(`//.${REASONS_KEY}`, this.reasonList);
    // The opt-in is guardrail AKSID009's suppression; its reason lands in cdk.tf.json.
    if (props.allowBroadAccess) suppressGuardrail(this.assignment, "AKSID009", props.allowBroadAccess.reason);
    ordererOf(this.principal)?.(this);
  }

  /** Why the grant exists: the first request's reason, then any later one's. */
  public get reasons(): readonly string[] {
    return this.reasonList;
  }

  /** The first reason, as written to the description. */
  public get reason(): string {
    return this.reasonList[0];
  }

  /** Records another reason for the same grant (a second request for it); the description lists it. */
  public addReason(reason: string): void {
    if (typeof reason !== "string" || reason.trim() === "") return;
    // A catalog grant's first reason is "<reason>. Principal: ...": asking again adds nothing.
    if (this.reasonList.some((r) => r === reason || r.startsWith(`${reason}.`))) return;
    this.reasonList.push(reason);
    this.description = `${this.description} Also: ${reason}`;
    this.assignment.description = this.description;
    this.assignment.addOverride(`//.${REASONS_KEY}`, this.reasonList);
  }

  /**
   * When Terraform makes this grant relative to the cluster whose identity it serves, as the
   * cluster ordered it: before (the cluster depends on it), after (it references the cluster),
   * or unordered (no cluster orders it).
   */
  public get timing(): GrantTiming {
    return timingOf(this) ?? (this.principal.createdByAks ? "after-cluster" : "unordered");
  }

  /** True when Terraform creates this grant before the cluster that needs it. */
  public get createdBeforeCluster(): boolean {
    return this.timing === "before-cluster";
  }
}

function validateGrant(path: string, props: RoleGrantProps, principal: IPrincipal | undefined): void {
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
  if (principal === undefined || principal === null || typeof principal !== "object") {
    throw new AksIdentityError({
      path,
      prop: "principal",
      received: props.principal,
      problem: "Expected a principal: a UserAssignedManagedIdentity, a cluster's controlPlanePrincipal or kubeletPrincipal, an add-on identity, a WorkloadIdentity, or externalPrincipal({...}).",
      fix: "pass one of those.",
    });
  }
  validateGuid(path, "principal.principalId", principal.principalId, "principal's object (principal) ID",
    "pass the identity's principalId attribute (az identity show --query principalId, az ad sp show --id <appId> --query id); a name or client ID is not one.");
}

function validateScopeId(grant: Construct, scope: string, optIn: boolean): void {
  const path = grant.node.path;
  if (Token.isUnresolved(scope)) {
    // The usual idioms, `/subscriptions/${data.azurerm_client_config.x.subscription_id}` or format(), are as broad as a literal.
    const broad = optIn ? undefined : broadScopeOf(resolveTokens(grant, scope));
    if (broad === undefined) return;
    throw new AksIdentityError({
      path,
      prop: "scope",
      received: scope,
      problem: `The scope is ${broad}, which reaches far more than a cluster needs.`,
      fix: "grant on the resource (subnet, registry, zone) or its resource group, or pass allowBroadAccess: { reason }.",
    });
  }
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

/**
 * A client (application) ID is not an object ID: Azure retries PrincipalNotFound for the
 * whole create timeout (30 minutes, role_assignment_resource.go) before it fails.
 */
function validateNotClientId(grant: RoleGrant, principalId: string): void {
  if (isLiteral(principalId)) return;
  const ref = parseReference(resolveTokens(grant, principalId));
  if (!ref || !/(^|\.)client_id$/.test(ref.attribute)) return;
  throw new AksIdentityError({
    path: grant.node.path,
    prop: "principal.principalId",
    received: `a reference to ${ref.address}.${ref.attribute}`,
    problem: "That is a client (application) ID; a role assignment names the object (principal) ID, and Azure would retry PrincipalNotFound for 30 minutes before failing.",
    fix: "pass the identity's principalId (object_id for kubelet and add-on identities), or the identity itself.",
  });
}
