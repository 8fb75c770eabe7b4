import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { Construct } from "constructs";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../lib";
import { ARTICLE, ArticleStack } from "./article-stack";
import { clusterNetwork } from "./own-network";

/**
 * Two node pools, each in its own node subnet with its own pod subnet (Azure CNI dynamic pod IP
 * allocation, aks-docs configure-azure-cni-dynamic-ip-allocation.md), granted to myIdentity
 * before the cluster and the second pool exist, with the opt-in least-privilege custom role
 * (subnets/join/action and subnets/read) instead of Network Contributor: one role definition in
 * myResourceGroup for all four subnets.
 *   az aks create -g myResourceGroup -n myManagedCluster --network-plugin azure \
 *     --vnet-subnet-id <mySubnet> --pod-subnet-id <myPodSubnet> --assign-identity <identity-id>
 *   az aks nodepool add -g myResourceGroup --cluster-name myManagedCluster -n batch --mode User \
 *     --vnet-subnet-id <myBatchSubnet> --pod-subnet-id <myBatchPodSubnet> \
 *     --enable-cluster-autoscaler --min-count 1 --max-count 5 --node-taints workload=batch:NoSchedule
 */
export class NodePoolSubnetsStack extends ArticleStack {
  public readonly identity: UserAssignedManagedIdentity;
  public readonly cluster: AksCluster;

  constructor(scope: Construct, id = "node-pool-subnets") {
    super(scope, id);
    const rg = this.resourceGroup;
    const { vnet, subnet } = clusterNetwork(this);
    const inVnet = (name: string, prefix: string) => new Subnet(this, name, { name, resourceGroupName: rg.name, virtualNetworkName: vnet.name, addressPrefixes: [prefix] });
    const podSubnet = inVnet("myPodSubnet", "10.1.64.0/18");
    const batchSubnet = inVnet("myBatchSubnet", "10.1.4.0/22");
    const batchPodSubnet = inVnet("myBatchPodSubnet", "10.1.128.0/18");
    this.identity = new UserAssignedManagedIdentity(this, ARTICLE.identity, { resourceGroupName: rg.name, location: rg.location });
    this.cluster = new AksCluster(this, ARTICLE.cluster, {
      resourceGroup: rg,
      identity: ClusterIdentity.userAssigned(this.identity),
      network: { plugin: "azure", subnet, serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10" },
      defaultNodePool: { podSubnet, onlyCriticalAddonsEnabled: true, zones: ["1", "2", "3"] },
      additionalNodePools: [{
        name: "batch",
        mode: "User",
        vmSize: "Standard_D4s_v5",
        subnet: batchSubnet,
        podSubnet: batchPodSubnet,
        autoScalingEnabled: true,
        minCount: 1,
        maxCount: 5,
        zones: ["1", "2", "3"],
        nodeTaints: ["workload=batch:NoSchedule"],
        nodeLabels: { workload: "batch" },
        maxPods: 50,
        upgradeSettings: { maxSurge: "33%" },
      }],
      // One custom role in myResourceGroup (the subnets' group) instead of Network Contributor on each subnet.
      leastPrivilegeRoles: { scope: rg.id },
    });
  }
}
