import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { dependable } from "cdktf";
import { newStack, resources, synthJson } from "./helpers";
import { clusterStack, ID } from "./network-fixtures";

describe("the escape hatch cannot drop the creation-time grants", () => {
  test("assigning cluster.resource.dependsOn keeps the grants and adds what was assigned", () => {
    // GIVEN a cluster that needs two grants before it exists
    const { stack, cluster } = clusterStack({ network: { subnet: ID.subnet }, apiServer: { subnet: ID.apiServer } });
    const other = new ResourceGroup(stack, "other", { name: "other", location: "westus2" });
    // WHEN the escape hatch is used the way aws-cdk users expect to
    cluster.resource.dependsOn = [dependable(other)];
    // THEN
    const dependsOn = Object.values(resources(synthJson(stack), "azurerm_kubernetes_cluster"))[0].depends_on as string[];
    expect(dependsOn).toEqual([
      "azurerm_resource_group.other",
      expect.stringMatching(/^azurerm_role_assignment\.aks_SubnetNetworkContributor_/),
      expect.stringMatching(/^azurerm_role_assignment\.aks_ApiServerSubnetNetworkContributor_/),
    ]);
  });

  test("assigning undefined or [] keeps them too; dependOn adds once", () => {
    const { stack, cluster } = clusterStack({ network: { subnet: ID.subnet } });
    cluster.resource.dependsOn = undefined;
    expect(cluster.resource.dependsOn).toHaveLength(1);
    cluster.resource.dependsOn = [];
    const rg = new ResourceGroup(stack, "other", { name: "other", location: "westus2" });
    cluster.dependOn(rg);
    cluster.dependOn(rg);
    const dependsOn = Object.values(resources(synthJson(stack), "azurerm_kubernetes_cluster"))[0].depends_on as string[];
    expect(dependsOn).toEqual([expect.stringMatching(/^azurerm_role_assignment\.aks_SubnetNetworkContributor_/), "azurerm_resource_group.other"]);
  });

  test("a node pool keeps its grants the same way", () => {
    const { stack, cluster } = clusterStack({ network: { subnet: ID.subnet }, additionalNodePools: [{ name: "pool2", subnet: ID.subnet2 }] });
    cluster.nodePools[0].dependsOn = [];
    const pool = Object.values(resources(synthJson(stack), "azurerm_kubernetes_cluster_node_pool"))[0];
    expect(pool.depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\.aks_NodePoolSubnetNetworkContributor-pool2_/)]);
  });

  test("a stack without the guard is unaffected: a plain resource's dependsOn is an ordinary field", () => {
    const stack = newStack();
    const rg = new ResourceGroup(stack, "rg", { name: "rg", location: "westus2" });
    const other = new ResourceGroup(stack, "other", { name: "other", location: "westus2" });
    rg.dependsOn = [dependable(other)];
    rg.dependsOn = [];
    expect(resources(synthJson(stack), "azurerm_resource_group").rg.depends_on).toEqual([]);
  });
});
