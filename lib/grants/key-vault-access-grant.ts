import { KeyVaultAccessPolicyA as KeyVaultAccessPolicy } from "@cdktf/provider-azurerm/lib/key-vault-access-policy";
import { Construct } from "constructs";
import { CatalogAccessPolicy } from "../catalog/key-vault-access-policies";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { validateGuid } from "../private/resource-id";
import { validateTerraformName } from "../private/validate";
import { findGrant, grantKey, recordGrant } from "./ledger";
import { GrantTiming, ordererOf, timingOf } from "./ordering";
import { IGrantable, IPrincipal } from "./principal";

export interface KeyVaultAccessGrantProps {
  readonly principal: IGrantable;
  /** The vault: a construct or its resource ID. */
  readonly keyVault: GrantScope;
  /** The vault's tenant (an access policy names it). */
  readonly tenantId: string;
  /** The permissions and why (a catalog entry). */
  readonly policy: CatalogAccessPolicy;
}

/** Ledger key suffix: one access policy per vault and principal, next to role grants. */
const ACCESS_POLICY = "key-vault-access-policy";

/**
 * An `azurerm_key_vault_access_policy`: what a vault that does not use Azure RBAC takes
 * instead of a role assignment. A grant to an identity of an `AksCluster` is ordered by that
 * cluster, as a role grant is: before it, or after it.
 */
export class KeyVaultAccessGrant extends Construct {
  public readonly resource: KeyVaultAccessPolicy;
  public readonly principal: IPrincipal;
  public readonly keyVaultId: string;
  private readonly entries: CatalogAccessPolicy[];

  constructor(scope: Construct, id: string, props: KeyVaultAccessGrantProps) {
    super(scope, id);
    validateTerraformName(this, id);
    this.principal = props.principal?.grantPrincipal;
    validateGuid(this.node.path, "principal.principalId", this.principal?.principalId, "principal's object (principal) ID", "pass an identity's principalId.");
    validateGuid(this.node.path, "tenantId", props.tenantId, "vault's tenant ID", "pass the tenant of the key vault (az keyvault show --query properties.tenantId).");
    this.keyVaultId = scopeId(props.keyVault);
    const key = grantKey(this, this.keyVaultId, this.principal.principalId, ACCESS_POLICY);
    const twin = findGrant(this, key);
    if (twin) {
      throw new AksIdentityError({
        path: this.node.path,
        prop: "keyVault",
        received: this.keyVaultId,
        problem: `${twin.node.path} already gives ${this.principal.description} an access policy on this vault; azurerm holds one per vault and principal and fails the second ("already exists").`,
        fix: "keep one access policy per vault and principal (keyVaultAccessOnce merges the permissions).",
      });
    }
    recordGrant(this, key, this);
    this.entries = [props.policy];
    this.resource = new KeyVaultAccessPolicy(this, "Resource", {
      keyVaultId: this.keyVaultId,
      tenantId: props.tenantId,
      objectId: this.principal.principalId,
      keyPermissions: nonEmpty(props.policy.keyPermissions),
      secretPermissions: nonEmpty(props.policy.secretPermissions),
      certificatePermissions: nonEmpty(props.policy.certificatePermissions),
    });
    ordererOf(this.principal)?.(this);
  }

  /** The catalog entries this policy serves (a second request on the same vault adds its permissions). */
  public get policies(): readonly CatalogAccessPolicy[] {
    return this.entries;
  }

  /** Why it exists, one reason per entry. */
  public get reasons(): readonly string[] {
    return this.entries.map((e) => e.reason);
  }

  /** When Terraform makes it relative to the cluster whose identity it serves (see RoleGrant.timing). */
  public get timing(): GrantTiming {
    return timingOf(this) ?? (this.principal.createdByAks ? "after-cluster" : "unordered");
  }

  /** Adds another entry's permissions to this policy. */
  public add(policy: CatalogAccessPolicy): void {
    if (this.entries.includes(policy)) return;
    this.entries.push(policy);
    const union = (pick: (p: CatalogAccessPolicy) => readonly string[]) => [...new Set(this.entries.flatMap(pick))];
    const keys = union((p) => p.keyPermissions);
    const secrets = union((p) => p.secretPermissions);
    const certificates = union((p) => p.certificatePermissions);
    if (keys.length > 0) this.resource.keyPermissions = keys;
    if (secrets.length > 0) this.resource.secretPermissions = secrets;
    if (certificates.length > 0) this.resource.certificatePermissions = certificates;
  }
}

/**
 * The library's own access policy requests: a second request for the same vault and principal
 * adds its permissions to the first policy (azurerm holds one per vault and principal).
 */
export function keyVaultAccessOnce(scope: Construct, id: string, props: KeyVaultAccessGrantProps): KeyVaultAccessGrant {
  const principal = props.principal?.grantPrincipal;
  if (principal && typeof principal.principalId === "string") {
    const existing = findGrant<KeyVaultAccessGrant>(scope, grantKey(scope, scopeId(props.keyVault), principal.principalId, ACCESS_POLICY));
    if (existing) {
      existing.add(props.policy);
      return existing;
    }
  }
  return new KeyVaultAccessGrant(scope, id, props);
}

function nonEmpty(list: readonly string[]): string[] | undefined {
  return list.length > 0 ? [...list] : undefined;
}
