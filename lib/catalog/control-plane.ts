import { Roles } from "../roles";
import { CONTROL_PLANE_NETWORK_GRANTS } from "./control-plane-network";
import { CatalogGrant, catalogRow, NODE_RESOURCE_GROUP } from "./row";

const SUBNET = "Microsoft.Network/virtualNetworks/subnets";
const KEY_VAULT = "Microsoft.KeyVault/vaults";

/**
 * The control plane's grants, one entry each: adding a grant kind is an entry here plus a
 * one-line method on AksCluster that asks for it.
 */
export const CONTROL_PLANE_GRANTS = Object.freeze({
  SubnetNetworkContributor: {
    id: "SubnetNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "the cluster's custom subnet",
    scopeTypes: [SUBNET],
    when: "`network.subnet` is set",
    reason: "control plane manages load balancers and IPs in the cluster's custom subnet",
    source: "aks-docs articles/aks/configure-kubenet.md (prerequisites); azure-cli acs/managed_cluster_decorator.py process_add_role_assignment_for_vnet_subnet",
  },
  RouteTableNetworkContributor: {
    id: "RouteTableNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "the bring-your-own route table",
    scopeTypes: ["Microsoft.Network/routeTables"],
    when: "`network.routeTable` is set",
    reason: "control plane writes routes to the bring-your-own route table (outbound type userDefinedRouting)",
    source: "aks-docs articles/aks/configure-kubenet.md (bring your own subnet and route table)",
  },
  KubeletIdentityOperator: {
    id: "KubeletIdentityOperator",
    role: Roles.MANAGED_IDENTITY_OPERATOR,
    scope: "the bring-your-own kubelet identity",
    scopeTypes: ["Microsoft.ManagedIdentity/userAssignedIdentities"],
    when: "`kubeletIdentity` is set",
    reason: "control plane assigns the bring-your-own kubelet identity to the nodes; must exist before the cluster (CustomKubeletIdentityMissingPermissionError)",
    source: "aks-docs articles/aks/managed-identity-overview.md (Pre-created kubelet managed identity)",
  },
  VnetNetworkContributor: {
    id: "VnetNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "your own VNet (or a subnet of it)",
    scopeTypes: ["Microsoft.Network/virtualNetworks", SUBNET],
    when: "`grantOnVirtualNetwork(vnet)`",
    reason: "control plane manages load balancers and IPs in your own VNet, outside the node resource group",
    source: "aks-docs articles/aks/system-assigned-managed-identity.md (Add a role assignment)",
  },
  StaticIpNetworkContributor: {
    id: "StaticIpNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "the static public IP's resource group",
    scopeTypes: ["resourceGroup"],
    when: "`grantOnStaticIpResourceGroup(rg)`",
    reason: "control plane attaches the static public IP in this resource group to the cluster's load balancer",
    source: "aks-docs articles/aks/static-ip.md (delegated permissions for the public IP's resource group)",
  },
  DiskContributor: {
    id: "DiskContributor",
    role: Roles.CONTRIBUTOR,
    scope: "the attached disks' resource group",
    scopeTypes: ["resourceGroup"],
    when: "`grantOnDiskResourceGroup(rg)`",
    reason: "control plane attaches and detaches the managed disks in this resource group",
    source: "aks-docs articles/aks/managed-identity-overview.md (Control plane managed identity role assignments)",
  },
  // Private cluster, API server VNet integration, node-pool and pod subnets, outbound IPs (issue 13).
  ...CONTROL_PLANE_NETWORK_GRANTS,
  KmsKeyVaultCryptoUser: {
    id: "KmsKeyVaultCryptoUser",
    role: Roles.KEY_VAULT_CRYPTO_USER,
    scope: "the KMS key's key vault (Azure RBAC mode)",
    scopeTypes: [KEY_VAULT],
    when: "`kms` (a vault using access policies gets an access policy with key permissions Encrypt and Decrypt instead)",
    reason: "control plane encrypts and decrypts etcd secrets with the KMS key in this vault (KMS etcd encryption)",
    source: "aks-docs articles/aks/use-kms-etcd-encryption.md (Assign permissions to decrypt and encrypt a public or private key vault)",
  },
  KmsKeyVaultContributor: {
    id: "KmsKeyVaultContributor",
    role: Roles.KEY_VAULT_CONTRIBUTOR,
    scope: "the KMS key's private key vault",
    scopeTypes: [KEY_VAULT],
    when: "`kms.networkAccess: \"private\"`",
    reason: "control plane creates the private link between the private key vault and the cluster (KMS etcd encryption)",
    source: "aks-docs articles/aks/use-kms-etcd-encryption.md (Assign permissions to create a private link)",
  },
  DiskEncryptionSetReader: {
    id: "DiskEncryptionSetReader",
    role: Roles.READER,
    scope: "the disk encryption set",
    scopeTypes: ["Microsoft.Compute/diskEncryptionSets"],
    when: "`diskEncryption` is set",
    reason: "control plane reads the disk encryption set to encrypt node and data disks with your key",
    source: "aks-docs articles/aks/azure-disk-customer-managed-keys.md (the AKS cluster identity needs Reader access to the DiskEncryptionSet)",
  },
} satisfies Record<string, CatalogGrant>);

export const CONTROL_PLANE_ROW = catalogRow({
  key: "controlPlane",
  kind: "control-plane",
  name: "not visible",
  identity: "system-assigned (`<cluster>`), or your user-assigned identity",
  useCase: "Used by AKS control plane components to manage cluster resources including ingress load balancers and AKS managed public IPs, and Cluster Autoscaler operations",
  defaultPermissions: "Contributor role for Node resource group",
  aksDefaults: [
    { role: Roles.CONTRIBUTOR, scope: NODE_RESOURCE_GROUP, note: "load balancers, AKS-managed public IPs, cluster autoscaler, disk and file CSI drivers", managedIdentityOnly: true },
  ],
  bringYourOwn: "Supported",
  inArticle: true,
  order: 1,
  status: "supported",
  enableWith: "`identity: ClusterIdentity.systemAssigned()` or `ClusterIdentity.userAssigned(identity)`",
  exportedIdentity: "`identity[0].principal_id`",
  grants: Object.values(CONTROL_PLANE_GRANTS),
  note: "A user-assigned identity gets its grants before the cluster exists; a system-assigned one only after, which can take up to 60 minutes to take effect.",
});
