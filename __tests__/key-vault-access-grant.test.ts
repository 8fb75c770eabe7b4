import { CatalogAccessPolicy, externalPrincipal, KeyVaultAccessGrant } from "../lib";
import { keyVaultAccessOnce } from "../lib/grants/key-vault-access-grant";
import { newStack, only, synthJson } from "./helpers";

const VAULT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/vault1";
const TENANT = "00000000-0000-0000-0000-00000000aaaa";
const app = externalPrincipal({ principalId: "00000000-0000-0000-0000-0000000000a1", description: "an app" });
const entry = (id: string, keys: string[], secrets: string[] = []): CatalogAccessPolicy =>
  ({ id, keyPermissions: keys, secretPermissions: secrets, certificatePermissions: [], principal: "an app", when: "test", reason: `${id} reason`, source: "test" });

describe("KeyVaultAccessGrant", () => {
  test("writes azurerm_key_vault_access_policy with azurerm's permission names; unordered without a cluster", () => {
    // GIVEN / WHEN
    const stack = newStack();
    const g = new KeyVaultAccessGrant(stack, "policy", { principal: app, keyVault: VAULT, tenantId: TENANT, policy: entry("kms", ["Encrypt", "Decrypt"]) });
    // THEN
    expect(only(synthJson(stack), "azurerm_key_vault_access_policy").body).toMatchObject({ key_vault_id: VAULT, tenant_id: TENANT, object_id: app.principalId, key_permissions: ["Encrypt", "Decrypt"] });
    expect(g.timing).toBe("unordered");
    expect(g.reasons).toEqual(["kms reason"]);
  });

  test("one policy per vault and principal: a second request adds its permissions, a second construct is an error", () => {
    // GIVEN a policy WHEN the library asks again for the same vault and principal THEN the first policy grows
    const stack = newStack();
    const first = keyVaultAccessOnce(stack, "a", { principal: app, keyVault: VAULT, tenantId: TENANT, policy: entry("a", ["Encrypt"]) });
    const again = keyVaultAccessOnce(stack, "b", { principal: app, keyVault: VAULT.toUpperCase(), tenantId: TENANT, policy: entry("b", ["Encrypt", "Decrypt"], ["Get"]) });
    expect(again).toBe(first);
    expect(only(synthJson(stack), "azurerm_key_vault_access_policy").body).toMatchObject({ key_permissions: ["Encrypt", "Decrypt"], secret_permissions: ["Get"] });
    expect(first.policies.map((p) => p.id)).toEqual(["a", "b"]);
    // AND a hand-made second policy is refused, as azurerm would ("already exists")
    expect(() => new KeyVaultAccessGrant(stack, "c", { principal: app, keyVault: VAULT, tenantId: TENANT, policy: entry("c", ["Get"]) }))
      .toThrow("[test/c] keyVault: received \"" + VAULT + "\". test/a already gives an app an access policy on this vault; azurerm holds one per vault and principal and fails the second (\"already exists\").");
  });

  test("rejects a tenant that is not a GUID", () => {
    // GIVEN / WHEN / THEN
    expect(() => new KeyVaultAccessGrant(newStack(), "p", { principal: app, keyVault: VAULT, tenantId: "contoso", policy: entry("x", ["Get"]) }))
      .toThrow("[test/p] tenantId: received \"contoso\". Expected the vault's tenant ID, a GUID");
  });
});
