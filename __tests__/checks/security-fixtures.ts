import { DiskEncryptionSet } from "@cdktf/provider-azurerm/lib/disk-encryption-set";
import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { KeyVaultKey } from "@cdktf/provider-azurerm/lib/key-vault-key";
import { Construct } from "constructs";

export const TENANT = "00000000-0000-0000-0000-00000000aaaa";

/** A raw key vault, Azure RBAC or (azurerm's default) access policies. */
export function rawVault(scope: Construct, id: string, rbac: boolean): KeyVault {
  return new KeyVault(scope, id, { name: id, resourceGroupName: "rg", location: "westus2", tenantId: TENANT, skuName: "standard", rbacAuthorizationEnabled: rbac ? true : undefined });
}

export function rawKey(scope: Construct, id: string, vault: KeyVault): KeyVaultKey {
  return new KeyVaultKey(scope, id, { name: id, keyVaultId: vault.id, keyType: "RSA", keySize: 2048, keyOpts: ["encrypt", "decrypt", "wrapKey", "unwrapKey"] });
}

export function rawDes(scope: Construct, id: string, key: KeyVaultKey): DiskEncryptionSet {
  return new DiskEncryptionSet(scope, id, { name: id, resourceGroupName: "rg", location: "westus2", keyVaultKeyId: key.id, identity: { type: "SystemAssigned" } });
}
