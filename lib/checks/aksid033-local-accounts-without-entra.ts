import { block } from "../terraform-json/blocks";
import { GuardrailRule } from "./rule";

/** Rule 33: local accounts off without Microsoft Entra ID locks everyone out (aks-docs local-accounts.md). */
export const AKSID033: GuardrailRule = {
  id: "AKSID033",
  level: "error",
  message: "local_account_disabled = true without Microsoft Entra ID integration leaves no way to sign in to the cluster.",
  why: "\"On clusters without Microsoft Entra integration enabled and properties.disableLocalAccounts set to true, any attempt to authenticate with user or admin credentials will fail.\"",
  fix: "add azure_active_directory_role_based_access_control { tenant_id, azure_rbac_enabled = true } (AksCluster: entraId), or keep local accounts.",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    if (cluster.config.local_account_disabled !== true || block(cluster.config.azure_active_directory_role_based_access_control)) return [];
    return [{ element: cluster, attribute: "local_account_disabled", value: true }];
  }),
};
