/**
 * Built-in Azure role definitions this library grants, by display name and GUID.
 * The GUIDs are the same in every Azure cloud and tenant.
 */
export interface BuiltInRole {
  /** The role's display name, as `az role definition list` prints it. */
  readonly name: string;
  /** The role definition's GUID (the last segment of its resource ID). */
  readonly guid: string;
  /**
   * Only for a custom role (lib/grants/custom-role.ts): its role definition's resource ID,
   * which a role assignment names instead of the display name.
   */
  readonly definitionId?: string;
}

function role(name: string, guid: string): BuiltInRole {
  return Object.freeze({ name, guid });
}

export const Roles = Object.freeze({
  CONTRIBUTOR: role("Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c"),
  READER: role("Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7"),
  NETWORK_CONTRIBUTOR: role("Network Contributor", "4d97b98b-1d4f-4787-a291-c67834d212e7"),
  MANAGED_IDENTITY_OPERATOR: role("Managed Identity Operator", "f1a07417-d97a-45cb-824c-7a7467783830"),
  ACR_PULL: role("AcrPull", "7f951dda-4ed3-4680-a7ca-43fe172d538d"),
  MONITORING_METRICS_PUBLISHER: role("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb"),
  DNS_ZONE_CONTRIBUTOR: role("DNS Zone Contributor", "befefa01-2a29-4197-83a8-272ff33ce314"),
  PRIVATE_DNS_ZONE_CONTRIBUTOR: role("Private DNS Zone Contributor", "b12aa53e-6015-4669-85d0-8515ebb3ae7f"),
  VIRTUAL_MACHINE_CONTRIBUTOR: role("Virtual Machine Contributor", "9980e02c-c2be-4d73-94e8-173b1dc7cf3c"),
  KEY_VAULT_SECRETS_USER: role("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6"),
  KEY_VAULT_CERTIFICATE_USER: role("Key Vault Certificate User", "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba"),
  STORAGE_BLOB_DATA_READER: role("Storage Blob Data Reader", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"),
  // Security features (KMS, disk encryption, web app routing certificates, Entra ID): GUIDs from
  // azure-docs articles/role-based-access-control/built-in-roles.md.
  KEY_VAULT_CRYPTO_USER: role("Key Vault Crypto User", "12338af0-0e69-4776-bea7-57ae8d297424"),
  KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER: role("Key Vault Crypto Service Encryption User", "e147488a-f6f5-4113-8e2d-b22465e65bf6"),
  KEY_VAULT_CONTRIBUTOR: role("Key Vault Contributor", "f25e0fa2-a7c8-4377-a976-54943a77a395"),
  AKS_RBAC_READER: role("Azure Kubernetes Service RBAC Reader", "7f6c6a51-bcf8-42ba-9220-52d62157d7db"),
  AKS_RBAC_WRITER: role("Azure Kubernetes Service RBAC Writer", "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb"),
  AKS_RBAC_ADMIN: role("Azure Kubernetes Service RBAC Admin", "3498e952-d568-435e-9b2c-8d77e338d7f7"),
  AKS_RBAC_CLUSTER_ADMIN: role("Azure Kubernetes Service RBAC Cluster Admin", "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"),
  AKS_CLUSTER_USER: role("Azure Kubernetes Service Cluster User Role", "4abbcc35-e782-43d8-92c5-2d3f1bd2253f"),
  /** Never granted by this library unless the caller opts in with a reason. */
  OWNER: role("Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
  /** Never granted by this library unless the caller opts in with a reason. */
  USER_ACCESS_ADMINISTRATOR: role("User Access Administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"),
  /**
   * Writes and deletes role assignments (so it can assign Owner). Never granted by this
   * library unless the caller opts in with a reason. GUID from azure-docs
   * articles/role-based-access-control/built-in-roles/privileged.md.
   */
  ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR: role("Role Based Access Control Administrator", "f58310d9-a9f6-439a-9e8d-f62e7b41a168"),
});

/** Roles that can change who has access: granting them needs an explicit, reasoned opt-in. */
export const PRIVILEGED_ROLES: readonly BuiltInRole[] = [Roles.OWNER, Roles.USER_ACCESS_ADMINISTRATOR, Roles.ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR];

const BY_GUID = new Map(Object.values(Roles).map((r) => [r.guid, r]));
const BY_NAME = new Map(Object.values(Roles).map((r) => [r.name.toLowerCase(), r]));

/** The catalog entry for a role definition name, GUID or scoped role definition ID. */
export function findRole(nameOrId: string): BuiltInRole | undefined {
  const guid = nameOrId.split("/").pop()!.toLowerCase();
  return BY_GUID.get(guid) ?? BY_NAME.get(nameOrId.toLowerCase());
}
