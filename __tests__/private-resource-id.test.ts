import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { DataAzurermSubnet } from "@cdktf/provider-azurerm/lib/data-azurerm-subnet";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { EXAMPLE_IDS, isGuid, parseResourceId, validateResourceId, validateScope } from "../lib/private/resource-id";
import { thrownAksError } from "./helpers";

const SUB = "00000000-0000-0000-0000-000000000000";

describe("resource IDs", () => {
  test("parses subscription, group, resource and child resource IDs", () => {
    expect(parseResourceId(`/subscriptions/${SUB}`)).toEqual({ subscriptionId: SUB });
    expect(parseResourceId(EXAMPLE_IDS.resourceGroup)).toEqual({ subscriptionId: SUB, resourceGroup: "myResourceGroup" });
    expect(parseResourceId(EXAMPLE_IDS.subnet)).toEqual({ subscriptionId: SUB, resourceGroup: "myResourceGroup", type: "Microsoft.Network/virtualNetworks/subnets", name: "mySubnet" });
    expect(parseResourceId(EXAMPLE_IDS.identity)?.type).toBe("Microsoft.ManagedIdentity/userAssignedIdentities");
  });

  test("rejects what is not a resource ID", () => {
    for (const bad of ["myVnet", `/subscriptions/<sub>/resourceGroups/rg`, `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network`, `${EXAMPLE_IDS.subnet}/`, ` ${EXAMPLE_IDS.subnet}`]) {
      expect(parseResourceId(bad)).toBeUndefined();
    }
    expect(isGuid(SUB)).toBe(true);
    expect(isGuid("not-a-guid")).toBe(false);
  });

  test("validates the type case-insensitively, as Azure does, and lets tokens through", () => {
    expect(() => validateResourceId("p", "subnet", EXAMPLE_IDS.subnet.replace("resourceGroups", "resourcegroups").replace("Microsoft.Network", "microsoft.network"), "Microsoft.Network/virtualNetworks/subnets", EXAMPLE_IDS.subnet)).not.toThrow();
    const stack = new TerraformStack(Testing.app(), "s");
    const token = new TerraformVariable(stack, "id", { type: "string" }).stringValue;
    expect(() => validateResourceId("p", "subnet", token, "Microsoft.Network/virtualNetworks/subnets", EXAMPLE_IDS.subnet)).not.toThrow();
    const e = thrownAksError(() => validateResourceId("app/aks", "network.subnet", EXAMPLE_IDS.virtualNetwork, "Microsoft.Network/virtualNetworks/subnets", EXAMPLE_IDS.subnet));
    expect(e.message).toBe(`[app/aks] network.subnet: received "${EXAMPLE_IDS.virtualNetwork}". Expected the resource ID of a Microsoft.Network/virtualNetworks/subnets, like ${EXAMPLE_IDS.subnet}. Fix: pass the resource's \`id\` attribute (a reference) or its full ID, as \`az resource show --query id\` prints it.`);
  });

  test("validateScope: a construct of the right Terraform type (resource or data source) passes, another type names itself", () => {
    // GIVEN a stack with a VNet, a subnet and a subnet lookup
    const stack = new TerraformStack(Testing.app(), "s");
    const vnet = new VirtualNetwork(stack, "vnet", { name: "vnet", resourceGroupName: "rg", location: "westus2", addressSpace: ["10.0.0.0/16"] });
    const subnet = new Subnet(stack, "snet", { name: "snet", resourceGroupName: "rg", virtualNetworkName: "vnet", addressPrefixes: ["10.0.0.0/24"] });
    const lookup = new DataAzurermSubnet(stack, "lookup", { name: "snet", resourceGroupName: "rg", virtualNetworkName: "vnet" });
    const expected = "Microsoft.Network/virtualNetworks/subnets";
    // WHEN each is checked as a subnet
    // THEN the subnet and its lookup pass, the VNet (whose id is only a reference) fails with its type and path
    expect(() => validateScope("p", "subnet", subnet, expected, EXAMPLE_IDS.subnet)).not.toThrow();
    expect(() => validateScope("p", "subnet", lookup, expected, EXAMPLE_IDS.subnet)).not.toThrow();
    const e = thrownAksError(() => validateScope("app/aks", "addons.virtualNode.subnet", vnet, expected, EXAMPLE_IDS.subnet));
    expect(e.message).toBe(`[app/aks] addons.virtualNode.subnet: received "the azurerm_virtual_network s/vnet". Expected a Microsoft.Network/virtualNetworks/subnets: an azurerm_subnet construct, or an ID like ${EXAMPLE_IDS.subnet}. Fix: pass the right resource (or its \`id\`).`);
    // AND literal IDs still get validateResourceId's check
    expect(() => validateScope("p", "subnet", EXAMPLE_IDS.virtualNetwork, expected, EXAMPLE_IDS.subnet)).toThrow("Expected the resource ID of a Microsoft.Network/virtualNetworks/subnets");
  });
});
