import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { Testing } from "cdktf";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../../lib";
import { buildReport, parseStack } from "../../lib/review";
import { newStack } from "../helpers";

const CLUSTER = "azurerm_kubernetes_cluster.c";
const rows = (grants: readonly { role: string; scope: string; principal: string; address: string }[]) => grants.map((g) => [g.address, g.role, g.scope, g.principal]);

describe("the report files grants as Terraform reads them", () => {
  test("a principal written with spaces, comments or lower() goes to the cluster identity it names", () => {
    // GIVEN three ways to write the control plane's principal that text matching missed
    const stack = parseStack("s", { resource: {
      azurerm_kubernetes_cluster: { c: { name: "c", identity: { type: "SystemAssigned" } } },
      azurerm_role_assignment: {
        spaces: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", role_definition_name: "Reader", principal_id: "${ azurerm_kubernetes_cluster.c.identity[0].principal_id }" },
        comment: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", role_definition_name: "Reader", principal_id: "${azurerm_kubernetes_cluster.c.identity.0.principal_id /* the cp */}" },
        lower: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", role_definition_name: "Contributor", principal_id: "${lower(azurerm_kubernetes_cluster.c.identity[0].principal_id)}" },
        coalesce: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", role_definition_name: "Owner", principal_id: "${coalesce(var.p, azurerm_kubernetes_cluster.c.kubelet_identity[0].object_id)}" },
      },
    } });
    // WHEN
    const [s] = buildReport([stack]).stacks;
    // THEN every grant is the cluster's, none is "other"
    expect(s.otherGrants).toEqual([]);
    const cp = `control plane (${CLUSTER}.identity[0])`;
    expect(rows(s.clusters[0].grants)).toEqual([
      ["azurerm_role_assignment.spaces", "Reader", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", cp],
      ["azurerm_role_assignment.comment", "Reader", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", cp],
      ["azurerm_role_assignment.lower", "Contributor", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", cp],
      ["azurerm_role_assignment.coalesce", "Owner", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg", `kubelet (${CLUSTER}.kubelet_identity[0])`],
    ]);
    // and the reviewer sees how the principal was written when it is an expression
    expect(s.clusters[0].grants[2].principalExpression).toBe("lower(azurerm_kubernetes_cluster.c.identity[0].principal_id)");
  });

  test("a for_each scope shows each value of the map (a subscription among them), one grant per key", () => {
    // GIVEN cdktf's TerraformIterator.fromMap shape, a toset() list, and a local holding the map
    const stack = parseStack("s", {
      locals: { scopes: { net: "${azurerm_subnet.s.id}", all: "/subscriptions/00000000-0000-0000-0000-000000000000" } },
      resource: {
        azurerm_kubernetes_cluster: { c: { name: "c", identity: { type: "SystemAssigned" } } },
        azurerm_role_assignment: {
          literal: { for_each: { a: "/subscriptions/00000000-0000-0000-0000-000000000000", b: "${azurerm_subnet.s.id}" }, scope: "${each.value}", role_definition_name: "Reader", principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}" },
          set: { for_each: "${toset([\"/subscriptions/00000000-0000-0000-0000-000000000001\"])}", scope: "${each.key}", role_definition_name: "Reader", principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}" },
          local: { for_each: "${local.scopes}", scope: "${each.value}", role_definition_name: "Contributor", principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}" },
          unknown: { for_each: "${var.scopes}", scope: "${each.value}", role_definition_name: "Reader", principal_id: "${azurerm_kubernetes_cluster.c.identity[0].principal_id}" },
        },
      },
    });
    // WHEN
    const grants = buildReport([stack]).stacks[0].clusters[0].grants;
    // THEN
    expect(grants.map((g) => [g.address, g.scope, g.forEach])).toEqual([
      ["azurerm_role_assignment.literal[\"a\"]", "/subscriptions/00000000-0000-0000-0000-000000000000", undefined],
      ["azurerm_role_assignment.literal[\"b\"]", "azurerm_subnet.s", undefined],
      ["azurerm_role_assignment.set[\"/subscriptions/00000000-0000-0000-0000-000000000001\"]", "/subscriptions/00000000-0000-0000-0000-000000000001", undefined],
      ["azurerm_role_assignment.local[\"net\"]", "azurerm_subnet.s", undefined],
      ["azurerm_role_assignment.local[\"all\"]", "/subscriptions/00000000-0000-0000-0000-000000000000", undefined],
      // a map known only at plan time names where it comes from
      ["azurerm_role_assignment.unknown", "each.value", "var.scopes"],
    ]);
  });

  test("grants to an identity imported by literal ID and looked up by a data source belong to the role it plays", () => {
    // GIVEN the control plane and kubelet given by literal IDs, each looked up (one through a provider alias)
    const cp = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cp";
    const kubelet = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/IDS/providers/Microsoft.ManagedIdentity/userAssignedIdentities/kubelet";
    const stack = parseStack("s", {
      provider: { azurerm: [{ features: {} }, { alias: "ids", features: {}, subscription_id: "00000000-0000-0000-0000-000000000000" }, { alias: "other", features: {}, subscription_id: "11111111-1111-1111-1111-111111111111" }] },
      data: { azurerm_user_assigned_identity: {
        cp: { name: "cp", resource_group_name: "ids" },
        kubelet: { name: "kubelet", resource_group_name: "ids", provider: "azurerm.ids" },
        elsewhere: { name: "cp", resource_group_name: "ids", provider: "azurerm.other" },
      } },
      resource: {
        azurerm_kubernetes_cluster: { c: { name: "c", identity: { type: "UserAssigned", identity_ids: [cp] }, kubelet_identity: { client_id: "x", object_id: "y", user_assigned_identity_id: kubelet } } },
        azurerm_role_assignment: {
          network: { scope: "${azurerm_subnet.s.id}", role_definition_name: "Network Contributor", principal_id: "${data.azurerm_user_assigned_identity.cp.principal_id}" },
          pull: { scope: "${azurerm_container_registry.r.id}", role_definition_name: "AcrPull", principal_id: "${data.azurerm_user_assigned_identity.kubelet.principal_id}" },
          other: { scope: "${azurerm_subnet.s.id}", role_definition_name: "Reader", principal_id: "${data.azurerm_user_assigned_identity.elsewhere.principal_id}" },
        },
      },
    });
    // WHEN
    const [s] = buildReport([stack]).stacks;
    // THEN the two grants go to the control plane and the kubelet; the same name in another subscription does not
    expect(s.clusters[0].identities[0].createdBy).toBe("an existing identity by resource ID, looked up by data.azurerm_user_assigned_identity.cp");
    expect(rows(s.clusters[0].grants)).toEqual([
      ["azurerm_role_assignment.network", "Network Contributor", "azurerm_subnet.s", `control plane (${cp})`],
      ["azurerm_role_assignment.pull", "AcrPull", "azurerm_container_registry.r", `kubelet (${kubelet})`],
    ]);
    expect(rows(s.otherGrants)).toEqual([["azurerm_role_assignment.other", "Reader", "azurerm_subnet.s", "data.azurerm_user_assigned_identity.elsewhere.principal_id"]]);
  });

  test("identities the library looks up by resource ID, one in another subscription: each grant goes to the role it plays", () => {
    // GIVEN a cluster whose control plane and kubelet identities exist already, found by resource ID
    // (the kubelet's in another subscription, looked up through a provider alias for it)
    const stack = newStack("s");
    const cpId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cp";
    const kubeletId = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/kubelet";
    const registry = new ContainerRegistry(stack, "registry", { name: "registry", resourceGroupName: "rg", location: "westus2", sku: "Standard" });
    new AksCluster(stack, "aks", {
      resourceGroup: { name: "rg", location: "westus2" },
      identity: ClusterIdentity.userAssigned(UserAssignedManagedIdentity.fromResourceId(stack, "Cp", cpId)),
      kubeletIdentity: UserAssignedManagedIdentity.fromResourceId(stack, "Kubelet", kubeletId),
      containerRegistries: [registry],
    });
    // WHEN the synthesized JSON is reported
    const [s] = buildReport([parseStack("s", JSON.parse(Testing.synth(stack)))]).stacks;
    // THEN the kubelet's grants (Managed Identity Operator for the control plane, AcrPull for the kubelet) are filed under the cluster
    const [cluster] = s.clusters;
    expect(cluster.identities.map((i) => i.createdBy)).toEqual(expect.arrayContaining([expect.stringContaining("looked up by data.azurerm_user_assigned_identity.")]));
    expect(cluster.grants.map((g) => [g.role, g.principal.split(" ")[0]]).sort()).toEqual([["AcrPull", "kubelet"], ["Managed Identity Operator", "control"]]);
    expect(s.otherGrants).toEqual([]);
  });
});
