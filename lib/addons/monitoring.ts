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
    aksDefaults: [
      { role: Roles.MONITORING_METRICS_PUBLISHER, scope: "the cluster", note: "needed only without MSI auth, where az aks grants it after create; in Terraform this library's grant (msiAuth: false)" },
    ],
    bringYourOwn: "No",
    inArticle: true,
    order: 11,
    status: "supported",
    enableWith: "`addons.monitoring: { logAnalyticsWorkspace }` (MSI auth on by default)",
    exportedIdentity: "`oms_agent[0].oms_agent_identity[0]`",
    grants: Object.values(GRANTS),
    note: "With MSI auth (the default) the agent authenticates with its managed identity and AKS needs no extra grant; Container Insights then also needs a data collection rule and its association to the cluster.",
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
} satisfies AddonDefinition<"monitoring", MonitoringProps>;
