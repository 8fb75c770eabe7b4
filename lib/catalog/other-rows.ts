import { CatalogRow, catalogRow, NO_IDENTITY } from "./row";

/** Article rows with no switch in this library: add-ons that need no identity, and aad-pod-identity. */
export const OTHER_ROWS: readonly CatalogRow[] = Object.freeze([
  catalogRow({ ...NO_IDENTITY, order: 3, key: "azureNpm", kind: "addon", name: "AzureNPM", status: "no-identity", enableWith: "azurerm `network_profile.network_policy = \"azure\"` (not a prop of this library)" }),
  catalogRow({ ...NO_IDENTITY, order: 4, key: "azureCniNetworkMonitoring", kind: "addon", name: "AzureCNI network monitoring", status: "no-identity", enableWith: "comes with Azure CNI (`network.plugin: \"azure\"`)" }),
  catalogRow({ ...NO_IDENTITY, order: 5, key: "azurePolicyGatekeeper", kind: "addon", name: "azure-policy (gatekeeper)", status: "no-identity", enableWith: "installed by azure-policy (`addons.azurePolicy: true`)" }),
  catalogRow({ ...NO_IDENTITY, order: 7, key: "calico", kind: "addon", name: "Calico", status: "no-identity", enableWith: "azurerm `network_profile.network_policy = \"calico\"` (not a prop of this library)" }),
  catalogRow({
    key: "aadPodIdentity",
    kind: "oss-project",
    name: "aad-pod-identity",
    identity: "yours (AzureIdentity resources)",
    useCase: "Enables applications to access cloud resources securely with Azure Active Directory (AAD)",
    defaultPermissions: "NA",
    aksDefaults: [],
    bringYourOwn: "Steps to grant permission in the project's role assignment guide",
    inArticle: true,
    order: 15,
    status: "deprecated",
    replacement: "workload identity (`WorkloadIdentity`)",
    enableWith: "install it yourself; `PodIdentityException` or `micExceptionYaml()` excludes AKS's system pods",
    grants: [],
    note: "Deprecated upstream: use a workload identity. If you still run it, its NMI pods intercept every IMDS call, so AKS's system pods need the exception.",
  }),
]);
