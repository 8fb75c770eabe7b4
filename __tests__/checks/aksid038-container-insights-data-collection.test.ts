import { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import { AksCluster } from "../../lib";
import { guardedStack, levelsOf, messagesOf, RG, rawCluster } from "./fixtures";

const WORKSPACE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mon/providers/Microsoft.OperationalInsights/workspaces/ws";

describe("AKSID038 Container Insights with MSI auth needs a data collection rule association", () => {
  test("library: monitoring writes the rule and its association; with dataCollectionRule: false it warns", () => {
    // GIVEN one cluster with the library's rule and one that leaves it to someone else
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE } } });
    new AksCluster(stack, "aks2", { resourceGroup: RG, addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE, dataCollectionRule: false } } });
    // THEN only the second warns (a warning: the association may live elsewhere)
    expect(messagesOf(stack, "AKSID038").map((m) => m.path)).toEqual(["test/aks2/Resource"]);
    expect(levelsOf(stack, "AKSID038")).toEqual(["@cdktf/warn"]);
  });

  test("raw: MSI auth without an association warns; with one targeting the cluster it passes", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    rawCluster(stack, "bare", { omsAgent: { logAnalyticsWorkspaceId: WORKSPACE, msiAuthForMonitoringEnabled: true } });
    const ok = rawCluster(stack, "ok", { omsAgent: { logAnalyticsWorkspaceId: WORKSPACE, msiAuthForMonitoringEnabled: true } });
    const rule = new MonitorDataCollectionRule(stack, "dcr", { name: "MSCI-westus2-ok", resourceGroupName: "rg", location: "westus2", destinations: { logAnalytics: [{ name: "la-workspace", workspaceResourceId: WORKSPACE }] }, dataFlow: [{ streams: ["Microsoft-ContainerInsights-Group-Default"], destinations: ["la-workspace"] }] });
    new MonitorDataCollectionRuleAssociation(stack, "dcra", { name: "ContainerInsightsExtension", targetResourceId: ok.id, dataCollectionRuleId: rule.id });
    expect(messagesOf(stack, "AKSID038").map((m) => m.message)).toEqual([
      `[test/bare] AKSID038 oms_agent: received "${WORKSPACE}". Container Insights with MSI authentication, but no data collection rule is associated with the cluster in this stack. Fix: add azurerm_monitor_data_collection_rule (extension ContainerInsights, stream Microsoft-ContainerInsights-Group-Default, to the workspace) and azurerm_monitor_data_collection_rule_association { name = "ContainerInsightsExtension", target_resource_id = <cluster id> } (AksCluster: addons.monitoring); if they are managed elsewhere, suppress AKSID038 saying where.`,
    ]);
  });
});
