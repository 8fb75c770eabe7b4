import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { CONTROL_PLANE_GRANTS } from "../catalog/control-plane";
import { KEY_VAULT_ACCESS_POLICIES } from "../catalog/key-vault-access-policies";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { ClusterIdentity } from "../identities/cluster-identity";
import { KeyVaultPermissionModel, permissionModel, tenantOfVault, VAULT_EXAMPLE, vaultNameOf } from "../private/key-vault";
import { validateGuid, validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import type { SecurityHost } from "./security-host";

export type KmsNetworkAccess = "public" | "private";

/**
 * KMS etcd encryption with a key in Azure Key Vault (`az aks create --enable-azure-keyvault-kms`):
 * the legacy flow of aks-docs use-kms-etcd-encryption.md, the one azurerm 4.55 expresses.
 * Needs a user-assigned control-plane identity, which is granted on the vault before the cluster.
 */
export interface KmsProps {
  /**
   * The key (`--azure-keyvault-kms-key-id`): its versioned ID
   * `https://<vault>.vault.azure.net/keys/<name>/<version>`, or the azurerm_key_vault_key
   * construct (its `id` is versioned; `versionlessId` is refused by azurerm).
   */
  readonly key: string | { readonly id: string };
  /** The vault holding the key: a construct or its resource ID. */
  readonly keyVault: GrantScope;
  /**
   * `--azure-keyvault-kms-key-vault-network-access`. "private" needs API server VNet
   * integration on the cluster (guardrail AKSID031 checks it) and gives the control plane
   * Key Vault Contributor on the vault for the private link.
   * @default "public"
   */
  readonly networkAccess?: KmsNetworkAccess;
  /**
   * How the vault authorizes: "rbac" grants Key Vault Crypto User, "accessPolicy" writes an
   * access policy with key permissions Encrypt and Decrypt.
   * @default - the vault construct's setting; "rbac" for a vault given by ID
   */
  readonly permissionModel?: KeyVaultPermissionModel;
  /**
   * The vault's tenant, for an access policy.
   * @default - the vault construct's tenant, else the control-plane identity's
   */
  readonly tenantId?: string;
}

// azurerm 4.55 validates key_vault_key_id with keyVaultValidate.NestedItemId, which refuses an ID
// without a version ("expected a key vault versioned ID"; internal/services/keyvault/parse/nested_item.go).
const VERSIONED_KEY = /^https:\/\/([^./]+)\.[^/]+\/keys\/[^/]+\/[^/]+\/?$/i;
const KEY_EXAMPLE = "https://myKeyVault.vault.azure.net/keys/myKey/0123456789abcdef0123456789abcdef";

function keyIdOf(props: KmsProps): unknown {
  const key = props.key;
  return typeof key === "object" && key !== null ? key.id : key;
}

/** The cluster's key_management_service block; checks the props. */
export function kmsConfig(path: string, identity: ClusterIdentity, props: KmsProps | undefined): Partial<KubernetesClusterConfig> {
  if (props === undefined) return {};
  if (typeof props !== "object" || props === null) {
    throw new AksIdentityError({ path, prop: "kms", received: props, problem: "Expected { key, keyVault, networkAccess? }.", fix: "pass the KMS key and its vault." });
  }
  if (identity.type !== "UserAssigned") {
    throw new AksIdentityError({
      path,
      prop: "kms",
      received: `KMS etcd encryption with a ${identity.type} control plane`,
      problem: "KMS etcd encryption needs a user-assigned control-plane identity: the vault access must exist before the feature is turned on, and a system-assigned identity exists only once the cluster does (aks-docs use-kms-etcd-encryption.md, Limitations).",
      fix: "set identity: ClusterIdentity.userAssigned(new UserAssignedManagedIdentity(...)); the library grants it on the vault before the cluster.",
    });
  }
  const keyId = keyIdOf(props);
  if (typeof keyId !== "string" || (isLiteral(keyId) && !VERSIONED_KEY.test(keyId))) {
    throw new AksIdentityError({
      path,
      prop: "kms.key",
      received: keyId,
      problem: `Expected the key's versioned ID, like ${KEY_EXAMPLE}: azurerm refuses an ID without a version ("expected a key vault versioned ID").`,
      fix: "pass the azurerm_key_vault_key construct (its id is versioned), or az keyvault key show --query key.kid.",
    });
  }
  if (props.keyVault === undefined || props.keyVault === null) {
    throw new AksIdentityError({ path, prop: "kms.keyVault", received: props.keyVault, problem: "The control plane is granted on the key's vault.", fix: "pass the vault holding the key: an azurerm_key_vault construct or its resource ID." });
  }
  validateScope(path, "kms.keyVault", props.keyVault, "Microsoft.KeyVault/vaults", VAULT_EXAMPLE);
  const vaultName = vaultNameOf(props.keyVault);
  const keyVaultName = isLiteral(keyId) ? VERSIONED_KEY.exec(keyId)![1].toLowerCase() : undefined;
  if (vaultName !== undefined && keyVaultName !== undefined && vaultName !== keyVaultName) {
    throw new AksIdentityError({
      path,
      prop: "kms.keyVault",
      received: scopeId(props.keyVault),
      problem: `The key is in the vault "${keyVaultName}" (its URL), not in "${vaultName}": the control plane would be granted on the wrong vault.`,
      fix: "pass the vault that holds the key.",
    });
  }
  const access = props.networkAccess ?? "public";
  if (access !== "public" && access !== "private") {
    throw new AksIdentityError({ path, prop: "kms.networkAccess", received: props.networkAccess, problem: "Allowed: \"public\" or \"private\".", fix: "use one of the allowed values (azurerm's Public / Private)." });
  }
  permissionModel(path, "kms.permissionModel", props.keyVault, props.permissionModel);
  if (props.tenantId !== undefined) validateGuid(path, "kms.tenantId", props.tenantId, "vault's tenant ID", "pass az keyvault show --query properties.tenantId.");
  return { keyManagementService: { keyVaultKeyId: keyId, keyVaultNetworkAccess: access === "private" ? "Private" : "Public" } };
}

/**
 * A private vault is reached only through API server VNet integration: "If a cluster has KMS
 * turned on and has a private key vault, it must use the API Server VNet Integration tunnel.
 * Konnectivity isn't supported." (aks-docs use-kms-etcd-encryption.md, Limitations)
 */
export function validateKmsNetworkAccess(path: string, props: KmsProps | undefined, apiServerVnetIntegration: boolean): void {
  if (props?.networkAccess !== "private" || apiServerVnetIntegration) return;
  throw new AksIdentityError({
    path,
    prop: "kms.networkAccess",
    received: "private",
    problem: "KMS reaches a private key vault only through API server VNet integration (Konnectivity isn't supported), and the cluster has none.",
    fix: "set apiServer: { vnetIntegration: true } (or apiServer: { subnet } in your own VNet), or keep the vault public.",
  });
}

/** Key Vault Crypto User (or an access policy) and, for a private vault, Key Vault Contributor: before the cluster. */
export function kmsGrants(cluster: SecurityHost, props: KmsProps | undefined): void {
  if (props === undefined) return;
  const path = cluster.node.path;
  const cp = cluster.controlPlanePrincipal;
  if (permissionModel(path, "kms.permissionModel", props.keyVault, props.permissionModel) === "rbac") {
    const g = CONTROL_PLANE_GRANTS.KmsKeyVaultCryptoUser;
    cluster.grants.fromCatalog(g, cp, props.keyVault, g.id, "kms.keyVault");
  } else {
    // An identity from fromAttributes without a tenant says "".
    const tenantId = props.tenantId ?? tenantOfVault(props.keyVault) ?? (cluster.identity.userAssignedIdentity?.tenantId || undefined);
    if (tenantId === undefined) {
      throw new AksIdentityError({
        path,
        prop: "kms.tenantId",
        received: undefined,
        problem: "An access policy names the vault's tenant, and neither the vault nor the identity tells it.",
        fix: "pass kms.tenantId (az keyvault show --query properties.tenantId).",
      });
    }
    cluster.grants.accessPolicy(KEY_VAULT_ACCESS_POLICIES.KmsKeyEncryptDecrypt, cp, props.keyVault, tenantId);
  }
  if ((props.networkAccess ?? "public") === "private") {
    const g = CONTROL_PLANE_GRANTS.KmsKeyVaultContributor;
    cluster.grants.fromCatalog(g, cp, props.keyVault, g.id, "kms.networkAccess");
  }
}
