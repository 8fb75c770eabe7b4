import { RoleGrant, Roles } from "../lib";
import { annotationsOf, only } from "./helpers";
import { clusterRef, clusterStack, grantsOf, VAULT, WORKSPACE } from "./addon-fixtures";

describe("cluster add-ons", () => {
  test("no addons prop: no add-on settings, identities or outputs", () => {
    const { cluster, json } = clusterStack({});
    const j = json();
    const body = only(j, "azurerm_kubernetes_cluster").body;
    for (const k of ["oms_agent", "ingress_application_gateway", "aci_connector_linux", "key_vault_secrets_provider", "web_app_routing", "oidc_issuer_enabled", "http_application_routing_enabled"]) {
      expect(body[k]).toBeUndefined();
    }
    expect(cluster.addons.all).toEqual([]);
    expect(Object.keys(j.output!).filter((o) => o.endsWith("_identity"))).toEqual(["aks_control_plane_identity", "aks_kubelet_identity"]);
  });

  test("HTTP application routing: sets the flag and warns, naming web application routing", () => {
    // GIVEN / WHEN
    const { stack, json } = clusterStack({ addons: { httpApplicationRouting: true } });
    // THEN: the flag is written and its zone name is an output
    expect(only(json(), "azurerm_kubernetes_cluster").body.http_application_routing_enabled).toBe(true);
    expect(json().output!.aks_http_application_routing_zone_name.value).toBe(`\${${clusterRef(json())}.http_application_routing_zone_name}`);
    // AND: one warning, with path, prop and replacement
    const warnings = annotationsOf(stack).filter((a) => a.level === "@cdktf/warn").map((a) => a.message);
    expect(warnings).toEqual([
      "[test/aks] addons.httpApplicationRouting: HTTPApplicationRouting was retired by AKS. AKS retired it in 2025. Its DNS zone lives in the node resource group, where AKS's defaults cover it; with no exported identity there is nothing more to grant. Use web application routing (`addons.webAppRouting`) instead. http_application_routing_enabled is set as asked, but AKS may reject it.",
    ]);
  });

  test("dashboard: ignored with a warning naming the portal's resource view", () => {
    const { stack, json } = clusterStack({ addons: { dashboard: true } });
    expect(Object.keys(only(json(), "azurerm_kubernetes_cluster").body).filter((k) => k.includes("dashboard"))).toEqual([]);
    const warnings = annotationsOf(stack).filter((a) => a.level === "@cdktf/warn").map((a) => a.message);
    expect(warnings).toEqual([
      "[test/aks] addons.dashboard: Dashboard was retired by AKS. AKS removed the dashboard add-on (Kubernetes 1.19+) and azurerm 4 has no setting for it. Use the Kubernetes resource view in the Azure portal instead. The prop is ignored: remove it.",
    ]);
  });

  test("supported add-ons give no warning", () => {
    const { stack } = clusterStack({ addons: { monitoring: { logAnalyticsWorkspace: WORKSPACE }, azurePolicy: true, workloadIdentity: true } });
    expect(annotationsOf(stack).filter((a) => a.level === "@cdktf/warn")).toEqual([]);
  });

  test("azurePolicy and workloadIdentity set their flags; workload identity outputs the issuer", () => {
    const { json } = clusterStack({ addons: { azurePolicy: true, workloadIdentity: true } });
    const j = json();
    const body = only(j, "azurerm_kubernetes_cluster").body;
    expect([body.azure_policy_enabled, body.oidc_issuer_enabled, body.workload_identity_enabled]).toEqual([true, true, true]);
    expect(j.output!.aks_oidc_issuer_url.value).toBe(`\${${clusterRef(j)}.oidc_issuer_url}`);
  });

  test("enableWorkloadIdentity is idempotent", () => {
    const { cluster, json } = clusterStack({ addons: { workloadIdentity: true } });
    cluster.addons.enableWorkloadIdentity();
    cluster.addons.enableWorkloadIdentity();
    expect(Object.keys(json().output!).filter((o) => o.includes("oidc"))).toEqual(["aks_oidc_issuer_url"]);
  });

  test("an add-on identity works with RoleGrant like any principal, and its cluster orders the grant", () => {
    // GIVEN: a cluster with the secrets provider
    const { cluster, json } = clusterStack({ addons: { keyVaultSecretsProvider: {} } });
    const kv = cluster.addons.identityOf("keyVaultSecretsProvider")!;
    // WHEN: it is granted a role by hand
    const extra = new RoleGrant(cluster, "ExtraVault", { principal: kv, role: Roles.KEY_VAULT_SECRETS_USER, scope: VAULT, reason: "reads the shared vault" });
    // THEN: the grant names the add-on identity and does not hold up the cluster
    const j = json();
    const [g] = grantsOf(j);
    expect([g.role, g.scope, g.principal]).toEqual(["Key Vault Secrets User", VAULT, `\${${clusterRef(j)}.key_vault_secrets_provider[0].secret_identity[0].object_id}`]);
    expect(only(j, "azurerm_kubernetes_cluster").body.depends_on).toBeUndefined();
    expect(cluster.grants.all).toHaveLength(1);
    expect(cluster.grants.all[0]).toBe(extra);
    expect(extra.timing).toBe("after-cluster");
  });

  test.each([
    [{ omsAgent: {} }, "[test/aks] addons.omsAgent: received {}. Known add-ons: ingressApplicationGateway, monitoring, virtualNode, keyVaultSecretsProvider, webAppRouting, azurePolicy, httpApplicationRouting, dashboard, workloadIdentity."],
    [{ azurePolicy: "yes" }, "addons.azurePolicy: received \"yes\". Expected true or false."],
    [{ monitoring: true }, "addons.monitoring: received true. Expected the add-on's settings object."],
  ])("rejects %#", (addons, message) => {
    expect(() => clusterStack({ addons: addons as never })).toThrow(message);
  });
});
