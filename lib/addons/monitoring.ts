import type { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { AksIdentityError } from "../errors";
import { validateScope } from "../private/resource-id";
import { GrantScope, RoleGrant, scopeId } from "../role-grant";
import { AddonContext, AddonGrantTarget, grantFromCatalog } from "./addon";
import { AddonIdentity, AddonIdentityAttributes } from "./addon-identity";

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

export function monitoringConfig(ctx: AddonContext, props: MonitoringProps): Partial<KubernetesClusterConfig> {
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

export function monitoringIdentity(resource: KubernetesCluster): AddonIdentityAttributes {
  const i = resource.omsAgent.omsAgentIdentity.get(0);
  return { clientId: i.clientId, objectId: i.objectId, userAssignedIdentityId: i.userAssignedIdentityId };
}

/** Without MSI auth, `az aks` grants the omsagent identity Monitoring Metrics Publisher on the cluster. */
export function grantMonitoring(target: AddonGrantTarget, identity: AddonIdentity, props: MonitoringProps): RoleGrant[] {
  if (props.msiAuth ?? true) return [];
  return [grantFromCatalog(target, identity, "MetricsPublisher", target.resource.id)];
}
