import { buildReport, ClusterReport, ReportedGrant, IdentityReport, parseStack } from "../../lib/review";
import { scenarioStacks } from "./scenario-stacks";

let report: IdentityReport;
beforeAll(() => {
  // GIVEN: every article scenario, synthesized
  report = buildReport(scenarioStacks());
});

function cluster(stack: string): ClusterReport {
  const s = report.stacks.find((x) => x.name === stack)!;
  expect(s.clusters).toHaveLength(1);
  return s.clusters[0];
}

const rows = (grants: readonly ReportedGrant[]) => grants.map((g) => [g.role, g.scope, g.principal, g.timing]);
const UAI = "azurerm_user_assigned_identity.myIdentity_4E98E044";
const CLUSTER = "azurerm_kubernetes_cluster.myManagedCluster_3120B930";

describe("identity report on the article scenarios", () => {
  test("covers every stack, each with its one cluster and no stray grants", () => {
    expect(report.stacks.map((s) => s.name).sort()).toEqual([
      "byo-control-plane-identity", "byo-control-plane-identity-udr", "byo-kubelet-identity", "migrate-to-system-assigned",
      "migrate-to-user-assigned", "service-principal", "system-assigned", "system-assigned-own-network",
      "addon-identities", "pod-identity-exception", "workload-identity",
      "private-cluster", "node-pool-subnets", "nat-gateway-egress", "entra-rbac", "kms-etcd-encryption", "production",
    ].sort());
    for (const s of report.stacks) {
      expect(s.clusters.map((c) => [c.address, c.name])).toEqual([[CLUSTER, "myManagedCluster"]]);
      expect(s.otherGrants).toEqual([]);
    }
  });

  test("system-assigned: AKS makes both identities, no grants, Contributor on the node resource group by default", () => {
    const c = cluster("system-assigned");
    expect(c.identities.map((i) => [i.label, i.type, i.createdBy, i.bringYourOwn])).toEqual([
      ["control plane", "SystemAssigned", "AKS, with the cluster", false],
      ["kubelet", "UserAssigned", "AKS, with the cluster (myManagedCluster-agentpool in the node resource group)", false],
    ]);
    expect(c.grants).toEqual([]);
    expect(c.identities[0].defaults.map((d) => [d.role, d.scope])).toEqual([["Contributor", "node resource group (MC_...)"]]);
    expect(c.identities[1].defaults).toEqual([]);
  });

  test("system-assigned, own network: three grants to the system identity, made after the cluster", () => {
    const c = cluster("system-assigned-own-network");
    const principal = `control plane (${CLUSTER}.identity[0])`;
    expect(rows(c.grants)).toEqual([
      ["Contributor", "azurerm_resource_group.DiskResourceGroup", principal, "after cluster"],
      ["Network Contributor", "azurerm_resource_group.StaticIpResourceGroup", principal, "after cluster"],
      ["Network Contributor", "azurerm_virtual_network.myVnet", principal, "after cluster"],
    ]);
    expect(c.grants[0].reason).toMatch(/^control plane attaches and detaches the managed disks in this resource group\./);
  });

  test("bring-your-own control plane: Network Contributor on the subnet, before the cluster", () => {
    const c = cluster("byo-control-plane-identity");
    expect(c.identities[0]).toMatchObject({ type: "UserAssigned", bringYourOwn: true, resource: UAI, createdBy: `this configuration (${UAI})` });
    expect(rows(c.grants)).toEqual([["Network Contributor", "azurerm_subnet.mySubnet", `control plane (${UAI})`, "before cluster"]]);
  });

  test("bring-your-own control plane with UDR: subnet and route table, both before the cluster", () => {
    expect(rows(cluster("byo-control-plane-identity-udr").grants)).toEqual([
      ["Network Contributor", "azurerm_route_table.myRouteTable", `control plane (${UAI})`, "before cluster"],
      ["Network Contributor", "azurerm_subnet.mySubnet", `control plane (${UAI})`, "before cluster"],
    ]);
  });

  test("bring-your-own kubelet: Managed Identity Operator for the control plane, AcrPull for the kubelet", () => {
    const c = cluster("byo-kubelet-identity");
    const kubelet = "azurerm_user_assigned_identity.myKubeletIdentity_A7840E5E";
    expect(c.identities.find((i) => i.kind === "kubelet")).toMatchObject({ type: "UserAssigned", bringYourOwn: true, resource: kubelet });
    expect(rows(c.grants)).toEqual([
      ["AcrPull", "azurerm_container_registry.myRegistry", `kubelet (${kubelet})`, "before cluster"],
      ["Managed Identity Operator", kubelet, `control plane (${UAI})`, "before cluster"],
    ]);
  });

  test("service principal: shown by its client id reference, used by the kubelets too", () => {
    const c = cluster("service-principal");
    expect(c.identities.map((i) => [i.label, i.type, i.resource, i.bringYourOwn])).toEqual([
      ["control plane", "ServicePrincipal", "var.sp_client_id", true],
      ["kubelet", "ServicePrincipal", "var.sp_client_id", true],
    ]);
    expect(c.identities[0].defaults).toEqual([]);
  });

  test("migrations: the target identity of each", () => {
    expect(cluster("migrate-to-system-assigned").identities[0].type).toBe("SystemAssigned");
    expect(cluster("migrate-to-user-assigned").identities[0]).toMatchObject({ type: "UserAssigned", resource: UAI });
  });
});

describe("identity report on plain Terraform JSON", () => {
  // GIVEN: hand-written Terraform JSON (not cdktf): blocks as lists, legacy `.0.` traversals,
  // an existing identity by data source, add-ons, a workload identity, unresolved scopes.
  const stack = parseStack("plain", {
    resource: {
      azurerm_kubernetes_cluster: {
        aks: [{
          name: "aks",
          identity: [{ type: "UserAssigned", identity_ids: ["${data.azurerm_user_assigned_identity.cp.id}"] }],
          oms_agent: [{ log_analytics_workspace_id: "${azurerm_log_analytics_workspace.law.id}" }],
          key_vault_secrets_provider: [{ secret_rotation_enabled: true }],
          oidc_issuer_enabled: true,
          workload_identity_enabled: true,
          depends_on: ["azurerm_role_assignment.dns"],
        }],
      },
      azurerm_user_assigned_identity: { app: { name: "app" } },
      azurerm_federated_identity_credential: {
        app: { parent_id: "${azurerm_user_assigned_identity.app.id}", issuer: "${azurerm_kubernetes_cluster.aks.oidc_issuer_url}", subject: "system:serviceaccount:shop:cart" },
      },
      azurerm_role_assignment: {
        dns: { scope: "${var.private_dns_zone_id}", role_definition_id: "/subscriptions/0/providers/Microsoft.Authorization/roleDefinitions/b12aa53e-6015-4669-85d0-8515ebb3ae7f", principal_id: "${data.azurerm_user_assigned_identity.cp.principal_id}" },
        metrics: { scope: "${azurerm_kubernetes_cluster.aks.id}", role_definition_name: "Monitoring Metrics Publisher", principal_id: "${azurerm_kubernetes_cluster.aks.oms_agent.0.oms_agent_identity.0.object_id}", description: "omsagent publishes metrics" },
        app_blob: { scope: "${azurerm_storage_account.sa.id}", role_definition_name: "Storage Blob Data Reader", principal_id: "${azurerm_user_assigned_identity.app.principal_id}" },
        someone: { scope: "/subscriptions/0/resourceGroups/rg", role_definition_name: "Reader", principal_id: "11111111-2222-3333-4444-555555555555" },
      },
    },
    data: { azurerm_user_assigned_identity: { cp: { name: "cp", resource_group_name: "rg" } } },
  });
  const r = buildReport([stack]).stacks[0];
  const c = r.clusters[0];

  test("lists the control plane, kubelet, add-ons and the workload identity", () => {
    expect(c.identities.map((i) => [i.key, i.type, i.createdBy, i.bringYourOwn])).toEqual([
      ["control-plane", "UserAssigned", "an existing identity, looked up by data.azurerm_user_assigned_identity.cp", true],
      ["kubelet", "UserAssigned", "AKS, with the cluster (aks-agentpool in the node resource group)", false],
      ["addon:oms_agent", "UserAssigned", "AKS, with the add-on (in the node resource group)", false],
      ["addon:key_vault_secrets_provider", "UserAssigned", "AKS, with the add-on (in the node resource group)", false],
      ["workload:azurerm_federated_identity_credential.app", "UserAssigned", "this configuration (azurerm_user_assigned_identity.app)", true],
    ]);
    expect(c.identities[4].label).toBe("workload system:serviceaccount:shop:cart");
    // Current docs: monitoring uses the cluster identity; Monitoring Metrics Publisher was az aks's grant, not AKS's.
    expect(c.identities[2].defaults).toEqual([]);
  });

  test("matches grants to identities, keeps unresolved scopes by address, names roles from role_definition_id", () => {
    expect(rows(c.grants)).toEqual([
      ["Private DNS Zone Contributor", "var.private_dns_zone_id", "control plane (data.azurerm_user_assigned_identity.cp)", "before cluster"],
      ["Monitoring Metrics Publisher", "azurerm_kubernetes_cluster.aks", "add-on oms_agent (azurerm_kubernetes_cluster.aks.oms_agent[0].oms_agent_identity[0])", "after cluster"],
      ["Storage Blob Data Reader", "azurerm_storage_account.sa", "workload system:serviceaccount:shop:cart (azurerm_user_assigned_identity.app)", "not ordered"],
    ]);
    expect(c.grants[1].reason).toBe("omsagent publishes metrics");
  });

  test("a grant to no cluster identity is kept as another grant, not dropped", () => {
    expect(rows(r.otherGrants)).toEqual([["Reader", "/subscriptions/0/resourceGroups/rg", "11111111-2222-3333-4444-555555555555", "not ordered"]]);
  });
});
