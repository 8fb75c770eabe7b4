import { DiskEncryptionSet } from "@cdktf/provider-azurerm/lib/disk-encryption-set";
import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { KeyVaultKey } from "@cdktf/provider-azurerm/lib/key-vault-key";
import { TerraformStack } from "cdktf";
import { AksCluster, AksClusterProps, ClusterIdentity, UserAssignedManagedIdentity } from "../lib";
import { newStack, resources, SynthJson, synthJson } from "./helpers";

export const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
export const TENANT = "00000000-0000-0000-0000-00000000aaaa";
export const VAULT_ID = `${SUB}/resourceGroups/kv/providers/Microsoft.KeyVault/vaults/vault1`;
export const KEY_ID = "https://vault1.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef";
export const DES_ID = `${SUB}/resourceGroups/kv/providers/Microsoft.Compute/diskEncryptionSets/des1`;
export const RG = Object.freeze({ name: "rg", location: "westus2" });

/** The pieces a security test builds on: a stack, a user-assigned control plane, two vaults, a key and a disk encryption set. */
export interface SecurityStack {
  readonly stack: TerraformStack;
  readonly identity: UserAssignedManagedIdentity;
  /** A vault with Azure RBAC. */
  readonly rbacVault: KeyVault;
  /** A vault with access policies (azurerm's default). */
  readonly policyVault: KeyVault;
  /** A key in the RBAC vault. */
  readonly key: KeyVaultKey;
  /** A disk encryption set with a system-assigned identity, its key in the RBAC vault. */
  readonly des: DiskEncryptionSet;
}

export function securityStack(): SecurityStack {
  const stack = newStack();
  const identity = new UserAssignedManagedIdentity(stack, "cp-identity", { resourceGroupName: "rg", location: "westus2" });
  const rbacVault = new KeyVault(stack, "rbac-vault", { name: "rbacvault", resourceGroupName: "rg", location: "westus2", tenantId: TENANT, skuName: "standard", rbacAuthorizationEnabled: true });
  const policyVault = new KeyVault(stack, "policy-vault", { name: "policyvault", resourceGroupName: "rg", location: "westus2", tenantId: TENANT, skuName: "standard" });
  const key = new KeyVaultKey(stack, "etcd-key", { name: "etcd", keyVaultId: rbacVault.id, keyType: "RSA", keySize: 2048, keyOpts: ["encrypt", "decrypt"] });
  const des = new DiskEncryptionSet(stack, "des", { name: "des", resourceGroupName: "rg", location: "westus2", keyVaultKeyId: key.id, identity: { type: "SystemAssigned" } });
  return { stack, identity, rbacVault, policyVault, key, des };
}

/** A user-assigned cluster "aks" in the fixture's stack, with more props. */
export function securedCluster(s: SecurityStack, props: AksClusterProps): AksCluster {
  return new AksCluster(s.stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(s.identity), ...props });
}

export interface SynthGrant {
  readonly address: string;
  readonly role: string;
  readonly scope: string;
  readonly principal: string;
  readonly principalType: string;
}

/** Every role assignment of a synthesized stack. */
export function grantsIn(json: SynthJson): SynthGrant[] {
  return Object.entries(resources(json, "azurerm_role_assignment")).map(([id, b]) => ({
    address: `azurerm_role_assignment.${id}`,
    role: String(b.role_definition_name),
    scope: String(b.scope),
    principal: String(b.principal_id),
    principalType: String(b.principal_type),
  }));
}

/** The one cluster's address and depends_on. */
export function clusterOf(json: SynthJson): { address: string; body: Record<string, unknown>; dependsOn: string[] } {
  const [[id, body]] = Object.entries(resources(json, "azurerm_kubernetes_cluster"));
  return { address: `azurerm_kubernetes_cluster.${id}`, body, dependsOn: (body.depends_on as string[] | undefined) ?? [] };
}

export { synthJson };
