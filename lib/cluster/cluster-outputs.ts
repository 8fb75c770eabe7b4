import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { IPrincipal } from "../grants/principal";
import { ClusterIdentity } from "../identities/cluster-identity";
import { namedOutput } from "../private/outputs";

/** What `az aks show` prints about identities, plus the credentials (`az aks get-credentials`). */
export function addClusterOutputs(cluster: Construct, prefix: string, r: KubernetesCluster, identity: ClusterIdentity, controlPlane: IPrincipal): void {
  const out = (name: string, value: unknown, description: string, sensitive = false) =>
    namedOutput(cluster, `Output-${name}`, `${prefix}_${name}`, value, description, sensitive);
  const uaId = identity.userAssignedIdentity?.id;
  out("control_plane_identity", identity.type === "ServicePrincipal"
    ? { type: "ServicePrincipal", client_id: identity.servicePrincipal!.clientId }
    : {
      type: identity.type,
      principal_id: identity.type === "SystemAssigned" ? r.identity.principalId : controlPlane.principalId,
      tenant_id: identity.type === "SystemAssigned" ? r.identity.tenantId : identity.userAssignedIdentity!.tenantId,
      user_assigned_identity_ids: uaId ? [uaId] : [],
    },
  "az aks show --query identity");
  out("service_principal_client_id", identity.type === "ServicePrincipal" ? identity.servicePrincipal!.clientId : "msi",
    "az aks show --query servicePrincipalProfile.clientId: \"msi\" for a managed-identity cluster");
  // one(): null while there is no kubelet identity (a service-principal cluster, or a migrated
  // one before its node images are upgraded); kubelet_identity[0] would fail the apply there.
  out("kubelet_identity", Fn.one(r.interpolationForAttribute("kubelet_identity")),
    "az aks show --query identityProfile.kubeletidentity: client_id, object_id, user_assigned_identity_id (null without one)");
  out("node_resource_group", r.nodeResourceGroup, "az aks show --query nodeResourceGroup");
  out("node_resource_group_id", r.nodeResourceGroupId, "resource ID of the node resource group");
  out("kube_config", r.kubeConfigRaw, "az aks get-credentials: the kubeconfig (sensitive)", true);
}
