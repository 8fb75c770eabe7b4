import { Roles } from "../roles";
import { CatalogGrant, catalogRow } from "./row";

/** The kubelet identity's grants, one entry each. */
export const KUBELET_GRANTS = Object.freeze({
  AcrPull: {
    id: "AcrPull",
    role: Roles.ACR_PULL,
    scope: "the container registry",
    scopeTypes: ["Microsoft.ContainerRegistry/registries"],
    when: "`containerRegistries` / `attachContainerRegistry(registry)`",
    reason: "kubelet pulls images from this registry (az aks --attach-acr)",
    source: "aks-docs articles/aks/managed-identity-overview.md (Summary: Kubelet); azure-cli acs/managed_cluster_decorator.py process_attach_acr",
  },
} satisfies Record<string, CatalogGrant>);

export const KUBELET_ROW = catalogRow({
  key: "kubelet",
  kind: "kubelet",
  name: "AKS Cluster Name-agentpool",
  identity: "`<cluster>-agentpool`, or your user-assigned identity",
  useCase: "Authentication with Azure Container Registry (ACR)",
  defaultPermissions: "NA (for kubernetes v1.15+)",
  aksDefaults: [],
  bringYourOwn: "Supported today (`kubeletIdentity`, with a user-assigned control plane); the article says not currently supported",
  inArticle: true,
  order: 2,
  status: "supported",
  enableWith: "always on; `kubeletIdentity: identity` to bring your own",
  exportedIdentity: "`kubelet_identity[0]`",
  grants: Object.values(KUBELET_GRANTS),
  note: "AcrPull goes to the kubelet identity, never the control plane's. Adding or changing a bring-your-own kubelet identity replaces the cluster.",
});
