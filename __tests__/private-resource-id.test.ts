import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { EXAMPLE_IDS, isGuid, parseResourceId, validateResourceId } from "../lib/private/resource-id";
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
});
