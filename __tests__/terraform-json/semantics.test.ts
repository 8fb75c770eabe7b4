import { Testing } from "cdktf";
import { checkTerraformSemantics } from "../../lib/terraform-json/semantics";
import { SCENARIOS } from "../../scenarios";

const cluster = (extra: Record<string, unknown> = {}) => ({ name: "c", location: "westus2", resource_group_name: "rg", dns_prefix: "c", default_node_pool: { name: "nodepool1" }, ...extra });

describe("the Terraform-semantics check (what plan would reject, without a provider)", () => {
  test("every stack of the example app passes", () => {
    // GIVEN every scenario stack, WHEN synthesized and checked, THEN no problem
    for (const [name, Scenario] of Object.entries(SCENARIOS)) {
      const json = JSON.parse(Testing.synth(new Scenario(Testing.app())));
      expect({ name, problems: checkTerraformSemantics(json) }).toEqual({ name, problems: [] });
    }
  });

  test("finds a cycle through depends_on and references, printed as a path", () => {
    const json = { resource: {
      azurerm_kubernetes_cluster: { aks: cluster({ identity: { type: "SystemAssigned" }, depends_on: ["azurerm_role_assignment.g"] }) },
      azurerm_public_ip: { ip: { resource_group_name: "${azurerm_kubernetes_cluster.aks.node_resource_group}" } },
      azurerm_role_assignment: { g: { scope: "${azurerm_public_ip.ip.id}", principal_id: "11111111-1111-1111-1111-111111111111", role_definition_name: "Reader" } },
    } };
    expect(checkTerraformSemantics(json)).toEqual([{ kind: "cycle", address: "azurerm_kubernetes_cluster.aks",
      message: "dependency cycle: azurerm_kubernetes_cluster.aks -> azurerm_role_assignment.g -> azurerm_public_ip.ip -> azurerm_kubernetes_cluster.aks" }]);
  });

  test("finds a cycle through a provider configured from a cluster", () => {
    const json = {
      provider: { kubernetes: [{ alias: "aks", host: "${azurerm_kubernetes_cluster.aks.kube_config[0].host}" }] },
      resource: {
        azurerm_kubernetes_cluster: { aks: cluster({ identity: { type: "SystemAssigned" }, depends_on: ["kubernetes_manifest.m"] }) },
        kubernetes_manifest: { m: { provider: "kubernetes.aks", manifest: {} } },
      },
    };
    expect(checkTerraformSemantics(json).map((p) => p.message)).toEqual(["dependency cycle: azurerm_kubernetes_cluster.aks -> kubernetes_manifest.m -> provider.kubernetes.aks -> azurerm_kubernetes_cluster.aks"]);
  });

  test("finds two role assignments Azure holds as one: the same grant by role name and by role id, and a shared name", () => {
    const json = { resource: { azurerm_role_assignment: {
      a: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", principal_id: "${azurerm_user_assigned_identity.i.principal_id}", role_definition_name: "Reader", name: "n" },
      b: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/RG", principal_id: "${azurerm_user_assigned_identity.i.principal_id}", role_definition_id: "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7" },
      c: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other", principal_id: "22222222-2222-2222-2222-222222222222", role_definition_name: "Reader", name: "n" },
    }, azurerm_user_assigned_identity: { i: { name: "i" } } } };
    expect(checkTerraformSemantics(json).map((p) => [p.kind, p.address])).toEqual([
      ["duplicate-role-assignment", "azurerm_role_assignment.b"],
      ["duplicate-role-assignment", "azurerm_role_assignment.c"],
    ]);
  });

  test("finds references to undeclared blocks, and indexes into cluster blocks that cannot exist", () => {
    // GIVEN a service-principal cluster without add-on blocks, and grants reading what azurerm leaves empty
    const json = {
      variable: { known: {} },
      resource: {
        azurerm_kubernetes_cluster: { sp: cluster({ service_principal: { client_id: "${var.known}" } }) },
        azurerm_role_assignment: {
          addon: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", role_definition_name: "Reader", principal_id: "${azurerm_kubernetes_cluster.sp.oms_agent[0].oms_agent_identity[0].object_id}" },
          kubelet: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", role_definition_name: "AcrPull", principal_id: "${azurerm_kubernetes_cluster.sp.kubelet_identity[0].object_id}" },
          ghost: { scope: "${azurerm_subnet.nowhere.id}", role_definition_name: "Contributor", principal_id: "${var.unknown}" },
        },
      },
    };
    expect(checkTerraformSemantics(json).map((p) => [p.kind, p.address, p.message.split(": ")[0]])).toEqual([
      ["missing-block", "azurerm_role_assignment.addon", "azurerm_role_assignment.addon reads azurerm_kubernetes_cluster.sp.oms_agent[0].oms_agent_identity[0].object_id, but the cluster configures no oms_agent block"],
      ["missing-block", "azurerm_role_assignment.kubelet", "azurerm_role_assignment.kubelet reads azurerm_kubernetes_cluster.sp.kubelet_identity[0].object_id, but the cluster has no managed identity (service principal), so azurerm leaves that identity empty"],
      ["undeclared-reference", "azurerm_role_assignment.ghost", "azurerm_role_assignment.ghost refers to azurerm_subnet.nowhere, which the configuration does not declare"],
      ["undeclared-reference", "azurerm_role_assignment.ghost", "azurerm_role_assignment.ghost refers to var.unknown, which the configuration does not declare"],
    ]);
  });
});
