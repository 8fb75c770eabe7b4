import { DataAzurermUserAssignedIdentity } from "@cdktf/provider-azurerm/lib/data-azurerm-user-assigned-identity";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { Fn, TerraformProvider, Token } from "cdktf";
import { Construct } from "constructs";
import { AksIdentityError } from "../errors";
import { IPrincipal, principal } from "../grants/principal";
import { StackRegistry } from "../private/stack-registry";
import { EXAMPLE_IDS, validateGuid, validateResourceId } from "../private/resource-id";
import { isLiteral, NAME_RULES, validateName, validateTerraformName } from "../private/validate";
import { providerForSubscription } from "./subscription-provider";
import { unquoteHclReferences } from "../private/hcl-references";

/** A user-assigned managed identity: what `az identity create` / `az identity show` return. */
export interface IUserAssignedManagedIdentity extends IPrincipal {
  /** The identity's resource ID (`--assign-identity`, `identity_ids`). */
  readonly id: string;
  readonly clientId: string;
  readonly tenantId: string;
  readonly name: string;
}

export interface UserAssignedManagedIdentityProps {
  /** @default the construct id */
  readonly name?: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** @default - none */
  readonly tags?: Record<string, string>;
}

export interface UserAssignedManagedIdentityAttributes {
  readonly id: string;
  readonly clientId: string;
  readonly principalId: string;
  /** @default - unknown to the app; not needed for role assignments */
  readonly tenantId?: string;
}

/**
 * `az identity create`: a user-assigned managed identity. It exists before any cluster,
 * so it can be granted roles before the cluster is created.
 */
export class UserAssignedManagedIdentity extends Construct implements IUserAssignedManagedIdentity {
  /**
   * Uses an existing identity by resource ID, looked up at plan time (`az identity show --ids`).
   * The lookup runs in the ID's subscription: through the stack's azurerm provider when that is
   * its subscription, else through an aliased provider for it (made once per subscription with the
   * default provider's settings), or `options.provider`. An ID known only at plan time is looked up
   * in the default provider's subscription: pass `options.provider` if it lives elsewhere.
   */
  public static fromResourceId(scope: Construct, id: string, resourceId: string, options: { readonly provider?: TerraformProvider } = {}): IUserAssignedManagedIdentity {
    validateResourceId(`${scope.node.path}/${id}`, "resourceId", resourceId, "Microsoft.ManagedIdentity/userAssignedIdentities", EXAMPLE_IDS.identity);
    const segments = Fn.split("/", resourceId);
    const literal = !Token.isUnresolved(resourceId);
    const lookup = new DataAzurermUserAssignedIdentity(scope, id, {
      name: literal ? resourceId.split("/")[8] : Fn.element(segments, 8),
      resourceGroupName: literal ? resourceId.split("/")[4] : Fn.element(segments, 4),
      provider: options.provider ?? (literal ? providerForSubscription(scope, resourceId.split("/")[2]) : undefined),
    });
    validateTerraformName(lookup, id);
    unquoteHclReferences(lookup);
    return identityPrincipal({
      id: resourceId,
      clientId: lookup.clientId,
      principalId: lookup.principalId,
      tenantId: lookup.tenantId,
      name: lookup.name,
    });
  }

  /** Uses an existing identity from its attributes (`az identity list`), with no lookup. */
  public static fromAttributes(scope: Construct, id: string, attrs: UserAssignedManagedIdentityAttributes): IUserAssignedManagedIdentity {
    validateResourceId(`${scope.node.path}/${id}`, "id", attrs.id, "Microsoft.ManagedIdentity/userAssignedIdentities", EXAMPLE_IDS.identity);
    const fix = "pass the values `az identity show --ids <id> --query \"{clientId: clientId, principalId: principalId}\"` prints, or references to them.";
    validateGuid(`${scope.node.path}/${id}`, "clientId", attrs.clientId, "identity's client ID", fix);
    validateGuid(`${scope.node.path}/${id}`, "principalId", attrs.principalId, "identity's object (principal) ID", fix);
    if (isLiteral(attrs.clientId) && isLiteral(attrs.principalId) && attrs.clientId.toLowerCase() === attrs.principalId.toLowerCase()) {
      throw new AksIdentityError({
        path: `${scope.node.path}/${id}`,
        prop: "principalId",
        received: attrs.principalId,
        problem: "The client ID and the principal (object) ID of an identity are different GUIDs; one of them is wrong, and a role assignment to a client ID fails after 30 minutes of PrincipalNotFound.",
        fix,
      });
    }
    const name = Token.isUnresolved(attrs.id) ? Fn.element(Fn.split("/", attrs.id), 8) : attrs.id.split("/")[8];
    return identityPrincipal({ ...attrs, tenantId: attrs.tenantId ?? "", name });
  }

  public readonly resource: UserAssignedIdentity;
  public readonly id: string;
  public readonly clientId: string;
  public readonly principalId: string;
  public readonly tenantId: string;
  public readonly name: string;
  public readonly principalType = "ServicePrincipal" as const;
  public readonly isManagedIdentity = true;
  public readonly createdByAks = false;
  public readonly description: string;

  public get grantPrincipal(): IPrincipal {
    return this;
  }

  constructor(scope: Construct, id: string, props: UserAssignedManagedIdentityProps) {
    super(scope, id);
    validateTerraformName(this, id);
    const name = props.name ?? id;
    validateName(this.node.path, "name", name, NAME_RULES.identity, props.name === undefined ? id : undefined);
    validateName(this.node.path, "location", props.location, NAME_RULES.location);
    validateName(this.node.path, "resourceGroupName", props.resourceGroupName, NAME_RULES.resourceGroup);
    this.resource = new UserAssignedIdentity(this, "Resource", {
      name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.clientId = this.resource.clientId;
    this.principalId = this.resource.principalId;
    this.tenantId = this.resource.tenantId;
    this.name = name;
    this.description = `user-assigned identity ${name}`;
    const key = identityKey(props.resourceGroupName, name);
    if (!IDENTITIES_BY_NAME.of(this).has(key)) IDENTITIES_BY_NAME.of(this).set(key, this);
  }
}

const IDENTITIES_BY_NAME = new StackRegistry<UserAssignedManagedIdentity>();

/** Azure names are case-insensitive; a token's text is kept as it is. */
function identityKey(resourceGroupName: string, name: string): string {
  const fold = (s: string) => (Token.isUnresolved(s) ? s : s.toLowerCase());
  return `${fold(resourceGroupName)}/${fold(name)}`;
}

/** The identity this stack creates with that name in that resource group, if any. */
export function userAssignedIdentityNamed(scope: Construct, resourceGroupName: string, name: string): UserAssignedManagedIdentity | undefined {
  return IDENTITIES_BY_NAME.of(scope).get(identityKey(resourceGroupName, name));
}

function identityPrincipal(a: { id: string; clientId: string; principalId: string; tenantId: string; name: string }): IUserAssignedManagedIdentity {
  return principal({
    ...a,
    principalType: "ServicePrincipal",
    isManagedIdentity: true,
    createdByAks: false,
    description: Token.isUnresolved(a.name) ? "existing user-assigned identity" : `existing user-assigned identity ${a.name}`,
  }) as IUserAssignedManagedIdentity;
}
