import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { DefaultTokenResolver, StringConcat, Tokenization } from "cdktf";
import { resourceGroupIdOf, resourceName, staticKey, virtualNetworkIdOfSubnet } from "../lib/private/id-parts";
import { newStack } from "./helpers";
import { NODE_SUBNET, reference, SUB, VNET } from "./addon-fixtures";

describe("resource id parts", () => {
  test("cuts literal ids", () => {
    expect(resourceGroupIdOf(NODE_SUBNET)).toBe(`${SUB}/resourceGroups/net`);
    expect(virtualNetworkIdOfSubnet(NODE_SUBNET)).toBe(VNET);
    expect(resourceName(NODE_SUBNET)).toBe("nodes");
  });

  test("cuts references with Terraform functions", () => {
    const stack = newStack();
    const ref = reference(stack, "sn");
    expect(Tokenization.resolve(virtualNetworkIdOfSubnet(ref), { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) })).toBe("${join(\"/\", slice(split(\"/\", var.sn), 0, 9))}");
    expect(resourceName(ref)).toBeUndefined();
  });

  test("static keys come from the key, the construct id or the literal name", () => {
    const stack = newStack();
    const subnet = new Subnet(stack, "mySubnet", { name: "x", resourceGroupName: "rg", virtualNetworkName: "v", addressPrefixes: ["10.0.0.0/24"] });
    expect(staticKey("p", "prop", NODE_SUBNET, "given")).toBe("given");
    expect(staticKey("p", "prop", subnet)).toBe("mySubnet");
    expect(staticKey("p", "prop", NODE_SUBNET)).toBe("nodes");
    expect(() => staticKey("p", "prop", reference(stack, "v"))).toThrow("[p] prop: received a Terraform reference. A grant on a scope known only at apply time needs a static key");
  });
});
