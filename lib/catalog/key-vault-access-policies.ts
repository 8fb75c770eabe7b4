/**
 * A key vault access policy the library writes for an identity, where a vault uses access
 * policies rather than Azure RBAC: the permissions, and where the need is documented.
 * Permission names are azurerm's (case-sensitive: `Encrypt`, not `encrypt`).
 */
export interface CatalogAccessPolicy {
  /** Construct-id stem: part of its Terraform address, so never renamed. */
  readonly id: string;
  readonly keyPermissions: readonly string[];
  readonly secretPermissions: readonly string[];
  readonly certificatePermissions: readonly string[];
  /** Who gets it, in words. */
  readonly principal: string;
  /** The prop that asks for it. */
  readonly when: string;
  readonly reason: string;
  readonly source: string;
}

/** The access policies of the cluster's own features (an add-on's live in its module). */
export const KEY_VAULT_ACCESS_POLICIES = Object.freeze({
  KmsKeyEncryptDecrypt: Object.freeze({
    id: "KmsAccessPolicy",
    keyPermissions: ["Encrypt", "Decrypt"],
    secretPermissions: [],
    certificatePermissions: [],
    principal: "the user-assigned control-plane identity",
    when: "`kms` on a vault that uses access policies",
    reason: "control plane encrypts and decrypts etcd secrets with the KMS key in this vault (KMS etcd encryption)",
    source: "aks-docs articles/aks/use-kms-etcd-encryption.md (az keyvault set-policy --key-permissions decrypt encrypt)",
  }),
} satisfies Record<string, CatalogAccessPolicy>);
