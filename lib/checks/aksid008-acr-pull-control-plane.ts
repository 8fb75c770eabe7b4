import { Roles } from "../roles";
import { GuardrailRule } from "./rule";

/** Rule 8: AcrPull belongs to the kubelet identity, not the control plane. */
export const AKSID008: GuardrailRule = {
  id: "AKSID008",
  level: "error",
  message: "AcrPull is granted to a cluster's control-plane identity, but the kubelet identity pulls images, so pulls fail with 401.",
  why: "The kubelet authenticates to the registry with its own identity; a grant to the control plane does nothing for image pulls (Azure/AKS #1349).",
  fix: "grant AcrPull to the kubelet identity: azurerm_kubernetes_cluster.<name>.kubelet_identity[0].object_id or the bring-your-own kubelet identity's principal_id (AksCluster.attachContainerRegistry).",
  check: (stack) => stack.roleAssignments.flatMap((ra) => {
    if (ra.role !== Roles.ACR_PULL) return [];
    const owner = stack.principalOwner(ra.principalId);
    const principal = ra.principalKey;
    const cluster = owner?.kind === "control-plane" ? owner.element
      : principal === undefined ? undefined
        : stack.clusters.find((c) => stack.identityType(c) === "UserAssigned" && stack.controlPlanePrincipals(c).keys.has(principal));
    if (!cluster) return [];
    return [{ element: ra.element, attribute: "principal_id", value: ra.principalId,
      message: `AcrPull is granted to the control-plane identity of ${cluster.address}, but its kubelet identity pulls images, so pulls fail with 401.` }];
  }),
};
