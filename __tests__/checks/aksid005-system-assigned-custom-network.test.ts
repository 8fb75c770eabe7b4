import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
import { AksCluster, ClusterIdentity } from "../../lib";
import { annotationsOf } from "../helpers";
import { guardedStack, identity, messagesOf, RG, rawCluster, rawNetwork, SUBNET_ID } from "./fixtures";

const WARNING = "may take up to 60 minutes to take effect";

describe("AKSID005 custom subnet or route table with a system-assigned identity", () => {
  test("library: a user-assigned identity on a custom subnet passes", () => {
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")), network: { subnet: SUBNET_ID } });
    expect(messagesOf(stack, "AKSID005")).toEqual([]);
  });

  test("library: a system-assigned identity on a custom subnet is warned about once", () => {
    // GIVEN: the cluster used to warn itself; the guardrail is now the one place
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, network: { subnet: SUBNET_ID } });
    // THEN
    expect(messagesOf(stack, "AKSID005")).toEqual([{
      level: "@cdktf/warn",
      path: "test/aks/Resource",
      message: `[test/aks/Resource] AKSID005 default_node_pool.vnet_subnet_id: received "${SUBNET_ID}". A custom subnet with a system-assigned identity: the Network Contributor grant on the subnet can only be made after the cluster exists and may take up to 60 minutes to take effect, so early load balancer operations can fail. Fix: use a user-assigned control-plane identity (ClusterIdentity.userAssigned(new UserAssignedManagedIdentity(...))) and grant it Network Contributor on the subnet before the cluster is created.`,
    }]);
    expect(annotationsOf(stack).filter((a) => a.message.includes(WARNING))).toHaveLength(1);
  });

  test("raw: a system-assigned cluster on a subnet with a route table names both", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const rt = new RouteTable(stack, "rt", { name: "rt", resourceGroupName: "rg", location: "westus2" });
    new SubnetRouteTableAssociation(stack, "assoc", { subnetId: subnet.id, routeTableId: rt.id });
    rawCluster(stack, "aks", { defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id } });
    // THEN
    const [m] = messagesOf(stack, "AKSID005");
    expect(m.level).toBe("@cdktf/warn");
    expect(m.message).toContain("[test/aks] AKSID005 default_node_pool.vnet_subnet_id: received \"${azurerm_subnet.subnet.id}\". A custom subnet and route table with a system-assigned identity: the Network Contributor grant on the subnet and route table can only be made after the cluster exists");
  });

  test("raw: a system-assigned cluster in AKS's own VNet passes", () => {
    const stack = guardedStack();
    rawCluster(stack, "aks", {});
    expect(messagesOf(stack, "AKSID005")).toEqual([]);
  });
});
