import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { AksIdentityError } from "../errors";
import { validateGuid } from "../private/resource-id";
import { KubeAuthentication, KubeloginMode, validateKubeloginMode } from "./kube-credentials";

/**
 * AKS-managed Microsoft Entra ID integration (`az aks create --enable-aad`): users sign in with
 * Entra ID, and with `azureRbac` Azure role assignments authorize the Kubernetes API
 * (`cluster.grantKubernetesAccess`). azurerm 4.55 always sends `managed: true` for this block.
 */
export interface EntraIdProps {
  /**
   * The tenant users sign in from (`--aad-tenant-id`). azurerm needs it or `adminGroupObjectIds`.
   * @default - none (then adminGroupObjectIds is required)
   */
  readonly tenantId?: string;
  /** Entra groups with cluster-admin access (`--aad-admin-group-object-ids`). @default - none */
  readonly adminGroupObjectIds?: string[];
  /** Azure RBAC for Kubernetes authorization (`--enable-azure-rbac`): needed by grantKubernetesAccess. @default true */
  readonly azureRbac?: boolean;
  /**
   * `--disable-local-accounts`: no static admin credentials, every sign-in through Entra ID and
   * audited. The kube_admin_config output becomes empty; the user kubeconfig needs kubelogin.
   * @default true
   */
  readonly localAccountsDisabled?: boolean;
  /** How the library's kubernetes provider (the pod identity exception's) signs in with kubelogin. @default "azurecli" */
  readonly kubeloginMode?: KubeloginMode;
}

/** The azure_active_directory_role_based_access_control block and local_account_disabled; checks the props. */
export function entraIdConfig(path: string, props: EntraIdProps | undefined): Partial<KubernetesClusterConfig> {
  if (props === undefined) return {};
  if (typeof props !== "object" || props === null) {
    throw new AksIdentityError({ path, prop: "entraId", received: props, problem: "Expected { tenantId?, adminGroupObjectIds?, azureRbac?, localAccountsDisabled? }.", fix: "pass e.g. { tenantId }." });
  }
  if (props.tenantId !== undefined) validateGuid(path, "entraId.tenantId", props.tenantId, "tenant ID", "pass az account show --query tenantId.");
  const groups = props.adminGroupObjectIds;
  if (groups !== undefined && !Array.isArray(groups)) {
    throw new AksIdentityError({ path, prop: "entraId.adminGroupObjectIds", received: groups, problem: "Expected an array of group object IDs.", fix: "wrap it in brackets, e.g. [\"00000000-0000-0000-0000-000000000000\"]." });
  }
  (groups ?? []).forEach((g, i) => validateGuid(path, `entraId.adminGroupObjectIds[${i}]`, g, "group's object ID", "pass az ad group show --group <name> --query id."));
  if (props.tenantId === undefined && (groups ?? []).length === 0) {
    throw new AksIdentityError({
      path,
      prop: "entraId",
      received: props,
      problem: "azurerm needs tenant_id or admin_group_object_ids in azure_active_directory_role_based_access_control (AtLeastOneOf).",
      fix: "pass tenantId (az account show --query tenantId), adminGroupObjectIds, or both.",
    });
  }
  for (const flag of ["azureRbac", "localAccountsDisabled"] as const) {
    if (props[flag] !== undefined && typeof props[flag] !== "boolean") {
      throw new AksIdentityError({ path, prop: `entraId.${flag}`, received: props[flag], problem: "Expected true or false.", fix: "omit it for the default (true)." });
    }
  }
  validateKubeloginMode(path, "entraId.kubeloginMode", props.kubeloginMode);
  return {
    azureActiveDirectoryRoleBasedAccessControl: { tenantId: props.tenantId, adminGroupObjectIds: groups, azureRbacEnabled: props.azureRbac ?? true },
    localAccountDisabled: props.localAccountsDisabled ?? true,
  };
}

/** How the library's kubernetes provider signs in to this cluster; undefined for a local-account cluster. */
export function entraAuthentication(props: EntraIdProps | undefined): KubeAuthentication | undefined {
  return props === undefined ? undefined : { kubeloginMode: props.kubeloginMode ?? "azurecli" };
}
