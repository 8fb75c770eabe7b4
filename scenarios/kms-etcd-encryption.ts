import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { DiskEncryptionSet } from "@cdktf/provider-azurerm/lib/disk-encryption-set";
import { KeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { KeyVaultKey } from "@cdktf/provider-azurerm/lib/key-vault-key";
import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";

/**
 * Customer-managed keys for etcd secrets and node disks, with a public key vault (Azure RBAC):
 * aks-docs use-kms-etcd-encryption.md (the legacy flow azurerm 4.55 expresses) and
 * azure-disk-customer-managed-keys.md:
 *   az identity create --name myIdentity ...
 *   az keyvault create --name myKeyVault --enable-rbac-authorization true --enable-purge-protection true
 *   az keyvault key create --name myEtcdKey ...; az keyvault key create --name myDiskKey ...
 *   az role assignment create --role "Key Vault Crypto User" --assignee-object-id <identity> --scope <vault>
 *   az disk-encryption-set create --name myDiskEncryptionSet --source-vault <vault> --key-url <disk key>
 *   az role assignment create --role "Key Vault Crypto Service Encryption User" --assignee-object-id <set identity> --scope <vault>
 *   az role assignment create --role "Reader" --assignee <identity> --scope <set>
 *   az aks create ... --assign-identity <identity> --enable-azure-keyvault-kms \
 *     --azure-keyvault-kms-key-vault-network-access Public --azure-keyvault-kms-key-id <etcd key> \
 *     --node-osdisk-diskencryptionset-id <set>
 */
export class KmsEtcdEncryptionStack extends ArticleStack {
  public readonly identity: UserAssignedManagedIdentity;
  public readonly keyVault: KeyVault;
  public readonly diskEncryptionSet: DiskEncryptionSet;
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "kms-etcd-encryption") {
    super(scope, id);
    const rg = this.resourceGroup;
    const client = new DataAzurermClientConfig(this, "client");
    // Disk encryption needs soft delete and purge protection on the vault.
    this.keyVault = new KeyVault(this, "myKeyVault", {
      name: "myKeyVault",
      resourceGroupName: rg.name,
      location: rg.location,
      tenantId: client.tenantId,
      skuName: "standard",
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
    });
    // Creating keys needs Key Vault Crypto Officer on the vault for whoever runs Terraform (README).
    const etcdKey = new KeyVaultKey(this, "myEtcdKey", { name: "myEtcdKey", keyVaultId: this.keyVault.id, keyType: "RSA", keySize: 2048, keyOpts: ["encrypt", "decrypt"] });
    const diskKey = new KeyVaultKey(this, "myDiskKey", { name: "myDiskKey", keyVaultId: this.keyVault.id, keyType: "RSA", keySize: 2048, keyOpts: ["wrapKey", "unwrapKey"] });
    this.diskEncryptionSet = new DiskEncryptionSet(this, "myDiskEncryptionSet", {
      name: "myDiskEncryptionSet",
      resourceGroupName: rg.name,
      location: rg.location,
      keyVaultKeyId: diskKey.id,
      identity: { type: "SystemAssigned" },
    });
    this.identity = new UserAssignedManagedIdentity(this, ARTICLE.identity, { resourceGroupName: rg.name, location: rg.location });
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: rg,
      identity: ClusterIdentity.userAssigned(this.identity),
      kms: { key: etcdKey, keyVault: this.keyVault },
      diskEncryption: { diskEncryptionSet: this.diskEncryptionSet, keyVault: this.keyVault },
    });
  }
}
