import type { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { Annotations } from "cdktf";
import { AksIdentityError } from "../errors";
import { staticKey } from "../private/id-parts";
import { validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import { GrantScope, RoleGrant } from "../role-grant";
import { AddonContext, AddonGrantTarget, grantFromCatalog } from "./addon";
import { AddonIdentity, AddonIdentityAttributes } from "./addon-identity";

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

export function keyVaultSecretsProviderConfig(ctx: AddonContext, props: KeyVaultSecretsProviderProps): Partial<KubernetesClusterConfig> {
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

/** True for a vault construct that is known not to use Azure RBAC (azurerm's default is access policies). */
function usesAccessPolicies(vault: GrantScope): boolean {
  if (typeof vault !== "object" || (vault as { terraformResourceType?: unknown }).terraformResourceType !== "azurerm_key_vault") return false;
  const v = vault as { rbacAuthorizationEnabledInput?: unknown; enableRbacAuthorizationInput?: unknown };
  const rbac = v.rbacAuthorizationEnabledInput ?? v.enableRbacAuthorizationInput;
  return rbac === undefined || rbac === false;
}

export function keyVaultSecretsProviderIdentity(resource: KubernetesCluster): AddonIdentityAttributes {
  const i = resource.keyVaultSecretsProvider.secretIdentity.get(0);
  return { clientId: i.clientId, objectId: i.objectId, userAssignedIdentityId: i.userAssignedIdentityId };
}

/** Key Vault Secrets User (and Certificate User when asked) on each vault. */
export function grantKeyVaultSecretsProvider(target: AddonGrantTarget, identity: AddonIdentity, props: KeyVaultSecretsProviderProps, path: string): RoleGrant[] {
  return (props.keyVaults ?? []).flatMap((v, i) => {
    const key = staticKey(path, `addons.keyVaultSecretsProvider.keyVaults[${i}].vault`, v.vault, v.key);
    const grants = [grantFromCatalog(target, identity, "KeyVaultSecretsUser", v.vault, key)];
    if (v.certificates) grants.push(grantFromCatalog(target, identity, "KeyVaultCertificateUser", v.vault, key));
    return grants;
  });
}
