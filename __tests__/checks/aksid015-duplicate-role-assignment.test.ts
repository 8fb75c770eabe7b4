import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { AksCluster, KeyVaultSecretsProviderProps, RoleGrant, Roles } from "../../lib";
import { thrownAksError } from "../helpers";
import { guardedStack, messagesOf, PRINCIPAL, RG, RG_ID, rawGrant } from "./fixtures";

const VAULT = `${RG_ID}/providers/Microsoft.KeyVault/vaults/myKeyVault`;

describe("AKSID015 two role assignments Azure holds as one", () => {
  test("raw: the same role, scope and principal twice (role by name and by id, scope in another casing) is an error on the second", () => {
    // GIVEN two raw assignments that differ only in how they are written
    const stack = guardedStack();
    rawGrant(stack, "first", { principalId: PRINCIPAL, roleDefinitionName: "Reader" });
    rawGrant(stack, "second", { principalId: PRINCIPAL, scope: RG_ID.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/"),
      roleDefinitionName: undefined, roleDefinitionId: `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/${Roles.READER.guid}` });
    rawGrant(stack, "other-role", { principalId: PRINCIPAL, roleDefinitionName: "Contributor" });
    // THEN
    expect(messagesOf(stack, "AKSID015").map((m) => [m.path, m.level, m.message.split(". ")[1]])).toEqual([
      ["test/second", "@cdktf/error", "azurerm_role_assignment.second grants Reader on the same scope to the same principal as azurerm_role_assignment.first, and Azure holds only one such role assignment"],
    ]);
  });

  test("raw: two assignments with one literal name are an error", () => {
    const stack = guardedStack();
    const name = "11111111-2222-3333-4444-555555555555";
    rawGrant(stack, "a", { principalId: PRINCIPAL, name });
    new RoleAssignment(stack, "b", { principalId: "22222222-2222-2222-2222-222222222222", scope: RG_ID, roleDefinitionName: "Reader", name });
    expect(messagesOf(stack, "AKSID015").map((m) => m.message.split(". ")[1])).toEqual(["azurerm_role_assignment.b has the same name as azurerm_role_assignment.a; role assignment names are unique in a tenant"]);
  });

  test("library: a RoleGrant on a vault the secrets provider already reads is an error naming both grants (the README's example, corrected)", () => {
    // GIVEN the Key Vault secrets provider with the vault listed
    const stack = guardedStack();
    const keyVaultSecretsProvider: KeyVaultSecretsProviderProps = { keyVaults: [{ vault: VAULT, key: "vault" }] };
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, addons: { keyVaultSecretsProvider } });
    // WHEN the same grant is asked for again by hand
    const e = thrownAksError(() => new RoleGrant(stack, "SharedVaultSecrets", {
      principal: cluster.addons.identities.keyVaultSecretsProvider!, role: Roles.KEY_VAULT_SECRETS_USER, scope: VAULT, reason: "the CSI driver reads the vault",
    }));
    // THEN the error names both construct paths; nothing reaches Terraform twice
    expect(e.message).toContain("[test/SharedVaultSecrets] scope:");
    expect(e.message).toContain("test/aks/KeyVaultSecretsProvider-KeyVaultSecretsUser-vault already grants Key Vault Secrets User on this scope");
    expect(messagesOf(stack, "AKSID015")).toEqual([]);
  });
});
