import { KeyVaultAccessPolicyA } from "@cdktf/provider-azurerm/lib/key-vault-access-policy";
import { AksCluster } from "../../lib";
import { guardedStack, messagesOf, RG, rawCluster, rawGrant } from "./fixtures";
import { rawVault, TENANT } from "./security-fixtures";

describe("AKSID036 web app routing's Key Vault access needs the secrets provider add-on", () => {
  test("library: keyVaults with the secrets provider passes", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, addons: { keyVaultSecretsProvider: {}, webAppRouting: { keyVaults: [rawVault(stack, "certs", true), rawVault(stack, "legacy", false)] } } });
    expect(messagesOf(stack, "AKSID036")).toEqual([]);
  });

  test("raw: a role or access policy on a vault for the routing identity, without key_vault_secrets_provider, is an error", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    const cluster = rawCluster(stack, "aks", { webAppRouting: { dnsZoneIds: [] } });
    const principal = cluster.webAppRouting.webAppRoutingIdentity.get(0).objectId;
    const vault = rawVault(stack, "certs", true);
    rawGrant(stack, "role", { scope: vault.id, roleDefinitionName: "Key Vault Secrets User", principalId: principal });
    new KeyVaultAccessPolicyA(stack, "policy", { keyVaultId: rawVault(stack, "legacy", false).id, tenantId: TENANT, objectId: principal, secretPermissions: ["Get"] });
    rawGrant(stack, "zone", { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dns/providers/Microsoft.Network/dnszones/contoso.com", roleDefinitionName: "DNS Zone Contributor", principalId: principal });
    expect(messagesOf(stack, "AKSID036").map((m) => m.message)).toEqual([
      "[test/role] AKSID036 scope: received \"${azurerm_key_vault.certs.id}\". The web application routing identity of azurerm_kubernetes_cluster.aks is given access to a key vault, but the cluster has no key_vault_secrets_provider block to read the certificates with. Fix: add key_vault_secrets_provider { secret_rotation_enabled = true } to the cluster (AksCluster: addons.keyVaultSecretsProvider).",
      expect.stringContaining("[test/policy] AKSID036 key_vault_id: received \"${azurerm_key_vault.legacy.id}\"."),
    ]);
  });
});
