import { KeyVaultAccessPolicyA } from "@cdktf/provider-azurerm/lib/key-vault-access-policy";
import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, messagesOf, RG, rawCluster, rawGrant, rawIdentity } from "./fixtures";
import { rawKey, rawVault, TENANT } from "./security-fixtures";

describe("AKSID030 KMS etcd encryption needs a user-assigned control plane with access to the key's vault, before the cluster", () => {
  test("library: kms makes the grant (RBAC vault) or the access policy, both before the cluster", () => {
    // GIVEN / WHEN
    const stack = guardedStack();
    const rbac = rawVault(stack, "rbacvault", true);
    const policies = rawVault(stack, "policyvault", false);
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")), kms: { key: rawKey(stack, "k1", rbac), keyVault: rbac } });
    new AksCluster(stack, "aks2", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity2")), kms: { key: rawKey(stack, "k2", policies), keyVault: policies } });
    // THEN
    expect(messagesOf(stack, "AKSID030")).toEqual([]);
  });

  test("raw: a system-assigned cluster with KMS is an error", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    const key = rawKey(stack, "k", rawVault(stack, "vault", true));
    rawCluster(stack, "aks", { keyManagementService: { keyVaultKeyId: key.id } });
    expect(messagesOf(stack, "AKSID030").map((m) => m.message)).toEqual([
      "[test/aks] AKSID030 key_management_service: received \"${azurerm_key_vault_key.k.id}\". KMS etcd encryption with a system-assigned identity: the vault access must exist before KMS is turned on, and a system-assigned identity exists only once the cluster does. Fix: use identity { type = \"UserAssigned\" } with an identity granted on the vault before the cluster (AksCluster: ClusterIdentity.userAssigned(...) with kms).",
    ]);
  });

  test("raw: no grant is an error; a grant not waited for is an error; a waited-for grant or access policy passes", () => {
    // GIVEN three user-assigned clusters on one RBAC vault and one on an access-policy vault
    const stack = guardedStack();
    const vault = rawVault(stack, "vault", true);
    const key = rawKey(stack, "k", vault);
    const none = rawIdentity(stack, "none");
    rawCluster(stack, "nogrant", { identity: { type: "UserAssigned", identityIds: [none.id] }, keyManagementService: { keyVaultKeyId: key.id } });
    const late = rawIdentity(stack, "late");
    rawGrant(stack, "lategrant", { scope: vault.id, roleDefinitionName: "Key Vault Crypto User", principalId: late.principalId });
    rawCluster(stack, "notwaiting", { identity: { type: "UserAssigned", identityIds: [late.id] }, keyManagementService: { keyVaultKeyId: key.id } });
    const ok = rawIdentity(stack, "ok");
    const grant = rawGrant(stack, "okgrant", { scope: vault.id, roleDefinitionName: "Key Vault Crypto User", principalId: ok.principalId });
    rawCluster(stack, "waiting", { identity: { type: "UserAssigned", identityIds: [ok.id] }, keyManagementService: { keyVaultKeyId: key.id }, dependsOn: [grant] });
    const legacyVault = rawVault(stack, "legacy", false);
    const legacyKey = rawKey(stack, "lk", legacyVault);
    const viaPolicy = rawIdentity(stack, "viapolicy");
    const policy = new KeyVaultAccessPolicyA(stack, "policy", { keyVaultId: legacyVault.id, tenantId: TENANT, objectId: viaPolicy.principalId, keyPermissions: ["Decrypt", "Encrypt"] });
    rawCluster(stack, "policycluster", { identity: { type: "UserAssigned", identityIds: [viaPolicy.id] }, keyManagementService: { keyVaultKeyId: legacyKey.id }, dependsOn: [policy] });
    // THEN the first two are errors, with their messages
    const messages = messagesOf(stack, "AKSID030");
    expect(messages.map((m) => m.path)).toEqual(["test/nogrant", "test/notwaiting"]);
    expect(messages[0].message).toBe("[test/nogrant] AKSID030 key_management_service.key_vault_key_id: received \"${azurerm_key_vault_key.k.id}\". The user-assigned control-plane identity has no Key Vault Crypto User (or an access policy with Encrypt and Decrypt) on the key's vault in this stack. Fix: grant the user-assigned control-plane identity Key Vault Crypto User on the key's vault (a vault without Azure RBAC: an access policy with key permissions Encrypt and Decrypt) and add it to the cluster's depends_on (AksCluster: kms does both).");
    expect(messages[1].message).toContain("AKSID030 depends_on: received []. The user-assigned control-plane identity has Key Vault Crypto User (or an access policy with Encrypt and Decrypt) on the key's vault (azurerm_role_assignment.lategrant), but the cluster does not depend on it");
  });

  test("raw: an access policy without Decrypt does not count; a literal key URL matches a literal vault id by name", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    const vault = rawVault(stack, "legacy", false);
    const cp = rawIdentity(stack, "cp");
    const policy = new KeyVaultAccessPolicyA(stack, "policy", { keyVaultId: vault.id, tenantId: TENANT, objectId: cp.principalId, keyPermissions: ["Encrypt", "Get"] });
    rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [cp.id] }, keyManagementService: { keyVaultKeyId: "https://legacy.vault.azure.net/keys/k/0123" }, dependsOn: [policy] });
    const other = rawIdentity(stack, "other");
    const literalGrant = rawGrant(stack, "literal", { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/remote", roleDefinitionName: "Key Vault Crypto User", principalId: other.principalId });
    rawCluster(stack, "remote", { identity: { type: "UserAssigned", identityIds: [other.id] }, keyManagementService: { keyVaultKeyId: "https://remote.vault.azure.net/keys/k/0123" }, dependsOn: [literalGrant] });
    expect(messagesOf(stack, "AKSID030").map((m) => m.path)).toEqual(["test/aks"]);
  });
});
