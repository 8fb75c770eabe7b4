import { BuiltInRole, Roles } from "../roles";

/**
 * The article's "Summary of managed identities" table, row by row, plus what is true
 * today and what this library grants. The add-on code reads its roles and reasons from
 * here, and the README's identity table is generated from it (`npm run docs`).
 */

/** The article's first column. */
export type IdentityKind = "Control plane" | "Kubelet" | "Add-on" | "OSS project" | "Workload";

/**
 * - `supported`: the library enables it and makes its grants.
 * - `no-identity`: AKS runs it without an identity; nothing to grant.
 * - `retired`: AKS retired it; enabling it warns and names the replacement.
 * - `deprecated`: still usable, replaced by something else.
 */
export type CatalogStatus = "supported" | "no-identity" | "retired" | "deprecated";

/** One role assignment the library makes when the identity reaches a resource outside the node resource group. */
export interface CatalogGrant {
  /** Construct-id stem of the grant: part of its Terraform address, so never renamed. */
  readonly id: string;
  readonly role: BuiltInRole;
  /** The scope, in words. */
  readonly scope: string;
  /** When the library makes it. */
  readonly when: string;
  /** Why it exists: written to the role assignment's description. */
  readonly reason: string;
}

/**
 * A role assignment AKS (the resource provider) makes for the identity by itself: the article's
 * "Default permissions" column, structured. The identity report lists them. Grants `az aks`
 * makes from the command line are not here: in Terraform nobody makes them unless this library
 * does (`grants`), and then they are ordinary role assignments.
 */
export interface AksDefaultGrant {
  readonly role: BuiltInRole;
  /** Where, in words: AKS makes it, so there is no Terraform address. */
  readonly scope: string;
  readonly note?: string;
  /** Only for a managed identity: AKS gives a service principal nothing, it holds what its owner gave it. */
  readonly managedIdentityOnly?: boolean;
}

export interface ManagedIdentityEntry {
  readonly key: CatalogKey;
  readonly kind: IdentityKind;
  /** The article's "Identity Name" column (for add-ons, the add-on's name). */
  readonly name: string;
  /** The managed identity AKS creates for it today, `<cluster>` standing for the cluster's name. */
  readonly identity: string;
  /** The article's "Use case" column. */
  readonly useCase: string;
  /** The article's "Default permissions" column: what AKS gives the identity by itself. */
  readonly defaultPermissions: string;
  /** The same, structured (what the identity report lists); empty for "NA". */
  readonly aksDefaults: readonly AksDefaultGrant[];
  /** The azurerm_kubernetes_cluster block (or `<name>_enabled` flag) that turns the add-on on. */
  readonly azurermName?: string;
  /** The article's "Bring your own identity" column, corrected where today differs. */
  readonly bringYourOwn: string;
  /** False for rows this library adds beyond the article's table. */
  readonly inArticle: boolean;
  readonly status: CatalogStatus;
  /** For retired and deprecated rows: what to use instead. */
  readonly replacement?: string;
  /** How to turn it on with this library. */
  readonly enableWith: string;
  /** The azurerm attribute that exports the identity. */
  readonly exportedIdentity?: string;
  readonly grants: readonly CatalogGrant[];
  /** Where today differs from the article, or what else to know. */
  readonly note?: string;
}

export type CatalogKey =
  | "controlPlane"
  | "kubelet"
  | "azureNpm"
  | "azureCniNetworkMonitoring"
  | "azurePolicyGatekeeper"
  | "azurePolicy"
  | "calico"
  | "dashboard"
  | "httpApplicationRouting"
  | "ingressApplicationGateway"
  | "omsAgent"
  | "virtualNode"
  | "keyVaultSecretsProvider"
  | "webAppRouting"
  | "aadPodIdentity"
  | "workloadIdentity";

const NO_IDENTITY = { identity: "none", useCase: "No identity required", defaultPermissions: "NA", aksDefaults: [], bringYourOwn: "No", inArticle: true, grants: [] } as const;
const NODE_RESOURCE_GROUP = "node resource group (MC_...)";

const ENTRIES: readonly ManagedIdentityEntry[] = [
  {
    key: "controlPlane",
    kind: "Control plane",
    name: "not visible",
    identity: "system-assigned (`<cluster>`), or your user-assigned identity",
    useCase: "Used by AKS control plane components to manage cluster resources including ingress load balancers and AKS managed public IPs, and Cluster Autoscaler operations",
    defaultPermissions: "Contributor role for Node resource group",
    aksDefaults: [
      { role: Roles.CONTRIBUTOR, scope: NODE_RESOURCE_GROUP, note: "load balancers, AKS-managed public IPs, cluster autoscaler, disk and file CSI drivers", managedIdentityOnly: true },
    ],
    bringYourOwn: "Supported",
    inArticle: true,
    status: "supported",
    enableWith: "`identity: ClusterIdentity.systemAssigned()` or `ClusterIdentity.userAssigned(identity)`",
    exportedIdentity: "`identity[0].principal_id`",
    grants: [
      { id: "SubnetNetworkContributor", role: Roles.NETWORK_CONTRIBUTOR, scope: "the cluster's custom subnet", when: "`network.subnet` is set", reason: "control plane manages load balancers and IPs in the cluster's custom subnet" },
      { id: "RouteTableNetworkContributor", role: Roles.NETWORK_CONTRIBUTOR, scope: "the bring-your-own route table", when: "`network.routeTable` is set", reason: "control plane writes routes to the bring-your-own route table" },
      { id: "KubeletIdentityOperator", role: Roles.MANAGED_IDENTITY_OPERATOR, scope: "the bring-your-own kubelet identity", when: "`kubeletIdentity` is set", reason: "control plane assigns the bring-your-own kubelet identity to the nodes" },
      { id: "VnetNetworkContributor", role: Roles.NETWORK_CONTRIBUTOR, scope: "your own VNet", when: "`grantOnVirtualNetwork(vnet)`", reason: "control plane manages load balancers and IPs in your own VNet" },
      { id: "StaticIpNetworkContributor", role: Roles.NETWORK_CONTRIBUTOR, scope: "the static public IP's resource group", when: "`grantOnStaticIpResourceGroup(rg)`", reason: "control plane attaches a static public IP outside the node resource group" },
      { id: "DiskContributor", role: Roles.CONTRIBUTOR, scope: "the attached disks' resource group", when: "`grantOnDiskResourceGroup(rg)`", reason: "control plane attaches managed disks outside the node resource group" },
    ],
    note: "A user-assigned identity gets its grants before the cluster exists; a system-assigned one only after, which can take up to 60 minutes to take effect.",
  },
  {
    key: "kubelet",
    kind: "Kubelet",
    name: "AKS Cluster Name-agentpool",
    identity: "`<cluster>-agentpool`, or your user-assigned identity",
    useCase: "Authentication with Azure Container Registry (ACR)",
    defaultPermissions: "NA (for kubernetes v1.15+)",
    aksDefaults: [],
    bringYourOwn: "Supported today (`kubeletIdentity`, with a user-assigned control plane); the article says not currently supported",
    inArticle: true,
    status: "supported",
    enableWith: "always on; `kubeletIdentity: identity` to bring your own",
    exportedIdentity: "`kubelet_identity[0]`",
    grants: [
      { id: "AcrPull", role: Roles.ACR_PULL, scope: "the container registry", when: "`containerRegistries` / `attachContainerRegistry(registry)`", reason: "kubelet pulls images from this registry" },
    ],
    note: "AcrPull goes to the kubelet identity, never the control plane's. Adding or changing a bring-your-own kubelet identity replaces the cluster.",
  },
  { ...NO_IDENTITY, key: "azureNpm", kind: "Add-on", name: "AzureNPM", status: "no-identity", enableWith: "azurerm `network_profile.network_policy = \"azure\"` (not a prop of this library)" },
  { ...NO_IDENTITY, key: "azureCniNetworkMonitoring", kind: "Add-on", name: "AzureCNI network monitoring", status: "no-identity", enableWith: "comes with Azure CNI (`network.plugin: \"azure\"`)" },
  { ...NO_IDENTITY, key: "azurePolicyGatekeeper", kind: "Add-on", name: "azure-policy (gatekeeper)", status: "no-identity", enableWith: "installed by azure-policy (`addons.azurePolicy: true`)" },
  { ...NO_IDENTITY, key: "azurePolicy", kind: "Add-on", name: "azure-policy", status: "no-identity", enableWith: "`addons.azurePolicy: true` (azurerm `azure_policy_enabled`)" },
  { ...NO_IDENTITY, key: "calico", kind: "Add-on", name: "Calico", status: "no-identity", enableWith: "azurerm `network_profile.network_policy = \"calico\"` (not a prop of this library)" },
  {
    ...NO_IDENTITY,
    key: "dashboard",
    kind: "Add-on",
    name: "Dashboard",
    status: "retired",
    replacement: "the Kubernetes resource view in the Azure portal",
    enableWith: "`addons.dashboard: true` is accepted, ignored, and warns",
    note: "AKS removed the dashboard add-on (Kubernetes 1.19+) and azurerm 4 has no setting for it.",
  },
  {
    key: "httpApplicationRouting",
    kind: "Add-on",
    name: "HTTPApplicationRouting",
    identity: "`httpapplicationrouting-<cluster>`",
    useCase: "Manages required network resources",
    defaultPermissions: "Reader role for node resource group, contributor role for DNS zone",
    azurermName: "http_application_routing",
    aksDefaults: [
      { role: Roles.READER, scope: NODE_RESOURCE_GROUP },
      { role: Roles.CONTRIBUTOR, scope: "the add-on's DNS zone (in the node resource group)", note: "retired by AKS in 2025; use web application routing" },
    ],
    bringYourOwn: "No",
    inArticle: true,
    status: "retired",
    replacement: "web application routing (`addons.webAppRouting`)",
    enableWith: "`addons.httpApplicationRouting: true` (azurerm `http_application_routing_enabled`) sets the flag and warns",
    exportedIdentity: "none: azurerm exports only `http_application_routing_zone_name`",
    grants: [],
    note: "AKS retired it in 2025. Its DNS zone lives in the node resource group, where AKS's defaults cover it; with no exported identity there is nothing more to grant.",
  },
  {
    key: "ingressApplicationGateway",
    kind: "Add-on",
    name: "Ingress application gateway",
    identity: "`ingressapplicationgateway-<cluster>`",
    useCase: "Manages required network resources",
    defaultPermissions: "Contributor role for node resource group",
    azurermName: "ingress_application_gateway",
    aksDefaults: [
      { role: Roles.CONTRIBUTOR, scope: NODE_RESOURCE_GROUP, note: "az aks enable-addons also grants Network Contributor on the gateway's subnet (and Contributor and Reader around an existing gateway); in Terraform these are this library's grants" },
    ],
    bringYourOwn: "No",
    inArticle: true,
    status: "supported",
    enableWith: "`addons.ingressApplicationGateway: { existingGateway }`, `{ subnet }` or `{ subnetCidr }`",
    exportedIdentity: "`ingress_application_gateway[0].ingress_application_gateway_identity[0]`",
    grants: [
      { id: "GatewayContributor", role: Roles.CONTRIBUTOR, scope: "the existing application gateway", when: "`existingGateway`", reason: "AGIC rewrites the existing application gateway's listeners, rules and backends" },
      { id: "GatewayResourceGroupReader", role: Roles.READER, scope: "the existing gateway's resource group", when: "`existingGateway`", reason: "AGIC reads the resources around the existing application gateway in its resource group" },
      { id: "GatewaySubnetNetworkContributor", role: Roles.NETWORK_CONTRIBUTOR, scope: "the existing gateway's subnet", when: "`existingGateway`", reason: "AGIC joins the existing application gateway's subnet when it updates the gateway" },
      { id: "SubnetNetworkContributor", role: Roles.NETWORK_CONTRIBUTOR, scope: "the subnet (in the cluster's VNet) for the new gateway", when: "`subnet`", reason: "AGIC deploys and updates the new application gateway in this subnet of the cluster's VNet" },
    ],
    note: "With `subnetCidr` AKS creates the gateway's subnet in its own VNet inside the node resource group, so no grant is needed; with a custom cluster VNet pass `subnet` instead.",
  },
  {
    key: "omsAgent",
    kind: "Add-on",
    name: "omsagent",
    identity: "`omsagent-<cluster>`",
    useCase: "Used to send AKS metrics to Azure Monitor",
    defaultPermissions: "Monitoring Metrics Publisher role",
    azurermName: "oms_agent",
    aksDefaults: [
      { role: Roles.MONITORING_METRICS_PUBLISHER, scope: "the cluster", note: "needed only without MSI auth, where az aks grants it after create; in Terraform this library's grant (msiAuth: false)" },
    ],
    bringYourOwn: "No",
    inArticle: true,
    status: "supported",
    enableWith: "`addons.monitoring: { logAnalyticsWorkspace }` (MSI auth on by default)",
    exportedIdentity: "`oms_agent[0].oms_agent_identity[0]`",
    grants: [
      { id: "MetricsPublisher", role: Roles.MONITORING_METRICS_PUBLISHER, scope: "the cluster", when: "`msiAuth: false`", reason: "omsagent publishes the cluster's metrics to Azure Monitor (legacy, non-MSI authentication)" },
    ],
    note: "With MSI auth (the default) the agent authenticates with its managed identity and AKS needs no extra grant; Container Insights then also needs a data collection rule and its association to the cluster.",
  },
  {
    key: "virtualNode",
    kind: "Add-on",
    name: "Virtual-Node (ACIConnector)",
    identity: "`aciconnectorlinux-<cluster>`",
    useCase: "Manages required network resources for Azure Container Instances (ACI)",
    defaultPermissions: "Contributor role for node resource group",
    azurermName: "aci_connector_linux",
    aksDefaults: [
      { role: Roles.CONTRIBUTOR, scope: NODE_RESOURCE_GROUP, note: "virtual node; az aks also grants Contributor on the virtual-node subnet's VNet (in Terraform, this library's grant)" },
    ],
    bringYourOwn: "No",
    inArticle: true,
    status: "supported",
    enableWith: "`addons.virtualNode: { subnet }` (a subnet of the cluster's VNet)",
    exportedIdentity: "`aci_connector_linux[0].connector_identity[0]`",
    grants: [
      { id: "VirtualNetworkContributor", role: Roles.CONTRIBUTOR, scope: "the VNet of the virtual-node subnet", when: "`virtualNode` (default, as `az aks enable-addons --addons virtual-node` grants)", reason: "ACI connector places container groups in the virtual-node subnet of this VNet (the grant az aks makes)" },
      { id: "SubnetNetworkContributor", role: Roles.NETWORK_CONTRIBUTOR, scope: "the virtual-node subnet", when: "`virtualNode.grant: \"subnet\"` (narrower, not what az aks does)", reason: "ACI connector places container groups in the virtual-node subnet" },
    ],
    note: "Needs Azure CNI and the cluster in your own VNet; the virtual-node subnet is delegated to Microsoft.ContainerInstance/containerGroups.",
  },
  {
    key: "keyVaultSecretsProvider",
    kind: "Add-on",
    name: "azure-keyvault-secrets-provider",
    identity: "`azurekeyvaultsecretsprovider-<cluster>`",
    useCase: "Mounts Key Vault secrets and certificates into pods (Secrets Store CSI driver)",
    defaultPermissions: "NA",
    azurermName: "key_vault_secrets_provider",
    aksDefaults: [],
    bringYourOwn: "No (use a workload identity instead)",
    inArticle: false,
    status: "supported",
    enableWith: "`addons.keyVaultSecretsProvider: { keyVaults }`",
    exportedIdentity: "`key_vault_secrets_provider[0].secret_identity[0]`",
    grants: [
      { id: "KeyVaultSecretsUser", role: Roles.KEY_VAULT_SECRETS_USER, scope: "each key vault (RBAC mode)", when: "`keyVaults` entry", reason: "the Secrets Store CSI driver reads secrets from this key vault for pods" },
      { id: "KeyVaultCertificateUser", role: Roles.KEY_VAULT_CERTIFICATE_USER, scope: "each key vault (RBAC mode)", when: "`keyVaults` entry with `certificates: true`", reason: "the Secrets Store CSI driver reads certificates from this key vault for pods" },
    ],
    note: "Every pod on the nodes can use this identity; prefer a workload identity per application.",
  },
  {
    key: "webAppRouting",
    kind: "Add-on",
    name: "web application routing",
    identity: "`webapprouting-<cluster>`",
    useCase: "Managed NGINX ingress that writes DNS records to your Azure DNS zones",
    defaultPermissions: "NA",
    azurermName: "web_app_routing",
    aksDefaults: [],
    bringYourOwn: "No",
    inArticle: false,
    status: "supported",
    enableWith: "`addons.webAppRouting: { dnsZones }`",
    exportedIdentity: "`web_app_routing[0].web_app_routing_identity[0]`",
    grants: [
      { id: "DnsZoneContributor", role: Roles.DNS_ZONE_CONTRIBUTOR, scope: "each public DNS zone", when: "public zone in `dnsZones`", reason: "web application routing writes DNS records for ingresses to this public zone" },
      { id: "PrivateDnsZoneContributor", role: Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, scope: "each private DNS zone", when: "private zone in `dnsZones`", reason: "web application routing writes DNS records for ingresses to this private zone" },
    ],
    note: "`az aks approuting zone add --attach-zones` makes the same grants. All public zones must share one resource group, and all private zones another.",
  },
  {
    key: "aadPodIdentity",
    kind: "OSS project",
    name: "aad-pod-identity",
    identity: "yours (AzureIdentity resources)",
    useCase: "Enables applications to access cloud resources securely with Azure Active Directory (AAD)",
    defaultPermissions: "NA",
    aksDefaults: [],
    bringYourOwn: "Steps to grant permission in the project's role assignment guide",
    inArticle: true,
    status: "deprecated",
    replacement: "workload identity (`WorkloadIdentity`)",
    enableWith: "install it yourself; `PodIdentityException` or `micExceptionYaml()` excludes AKS's system pods",
    grants: [],
    note: "Deprecated upstream: use a workload identity. If you still run it, its NMI pods intercept every IMDS call, so AKS's system pods need the exception.",
  },
  {
    key: "workloadIdentity",
    kind: "Workload",
    name: "workload identity",
    identity: "your user-assigned identity, federated with one service account",
    useCase: "Pods authenticate to Microsoft Entra ID as a user-assigned identity through a federated credential",
    defaultPermissions: "NA",
    aksDefaults: [],
    bringYourOwn: "Always yours",
    inArticle: false,
    status: "supported",
    enableWith: "`new WorkloadIdentity(scope, id, { cluster, namespace, serviceAccount })` (turns on the OIDC issuer)",
    exportedIdentity: "the identity's `client_id` and `principal_id`",
    grants: [],
    note: "The library grants nothing by itself: call `workloadIdentity.grant(...)` with the narrowest role and scope the application needs.",
  },
];

/** The catalog, by key. */
export const MANAGED_IDENTITY_CATALOG: Readonly<Record<CatalogKey, ManagedIdentityEntry>> = Object.freeze(
  Object.fromEntries(ENTRIES.map((e) => [e.key, Object.freeze(e)])) as Record<CatalogKey, ManagedIdentityEntry>,
);

/** The catalog in table order: the article's rows first, then the ones this library adds. */
export const MANAGED_IDENTITY_ROWS: readonly ManagedIdentityEntry[] = Object.freeze([...ENTRIES]);

/** A grant's catalog entry; throws on a typo so the add-on code cannot drift from the catalog. */
export function catalogGrant(key: CatalogKey, grantId: string): CatalogGrant {
  const g = MANAGED_IDENTITY_CATALOG[key].grants.find((x) => x.id === grantId);
  if (!g) throw new Error(`catalog row ${key} has no grant ${grantId}`);
  return g;
}

/** The row of an add-on by its azurerm block or flag name (`oms_agent`, `http_application_routing`). */
export function catalogRowOfAzurerm(name: string): ManagedIdentityEntry | undefined {
  return ENTRIES.find((e) => e.azurermName === name);
}

/** The warning for enabling a retired row, naming its replacement. */
export function retiredWarning(key: CatalogKey, path: string, prop: string): string {
  const e = MANAGED_IDENTITY_CATALOG[key];
  return `[${path}] ${prop}: ${e.name} was retired by AKS. ${e.note ?? ""} Use ${e.replacement} instead.`.replace(/\s+/g, " ");
}
