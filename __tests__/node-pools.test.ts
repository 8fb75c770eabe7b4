import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { AksCluster, AksClusterProps, ClusterIdentity, DefaultNodePoolProps, NodePoolProps, Roles } from "../lib";
import { newStack, resources, synthJson, thrownAksError } from "./helpers";
import { ref } from "./identity-blocks";
import { allGrants, CLUSTER, clusterStack, CONTROL_PLANE, controlPlane, expectGrant, ID, RG } from "./network-fixtures";

function pool(json: ReturnType<typeof synthJson>, name: string): Record<string, unknown> {
  return Object.entries(resources(json, "azurerm_kubernetes_cluster_node_pool")).find(([id]) => id.startsWith(`aks_NodePool-${name}_`))![1];
}

describe("node pools", () => {
  test("the current props keep working and construct ids (Terraform addresses) are unchanged", () => {
    // GIVEN the props of the first release
    const { json, body, cluster } = clusterStack({ defaultNodePool: { name: "system", vmSize: "Standard_D2s_v5", nodeCount: 2 }, additionalNodePools: [{ name: "pool2", vmSize: "Standard_D4s_v5", nodeCount: 1 }] });
    // THEN
    expect(body.default_node_pool).toEqual({ name: "system", vm_size: "Standard_D2s_v5", node_count: 2, temporary_name_for_rotation: "tmprotation" });
    // the address the first release wrote for this pool (synthesized from commit de76d22)
    expect(Object.keys(resources(json, "azurerm_kubernetes_cluster_node_pool"))).toEqual(["aks_NodePool-pool2_0A1F8306"]);
    expect(pool(json, "pool2")).toMatchObject({ name: "pool2", vm_size: "Standard_D4s_v5", node_count: 1, kubernetes_cluster_id: ref(CLUSTER, "id"), temporary_name_for_rotation: "tmprot1" });
    expect(cluster.nodePoolNames).toEqual(["system", "pool2"]);
  });

  test("every azurerm setting passes through, typed by the provider: autoscaling, zones, mode, taints, labels, max pods, OS disk and SKU, tags, upgrade settings", () => {
    const defaultNodePool: DefaultNodePoolProps = { zones: ["1", "2"], maxPods: 60, osDiskSizeGb: 128, osDiskType: "Ephemeral", osSku: "AzureLinux", onlyCriticalAddonsEnabled: true, nodeLabels: { tier: "system" }, tags: { team: "platform" }, upgradeSettings: { maxSurge: "10%" } };
    const batch: NodePoolProps = { name: "batch", mode: "User", autoScalingEnabled: true, minCount: 0, maxCount: 10, nodeTaints: ["sku=gpu:NoSchedule"], nodeLabels: { sku: "gpu" }, priority: "Spot", evictionPolicy: "Delete", spotMaxPrice: -1, lifecycle: { ignoreChanges: ["node_count"] } };
    const { json, body } = clusterStack({ defaultNodePool, additionalNodePools: [batch] });
    expect(body.default_node_pool).toEqual({
      name: "nodepool1", vm_size: "Standard_DS2_v2", node_count: 3, temporary_name_for_rotation: "tmprotation", zones: ["1", "2"], max_pods: 60, os_disk_size_gb: 128,
      os_disk_type: "Ephemeral", os_sku: "AzureLinux", only_critical_addons_enabled: true, node_labels: { tier: "system" }, tags: { team: "platform" }, upgrade_settings: { max_surge: "10%" },
    });
    // With the autoscaler on, no node count: a configured one fights it (azurerm refuses to change it)
    const b = pool(json, "batch");
    expect(b).toMatchObject({ mode: "User", auto_scaling_enabled: true, min_count: 0, max_count: 10, node_taints: ["sku=gpu:NoSchedule"], priority: "Spot", eviction_policy: "Delete", spot_max_price: -1, lifecycle: { ignore_changes: ["node_count"] } });
    expect(b.node_count).toBeUndefined();
  });

  test("a pool's own subnet and every pod subnet: Network Contributor before the cluster, and the pool waits for its grants", () => {
    // GIVEN dynamic pod IP allocation on two pools
    const { json, body, cluster } = clusterStack({
      network: { subnet: ID.subnet },
      defaultNodePool: { podSubnet: ID.pods },
      additionalNodePools: [{ name: "pool2", subnet: ID.subnet2, podSubnet: ID.pods2 }],
    });
    // THEN
    expect(body.default_node_pool).toMatchObject({ vnet_subnet_id: ID.subnet, pod_subnet_id: ID.pods });
    const p2 = pool(json, "pool2");
    expect(p2).toMatchObject({ vnet_subnet_id: ID.subnet2, pod_subnet_id: ID.pods2 });
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.subnet, CONTROL_PLANE, [body]);
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.pods, CONTROL_PLANE, [body]);
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.subnet2, CONTROL_PLANE, [body, p2]);
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.pods2, CONTROL_PLANE, [body, p2]);
    expect(cluster.grants.all.map((g) => g.node.id)).toEqual(["SubnetNetworkContributor", "PodSubnetNetworkContributor-nodepool1", "NodePoolSubnetNetworkContributor-pool2", "PodSubnetNetworkContributor-pool2"]);
  });

  test("pools sharing a pod subnet share one grant (Azure holds one assignment per scope, principal and role)", () => {
    const { json } = clusterStack({ network: { subnet: ID.subnet }, defaultNodePool: { podSubnet: ID.pods }, additionalNodePools: [{ name: "pool2", podSubnet: ID.pods }] });
    expect(allGrants(json)).toEqual(expect.arrayContaining([["Network Contributor", ID.subnet, CONTROL_PLANE], ["Network Contributor", ID.pods, CONTROL_PLANE]]));
    expect(allGrants(json)).toHaveLength(2);
    // the shared grant is the first pool's; the second pool waits for it
    expect(pool(json, "pool2").depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_role_assignment\.aks_PodSubnetNetworkContributor-nodepool1_/), expect.stringMatching(/^azurerm_role_assignment\.aks_SubnetNetworkContributor_/)]));
  });

  test("a system-assigned identity: the grants come after the cluster, and a separate pool still waits for them", () => {
    const stack = newStack();
    const subnet2 = new Subnet(stack, "nodes2", { name: "nodes2", resourceGroupName: "rg", virtualNetworkName: "vnet", addressPrefixes: ["10.1.4.0/22"] });
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, network: { subnet: ID.subnet }, additionalNodePools: [{ name: "pool2", subnet: subnet2 }] });
    const json = synthJson(stack);
    const principal = ref(CLUSTER, "identity[0].principal_id");
    expect(allGrants(json)).toEqual(expect.arrayContaining([["Network Contributor", ID.subnet, principal], ["Network Contributor", ref("azurerm_subnet.nodes2", "id"), principal]]));
    expect(allGrants(json)).toHaveLength(2);
    expect(cluster.grants.all.map((g) => g.timing)).toEqual(["after-cluster", "after-cluster"]);
    expect(pool(json, "pool2").depends_on).toEqual([expect.stringMatching(/^azurerm_role_assignment\.aks_NodePoolSubnetNetworkContributor-pool2_/)]);
    expect(resources(json, "azurerm_kubernetes_cluster")[CLUSTER.split(".")[1]].depends_on).toBeUndefined();
  });

  test("capacity reservation group, host group, node public IP prefix: a role on each resource group, before the pool", () => {
    const { json, body } = clusterStack({
      defaultNodePool: { capacityReservationGroup: ID.capacityReservationGroup },
      additionalNodePools: [{ name: "dedicated", hostGroup: ID.hostGroup, nodePublicIpPrefix: ID.nodeIpPrefix }],
    });
    const p = pool(json, "dedicated");
    expect(body.default_node_pool).toMatchObject({ capacity_reservation_group_id: ID.capacityReservationGroup });
    expect(p).toMatchObject({ host_group_id: ID.hostGroup, node_public_ip_prefix_id: ID.nodeIpPrefix, node_public_ip_enabled: true });
    expectGrant(json, Roles.CONTRIBUTOR, ID.rg("rg-crg"), CONTROL_PLANE, [body]);
    expectGrant(json, Roles.CONTRIBUTOR, ID.rg("rg-hosts"), CONTROL_PLANE, [body, p]);
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.rg("rg-nodeips"), CONTROL_PLANE, [body, p]);
  });

  test("temporaryNameForRotation: never a pool's name, unique per pool, yours kept; Windows pools get none by default", () => {
    const { body, json } = clusterStack({
      defaultNodePool: { name: "tmprotation" },
      additionalNodePools: [{ name: "tmprot1", temporaryNameForRotation: "rotate2" }, { name: "linux" }, { name: "win", osType: "Windows" }],
    });
    expect((body.default_node_pool as Record<string, unknown>).temporary_name_for_rotation).toBe("tmprot2");
    expect(pool(json, "tmprot1").temporary_name_for_rotation).toBe("rotate2");
    expect(pool(json, "linux").temporary_name_for_rotation).toBe("tmprot3");
    expect(pool(json, "win").temporary_name_for_rotation).toBeUndefined();
  });

  const bad: [string, Pick<AksClusterProps, "defaultNodePool" | "additionalNodePools" | "network">, string, string][] = [
    ["vnetSubnetId on the default pool", { defaultNodePool: { vnetSubnetId: ID.subnet } as DefaultNodePoolProps }, "defaultNodePool.vnetSubnetId", "use network.subnet"],
    ["podSubnetId on a pool", { additionalNodePools: [{ name: "p2", podSubnetId: ID.pods } as NodePoolProps] }, "additionalNodePools[0].podSubnetId", "use additionalNodePools[0].podSubnet"],
    ["kubernetesClusterId on a pool", { additionalNodePools: [{ name: "p2", kubernetesClusterId: "x" } as NodePoolProps] }, "additionalNodePools[0].kubernetesClusterId", "The cluster sets this itself"],
    ["dependsOn on a pool", { additionalNodePools: [{ name: "p2", dependsOn: [] } as NodePoolProps] }, "additionalNodePools[0].dependsOn", "cluster.dependOn"],
    ["taints on the default pool", { defaultNodePool: { nodeTaints: ["a=b:NoSchedule"] } as DefaultNodePoolProps }, "defaultNodePool.nodeTaints", "put it on an additionalNodePools entry"],
    ["a subnet on the default pool", { defaultNodePool: { subnet: ID.subnet } as DefaultNodePoolProps }, "defaultNodePool.subnet", "use network.subnet"],
    ["autoscaling without maxCount", { defaultNodePool: { autoScalingEnabled: true, minCount: 1 } }, "defaultNodePool.maxCount", "needs minCount and maxCount"],
    ["minCount above maxCount", { additionalNodePools: [{ name: "p2", autoScalingEnabled: true, minCount: 5, maxCount: 2 }] }, "additionalNodePools[0].maxCount", "at least minCount (5)"],
    ["nodeCount outside the bounds", { defaultNodePool: { autoScalingEnabled: true, minCount: 2, maxCount: 4, nodeCount: 9 } }, "defaultNodePool.nodeCount", "between minCount (2) and maxCount (4)"],
    ["minCount without autoscaling", { defaultNodePool: { minCount: 1 } }, "defaultNodePool.minCount", "set autoScalingEnabled: true"],
    ["nodeCount 0 on the default pool", { defaultNodePool: { nodeCount: 0 } }, "defaultNodePool.nodeCount", "from 1 to 1000"],
    ["temporaryNameForRotation with uppercase", { defaultNodePool: { temporaryNameForRotation: "Tmp" } }, "defaultNodePool.temporaryNameForRotation", "a lowercase letter, then up to 11"],
    ["temporaryNameForRotation of a pool's name", { defaultNodePool: { temporaryNameForRotation: "pool2" }, additionalNodePools: [{ name: "pool2" }] }, "defaultNodePool.temporaryNameForRotation", "must differ from every pool's"],
    ["a pod subnet on one pool only", { network: { subnet: ID.subnet }, defaultNodePool: { podSubnet: ID.pods }, additionalNodePools: [{ name: "p2" }] }, "additionalNodePools[0].podSubnet", "every node pool needs a pod subnet"],
    ["the pod subnet is the nodes' subnet", { network: { subnet: ID.subnet }, defaultNodePool: { podSubnet: ID.subnet } }, "defaultNodePool.podSubnet", "must differ from the nodes' subnet"],
    ["a pod subnet of another VNet", { network: { subnet: ID.subnet }, defaultNodePool: { podSubnet: ID.otherVnetSubnet } }, "defaultNodePool.podSubnet", "must be in the cluster's VNet"],
    ["a pod subnet without a node subnet", { defaultNodePool: { podSubnet: ID.pods } }, "defaultNodePool.podSubnet", "the nodes need a subnet of it as well"],
    ["a pod subnet with kubenet", { network: { subnet: ID.subnet, plugin: "kubenet" }, defaultNodePool: { podSubnet: ID.pods } }, "network.plugin", "an Azure CNI feature"],
    ["a pool subnet without network.subnet", { additionalNodePools: [{ name: "p2", subnet: ID.subnet2 }] }, "additionalNodePools[0].subnet", "set network.subnet"],
    ["a pool subnet of another VNet", { network: { subnet: ID.subnet }, additionalNodePools: [{ name: "p2", subnet: ID.otherVnetSubnet }] }, "additionalNodePools[0].subnet", "must be in the cluster's VNet"],
    ["a host group that is a resource group", { defaultNodePool: { hostGroup: ID.rg("rg-hosts") } }, "defaultNodePool.hostGroup", "Microsoft.Compute/hostGroups"],
    ["a node IP prefix with node public IPs off", { defaultNodePool: { nodePublicIpPrefix: ID.nodeIpPrefix, nodePublicIpEnabled: false } }, "defaultNodePool.nodePublicIpEnabled", "azurerm requires node_public_ip_enabled"],
  ];
  test.each(bad)("bad input: %s", (_name, props, prop, says) => {
    const stack = newStack();
    const e = thrownAksError(() => new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)), ...props }));
    expect(e.prop).toBe(prop);
    expect(e.message).toContain(says);
  });

  test("a capacity reservation group or host group needs a user-assigned identity (the docs: system-assigned doesn't work)", () => {
    const crg = thrownAksError(() => new AksCluster(newStack(), "aks", { resourceGroup: RG, defaultNodePool: { capacityReservationGroup: ID.capacityReservationGroup } }));
    expect(crg.message).toContain("use-capacity-reservation-groups.md: system-assigned managed identities don't work");
    const hosts = thrownAksError(() => new AksCluster(newStack(), "aks", { resourceGroup: RG, additionalNodePools: [{ name: "p2", hostGroup: ID.hostGroup }] }));
    expect(hosts.prop).toBe("additionalNodePools[0].hostGroup");
  });
});
