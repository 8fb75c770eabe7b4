import type { KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { CatalogGrant, catalogRow } from "../catalog/row";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { validateScope } from "../private/resource-id";
import { Roles } from "../roles";
import { AddonContext, AddonDefinition, AddonGrantContext, AddonGrantRequest, firstIdentity } from "./addon";

const WORKSPACE_EXAMPLE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.OperationalInsights/workspaces/myWorkspace";

/** `az aks enable-addons --addons monitoring` (Container Insights, the omsagent identity). */
export interface MonitoringProps {
  /** The Log Analytics workspace: a construct or its resource ID. */
  readonly logAnalyticsWorkspace: GrantScope;
  /**
   * Managed-identity authentication for the agent (`--enable-msi-auth-for-monitoring`).
   * Off, the agent uses the workspace key and its identity needs Monitoring Metrics
   * Publisher on the cluster, which the library then grants.
   * @default true
   */
  readonly msiAuth?: boolean;
}

function config(ctx: AddonContext, props: MonitoringProps): Partial<KubernetesClusterConfig> {
  const workspace = props.logAnalyticsWorkspace === undefined ? undefined : scopeId(props.logAnalyticsWorkspace);
  if (workspace === undefined) {
    throw new AksIdentityError({
      path: ctx.path,
      prop: "addons.monitoring.logAnalyticsWorkspace",
      received: undefined,
      problem: "Monitoring sends to a Log Analytics workspace.",
      fix: "pass a LogAnalyticsWorkspace construct or its resource ID.",
    });
  }
  validateScope(ctx.path, "addons.monitoring.logAnalyticsWorkspace", props.logAnalyticsWorkspace, "Microsoft.OperationalInsights/workspaces", WORKSPACE_EXAMPLE);
  if (ctx.servicePrincipal && (props.msiAuth ?? true)) {
    // azure-cli acs/managed_cluster_decorator.py: "--enable-msi-auth-for-monitoring can not be used on clusters with service principal auth."
    throw new AksIdentityError({
      path: ctx.path,
      prop: "addons.monitoring.msiAuth",
      received: props.msiAuth,
      problem: "Managed-identity authentication for Container Insights needs a managed-identity cluster; this one uses a service principal (az aks refuses the same: \"--enable-msi-auth-for-monitoring can not be used on clusters with service principal auth\").",
      fix: "migrate the cluster to a managed identity (ManagedIdentityMigration), or set msiAuth: false for the legacy authentication, whose Monitoring Metrics Publisher grant then goes to the service principal.",
    });
  }
  if (props.msiAuth !== undefined && typeof props.msiAuth !== "boolean") {
    throw new AksIdentityError({
      path: ctx.path,
      prop: "addons.monitoring.msiAuth",
      received: props.msiAuth,
      problem: "Expected true or false.",
      fix: "omit it to keep MSI auth on.",
    });
  }
  return { omsAgent: { logAnalyticsWorkspaceId: workspace, msiAuthForMonitoringEnabled: props.msiAuth ?? true } };
}

/** Without MSI auth, `az aks` grants the omsagent identity Monitoring Metrics Publisher on the cluster. */
function grants(ctx: AddonGrantContext, props: MonitoringProps): AddonGrantRequest[] {
  if (props.msiAuth ?? true) return [];
  return [{ grant: GRANTS.MetricsPublisher, scope: ctx.clusterId }];
}

const GRANTS = {
  MetricsPublisher: {
    id: "MetricsPublisher",
    role: Roles.MONITORING_METRICS_PUBLISHER,
    scope: "the cluster",
    scopeTypes: ["Microsoft.ContainerService/managedClusters"],
    when: "`msiAuth: false`",
    reason: "omsagent publishes the cluster's metrics to Azure Monitor (legacy, non-MSI authentication)",
    source: "azure-cli acs/addonconfiguration.py add_monitoring_role_assignment",
  },
} satisfies Record<string, CatalogGrant>;

/** Container Insights (the omsagent identity). */
export const MONITORING = {
  key: "monitoring",
  takes: "settings",
  idPrefix: "OmsAgent",
  catalog: catalogRow({
    key: "monitoring",
    kind: "addon",
    name: "omsagent",
    identity: "`omsagent-<cluster>`",
    useCase: "Used to send AKS metrics to Azure Monitor",
    defaultPermissions: "Monitoring Metrics Publisher role",
    azurermName: "oms_agent",
    // AKS grants nothing: with MSI auth the agent uses the cluster's managed identity; the legacy
    // Monitoring Metrics Publisher grant was az aks's, not AKS's (managed-identity-overview.md;
    // azure-cli acs/managed_cluster_decorator.py postprocessing_after_mc_created).
    aksDefaults: [],
    bringYourOwn: "No",
    inArticle: true,
    order: 11,
    status: "supported",
    enableWith: "`addons.monitoring: { logAnalyticsWorkspace }` (MSI auth on by default)",
    exportedIdentity: "`oms_agent[0].oms_agent_identity[0]`",
    grants: Object.values(GRANTS),
    note: "Current docs: Container Insights uses the cluster's managed identity (MSI auth, the default) and needs no Monitoring Metrics Publisher; legacy authentication retired on 2026-09-30. The article's default permission was granted by az aks, not AKS.",
  }),
  config,
  identity: {
    block: "oms_agent",
    attribute: "oms_agent_identity",
    output: "oms_agent",
    query: "addonProfiles.omsagent.identity",
    attributes: (resource) => firstIdentity(resource.omsAgent.omsAgentIdentity),
  },
  grants,
  servicePrincipalGrants: true,
} satisfies AddonDefinition<"monitoring", MonitoringProps>;
