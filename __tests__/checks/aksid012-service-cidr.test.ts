import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { TerraformVariable } from "cdktf";
import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, IDENTITY_ID, messagesOf, RG, rawCluster, rawNetwork } from "./fixtures";

describe("AKSID012 dns_service_ip and service_cidr", () => {
  test("library: the article's 10.2.0.0/24 and 10.2.0.10 next to a 10.1.0.0/22 subnet pass", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")),
      network: { subnet, serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10" } });
    expect(messagesOf(stack, "AKSID012")).toEqual([]);
  });

  test("library: a service CIDR moved onto the node subnet by override is an error, and so is the DNS IP left outside", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")),
      network: { subnet, serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10" } });
    cluster.resource.addOverride("network_profile.service_cidr", "10.1.0.0/16");
    // THEN
    expect(messagesOf(stack, "AKSID012").map((m) => m.message)).toEqual([
      "[test/aks/Resource] AKSID012 network_profile.dns_service_ip: received \"10.2.0.10\". dns_service_ip must be inside service_cidr 10.1.0.0/16, and not its network, first (the kubernetes service) or broadcast address. Fix: pick an address such as the .10 of the service CIDR.",
      "[test/aks/Resource] AKSID012 network_profile.service_cidr: received \"10.1.0.0/16\". service_cidr overlaps azurerm_subnet.subnet's address prefix 10.1.0.0/22, in the cluster's VNet. Fix: pick a service CIDR outside the VNet's address space (e.g. 10.2.0.0/24 for a 10.1.0.0/16 VNet) and the .10 address of it as dns_service_ip.",
    ]);
  });

  test("raw: the kubernetes service address and a sibling subnet's range are caught", () => {
    const stack = guardedStack();
    const { vnet, subnet } = rawNetwork(stack);
    new Subnet(stack, "other", { name: "other", resourceGroupName: "rg", virtualNetworkName: vnet.name, addressPrefixes: ["10.1.8.0/24"] });
    rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] },
      defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, networkProfile: { networkPlugin: "azure", serviceCidr: "10.1.8.0/24", dnsServiceIp: "10.1.8.1" } });
    expect(messagesOf(stack, "AKSID012").map((m) => m.message.split(". ")[1])).toEqual([
      "dns_service_ip must be inside service_cidr 10.1.8.0/24, and not its network, first (the kubernetes service) or broadcast address",
      "service_cidr overlaps azurerm_subnet.other's address prefix 10.1.8.0/24, in the cluster's VNet",
    ]);
  });

  test("raw: values known only at plan time are skipped", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" });
    rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] },
      defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, networkProfile: { networkPlugin: "azure", serviceCidr: cidr.stringValue, dnsServiceIp: "10.1.0.10" } });
    expect(messagesOf(stack, "AKSID012")).toEqual([]);
  });
});
