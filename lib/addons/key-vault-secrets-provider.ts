import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { Annotations, TerraformDataSource } from "cdktf";
import { CatalogGrant, catalogRow } from "../catalog/row";
import { AksIdentityError } from "../errors";
import { GrantScope } from "../grant-scope";
import { staticKey } from "../private/id-parts";
import { validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import { Roles } from "../roles";
import { AddonContext, AddonDefinition, AddonGrantContext, AddonGrantRequest, firstIdentity } from "./addon";

const VAULT_EXAMPLE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.KeyVault/vaults/myKeyVault";

/** A key vault (RBAC mode) the Secrets Store CSI driver reads with the add-on's identity. */
export interface KeyVaultAccess {
  /** The vault: a construct or its resource ID. */
  readonly vault: GrantScope;
  /** Also grant Key Vault Certificate User, for `objectType: cert`. @default false */
  readonly certificates?: boolean;
  /** Static key for the grants' construct ids. @default - the construct's id or the vault's name */
  readonly key?: string;
}

/** `az aks enable-addons --addons azure-keyvault-secrets-provider`. */
export interface KeyVaultSecretsProviderProps {
  /** Vaults the add-on's identity may read. @default - none: grant access yourself */
  readonly keyVaults?: KeyVaultAccess[];
  /** `--enable-secret-rotation`. @default false */
  readonly secretRotation?: boolean;
  /** `--rotation-poll-interval`, like "2m". @default - AKS's "2m" */
  readonly rotationPollInterval?: string;
}

function config(ctx: AddonContext, props: KeyVaultSecretsProviderProps): Partial<KubernetesClusterConfig> {
  (props.keyVaults ?? []).forEach((v, i) => {
    const prop = `addons.keyVaultSecretsProvider.keyVaults[${i}]`;
    if (v === null || typeof v !== "object" || v.vault === undefined) {
      throw new AksIdentityError({
        path: ctx.path,
        prop,
        received: v,
        problem: "Each entry is { vault, certificates?, key? }.",
        fix: "pass { vault: keyVault }.",
      });
    }
    validateScope(ctx.path, `${prop}.vault`, v.vault, "Microsoft.KeyVault/vaults", VAULT_EXAMPLE);
    if (v.certificates !== undefined && typeof v.certificates !== "boolean") {
      throw new AksIdentityError({
        path: ctx.path,
        prop: `${prop}.certificates`,
        received: v.certificates,
        problem: "Expected true or false.",
        fix: "set certificates: true to also grant Key Vault Certificate User.",
      });
    }
    staticKey(ctx.path, `${prop}.vault`, v.vault, v.key);
    if (usesAccessPolicies(v.vault)) {
      Annotations.of(ctx.scope).addWarning(
        `[${ctx.path}] ${prop}.vault: key vault ${(v.vault as unknown as { node: { path: string } }).node.path} does not set rbacAuthorizationEnabled, so it uses access policies and the Key Vault role grants have no effect. Fix: set rbacAuthorizationEnabled: true on the vault, or give the add-on identity an access policy instead.`,
      );
    }
  });
  if (props.secretRotation !== undefined && typeof props.secretRotation !== "boolean") {
    throw new AksIdentityError({
      path: ctx.path,
      prop: "addons.keyVaultSecretsProvider.secretRotation",
      received: props.secretRotation,
      problem: "Expected true or false.",
      fix: "set secretRotation: true to turn rotation on.",
    });
  }
  if (props.rotationPollInterval === "" || (isLiteral(props.rotationPollInterval) && !/^(\d+h)?(\d+m)?(\d+s)?$/.test(props.rotationPollInterval))) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: "addons.keyVaultSecretsProvider.rotationPollInterval",
      received: props.rotationPollInterval,
      problem: "Expected a duration like \"2m\" or \"1h30m\".",
      fix: "fix the duration.",
    });
  }
  // azurerm needs one of the two rotation settings written out.
  return { keyVaultSecretsProvider: { secretRotationEnabled: props.secretRotation ?? false, secretRotationInterval: props.rotationPollInterval } };
}

/** True for a vault this stack creates without Azure RBAC (azurerm's default is access policies). */
function usesAccessPolicies(vault: GrantScope): boolean {
  if (typeof vault !== "object" || (vault as { terraformResourceType?: unknown }).terraformResourceType !== "azurerm_key_vault") return false;
  // A looked-up vault (data source) is someone else's to configure: its mode is unknown here, and a data source cannot set it.
  if (TerraformDataSource.isTerraformDataSource(vault)) return false;
  const v = vault as { rbacAuthorizationEnabledInput?: unknown; enableRbacAuthorizationInput?: unknown };
  const rbac = v.rbacAuthorizationEnabledInput ?? v.enableRbacAuthorizationInput;
  return rbac === undefined || rbac === false;
}

/** Key Vault Secrets User (and Certificate User when asked) on each vault. */
function grants(ctx: AddonGrantContext, props: KeyVaultSecretsProviderProps): AddonGrantRequest[] {
  return (props.keyVaults ?? []).flatMap((v, i) => {
    const key = staticKey(ctx.path, `addons.keyVaultSecretsProvider.keyVaults[${i}].vault`, v.vault, v.key);
    const requests: AddonGrantRequest[] = [{ grant: GRANTS.KeyVaultSecretsUser, scope: v.vault, key }];
    if (v.certificates) requests.push({ grant: GRANTS.KeyVaultCertificateUser, scope: v.vault, key });
    return requests;
  });
}

const VAULT = ["Microsoft.KeyVault/vaults"];
const GRANTS = {
  KeyVaultSecretsUser: { id: "KeyVaultSecretsUser", role: Roles.KEY_VAULT_SECRETS_USER, scope: "each key vault (RBAC mode)", scopeTypes: VAULT, when: "`keyVaults` entry", reason: "the Secrets Store CSI driver reads secrets from this key vault for pods", source: "aks-docs articles/aks/csi-secrets-store-identity-access.md" },
  KeyVaultCertificateUser: { id: "KeyVaultCertificateUser", role: Roles.KEY_VAULT_CERTIFICATE_USER, scope: "each key vault (RBAC mode)", scopeTypes: VAULT, when: "`keyVaults` entry with `certificates: true`", reason: "the Secrets Store CSI driver reads certificates from this key vault for pods", source: "aks-docs articles/aks/csi-secrets-store-identity-access.md" },
} satisfies Record<string, CatalogGrant>;

/** The Secrets Store CSI driver for Key Vault. */
export const KEY_VAULT_SECRETS_PROVIDER = {
  key: "keyVaultSecretsProvider",
  takes: "settings",
  idPrefix: "KeyVaultSecretsProvider",
  catalog: catalogRow({
    key: "keyVaultSecretsProvider",
    kind: "addon",
    name: "azure-keyvault-secrets-provider",
    identity: "`azurekeyvaultsecretsprovider-<cluster>`",
    useCase: "Mounts Key Vault secrets and certificates into pods (Secrets Store CSI driver)",
    defaultPermissions: "NA",
    azurermName: "key_vault_secrets_provider",
    aksDefaults: [],
    bringYourOwn: "No (use a workload identity instead)",
    inArticle: false,
    order: 13,
    status: "supported",
    enableWith: "`addons.keyVaultSecretsProvider: { keyVaults }`",
    exportedIdentity: "`key_vault_secrets_provider[0].secret_identity[0]`",
    grants: Object.values(GRANTS),
    note: "Every pod on the nodes can use this identity; prefer a workload identity per application.",
  }),
  config,
  identity: {
    block: "key_vault_secrets_provider",
    attribute: "secret_identity",
    output: "key_vault_secrets_provider",
    query: "addonProfiles.azureKeyvaultSecretsProvider.identity",
    attributes: (resource) => firstIdentity(resource.keyVaultSecretsProvider.secretIdentity),
  },
  grants,
} satisfies AddonDefinition<"keyVaultSecretsProvider", KeyVaultSecretsProviderProps>;
