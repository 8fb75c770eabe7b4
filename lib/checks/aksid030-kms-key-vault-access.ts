import { Roles } from "../roles";
import { block } from "../terraform-json/blocks";
import { requireVaultAccess, vaultOfKey } from "./key-vault-access";
import { GuardrailRule, RuleFinding } from "./rule";

const FIX = "grant the user-assigned control-plane identity Key Vault Crypto User on the key's vault (a vault without Azure RBAC: an access policy with key permissions Encrypt and Decrypt) and add it to the cluster's depends_on (AksCluster: kms does both).";

/**
 * Rule 30: KMS etcd encryption needs a user-assigned control plane that can encrypt and decrypt
 * with the key before the cluster is created (aks-docs use-kms-etcd-encryption.md).
 */
export const AKSID030: GuardrailRule = {
  id: "AKSID030",
  level: "error",
  message: "KMS etcd encryption needs a user-assigned control-plane identity with Key Vault Crypto User (or an access policy with Encrypt and Decrypt) on the key's vault before the cluster is created.",
  why: "AKS checks the vault access when KMS is turned on; a system-assigned identity exists only once the cluster does, so the create fails (\"KMS etcd encryption doesn't work with system-assigned managed identity\").",
  fix: FIX,
  check: (stack) => stack.clusters.flatMap((cluster): RuleFinding[] => {
    const kms = block(cluster.config.key_management_service);
    if (!kms) return [];
    const type = stack.identityType(cluster);
    if (type === "SystemAssigned") {
      return [{ element: cluster, attribute: "key_management_service", value: kms.key_vault_key_id,
        message: "KMS etcd encryption with a system-assigned identity: the vault access must exist before KMS is turned on, and a system-assigned identity exists only once the cluster does.",
        fix: "use identity { type = \"UserAssigned\" } with an identity granted on the vault before the cluster (AksCluster: ClusterIdentity.userAssigned(...) with kms)." }];
    }
    if (type !== "UserAssigned") return [];
    const vault = vaultOfKey(stack, kms.key_vault_key_id);
    if (!vault) return [];
    const finding = requireVaultAccess(stack,
      { element: cluster, attribute: "key_management_service.key_vault_key_id", value: kms.key_vault_key_id, waits: stack.waitsFor(cluster), who: "The user-assigned control-plane identity" },
      stack.controlPlanePrincipals(cluster), vault, { role: Roles.KEY_VAULT_CRYPTO_USER, keyPermissions: ["Encrypt", "Decrypt"] },
      "Key Vault Crypto User (or an access policy with Encrypt and Decrypt) on the key's vault", FIX);
    return finding ? [finding] : [];
  }),
};
