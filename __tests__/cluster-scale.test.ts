import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AksCluster } from "../lib";
import { appOf, newStack, synthJson } from "./helpers";

// Many clusters in one stack: each keeps its own outputs, found without walking the tree.
describe("AksCluster output prefixes", () => {
  test("rejects a second cluster whose id would give the same output names in the same stack", () => {
    // GIVEN a stack with a cluster "aks", and a group construct beside it
    const stack = newStack();
    new AksCluster(stack, "aks");
    const group = new Construct(stack, "team-a");
    // WHEN / THEN another "aks" in the group throws, naming the path and the fix
    // (another Azure name, so only the outputs collide)
    expect(() => new AksCluster(group, "aks", { name: "aks-team-a" })).toThrow(
      "[test/team-a/aks] id: received \"aks\". Another AksCluster (test/aks) has an id that gives the same output names (aks_*: characters other than letters, digits and _ become _). Fix: give each AksCluster a distinct construct id.");
  });

  test("allows the same cluster id in another stack of the same app", () => {
    // GIVEN two stacks in one app, each with a cluster "aks"
    const first = newStack("first");
    new AksCluster(first, "aks");
    const second = new TerraformStack(appOf(first), "second");
    // WHEN / THEN
    expect(() => new AksCluster(second, "aks")).not.toThrow();
  });

  test("gives each of many clusters its own outputs", () => {
    // GIVEN 20 clusters in one stack
    const stack = newStack();
    for (let i = 0; i < 20; i++) new AksCluster(stack, `aks-${i}`);
    // WHEN
    const outputs = Object.keys(synthJson(stack).output ?? {});
    // THEN every cluster has its kubelet identity output, under its own prefix
    expect(outputs.filter((o) => o.endsWith("_kubelet_identity")).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `aks_${i}_kubelet_identity`).sort());
  });
});
