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
