/** The type of the grant on a key vault without Azure RBAC; reviewed like a role assignment. */
export const ACCESS_POLICY = "azurerm_key_vault_access_policy";

/** An access policy's permissions as a role-like name: "Key Vault access policy (keys: Encrypt, Decrypt)". */
export function accessPolicyRole(body: unknown, show: (value: unknown) => string): string {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const parts = [["keys", b.key_permissions], ["secrets", b.secret_permissions], ["certificates", b.certificate_permissions]]
    .filter(([, v]) => Array.isArray(v) && v.length > 0)
    .map(([what, v]) => `${String(what)}: ${(v as unknown[]).map(show).join(", ")}`);
  return `Key Vault access policy (${parts.join("; ") || "no permissions"})`;
}
