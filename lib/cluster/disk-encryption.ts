import { DiskEncryptionSet } from "@cdktf/provider-azurerm/lib/disk-encryption-set";
import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { CONTROL_PLANE_GRANTS } from "../catalog/control-plane";
import { DISK_ENCRYPTION_SET_GRANTS } from "../catalog/disk-encryption-set";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { IGrantable, IPrincipal, principal } from "../grants/principal";
import { permissionModelOfConstruct, VAULT_EXAMPLE } from "../private/key-vault";
import { validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import type { SecurityHost } from "./security-host";

const DES_EXAMPLE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Compute/diskEncryptionSets/myDiskEncryptionSet";

/**
 * Customer-managed keys for the node disks (`az aks create --node-osdisk-diskencryptionset-id`).
 * Changing the set replaces the cluster (azurerm: `disk_encryption_set_id` is ForceNew).
 */
export interface DiskEncryptionProps {
  /** The disk encryption set: an azurerm_disk_encryption_set construct or its resource ID. */
  readonly diskEncryptionSet: GrantScope;
  /**
   * The key vault (Azure RBAC mode) holding the set's key: the set's identity gets Key Vault
   * Crypto Service Encryption User on it before the cluster.
   * @default - not granted here: grant it where the set is made
   */
  readonly keyVault?: GrantScope;
  /**
   * The set's identity, when it is not the set construct's system-assigned one (a
   * user-assigned identity, or a set given by ID).
   * @default - the set construct's system-assigned identity
   */
  readonly diskEncryptionSetIdentity?: IGrantable;
}

/** The cluster's disk_encryption_set_id; checks the props. */
export function diskEncryptionConfig(path: string, props: DiskEncryptionProps | undefined): Partial<KubernetesClusterConfig> {
  if (props === undefined) return {};
  if (typeof props !== "object" || props === null || props.diskEncryptionSet === undefined) {
    throw new AksIdentityError({ path, prop: "diskEncryption.diskEncryptionSet", received: props, problem: "Expected { diskEncryptionSet, keyVault? }.", fix: "pass the disk encryption set (construct or resource ID)." });
  }
  validateScope(path, "diskEncryption.diskEncryptionSet", props.diskEncryptionSet, "Microsoft.Compute/diskEncryptionSets", DES_EXAMPLE);
  if (props.keyVault !== undefined) {
    validateScope(path, "diskEncryption.keyVault", props.keyVault, "Microsoft.KeyVault/vaults", VAULT_EXAMPLE);
    if (permissionModelOfConstruct(props.keyVault) === "accessPolicy") {
      throw new AksIdentityError({
        path,
        prop: "diskEncryption.keyVault",
        received: props.keyVault,
        problem: "The vault uses access policies; the documented grant for the disk encryption set's identity is the Azure RBAC role Key Vault Crypto Service Encryption User (aks-docs azure-disk-customer-managed-keys.md).",
        fix: "set rbacAuthorizationEnabled: true on the vault, or omit keyVault and give the set's identity an access policy (key permissions Get, WrapKey, UnwrapKey) yourself.",
      });
    }
    setPrincipal(path, props);
  }
  return { diskEncryptionSetId: scopeId(props.diskEncryptionSet) };
}

/** The principal of the set's identity: given, or the set construct's system-assigned identity. */
function setPrincipal(path: string, props: DiskEncryptionProps): IPrincipal {
  const given = props.diskEncryptionSetIdentity?.grantPrincipal;
  if (given !== undefined) return given;
  const set = props.diskEncryptionSet;
  const type = set instanceof DiskEncryptionSet ? set.identityInput?.type : undefined;
  if (set instanceof DiskEncryptionSet && typeof type === "string" && /SystemAssigned/.test(type)) {
    const name = set.nameInput;
    return principal({
      principalId: set.identity.principalId,
      principalType: "ServicePrincipal",
      isManagedIdentity: true,
      createdByAks: false,
      description: `system-assigned identity of the disk encryption set${isLiteral(name) ? ` ${name}` : ""}`,
    });
  }
  throw new AksIdentityError({
    path,
    prop: "diskEncryption.diskEncryptionSetIdentity",
    received: undefined,
    problem: "The set's identity is not known here: the set is given by ID, or its identity is not system-assigned.",
    fix: "pass diskEncryptionSetIdentity (the user-assigned identity the set uses), or the set construct with identity { type: \"SystemAssigned\" }, or omit keyVault and grant the set yourself.",
  });
}

/** Reader on the set for the control plane; Key Vault Crypto Service Encryption User for the set, when keyVault is given. */
export function diskEncryptionGrants(cluster: SecurityHost, props: DiskEncryptionProps | undefined): void {
  if (props === undefined) return;
  const reader = CONTROL_PLANE_GRANTS.DiskEncryptionSetReader;
  cluster.grants.fromCatalog(reader, cluster.controlPlanePrincipal, props.diskEncryptionSet, reader.id, "diskEncryption.diskEncryptionSet");
  if (props.keyVault !== undefined) {
    const g = DISK_ENCRYPTION_SET_GRANTS.KeyVaultCryptoServiceEncryptionUser;
    cluster.grants.fromCatalog(g, setPrincipal(cluster.node.path, props), props.keyVault, g.id, "diskEncryption.keyVault");
  }
}
