import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { parseResourceId } from "./resource-id";
import { isLiteral } from "./validate";

/** How a key vault authorizes data-plane access: Azure RBAC role assignments, or access policies. */
export type KeyVaultPermissionModel = "rbac" | "accessPolicy";
const MODELS: readonly KeyVaultPermissionModel[] = ["rbac", "accessPolicy"];

export const VAULT_EXAMPLE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.KeyVault/vaults/myKeyVault";

/** The model of a vault this stack creates (azurerm's default is access policies); undefined for an ID or a lookup. */
export function permissionModelOfConstruct(vault: GrantScope): KeyVaultPermissionModel | undefined {
  if (!(vault instanceof KeyVault)) return undefined;
  const rbac = vault.rbacAuthorizationEnabledInput ?? vault.enableRbacAuthorizationInput;
  if (rbac === true) return "rbac";
  // A token (an expression) says nothing at synth.
  return rbac === undefined || rbac === false ? "accessPolicy" : undefined;
}

/**
 * The vault's model: the one given, else the construct's, else Azure RBAC (what new vaults
 * default to in the portal and CLI). A given model that contradicts the construct is an error.
 */
export function permissionModel(path: string, prop: string, vault: GrantScope, given: KeyVaultPermissionModel | undefined): KeyVaultPermissionModel {
  if (given !== undefined && !MODELS.includes(given)) {
    throw new AksIdentityError({ path, prop, received: given, problem: "Allowed: \"rbac\" or \"accessPolicy\".", fix: "use one of the allowed values, or omit it for a vault this stack creates." });
  }
  const own = permissionModelOfConstruct(vault);
  if (given !== undefined && own !== undefined && given !== own) {
    throw new AksIdentityError({
      path,
      prop,
      received: given,
      problem: `The key vault ${(vault as KeyVault).node.path} ${own === "rbac" ? "sets rbacAuthorizationEnabled: true" : "does not set rbacAuthorizationEnabled: true, so it uses access policies"}.`,
      fix: `omit it (the vault construct decides), or change the vault to match.`,
    });
  }
  return given ?? own ?? "rbac";
}

/** The vault's tenant when the vault construct names it. */
export function tenantOfVault(vault: GrantScope): string | undefined {
  if (vault instanceof KeyVault) return vault.tenantIdInput ?? vault.tenantId;
  const tenant = typeof vault === "object" && vault !== null ? (vault as { tenantId?: unknown }).tenantId : undefined;
  return typeof tenant === "string" ? tenant : undefined;
}

/** A literal vault ID's name (lower-case), as the vault's URL host starts with it. */
export function vaultNameOf(vault: GrantScope): string | undefined {
  const id = scopeId(vault);
  if (isLiteral(id)) return parseResourceId(id)?.name?.toLowerCase();
  const name = vault instanceof KeyVault ? vault.nameInput : undefined;
  return isLiteral(name) ? name.toLowerCase() : undefined;
}
