import { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { IPrincipal, principal } from "../grants/principal";
import { ClusterIdentity } from "../identities/cluster-identity";
import { IUserAssignedManagedIdentity } from "../identities/user-assigned-managed-identity";
import { isLiteral } from "../private/validate";

/** The control plane's principal: the system-assigned identity (after create), your identity, or the service principal. */
export function controlPlanePrincipal(clusterName: string, identity: ClusterIdentity, resource: KubernetesCluster): IPrincipal {
  const what = `control-plane identity of ${clusterName}`;
  const base = { principalType: "ServicePrincipal" as const, identityKind: "control-plane" as const };
  switch (identity.type) {
    case "SystemAssigned":
      return principal({ ...base, principalId: resource.identity.principalId, isManagedIdentity: true, createdByAks: true, description: `system-assigned ${what}` });
    case "UserAssigned": {
      const uai = identity.userAssignedIdentity!;
      return principal({ ...base, principalId: uai.principalId, isManagedIdentity: true, createdByAks: false,
        description: `user-assigned ${what}${isLiteral(uai.name) ? ` (${uai.name})` : ""}` });
    }
    case "ServicePrincipal":
      return principal({ ...base, principalId: identity.servicePrincipal!.objectId ?? "", isManagedIdentity: false, createdByAks: false,
        description: `service principal of ${clusterName}` });
  }
}

/** The kubelet's principal: your identity, the AKS-made `<cluster>-agentpool` (after create), or the service principal. */
export function kubeletPrincipal(clusterName: string, controlPlane: IPrincipal, servicePrincipal: boolean, resource: KubernetesCluster,
  byo?: IUserAssignedManagedIdentity): IPrincipal {
  const base = { principalType: "ServicePrincipal" as const, identityKind: "kubelet" as const };
  if (byo) {
    return principal({ ...base, principalId: byo.principalId, isManagedIdentity: true, createdByAks: false,
      description: `bring-your-own kubelet identity of ${clusterName}${isLiteral(byo.name) ? ` (${byo.name})` : ""}` });
  }
  if (servicePrincipal) {
    // A service-principal cluster's kubelets authenticate as the service principal.
    return principal({ ...controlPlane, identityKind: "kubelet", description: `service principal of ${clusterName} (used by its kubelets)` });
  }
  return principal({ ...base, principalId: resource.kubeletIdentity.objectId, isManagedIdentity: true, createdByAks: true,
    description: `kubelet identity of ${clusterName} (${clusterName}-agentpool, made by AKS)` });
}

/** azurerm's identity, kubelet_identity and service_principal blocks. */
export function identityConfig(identity: ClusterIdentity, kubelet?: IUserAssignedManagedIdentity): Partial<KubernetesClusterConfig> {
  const kubeletIdentity = kubelet
    ? { clientId: kubelet.clientId, objectId: kubelet.principalId, userAssignedIdentityId: kubelet.id }
    : undefined;
  switch (identity.type) {
    case "SystemAssigned":
      return { identity: { type: "SystemAssigned" } };
    case "UserAssigned":
      return { identity: { type: "UserAssigned", identityIds: [identity.userAssignedIdentity!.id] }, kubeletIdentity };
    case "ServicePrincipal":
      return { servicePrincipal: { clientId: identity.servicePrincipal!.clientId, clientSecret: identity.servicePrincipal!.clientSecret } };
  }
}
