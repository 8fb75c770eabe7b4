import { AksCluster } from "../../lib";
import { guardedStack, messagesOf, RG, rawCluster } from "./fixtures";

const WORKSPACE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mon/providers/Microsoft.OperationalInsights/workspaces/ws";

describe("AKSID037 Container Insights' legacy authentication retired", () => {
  test("library: monitoring writes MSI auth", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE } } });
    expect(messagesOf(stack, "AKSID037")).toEqual([]);
  });

  test("raw: oms_agent without msi_auth_for_monitoring_enabled (azurerm's default false) or with false is an error", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    rawCluster(stack, "unset", { omsAgent: { logAnalyticsWorkspaceId: WORKSPACE } });
    rawCluster(stack, "legacy", { omsAgent: { logAnalyticsWorkspaceId: WORKSPACE, msiAuthForMonitoringEnabled: false } });
    rawCluster(stack, "msi", { omsAgent: { logAnalyticsWorkspaceId: WORKSPACE, msiAuthForMonitoringEnabled: true } });
    expect(messagesOf(stack, "AKSID037").map((m) => m.message)).toEqual([
      "[test/unset] AKSID037 oms_agent.msi_auth_for_monitoring_enabled: received nothing (undefined). oms_agent without msi_auth_for_monitoring_enabled = true uses Container Insights' legacy authentication, which retired on September 30, 2026. Fix: set oms_agent { msi_auth_for_monitoring_enabled = true } (an in-place update) with a data collection rule and its association (AksCluster: addons.monitoring writes all three).",
      expect.stringContaining("[test/legacy] AKSID037 oms_agent.msi_auth_for_monitoring_enabled: received false."),
    ]);
  });
});
