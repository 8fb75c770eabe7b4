import { block } from "../terraform-json/blocks";
import { expressionKey, referenceKey } from "../terraform-json/expressions";
import { GuardrailRule } from "./rule";

/**
 * Rule 38: with MSI auth `az aks` creates a data collection rule and associates it with the
 * cluster (azure-cli acs/addonconfiguration.py ensure_container_insights_for_monitoring);
 * azurerm's oms_agent block creates neither.
 */
export const AKSID038: GuardrailRule = {
  id: "AKSID038",
  level: "warning",
  message: "Container Insights with MSI authentication, but no data collection rule is associated with the cluster in this stack.",
  why: "The agent takes what to collect and where to send it from the data collection rule associated with the cluster; az aks creates MSCI-<region>-<cluster> and the association ContainerInsightsExtension, azurerm's oms_agent block does not.",
  fix: "add azurerm_monitor_data_collection_rule (extension ContainerInsights, stream Microsoft-ContainerInsights-Group-Default, to the workspace) and azurerm_monitor_data_collection_rule_association { name = \"ContainerInsightsExtension\", target_resource_id = <cluster id> } (AksCluster: addons.monitoring); if they are managed elsewhere, suppress AKSID038 saying where.",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    const oms = block(cluster.config.oms_agent);
    if (!oms || oms.msi_auth_for_monitoring_enabled !== true) return [];
    const id = referenceKey({ address: cluster.address, attribute: "id" });
    const associated = stack.resources("azurerm_monitor_data_collection_rule_association")
      .some((a) => expressionKey(a.config.target_resource_id) === id && a.config.data_collection_rule_id !== undefined);
    return associated ? [] : [{ element: cluster, attribute: "oms_agent", value: oms.log_analytics_workspace_id }];
  }),
};
