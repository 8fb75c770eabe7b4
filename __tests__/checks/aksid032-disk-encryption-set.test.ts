import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, messagesOf, RG, rawCluster, rawGrant, rawIdentity } from "./fixtures";
import { rawDes, rawKey, rawVault } from "./security-fixtures";

describe("AKSID032 a disk encryption set needs Reader for the control plane and key access for the set", () => {
  test("library: diskEncryption with keyVault makes both grants", () => {
    // GIVEN / WHEN
    const stack = guardedStack();
    const vault = rawVault(stack, "vault", true);
    const des = rawDes(stack, "des", rawKey(stack, "k", vault));
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")), diskEncryption: { diskEncryptionSet: des, keyVault: vault } });
    new AksCluster(stack, "sa", { resourceGroup: RG, diskEncryption: { diskEncryptionSet: des, keyVault: vault } });
    // THEN
    expect(messagesOf(stack, "AKSID032")).toEqual([]);
  });

  test("raw: no Reader, Reader not waited for, and the set without access to its key are errors", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    const vault = rawVault(stack, "vault", true);
    const des = rawDes(stack, "des", rawKey(stack, "k", vault));
    const cp = rawIdentity(stack, "cp");
    rawCluster(stack, "noreader", { identity: { type: "UserAssigned", identityIds: [cp.id] }, diskEncryptionSetId: des.id });
    const cp2 = rawIdentity(stack, "cp2");
    rawGrant(stack, "reader", { scope: des.id, roleDefinitionName: "Reader", principalId: cp2.principalId });
    rawCluster(stack, "notwaiting", { identity: { type: "UserAssigned", identityIds: [cp2.id] }, diskEncryptionSetId: des.id });
    // THEN
    const messages = messagesOf(stack, "AKSID032").map((m) => m.message);
    expect(messages).toEqual([
      "[test/noreader] AKSID032 disk_encryption_set_id: received \"${azurerm_disk_encryption_set.des.id}\". The cluster's control-plane identity has no Reader grant on the disk encryption set in this stack. Fix: grant the cluster's control-plane identity Reader on the disk encryption set (before the cluster for a user-assigned identity) and the set's identity Key Vault Crypto Service Encryption User on its key's vault (AksCluster: diskEncryption does both).",
      "[test/noreader] AKSID032 disk_encryption_set_id: received \"${azurerm_disk_encryption_set.des.id}\". The identity of azurerm_disk_encryption_set.des has no Key Vault Crypto Service Encryption User on its key's vault in this stack. Fix: grant the cluster's control-plane identity Reader on the disk encryption set (before the cluster for a user-assigned identity) and the set's identity Key Vault Crypto Service Encryption User on its key's vault (AksCluster: diskEncryption does both).",
      expect.stringContaining("[test/notwaiting] AKSID032 depends_on: received []. The control-plane identity has Reader on the disk encryption set (azurerm_role_assignment.reader), but the cluster does not depend on it"),
      expect.stringContaining("[test/notwaiting] AKSID032 disk_encryption_set_id"),
    ]);
  });

  test("raw: a system-assigned cluster's Reader after the cluster passes; a set on an access-policy vault is not checked for its key", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    const des = rawDes(stack, "des", rawKey(stack, "k", rawVault(stack, "vault", false)));
    const cluster = rawCluster(stack, "aks", { diskEncryptionSetId: des.id });
    rawGrant(stack, "reader", { scope: des.id, roleDefinitionName: "Reader", principalId: cluster.identity.principalId });
    expect(messagesOf(stack, "AKSID032")).toEqual([]);
  });
});
