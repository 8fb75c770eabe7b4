import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { TerraformVariable } from "cdktf";
import { only, resources } from "./helpers";
import { clusterRef, clusterStack, grantsOf, WORKSPACE } from "./addon-fixtures";

const IDENTITY = "oms_agent[0].oms_agent_identity[0]";
const DCR = "azurerm_monitor_data_collection_rule";
const DCRA = "azurerm_monitor_data_collection_rule_association";

function withoutMetadata(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => k !== "//"));
}

describe("monitoring add-on (omsagent, Container Insights)", () => {
  test("MSI auth by default: the workspace is set, no grant is needed, and the identity is an output", () => {
    // GIVEN / WHEN
    const { json } = clusterStack({ resourceGroup: { name: "rg", location: "westus2" }, addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE } } });
    const j = json();
    // THEN azurerm's msi_auth_for_monitoring_enabled (no default, false) is written true
    expect(only(j, "azurerm_kubernetes_cluster").body.oms_agent).toEqual({ log_analytics_workspace_id: WORKSPACE, msi_auth_for_monitoring_enabled: true });
    expect(grantsOf(j)).toEqual([]);
    expect(j.output!.aks_oms_agent_identity.value).toEqual({
      client_id: `\${${clusterRef(j)}.${IDENTITY}.client_id}`,
      object_id: `\${${clusterRef(j)}.${IDENTITY}.object_id}`,
      user_assigned_identity_id: `\${${clusterRef(j)}.${IDENTITY}.user_assigned_identity_id}`,
    });
  });

  test("the data collection rule and its association, as az aks enable-addons makes them for MSI auth", () => {
    // GIVEN a cluster in westus2 with Container Insights on a workspace given by ID
    const { json } = clusterStack({ resourceGroup: { name: "rg", location: "westus2" }, addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE } } });
    // WHEN synthesized
    const j = json();
    const rule = only(j, DCR);
    const association = only(j, DCRA);
    // THEN the rule is az's: MSCI-<region>-<cluster> in the cluster's resource group, the default stream to the workspace
    expect(withoutMetadata(rule.body)).toEqual({
      name: "MSCI-westus2-aks",
      resource_group_name: "rg",
      location: "westus2",
      kind: "Linux",
      data_sources: { extension: [{ name: "ContainerInsightsExtension", extension_name: "ContainerInsights", streams: ["Microsoft-ContainerInsights-Group-Default"], extension_json: "{\"dataCollectionSettings\":{\"enableContainerLogV2\":true}}" }] },
      destinations: { log_analytics: [{ name: "la-workspace", workspace_resource_id: WORKSPACE }] },
      data_flow: [{ streams: ["Microsoft-ContainerInsights-Group-Default"], destinations: ["la-workspace"] }],
    });
    // AND the association is named ContainerInsightsExtension (azurerm's default name is the endpoint's) and targets the cluster, so it comes after it
    expect(withoutMetadata(association.body)).toEqual({
      name: "ContainerInsightsExtension",
      target_resource_id: `\${${clusterRef(j)}.id}`,
      data_collection_rule_id: `\${${DCR}.${rule.id}.id}`,
      description: "routes monitoring data to a Log Analytics workspace",
    });
    expect(only(j, "azurerm_kubernetes_cluster").body.depends_on).toBeUndefined();
  });

  test("the rule's region is the workspace construct's, or workspaceLocation; the name is cut to 64 characters", () => {
    // GIVEN a workspace construct in another region and a 60-character cluster name
    const name = `c${"x".repeat(59)}`;
    const { json } = clusterStack((stack) => ({
      name,
      resourceGroup: { name: "rg", location: "westus2" },
      addons: { monitoring: { logAnalyticsWorkspace: new LogAnalyticsWorkspace(stack, "law", { name: "law", resourceGroupName: "rg", location: "East US" }) } },
    }));
    // WHEN / THEN az's rule: the workspace's region lower-cased without spaces, the name cut as az cuts it
    const rule = only(json(), DCR).body;
    expect(rule.location).toBe("eastus");
    expect(rule.name).toBe(`MSCI-eastus-${name}`.slice(0, 64));
    expect(String(rule.name)).toHaveLength(64);
    expect((rule.destinations as { log_analytics: { workspace_resource_id: string }[] }).log_analytics[0].workspace_resource_id).toBe("${azurerm_log_analytics_workspace.law.id}");

    // GIVEN a workspace by ID with its region named
    const named = clusterStack({ resourceGroup: { name: "rg", location: "westus2" }, addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE, workspaceLocation: "westeurope" } } });
    // THEN that region
    expect(only(named.json(), DCR).body).toMatchObject({ name: "MSCI-westeurope-aks", location: "westeurope" });
  });

  test("a cluster name known only at apply time: the rule's name is Terraform's substr of the same format", () => {
    // GIVEN a cluster named by a variable WHEN synthesized THEN the name is computed at plan time
    const { json } = clusterStack((stack) => ({
      name: new TerraformVariable(stack, "cluster_name", { type: "string" }).stringValue,
      resourceGroup: { name: "rg", location: "westus2" },
      addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE } },
    }));
    expect(only(json(), DCR).body.name).toBe("${substr(format(\"MSCI-%s-%s\", \"westus2\", var.cluster_name), 0, 64)}");
  });

  test("dataCollectionRule: false leaves the rule to whoever manages it", () => {
    // GIVEN / WHEN / THEN no rule, no association, MSI auth still on
    const { json } = clusterStack({ resourceGroup: { name: "rg", location: "westus2" }, addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE, dataCollectionRule: false } } });
    const j = json();
    expect(resources(j, DCR)).toEqual({});
    expect(resources(j, DCRA)).toEqual({});
    expect(only(j, "azurerm_kubernetes_cluster").body.oms_agent).toEqual({ log_analytics_workspace_id: WORKSPACE, msi_auth_for_monitoring_enabled: true });
  });

  test("msiAuth: false is an error: legacy authentication retired on 2026-09-30", () => {
    // GIVEN / WHEN the legacy mode THEN the error names the retirement and the fix
    expect(() => clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE, msiAuth: false } } })).toThrow(
      "[test/aks] addons.monitoring.msiAuth: received false. Legacy (workspace-key) authentication for Container Insights, which needed Monitoring Metrics Publisher, retired on September 30, 2026; " +
      "Container Insights now authenticates with the cluster's managed identity (aks-docs managed-identity-overview.md). Fix: omit msiAuth (MSI auth is the default)");
  });

  test("the identity is exposed as a principal", () => {
    // GIVEN / WHEN / THEN
    const { cluster } = clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE } } });
    expect(cluster.addons.identities.monitoring?.addon).toBe("monitoring");
    expect(cluster.addons.identities.monitoring?.identityKind).toBe("addon");
    expect(cluster.addons.all).toEqual([cluster.addons.identities.monitoring]);
  });

  test("rejects a workspace id of the wrong type, a missing workspace, and non-boolean switches", () => {
    // GIVEN / WHEN / THEN
    expect(() => clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: `${WORKSPACE.replace("workspaces", "clusters")}` } } }))
      .toThrow("addons.monitoring.logAnalyticsWorkspace: received");
    expect(() => clusterStack({ addons: { monitoring: {} as never } }))
      .toThrow("[test/aks] addons.monitoring.logAnalyticsWorkspace: received nothing (undefined). Monitoring sends to a Log Analytics workspace.");
    expect(() => clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE, msiAuth: "no" as never } } }))
      .toThrow("addons.monitoring.msiAuth: received \"no\". Expected true or false.");
    expect(() => clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE, dataCollectionRule: "off" as never } } }))
      .toThrow("addons.monitoring.dataCollectionRule: received \"off\". Expected true or false.");
    expect(() => clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE, workspaceLocation: "West Europe" } } }))
      .toThrow("addons.monitoring.workspaceLocation: received \"West Europe\". Expected an Azure region's name in lowercase without spaces, like westus2.");
  });
});
