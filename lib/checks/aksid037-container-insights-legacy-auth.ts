import { block } from "../terraform-json/blocks";
import { isUnknown } from "../terraform-json/expressions";
import { GuardrailRule } from "./rule";

/**
 * Rule 37: Container Insights' legacy (workspace-key) authentication retired on 2026-09-30
 * (aks-docs managed-identity-overview.md); azurerm 4.55's msi_auth_for_monitoring_enabled defaults to false.
 */
export const AKSID037: GuardrailRule = {
  id: "AKSID037",
  level: "error",
  message: "oms_agent without msi_auth_for_monitoring_enabled = true uses Container Insights' legacy authentication, which retired on September 30, 2026.",
  why: "azurerm 4.55 leaves msi_auth_for_monitoring_enabled false unless set; Container Insights now authenticates with the cluster's managed identity, and the legacy mode (with Monitoring Metrics Publisher) is retired.",
  fix: "set oms_agent { msi_auth_for_monitoring_enabled = true } (an in-place update) with a data collection rule and its association (AksCluster: addons.monitoring writes all three).",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    const oms = block(cluster.config.oms_agent);
    if (!oms || oms.msi_auth_for_monitoring_enabled === true || isUnknown(oms.msi_auth_for_monitoring_enabled)) return [];
    return [{ element: cluster, attribute: "oms_agent.msi_auth_for_monitoring_enabled", value: oms.msi_auth_for_monitoring_enabled }];
  }),
};
