import type { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { catalogRow } from "../catalog/row";
import { AksIdentityError } from "../errors";
import { GrantScope, scopeId } from "../grant-scope";
import { validateScope } from "../private/resource-id";
import { isLiteral } from "../private/validate";
import { AddonContext, AddonDefinition, AddonHost, firstIdentity } from "./addon";

const WORKSPACE_EXAMPLE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.OperationalInsights/workspaces/myWorkspace";

/** `az aks enable-addons --addons monitoring` (Container Insights, the omsagent identity). */
export interface MonitoringProps {
  /** The Log Analytics workspace: a construct or its resource ID. */
  readonly logAnalyticsWorkspace: GrantScope;
  /**
   * Managed-identity authentication for the agent (`--enable-msi-auth-for-monitoring`).
   * `false` (the legacy workspace-key authentication) is an error: it retired on 2026-09-30
   * (aks-docs managed-identity-overview.md).
   * @default true
   */
  readonly msiAuth?: boolean;
  /**
   * The data collection rule `MSCI-<region>-<cluster>` and its association to the cluster,
   * which `az aks enable-addons` creates for MSI auth and azurerm's `oms_agent` block does not.
   * `false` when they are managed elsewhere (an Azure Policy, another stack).
   * @default true
   */
  readonly dataCollectionRule?: boolean;
  /**
   * The workspace's region, where `az aks` puts the data collection rule.
   * @default - the workspace construct's location; else the cluster's (Container Insights keeps
   * the workspace in the cluster's region, aside from the pairs in container-insights-region-mapping.md)
   */
  readonly workspaceLocation?: string;
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
  if (ctx.servicePrincipal) {
    // azure-cli acs/managed_cluster_decorator.py: "--enable-msi-auth-for-monitoring can not be used on clusters with service principal auth."
    throw new AksIdentityError({
      path: ctx.path,
      prop: "addons.monitoring",
      received: "Container Insights on a service-principal cluster",
      problem: "Container Insights authenticates with the cluster's managed identity, which a service-principal cluster lacks (az aks refuses it: \"--enable-msi-auth-for-monitoring can not be used on clusters with service principal auth\"); the legacy authentication that worked with a service principal retired on 2026-09-30.",
      fix: "migrate the cluster to a managed identity first (ManagedIdentityMigration), then turn on addons.monitoring.",
    });
  }
  for (const flag of ["msiAuth", "dataCollectionRule"] as const) {
    if (props[flag] !== undefined && typeof props[flag] !== "boolean") {
      throw new AksIdentityError({ path: ctx.path, prop: `addons.monitoring.${flag}`, received: props[flag], problem: "Expected true or false.", fix: "omit it for the default (true)." });
    }
  }
  if (props.msiAuth === false) {
    // Checked at synth, not against the clock: the retirement date has passed.
    throw new AksIdentityError({
      path: ctx.path,
      prop: "addons.monitoring.msiAuth",
      received: false,
      problem: "Legacy (workspace-key) authentication for Container Insights, which needed Monitoring Metrics Publisher, retired on September 30, 2026; Container Insights now authenticates with the cluster's managed identity (aks-docs managed-identity-overview.md).",
      fix: "omit msiAuth (MSI auth is the default): azurerm updates msi_auth_for_monitoring_enabled in place, and the library adds the data collection rule.",
    });
  }
  if (props.workspaceLocation !== undefined && (typeof props.workspaceLocation !== "string" || (isLiteral(props.workspaceLocation) && !/^[a-z][a-z0-9]*$/.test(props.workspaceLocation)))) {
    throw new AksIdentityError({ path: ctx.path, prop: "addons.monitoring.workspaceLocation", received: props.workspaceLocation, problem: "Expected an Azure region's name in lowercase without spaces, like westus2.", fix: "pass the workspace's location (az monitor log-analytics workspace show --query location)." });
  }
  // azurerm 4.55's msi_auth_for_monitoring_enabled has no default (false): written out.
  return { omsAgent: { logAnalyticsWorkspaceId: workspace, msiAuthForMonitoringEnabled: true } };
}

/** The region of the data collection rule: az uses the workspace's (lower-case, no spaces). */
function ruleLocation(resource: KubernetesCluster, props: MonitoringProps): string {
  const ws = props.logAnalyticsWorkspace;
  const location = props.workspaceLocation ?? (ws instanceof LogAnalyticsWorkspace ? ws.locationInput ?? ws.location : undefined) ?? resource.locationInput ?? resource.location;
  return isLiteral(location) ? location.toLowerCase().replace(/ /g, "") : Fn.lower(Fn.replace(location, " ", ""));
}

/** `MSCI-<region>-<cluster>`, cut to 64 characters as az does. */
function ruleName(location: string, clusterName: string): string {
  if (isLiteral(location) && isLiteral(clusterName)) return `MSCI-${location}-${clusterName}`.slice(0, 64);
  return Fn.substr(Fn.format("MSCI-%s-%s", [location, clusterName]), 0, 64);
}

const STREAMS = ["Microsoft-ContainerInsights-Group-Default"];

/**
 * The data collection rule and association `az aks enable-addons --addons monitoring` creates
 * for MSI auth (azure-cli acs/addonconfiguration.py ensure_container_insights_for_monitoring):
 * the rule in the cluster's resource group, the association named ContainerInsightsExtension.
 */
function afterCluster(host: AddonHost, props: MonitoringProps): void {
  if (props.dataCollectionRule === false) return;
  const r = host.resource;
  // The cluster construct, the resource's parent: the rule's Terraform address is under it.
  const cluster = r.node.scope as Construct;
  const location = ruleLocation(r, props);
  const rule = new MonitorDataCollectionRule(cluster, "ContainerInsightsDataCollectionRule", {
    name: ruleName(location, r.nameInput ?? r.name),
    resourceGroupName: r.resourceGroupNameInput ?? r.resourceGroupName,
    location,
    kind: "Linux",
    dataSources: {
      extension: [{
        name: "ContainerInsightsExtension",
        extensionName: "ContainerInsights",
        streams: STREAMS,
        extensionJson: JSON.stringify({ dataCollectionSettings: { enableContainerLogV2: true } }),
      }],
    },
    destinations: { logAnalytics: [{ name: "la-workspace", workspaceResourceId: scopeId(props.logAnalyticsWorkspace) }] },
    dataFlow: [{ streams: STREAMS, destinations: ["la-workspace"] }],
  });
  new MonitorDataCollectionRuleAssociation(cluster, "ContainerInsightsDataCollectionRuleAssociation", {
    // azurerm's default name is configurationAccessEndpoint, the data collection endpoint's.
    name: "ContainerInsightsExtension",
    targetResourceId: r.id,
    dataCollectionRuleId: rule.id,
    description: "routes monitoring data to a Log Analytics workspace",
  });
}

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
    grants: [],
    note: "MSI auth only: the legacy workspace-key authentication (Monitoring Metrics Publisher) retired on 2026-09-30. Container Insights uses the cluster's managed identity and needs no grant; the library adds the data collection rule `MSCI-<region>-<cluster>` and its association `ContainerInsightsExtension`, as `az aks enable-addons` does.",
  }),
  config,
  afterCluster,
  identity: {
    block: "oms_agent",
    attribute: "oms_agent_identity",
    output: "oms_agent",
    query: "addonProfiles.omsagent.identity",
    attributes: (resource) => firstIdentity(resource.omsAgent.omsAgentIdentity),
  },
} satisfies AddonDefinition<"monitoring", MonitoringProps>;
