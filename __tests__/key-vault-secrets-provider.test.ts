import { DataAzurermKeyVault } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault";
import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { AksCluster } from "../lib";
import { annotationsOf, newStack, only, synthJson } from "./helpers";
import { clusterRef, clusterStack, grantsOf, reference, VAULT } from "./addon-fixtures";

const IDENTITY = "key_vault_secrets_provider[0].secret_identity[0]";

describe("key vault secrets provider add-on", () => {
  test("Key Vault Secrets User on each vault, and Certificate User when asked, for the add-on identity", () => {
    const vault2 = VAULT.replace("vault1", "vault2");
    const { json } = clusterStack({ addons: { keyVaultSecretsProvider: { keyVaults: [{ vault: VAULT }, { vault: vault2, certificates: true }], secretRotation: true, rotationPollInterval: "5m" } } });
    const j = json();
    const principal = `\${${clusterRef(j)}.${IDENTITY}.object_id}`;
    expect(only(j, "azurerm_kubernetes_cluster").body.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true, secret_rotation_interval: "5m" });
    expect(grantsOf(j).map((g) => [g.role, g.scope, g.principal]).sort()).toEqual([
      ["Key Vault Certificate User", vault2, principal],
      ["Key Vault Secrets User", VAULT, principal],
      ["Key Vault Secrets User", vault2, principal],
    ]);
    expect(grantsOf(j).map((g) => g.id).sort().map((id) => id.replace(/_[0-9A-F]{8}$/, ""))).toEqual([
      "aks_KeyVaultSecretsProvider-KeyVaultCertificateUser-vault2",
      "aks_KeyVaultSecretsProvider-KeyVaultSecretsUser-vault1",
      "aks_KeyVaultSecretsProvider-KeyVaultSecretsUser-vault2",
    ]);
  });

  test("no vaults: the add-on is on, rotation written out for azurerm, no grant", () => {
    const { json } = clusterStack({ addons: { keyVaultSecretsProvider: {} } });
    const j = json();
    expect(only(j, "azurerm_kubernetes_cluster").body.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: false });
    expect(grantsOf(j)).toEqual([]);
    expect(j.output!.aks_key_vault_secrets_provider_identity).toBeDefined();
  });

  test("a vault construct keys its grant by construct id", () => {
    const stack = newStack();
    const kv = new KeyVault(stack, "appVault", { name: "appvault", resourceGroupName: "rg", location: "westus2", tenantId: "t", skuName: "standard", rbacAuthorizationEnabled: true });
    new AksCluster(stack, "aks", { addons: { keyVaultSecretsProvider: { keyVaults: [{ vault: kv }] } } });
    const [g] = grantsOf(synthJson(stack));
    expect([g.role, g.scope]).toEqual(["Key Vault Secrets User", "${azurerm_key_vault.appVault.id}"]);
    expect(g.id).toMatch(/^aks_KeyVaultSecretsProvider-KeyVaultSecretsUser-appVault_/);
  });

  test("warns when a vault construct uses access policies, where role grants do nothing", () => {
    // GIVEN: one vault without RBAC authorization, one with it
    const stack = newStack();
    const legacy = new KeyVault(stack, "legacyVault", { name: "legacy", resourceGroupName: "rg", location: "westus2", tenantId: "t", skuName: "standard" });
    const rbac = new KeyVault(stack, "rbacVault", { name: "rbac", resourceGroupName: "rg", location: "westus2", tenantId: "t", skuName: "standard", rbacAuthorizationEnabled: true });
    // WHEN
    new AksCluster(stack, "aks", { addons: { keyVaultSecretsProvider: { keyVaults: [{ vault: legacy }, { vault: rbac }] } } });
    // THEN: one warning, for the legacy vault
    expect(annotationsOf(stack).filter((a) => a.level === "@cdktf/warn").map((a) => a.message)).toEqual([
      "[test/aks] addons.keyVaultSecretsProvider.keyVaults[0].vault: key vault test/legacyVault does not set rbacAuthorizationEnabled, so it uses access policies and the Key Vault role grants have no effect. Fix: set rbacAuthorizationEnabled: true on the vault, or give the add-on identity an access policy instead.",
    ]);
  });

  test("a looked-up vault or a literal ID gets no warning: nothing here can set its mode", () => {
    // GIVEN a vault looked up with a data source (its rbac mode is unknown at synth and not ours to set)
    const stack = newStack();
    const looked = new DataAzurermKeyVault(stack, "sharedVault", { name: "shared", resourceGroupName: "rg-shared" });
    // WHEN it and a literal vault ID are read by the add-on
    new AksCluster(stack, "aks", { addons: { keyVaultSecretsProvider: { keyVaults: [{ vault: looked }, { vault: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/v2" }] } } });
    // THEN no warning (the grants are made: a looked-up vault in RBAC mode honours them)
    expect(annotationsOf(stack).filter((a) => a.level === "@cdktf/warn")).toEqual([]);
  });

  test("a vault reference needs a static key", () => {
    expect(() => clusterStack((stack) => ({ addons: { keyVaultSecretsProvider: { keyVaults: [{ vault: reference(stack, "kv") }] } } })))
      .toThrow("keyVaults[0].vault: received a Terraform reference. A grant on a scope known only at apply time needs a static key");
    const { json } = clusterStack((stack) => ({ addons: { keyVaultSecretsProvider: { keyVaults: [{ vault: reference(stack, "kv"), key: "shared" }] } } }));
    const [g] = grantsOf(json());
    expect([g.role, g.scope]).toEqual(["Key Vault Secrets User", "${var.kv}"]);
    expect(g.id).toMatch(/^aks_KeyVaultSecretsProvider-KeyVaultSecretsUser-shared_/);
  });

  test.each([
    [{ keyVaults: [{ vault: VAULT.replace("vaults", "managedHSMs") }] }, "addons.keyVaultSecretsProvider.keyVaults[0].vault: received"],
    [{ keyVaults: [VAULT] }, "addons.keyVaultSecretsProvider.keyVaults[0]: received"],
    [{ rotationPollInterval: "2 minutes" }, "rotationPollInterval: received \"2 minutes\". Expected a duration like \"2m\""],
  ])("rejects %#", (props, message) => {
    expect(() => clusterStack({ addons: { keyVaultSecretsProvider: props as never } })).toThrow(message);
  });
});
