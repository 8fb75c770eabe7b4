import { DataAzurermSubnet } from "@cdktf/provider-azurerm/lib/data-azurerm-subnet";
import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, IDENTITY_ID, messagesOf, RG, rawCluster, rawNetwork, SUBNET_ID } from "./fixtures";

const UDR = { networkPlugin: "azure", outboundType: "userDefinedRouting" };

describe("AKSID006 outbound type userDefinedRouting", () => {
  test("library: a user-assigned cluster with subnet and route table passes (it waits for the association)", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const rt = new RouteTable(stack, "rt", { name: "rt", resourceGroupName: "rg", location: "westus2" });
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")),
      network: { subnet, routeTable: rt, outboundType: "userDefinedRouting" } });
    expect(messagesOf(stack, "AKSID006")).toEqual([]);
  });

  test("library: switching a system-assigned kubenet cluster to UDR by override is an error", () => {
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, network: { plugin: "kubenet", subnet: SUBNET_ID } });
    cluster.resource.addOverride("network_profile.outbound_type", "userDefinedRouting");
    expect(messagesOf(stack, "AKSID006")).toEqual([{
      level: "@cdktf/error",
      path: "test/aks/Resource",
      message: "[test/aks/Resource] AKSID006 network_profile.outbound_type: received \"userDefinedRouting\". Outbound type userDefinedRouting with kubenet and a system-assigned identity: the control plane writes routes to the route table, so it needs Network Contributor on it before the cluster is created, which a system-assigned identity cannot have (configure-kubenet.md). Fix: create azurerm_subnet_route_table_association for the cluster's subnet and add it to the cluster's depends_on (AksCluster does this with network.subnet and network.routeTable); with kubenet use a user-assigned identity.",
    }]);
  });

  test("raw: a system-assigned Azure CNI cluster with UDR and an association it waits for passes (limit-egress-traffic.md)", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const rt = new RouteTable(stack, "rt", { name: "rt", resourceGroupName: "rg", location: "westus2" });
    const assoc = new SubnetRouteTableAssociation(stack, "assoc", { subnetId: subnet.id, routeTableId: rt.id });
    rawCluster(stack, "cni", { networkProfile: UDR, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, dependsOn: [assoc] });
    expect(messagesOf(stack, "AKSID006")).toEqual([]);
  });

  test("raw: an association the cluster does not depend on is an error; depending on it passes", () => {
    // GIVEN: two clusters on the same subnet, one waiting for the association
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const rt = new RouteTable(stack, "rt", { name: "rt", resourceGroupName: "rg", location: "westus2" });
    const assoc = new SubnetRouteTableAssociation(stack, "assoc", { subnetId: subnet.id, routeTableId: rt.id });
    const ua = { type: "UserAssigned", identityIds: [IDENTITY_ID] };
    rawCluster(stack, "waits", { identity: ua, networkProfile: UDR, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, dependsOn: [assoc] });
    rawCluster(stack, "races", { identity: ua, networkProfile: UDR, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id } });
    // THEN
    expect(messagesOf(stack, "AKSID006").map((m) => [m.path, m.message.split(". ")[0]])).toEqual([
      ["test/races", "[test/races] AKSID006 depends_on: received []"],
    ]);
    expect(messagesOf(stack, "AKSID006")[0].message).toContain("Outbound type userDefinedRouting, but the cluster does not depend on azurerm_subnet_route_table_association.assoc, so Terraform may create it before the route table is attached.");
  });

  test("raw: reading the subnet id from the association also makes the cluster wait", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const rt = new RouteTable(stack, "rt", { name: "rt", resourceGroupName: "rg", location: "westus2" });
    const assoc = new SubnetRouteTableAssociation(stack, "assoc", { subnetId: subnet.id, routeTableId: rt.id });
    rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] }, networkProfile: UDR, defaultNodePool: { name: "nodepool1", vnetSubnetId: assoc.subnetId } });
    expect(messagesOf(stack, "AKSID006")).toEqual([]);
  });

  test("raw: a subnet of this stack with no association, and UDR without a subnet, are errors", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const ua = { type: "UserAssigned", identityIds: [IDENTITY_ID] };
    rawCluster(stack, "noassoc", { identity: ua, networkProfile: UDR, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id } });
    rawCluster(stack, "nosubnet", { identity: ua, networkProfile: UDR });
    expect(messagesOf(stack, "AKSID006").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
      ["test/noassoc", "Outbound type userDefinedRouting, but this stack has no route table association for the cluster's subnet"],
      ["test/nosubnet", "Outbound type userDefinedRouting without a custom subnet: AKS needs your subnet whose route table sends egress to your firewall or appliance"],
    ]);
  });

  test("raw: a subnet made outside this stack (an id or a lookup) is not guessed about", () => {
    const stack = guardedStack();
    const looked = new DataAzurermSubnet(stack, "existing", { name: "aks", virtualNetworkName: "vnet", resourceGroupName: "rg" });
    rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] }, networkProfile: UDR, defaultNodePool: { name: "nodepool1", vnetSubnetId: SUBNET_ID } });
    rawCluster(stack, "aks2", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] }, networkProfile: UDR, defaultNodePool: { name: "nodepool1", vnetSubnetId: looked.id } });
    expect(messagesOf(stack, "AKSID006")).toEqual([]);
  });
});
