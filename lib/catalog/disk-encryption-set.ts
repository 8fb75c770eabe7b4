import { Roles } from "../roles";
import { CatalogGrant } from "./row";

/** The grant a disk encryption set's own identity needs for the cluster's node disks (`diskEncryption.keyVault`). */
export const DISK_ENCRYPTION_SET_GRANTS = Object.freeze({
  KeyVaultCryptoServiceEncryptionUser: {
    id: "DiskEncryptionSetKeyVaultAccess",
    role: Roles.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER,
    scope: "the key vault holding the disk encryption set's key (Azure RBAC mode)",
    scopeTypes: ["Microsoft.KeyVault/vaults"],
    when: "`diskEncryption: { diskEncryptionSet, keyVault }`",
    reason: "the disk encryption set wraps and unwraps the node disks' keys with its key in this vault",
    source: "aks-docs articles/aks/azure-disk-customer-managed-keys.md (Grant the DiskEncryptionSet access to key vault)",
  },
} satisfies Record<string, CatalogGrant>);
