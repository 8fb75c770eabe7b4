import { only } from "./helpers";
import { clusterRef, clusterStack, grantsOf, WORKSPACE } from "./addon-fixtures";

const IDENTITY = "oms_agent[0].oms_agent_identity[0]";

describe("monitoring add-on (omsagent)", () => {
  test("MSI auth by default: the workspace is set and no grant is needed", () => {
    const { json } = clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE } } });
    const j = json();
    expect(only(j, "azurerm_kubernetes_cluster").body.oms_agent).toEqual({ log_analytics_workspace_id: WORKSPACE, msi_auth_for_monitoring_enabled: true });
    expect(grantsOf(j)).toEqual([]);
    expect(j.output!.aks_oms_agent_identity.value).toEqual({
      client_id: `\${${clusterRef(j)}.${IDENTITY}.client_id}`,
      object_id: `\${${clusterRef(j)}.${IDENTITY}.object_id}`,
      user_assigned_identity_id: `\${${clusterRef(j)}.${IDENTITY}.user_assigned_identity_id}`,
    });
  });

  test("MSI auth off: Monitoring Metrics Publisher on the cluster for the omsagent identity, after the cluster", () => {
    const { json } = clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE, msiAuth: false } } });
    const j = json();
    const ref = clusterRef(j);
    expect(only(j, "azurerm_kubernetes_cluster").body.oms_agent).toEqual({ log_analytics_workspace_id: WORKSPACE, msi_auth_for_monitoring_enabled: false });
    const grants = grantsOf(j);
    expect(grants.map((g) => [g.role, g.scope, g.principal])).toEqual([["Monitoring Metrics Publisher", `\${${ref}.id}`, `\${${ref}.${IDENTITY}.object_id}`]]);
    expect(grants[0].id).toContain("OmsAgent-MetricsPublisher");
    expect(only(j, "azurerm_kubernetes_cluster").body.depends_on).toBeUndefined();
  });

  test("the identity is exposed as a principal", () => {
    const { cluster } = clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE } } });
    expect(cluster.addons.identities.monitoring?.addon).toBe("monitoring");
    expect(cluster.addons.identities.monitoring?.identityKind).toBe("addon");
    expect(cluster.addons.all).toEqual([cluster.addons.identities.monitoring]);
  });

  test("rejects a workspace id of the wrong type and a missing workspace", () => {
    expect(() => clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: `${WORKSPACE.replace("workspaces", "clusters")}` } } }))
      .toThrow("addons.monitoring.logAnalyticsWorkspace: received");
    expect(() => clusterStack({ addons: { monitoring: {} as never } }))
      .toThrow("[test/aks] addons.monitoring.logAnalyticsWorkspace: received nothing (undefined). Monitoring sends to a Log Analytics workspace.");
    expect(() => clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE, msiAuth: "no" as never } } }))
      .toThrow("addons.monitoring.msiAuth: received \"no\". Expected true or false.");
  });
});
