import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { AksCluster } from "../lib";
import { newStack, only, synthJson } from "./helpers";
import { clusterRef, clusterStack, grantsOf, NODE_SUBNET, reference, SUB, VNET } from "./addon-fixtures";

const IDENTITY = "aci_connector_linux[0].connector_identity[0]";
const ACI_SUBNET = `${VNET}/subnets/aci`;

describe("virtual node add-on (ACI connector)", () => {
  test("as az aks when asked (grant: \"virtualNetwork\"): Contributor on the virtual-node subnet's VNet for the connector identity", () => {
    const { json } = clusterStack({ network: { subnet: NODE_SUBNET }, addons: { virtualNode: { subnet: ACI_SUBNET, grant: "virtualNetwork" } } });
    const j = json();
    const ref = clusterRef(j);
    expect(only(j, "azurerm_kubernetes_cluster").body.aci_connector_linux).toEqual({ subnet_name: "aci" });
    const vn = grantsOf(j).filter((g) => g.principal.includes(IDENTITY));
    expect(vn.map((g) => [g.role, g.scope, g.principal])).toEqual([["Contributor", VNET, `\${${ref}.${IDENTITY}.object_id}`]]);
    expect(vn[0].id).toContain("VirtualNode-VirtualNetworkContributor");
    expect(j.output!.aks_aci_connector_linux_identity).toBeDefined();
  });

  test("by default, as the docs (virtual-nodes-cli.md): Network Contributor on the virtual-node subnet only", () => {
    const { json } = clusterStack({ network: { subnet: NODE_SUBNET }, addons: { virtualNode: { subnet: ACI_SUBNET } } });
    const vn = grantsOf(json()).filter((g) => g.principal.includes(IDENTITY));
    expect(vn.map((g) => [g.role, g.scope])).toEqual([["Network Contributor", ACI_SUBNET]]);
  });

  test("subnet constructs: the name comes from the construct and the VNet from the given construct or the id", () => {
    const stack = newStack();
    const vnet = new VirtualNetwork(stack, "vnet", { name: "vnet", resourceGroupName: "rg", location: "westus2", addressSpace: ["10.1.0.0/16"] });
    const nodes = new Subnet(stack, "nodes", { name: "nodes", resourceGroupName: "rg", virtualNetworkName: vnet.name, addressPrefixes: ["10.1.0.0/22"] });
    const aci = new Subnet(stack, "aci", { name: "aci-subnet", resourceGroupName: "rg", virtualNetworkName: vnet.name, addressPrefixes: ["10.1.4.0/24"] });
    new AksCluster(stack, "clusterA", { network: { subnet: nodes }, addons: { virtualNode: { subnet: aci, virtualNetwork: vnet, grant: "virtualNetwork" } } });
    new AksCluster(stack, "clusterB", { network: { subnet: nodes }, addons: { virtualNode: { subnet: aci, grant: "virtualNetwork" } } });
    const j = synthJson(stack);
    const clusters = Object.values(j.resource!.azurerm_kubernetes_cluster);
    expect(clusters.map((c) => c.aci_connector_linux)).toEqual([{ subnet_name: "${azurerm_subnet.aci.name}" }, { subnet_name: "${azurerm_subnet.aci.name}" }]);
    const scopes = grantsOf(j).filter((g) => g.principal.includes(IDENTITY)).map((g) => g.scope).sort();
    expect(scopes).toEqual(["${azurerm_virtual_network.vnet.id}", "${join(\"/\", slice(split(\"/\", azurerm_subnet.aci.id), 0, 9))}"]);
  });

  test.each([
    [{ addons: { virtualNode: { subnet: ACI_SUBNET } } }, "[test/aks] addons.virtualNode: received \"a cluster without network.subnet\". Virtual nodes need the cluster in your own VNet"],
    [{ network: { subnet: NODE_SUBNET, plugin: "kubenet" }, addons: { virtualNode: { subnet: ACI_SUBNET } } }, "network.plugin: received \"kubenet\". Virtual nodes need Azure CNI."],
    [{ network: { subnet: NODE_SUBNET }, addons: { virtualNode: { subnet: NODE_SUBNET } } }, "The virtual-node subnet must differ from the nodes' subnet."],
    [{ network: { subnet: NODE_SUBNET }, addons: { virtualNode: { subnet: `${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/other/subnets/aci` } } }, "The virtual-node subnet must be in the cluster's VNet"],
    [{ network: { subnet: NODE_SUBNET }, addons: { virtualNode: { subnet: ACI_SUBNET, grant: "vnet" } } }, "addons.virtualNode.grant: received \"vnet\"."],
    [{ network: { subnet: NODE_SUBNET }, addons: { virtualNode: {} } }, "addons.virtualNode.subnet: received nothing (undefined)."],
  ])("rejects %#", (props, message) => {
    expect(() => clusterStack(props as never)).toThrow(message);
  });

  test("a subnet reference without a name needs subnetName", () => {
    const stack = newStack();
    const aci = reference(stack, "aci");
    expect(() => new AksCluster(stack, "aks", { network: { subnet: NODE_SUBNET }, addons: { virtualNode: { subnet: aci } } }))
      .toThrow("addons.virtualNode.subnetName: received nothing (undefined). azurerm takes the virtual-node subnet by name");
    new AksCluster(stack, "aks2", { network: { subnet: NODE_SUBNET }, addons: { virtualNode: { subnet: aci, subnetName: "aci" } } });
    expect(Object.values(synthJson(stack).resource!.azurerm_kubernetes_cluster).map((c) => c.aci_connector_linux)).toEqual([{ subnet_name: "aci" }]);
  });
});
