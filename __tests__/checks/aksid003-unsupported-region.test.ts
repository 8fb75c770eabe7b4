import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, IDENTITY_ID, KUBELET_ID, messagesOf, rawCluster } from "./fixtures";

const user = (stack: ReturnType<typeof guardedStack>) => ClusterIdentity.userAssigned(identity(stack, "myIdentity"));

describe("AKSID003 identities a region does not support (current AKS docs, by region)", () => {
  test("library: a user-assigned control plane in Azure Government (USGov Virginia) and Azure China passes", () => {
    // GIVEN: user-assigned clusters in sovereign-cloud regions the docs do not exclude (the article excluded whole clouds)
    const stack = guardedStack({ environment: "usgovernment" });
    new AksCluster(stack, "gov", { resourceGroup: { name: "rg", location: "usgovvirginia" }, identity: user(stack) });
    new AksCluster(stack, "cn", { resourceGroup: { name: "rg2", location: "chinanorth3" }, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity2")) });
    // THEN
    expect(messagesOf(stack, "AKSID003")).toEqual([]);
  });

  test("library: a user-assigned control plane in USGov Iowa is an error that names the region and the doc", () => {
    const stack = guardedStack({ environment: "usgovernment" });
    new AksCluster(stack, "aks", { resourceGroup: { name: "rg", location: "usgoviowa" }, identity: user(stack) });
    expect(messagesOf(stack, "AKSID003")).toEqual([{
      level: "@cdktf/error",
      path: "test/aks/Resource",
      message: "[test/aks/Resource] AKSID003 identity.type: received \"UserAssigned\". The cluster is in USGov Iowa (location \"usgoviowa\"), where AKS doesn't support creating a cluster with a user-assigned managed identity (user-assigned-managed-identity.md). Fix: use a system-assigned control plane there (and let AKS make the kubelet identity), or another region.",
    }]);
  });

  test("library: a system-assigned cluster in USDOD East passes", () => {
    const stack = guardedStack({ environment: "usgovernment" });
    new AksCluster(stack, "aks", { resourceGroup: { name: "rg", location: "usdodeast" } });
    expect(messagesOf(stack, "AKSID003")).toEqual([]);
  });

  test("raw: a bring-your-own kubelet identity in China East is an error; China East 2 is not listed", () => {
    // GIVEN: two user-assigned clusters with a kubelet identity, in China East and China East 2
    const stack = guardedStack({ environment: "china" });
    const byo = { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] }, kubeletIdentity: { clientId: "00000000-0000-0000-0000-0000000000c1", objectId: "00000000-0000-0000-0000-0000000000a1", userAssignedIdentityId: KUBELET_ID } };
    rawCluster(stack, "east", { location: "chinaeast", ...byo });
    rawCluster(stack, "east2", { location: "chinaeast2", ...byo });
    // THEN: only China East is reported, on the kubelet identity, with its own fix
    expect(messagesOf(stack, "AKSID003").map((m) => [m.path, m.message.split(". ")[1], m.message.split("Fix: ")[1]])).toEqual([
      ["test/east", "The cluster is in China East (location \"chinaeast\"), where AKS doesn't support a pre-created kubelet managed identity (pre-created-kubelet-managed-identity.md)",
        "drop kubeletIdentity and let AKS make the kubelet identity, or use another region."],
    ]);
  });
});
