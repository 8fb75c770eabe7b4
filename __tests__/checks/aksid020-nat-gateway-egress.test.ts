import { NatGateway } from "@cdktf/provider-azurerm/lib/nat-gateway";
import { SubnetNatGatewayAssociation } from "@cdktf/provider-azurerm/lib/subnet-nat-gateway-association";
import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, IDENTITY_ID, messagesOf, RG, rawCluster, rawNetwork, SUBNET_ID } from "./fixtures";

const NAT = { networkPlugin: "azure", outboundType: "userAssignedNATGateway" };
const UA = { type: "UserAssigned", identityIds: [IDENTITY_ID] };

describe("AKSID020 outbound type userAssignedNATGateway", () => {
  test("library: network.natGateway attaches the NAT gateway and the cluster waits for it", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const nat = new NatGateway(stack, "nat", { name: "nat", resourceGroupName: "rg", location: "westus2" });
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")),
      network: { subnet, outboundType: "userAssignedNATGateway", natGateway: nat } });
    expect(messagesOf(stack, "AKSID020")).toEqual([]);
  });

  test("library: a subnet of the stack with no NAT gateway attached is an error", () => {
    // GIVEN the NAT gateway attached elsewhere, or forgotten
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")), network: { subnet, outboundType: "userAssignedNATGateway" } });
    // THEN
    expect(messagesOf(stack, "AKSID020")).toEqual([{
      level: "@cdktf/error",
      path: "test/aks/Resource",
      message: "[test/aks/Resource] AKSID020 default_node_pool.vnet_subnet_id: received \"${azurerm_subnet.subnet.id}\". Outbound type userAssignedNATGateway, but this stack attaches no NAT gateway to the cluster's subnet. Fix: set default_node_pool.vnet_subnet_id, create azurerm_subnet_nat_gateway_association for that subnet and add it to the cluster's depends_on (AksCluster: network.subnet with network.natGateway does both).",
    }]);
  });

  test("raw: an association the cluster does not depend on is an error; depending on it passes", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const nat = new NatGateway(stack, "nat", { name: "nat", resourceGroupName: "rg", location: "westus2" });
    const assoc = new SubnetNatGatewayAssociation(stack, "assoc", { subnetId: subnet.id, natGatewayId: nat.id });
    rawCluster(stack, "waits", { identity: UA, networkProfile: NAT, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, dependsOn: [assoc] });
    rawCluster(stack, "races", { identity: UA, networkProfile: NAT, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id } });
    expect(messagesOf(stack, "AKSID020").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
      ["test/races", "Outbound type userAssignedNATGateway, but the cluster does not depend on azurerm_subnet_nat_gateway_association.assoc, so Terraform may create it before the NAT gateway is attached"],
    ]);
  });

  test("raw: no subnet is an error; a subnet made outside the stack is not guessed at; other outbound types are not checked", () => {
    const stack = guardedStack();
    rawCluster(stack, "nosubnet", { identity: UA, networkProfile: NAT });
    rawCluster(stack, "outside", { identity: UA, networkProfile: NAT, defaultNodePool: { name: "nodepool1", vnetSubnetId: SUBNET_ID } });
    rawCluster(stack, "lb", { identity: UA, networkProfile: { networkPlugin: "azure", outboundType: "loadBalancer" } });
    expect(messagesOf(stack, "AKSID020").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
      ["test/nosubnet", "Outbound type userAssignedNATGateway without a custom subnet: AKS needs your subnet with the NAT gateway attached (bring-your-own networking)"],
    ]);
  });
});
