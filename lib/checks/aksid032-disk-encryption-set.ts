import { Roles } from "../roles";
import { block } from "../terraform-json/blocks";
import { expressionKey, literal, referenceKey } from "../terraform-json/expressions";
import { requireVaultAccess, vaultOfKey, vaultUsesRbac } from "./key-vault-access";
import { GuardrailRule, RuleFinding } from "./rule";

const FIX = "grant the cluster's control-plane identity Reader on the disk encryption set (before the cluster for a user-assigned identity) and the set's identity Key Vault Crypto Service Encryption User on its key's vault (AksCluster: diskEncryption does both).";

/**
 * Rule 32: a disk encryption set for node disks needs Reader for the cluster identity, and the
 * set's own identity needs Key Vault Crypto Service Encryption User on its key's vault
 * (aks-docs azure-disk-customer-managed-keys.md).
 */
export const AKSID032: GuardrailRule = {
  id: "AKSID032",
  level: "error",
  message: "A disk encryption set needs Reader for the cluster's control-plane identity, and Key Vault Crypto Service Encryption User on its key's vault for its own identity.",
  why: "Without read access to the set AKS fails to create encrypted disks (\"the managed identity doesn't have permissions\"); without access to the key the set cannot wrap the disks' keys. disk_encryption_set_id forces replacement, so a late fix recreates the cluster.",
  fix: FIX,
  check: (stack) => stack.clusters.flatMap((cluster): RuleFinding[] => {
    const desId = cluster.config.disk_encryption_set_id;
    const desKey = expressionKey(desId);
    if (desKey === undefined) return [];
    const findings: RuleFinding[] = [];
    const type = stack.identityType(cluster);
    if (type === "UserAssigned" || type === "SystemAssigned") {
      const cp = stack.controlPlanePrincipals(cluster);
      // As in AKSID007: a principal the stack cannot tie to an identity is not assumed to be a different one.
      const readers = stack.roleAssignmentsOn(Roles.READER, desKey).filter((ra) => ra.principalKey !== undefined &&
        (cp.keys.has(ra.principalKey) || (!cp.linked && stack.principalOwner(ra.principalId) === undefined)));
      const waits = stack.waitsFor(cluster);
      if (readers.length === 0) {
        findings.push({ element: cluster, attribute: "disk_encryption_set_id", value: desId, message: "The cluster's control-plane identity has no Reader grant on the disk encryption set in this stack." });
      } else if (type === "UserAssigned" && !readers.some((ra) => waits.has(ra.element.address))) {
        findings.push({ element: cluster, attribute: "depends_on", value: cluster.config.depends_on ?? [],
          message: `The control-plane identity has Reader on the disk encryption set (${readers.map((r) => r.element.address).join(", ")}), but the cluster does not depend on it, so Terraform may create the cluster first.` });
      }
    }
    const des = stack.target(desId);
    const systemAssigned = des?.type === "azurerm_disk_encryption_set" && /SystemAssigned/.test(literal(block(des.config.identity)?.type) ?? "");
    const vault = des && systemAssigned ? vaultOfKey(stack, des.config.key_vault_key_id) : undefined;
    // Only an RBAC vault: the documented grant is a role (an access-policy vault is checked by whoever wrote its policy).
    if (des && vault && vaultUsesRbac(vault.vault) === true) {
      const f = requireVaultAccess(stack,
        { element: cluster, attribute: "disk_encryption_set_id", value: desId, waits: stack.waitsFor(cluster), who: `The identity of ${des.address}` },
        { keys: new Set([referenceKey({ address: des.address, attribute: "identity[0].principal_id" })]), linked: true }, vault,
        { role: Roles.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER }, "Key Vault Crypto Service Encryption User on its key's vault", FIX);
      if (f) findings.push(f);
    }
    return findings;
  }),
};
