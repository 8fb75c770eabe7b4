import { Roles } from "../roles";
import { block } from "../terraform-json/blocks";
import { isUnknown } from "../terraform-json/expressions";
import { clusterScope } from "./key-vault-access";
import { GuardrailRule, RuleFinding } from "./rule";

const AKS_RBAC = [Roles.AKS_RBAC_READER, Roles.AKS_RBAC_WRITER, Roles.AKS_RBAC_ADMIN, Roles.AKS_RBAC_CLUSTER_ADMIN];

/**
 * Rule 34: the "Azure Kubernetes Service RBAC" roles authorize the Kubernetes API only with
 * Azure RBAC for Kubernetes authorization; Cluster Admin has no namespace scope
 * (aks-docs entra-id-authorization.md).
 */
export const AKSID034: GuardrailRule = {
  id: "AKSID034",
  level: "error",
  message: "An Azure Kubernetes Service RBAC role is granted on a cluster without Azure RBAC for Kubernetes authorization, or Cluster Admin is scoped to a namespace.",
  why: "Without azure_rbac_enabled the API server never asks Azure, so the grant gives nothing while looking like access control; Cluster Admin spans every namespace.",
  fix: "set azure_active_directory_role_based_access_control { azure_rbac_enabled = true } on the cluster (AksCluster: entraId, then grantKubernetesAccess), and grant Cluster Admin on the cluster, Admin in a namespace.",
  check: (stack) => stack.roleAssignments.flatMap((ra): RuleFinding[] => {
    if (!ra.role || !AKS_RBAC.includes(ra.role)) return [];
    const target = clusterScope(stack, ra.scope);
    if (!target) return [];
    const rbac = block(target.cluster.config.azure_active_directory_role_based_access_control)?.azure_rbac_enabled;
    if (rbac !== true && !isUnknown(rbac)) {
      return [{ element: ra.element, attribute: "scope", value: ra.scope,
        message: `${ra.role.name} is granted on ${target.cluster.address}, which has no Azure RBAC for Kubernetes authorization (azure_rbac_enabled is not true), so the role authorizes nothing.` }];
    }
    if (ra.role === Roles.AKS_RBAC_CLUSTER_ADMIN && target.namespace !== undefined) {
      return [{ element: ra.element, attribute: "scope", value: ra.scope,
        message: "Azure Kubernetes Service RBAC Cluster Admin gives full control of every namespace; a namespace scope does not limit it as intended.",
        fix: "grant Azure Kubernetes Service RBAC Admin in the namespace, or Cluster Admin on the cluster." }];
    }
    return [];
  }),
};
