import { TerraformVariable } from "cdktf";
import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, IDENTITY_ID, KUBELET_ID, messagesOf, RG, rawCluster } from "./fixtures";

describe("AKSID002 identity_ids", () => {
  test("library: a user-assigned cluster has exactly one id and passes", () => {
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")) });
    expect(messagesOf(stack, "AKSID002")).toEqual([]);
  });

  test("library: an override that adds a second identity id is an error", () => {
    // GIVEN: cdktf appends override lists, so this makes two ids
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")) });
    cluster.resource.addOverride("identity.identity_ids", [KUBELET_ID]);
    // THEN
    const [m] = messagesOf(stack, "AKSID002");
    expect(m.level).toBe("@cdktf/error");
    expect(m.message).toMatch(/^\[test\/aks\/Resource\] AKSID002 identity\.identity_ids: received \["\$\{azurerm_user_assigned_identity\.myIdentity_[0-9A-F]+\.id\}",".*myKubeletIdentity"\]\. identity_ids holds 2 ids; an AKS control plane takes exactly one user-assigned identity\. Fix: for SystemAssigned drop identity_ids; for UserAssigned pass exactly one user-assigned identity id\.$/);
  });

  test("library: identity_ids added to a system-assigned cluster is an error", () => {
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    cluster.resource.addOverride("identity.identity_ids", [IDENTITY_ID]);
    expect(messagesOf(stack, "AKSID002").map((m) => m.message)).toEqual([
      `[test/aks/Resource] AKSID002 identity.identity_ids: received ["${IDENTITY_ID}"]. identity_ids is set on a SystemAssigned identity; only a UserAssigned identity takes an id. Fix: for SystemAssigned drop identity_ids; for UserAssigned pass exactly one user-assigned identity id.`,
    ]);
  });

  test("raw: one id with UserAssigned, none with SystemAssigned, pass", () => {
    const stack = guardedStack();
    rawCluster(stack, "ua", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] } });
    rawCluster(stack, "sa", { identity: { type: "SystemAssigned" } });
    expect(messagesOf(stack, "AKSID002")).toEqual([]);
  });

  test("raw: SystemAssigned with an id, UserAssigned with two or none are errors", () => {
    const stack = guardedStack();
    rawCluster(stack, "sa", { identity: { type: "SystemAssigned", identityIds: [IDENTITY_ID] } });
    rawCluster(stack, "two", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID, KUBELET_ID] } });
    rawCluster(stack, "none", { identity: { type: "UserAssigned" } });
    expect(messagesOf(stack, "AKSID002").map((m) => [m.path, m.level, m.message.split(". ")[1]])).toEqual([
      ["test/sa", "@cdktf/error", "identity_ids is set on a SystemAssigned identity; only a UserAssigned identity takes an id"],
      ["test/two", "@cdktf/error", "identity_ids holds 2 ids; an AKS control plane takes exactly one user-assigned identity"],
      ["test/none", "@cdktf/error", "A UserAssigned identity needs exactly one identity_ids entry"],
    ]);
  });

  test("raw: a list known only at plan time is skipped, not guessed", () => {
    const stack = guardedStack();
    const ids = new TerraformVariable(stack, "ids", { type: "list(string)" });
    rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: ids.listValue } });
    expect(messagesOf(stack, "AKSID002")).toEqual([]);
  });
});
