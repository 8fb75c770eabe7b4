import { DiskEncryptionSet } from "@cdktf/provider-azurerm/lib/disk-encryption-set";
import { AksCluster } from "../lib";
import { clusterOf, DES_ID, grantsIn, RG, securedCluster, securityStack, SUB, synthJson, VAULT_ID } from "./security-fixtures";

const CP = "${azurerm_user_assigned_identity.cp-identity_C1FC89E0.principal_id}";
const DES_PRINCIPAL = "${azurerm_disk_encryption_set.des.identity[0].principal_id}";

describe("disk encryption set for node disks (diskEncryption)", () => {
  test("user-assigned control plane: Reader on the set before the cluster; the set's identity gets Key Vault Crypto Service Encryption User on the vault before the cluster", () => {
    // GIVEN a disk encryption set (system-assigned identity) whose key is in an RBAC vault
    const s = securityStack();
    // WHEN the cluster's node disks use it
    const cluster = securedCluster(s, { diskEncryption: { diskEncryptionSet: s.des, keyVault: s.rbacVault } });
    const json = synthJson(s.stack);
    // THEN disk_encryption_set_id names it
    const c = clusterOf(json);
    expect(c.body.disk_encryption_set_id).toBe("${azurerm_disk_encryption_set.des.id}");
    // AND both grants exist with their role, scope and principal, and the cluster waits for both
    const grants = grantsIn(json);
    expect(grants.map((g) => [g.role, g.scope, g.principal]).sort()).toEqual([
      ["Key Vault Crypto Service Encryption User", "${azurerm_key_vault.rbac-vault.id}", DES_PRINCIPAL],
      ["Reader", "${azurerm_disk_encryption_set.des.id}", CP],
    ]);
    expect(c.dependsOn.sort()).toEqual(grants.map((g) => g.address).sort());
    expect(cluster.grants.all.map((g) => [g.node.id, g.timing])).toEqual([["DiskEncryptionSetReader", "before-cluster"], ["DiskEncryptionSetKeyVaultAccess", "before-cluster"]]);
  });

  test("system-assigned control plane: Reader after the cluster (it references the cluster's identity), never in depends_on", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    new AksCluster(s.stack, "aks", { resourceGroup: RG, diskEncryption: { diskEncryptionSet: DES_ID } });
    const json = synthJson(s.stack);
    const c = clusterOf(json);
    expect(grantsIn(json).map((g) => [g.role, g.scope, g.principal])).toEqual([["Reader", DES_ID, `\${${c.address}.identity[0].principal_id}`]]);
    expect(c.dependsOn).toEqual([]);
  });

  test("without keyVault the set's own grant is left to where the set is made", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    securedCluster(s, { diskEncryption: { diskEncryptionSet: s.des } });
    expect(grantsIn(synthJson(s.stack)).map((g) => g.role)).toEqual(["Reader"]);
  });

  test("a set given by ID needs its identity to grant it on the vault", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    expect(() => securedCluster(s, { diskEncryption: { diskEncryptionSet: DES_ID, keyVault: VAULT_ID } })).toThrow(
      "[test/aks] diskEncryption.diskEncryptionSetIdentity: received nothing (undefined). The set's identity is not known here: the set is given by ID, or its identity is not system-assigned. Fix: pass diskEncryptionSetIdentity");
    // WHEN its identity is given THEN that identity is granted
    const t = securityStack();
    securedCluster(t, { diskEncryption: { diskEncryptionSet: DES_ID, keyVault: VAULT_ID, diskEncryptionSetIdentity: t.identity } });
    expect(grantsIn(synthJson(t.stack)).map((g) => [g.role, g.scope, g.principal]).sort()).toEqual([
      ["Key Vault Crypto Service Encryption User", VAULT_ID, CP],
      ["Reader", DES_ID, CP],
    ]);
  });

  test("a set with a user-assigned identity needs that identity", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    const des = new DiskEncryptionSet(s.stack, "des-ua", { name: "desua", resourceGroupName: "rg", location: "westus2", keyVaultKeyId: s.key.id, identity: { type: "UserAssigned", identityIds: [s.identity.id] } });
    expect(() => securedCluster(s, { diskEncryption: { diskEncryptionSet: des, keyVault: s.rbacVault } })).toThrow("diskEncryption.diskEncryptionSetIdentity: received nothing (undefined).");
  });

  test.each([
    ["a vault as the set", { diskEncryptionSet: VAULT_ID }, "diskEncryption.diskEncryptionSet: received \"" + VAULT_ID + "\". Expected the resource ID of a Microsoft.Compute/diskEncryptionSets"],
    ["no set", {}, "diskEncryption.diskEncryptionSet: received {}. Expected { diskEncryptionSet, keyVault? }."],
    ["a subnet as the vault", { diskEncryptionSet: DES_ID, keyVault: `${SUB}/resourceGroups/n/providers/Microsoft.Network/virtualNetworks/v/subnets/s` }, "diskEncryption.keyVault: received"],
  ])("%s is an error naming the prop", (_name, diskEncryption, message) => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    expect(() => securedCluster(s, { diskEncryption: diskEncryption as never })).toThrow(message);
  });

  test("a vault with access policies is an error: the documented grant is an Azure RBAC role", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    expect(() => securedCluster(s, { diskEncryption: { diskEncryptionSet: s.des, keyVault: s.policyVault } })).toThrow(
      "[test/aks] diskEncryption.keyVault: received construct test/policy-vault. The vault uses access policies; the documented grant for the disk encryption set's identity is the Azure RBAC role Key Vault Crypto Service Encryption User (aks-docs azure-disk-customer-managed-keys.md). Fix: set rbacAuthorizationEnabled: true on the vault, or omit keyVault");
  });
});
