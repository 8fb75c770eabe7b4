import { parseResourceId } from "../private/resource-id";
import { BuiltInRole } from "../roles";
import { expressionKey, literal, parseReference, referenceKey } from "../terraform-json/expressions";
import { RuleFinding } from "./rule";
import { ConstructStackModel, ElementView } from "./stack-model";

/** Which vault a value names, as far as the stack tells: its keys, and its name for literal vault IDs elsewhere. */
export interface VaultMatch {
  readonly keys: ReadonlySet<string>;
  /** The vault's name (lower-case) when known: matches a literal vault ID of that name. */
  readonly name?: string;
  /** The vault resource in this stack, when there is one. */
  readonly vault?: ElementView;
}

const KEY_URL = /^https:\/\/([^./]+)\.[^/]+\/keys\//i;

/** The vault of a key vault key ID: a reference to a key resource or lookup, or the key's URL. */
export function vaultOfKey(stack: ConstructStackModel, keyId: unknown): VaultMatch | undefined {
  const key = stack.target(keyId);
  if (key?.type === "azurerm_key_vault_key") return vaultOf(stack, key.config.key_vault_id);
  const url = literal(keyId);
  const name = url === undefined ? undefined : KEY_URL.exec(url)?.[1]?.toLowerCase();
  if (name === undefined) return undefined;
  const vault = stack.resources("azurerm_key_vault").find((v) => literal(v.config.name)?.toLowerCase() === name);
  const keys = new Set<string>(vault ? [referenceKey({ address: vault.address, attribute: "id" })] : []);
  return { keys, name, vault };
}

/** The vault a vault ID names: a reference to a vault resource or lookup, or a literal ID. */
export function vaultOf(stack: ConstructStackModel, vaultId: unknown): VaultMatch | undefined {
  const key = expressionKey(vaultId);
  if (key === undefined) return undefined;
  const target = stack.target(vaultId);
  const vault = target?.type === "azurerm_key_vault" && target.kind === "resource" ? target : undefined;
  const lit = literal(vaultId);
  const name = lit !== undefined ? parseResourceId(lit)?.name?.toLowerCase() : literal(target?.config.name)?.toLowerCase();
  return { keys: new Set([key]), name, vault };
}

/** True when a scope or key_vault_id value names the vault. */
export function namesVault(match: VaultMatch, value: unknown): boolean {
  const key = expressionKey(value);
  if (key !== undefined && match.keys.has(key)) return true;
  const lit = literal(value);
  if (lit === undefined || match.name === undefined) return false;
  const parsed = parseResourceId(lit);
  return parsed?.type?.toLowerCase() === "microsoft.keyvault/vaults" && parsed.name?.toLowerCase() === match.name;
}

/** The vault's data-plane model, when the stack creates it: azurerm's default is access policies. */
export function vaultUsesRbac(vault: ElementView | undefined): boolean | undefined {
  if (!vault) return undefined;
  const v = vault.config.rbac_authorization_enabled ?? vault.config.enable_rbac_authorization;
  if (v === true) return true;
  if (v === undefined || v === false) return false;
  return undefined;
}

/** What a principal must hold on a vault: a role, or (for a vault with access policies) key permissions. */
export interface VaultNeed {
  readonly role: BuiltInRole;
  /** Key permissions an access policy must include instead of the role; none: only the role will do. */
  readonly keyPermissions?: readonly string[];
}

/**
 * The grant (role assignment or access policy) that gives one of `principals` the need on the
 * vault, and whether `waits` holds it. A finding when there is none, or when it is not waited for.
 */
export function requireVaultAccess(stack: ConstructStackModel, owner: { element: ElementView; attribute: string; value: unknown; waits?: Set<string>; who: string },
  principals: { readonly keys: ReadonlySet<string>; readonly linked: boolean }, vault: VaultMatch, need: VaultNeed, what: string, fix: string): RuleFinding | undefined {
  // As in AKSID007: a principal the stack cannot tie to an identity is not assumed to be a different one.
  const holds = (principalId: unknown) => {
    const key = expressionKey(principalId);
    return key !== undefined && (principals.keys.has(key) || (!principals.linked && stack.principalOwner(principalId) === undefined));
  };
  const roles = stack.roleAssignments.filter((ra) => ra.role === need.role && holds(ra.principalId) && namesVault(vault, ra.scope)).map((ra) => ra.element);
  const policies = need.keyPermissions === undefined ? [] : stack.resources("azurerm_key_vault_access_policy").filter((p) => {
    const perms = Array.isArray(p.config.key_permissions) ? p.config.key_permissions.map((x: unknown) => String(x).toLowerCase()) : [];
    return holds(p.config.object_id) && namesVault(vault, p.config.key_vault_id) && need.keyPermissions!.every((k) => perms.includes(k.toLowerCase()));
  });
  const found = [...roles, ...policies];
  if (owner.waits === undefined ? found.length > 0 : found.some((g) => owner.waits!.has(g.address))) return undefined;
  if (found.length > 0) {
    return { element: owner.element, attribute: "depends_on", value: owner.element.config.depends_on ?? [],
      message: `${owner.who} has ${what} (${found.map((g) => g.address).join(", ")}), but the cluster does not depend on it, so Terraform may create the cluster first.`, fix };
  }
  return { element: owner.element, attribute: owner.attribute, value: owner.value, message: `${owner.who} has no ${what} in this stack.`, fix };
}

/** The cluster a role assignment scope names: `${<cluster>.id}` or `${<cluster>.id}/namespaces/<ns>`. */
export function clusterScope(stack: ConstructStackModel, scope: unknown): { cluster: ElementView; namespace?: string } | undefined {
  if (typeof scope !== "string") return undefined;
  const m = /^(\$\{[^}]+\})(?:\/namespaces\/([^/]+))?$/.exec(scope);
  if (!m) return undefined;
  const ref = parseReference(m[1]);
  const cluster = ref && ref.attribute === "id" ? stack.get(ref.address) : undefined;
  return cluster?.type === "azurerm_kubernetes_cluster" ? { cluster, namespace: m[2] } : undefined;
}
