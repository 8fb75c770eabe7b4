import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, IDENTITY_ID, KUBELET_ID, messagesOf, PRINCIPAL, RG, rawCluster, rawIdentity } from "./fixtures";

describe("AKSID001 kubelet identity", () => {
  test("library: a bring-your-own kubelet identity with a user-assigned control plane passes", () => {
    // GIVEN: the article's --assign-identity plus --assign-kubelet-identity
    const stack = guardedStack();
    const cp = identity(stack, "myIdentity");
    const kubelet = identity(stack, "myKubeletIdentity");
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(cp), kubeletIdentity: kubelet });
    // THEN
    expect(messagesOf(stack, "AKSID001")).toEqual([]);
  });

  test("library: an escape-hatch kubelet_identity on a system-assigned cluster is an error", () => {
    // GIVEN: the constructor would throw, so the mistake comes in through addOverride
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    cluster.resource.addOverride("kubelet_identity", { client_id: PRINCIPAL, object_id: PRINCIPAL, user_assigned_identity_id: KUBELET_ID });
    // THEN
    expect(messagesOf(stack, "AKSID001")).toEqual([{
      level: "@cdktf/error",
      path: "test/aks/Resource",
      message: "[test/aks/Resource] AKSID001 identity.type: received \"SystemAssigned\". kubelet_identity is set but the control-plane identity is SystemAssigned; AKS accepts a bring-your-own kubelet identity only with a user-assigned control-plane identity. Fix: set identity { type = \"UserAssigned\", identity_ids = [<control-plane identity id>] } and client_id, object_id, user_assigned_identity_id of one identity (AksCluster: ClusterIdentity.userAssigned(...) plus kubeletIdentity).",
    }]);
  });

  test("library: removing one kubelet_identity field by override is an error naming it", () => {
    const stack = guardedStack();
    const cp = identity(stack, "myIdentity");
    const kubelet = identity(stack, "myKubeletIdentity");
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(cp), kubeletIdentity: kubelet });
    cluster.resource.addOverride("kubelet_identity.object_id", undefined);
    // THEN
    const [m] = messagesOf(stack, "AKSID001");
    expect(m.level).toBe("@cdktf/error");
    expect(m.message).toContain("AKSID001 kubelet_identity: received {\"client_id\":\"${azurerm_user_assigned_identity.myKubeletIdentity_");
    expect(m.message).toContain("kubelet_identity lacks object_id; AKS needs all three fields, of the same identity.");
  });

  test("raw: a complete kubelet_identity with a user-assigned control plane passes", () => {
    const stack = guardedStack();
    rawCluster(stack, "aks", {
      identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] },
      kubeletIdentity: { clientId: PRINCIPAL, objectId: PRINCIPAL, userAssignedIdentityId: KUBELET_ID },
    });
    expect(messagesOf(stack, "AKSID001")).toEqual([]);
  });

  test("raw: a partial kubelet_identity with a system-assigned control plane reports both mistakes", () => {
    const stack = guardedStack();
    rawCluster(stack, "aks", { kubeletIdentity: { userAssignedIdentityId: KUBELET_ID } });
    // THEN
    expect(messagesOf(stack, "AKSID001").map((m) => m.message)).toEqual([
      expect.stringContaining("[test/aks] AKSID001 identity.type: received \"SystemAssigned\". kubelet_identity is set but the control-plane identity is SystemAssigned"),
      expect.stringContaining(`[test/aks] AKSID001 kubelet_identity: received {"user_assigned_identity_id":"${KUBELET_ID}"}. kubelet_identity lacks client_id, object_id; AKS needs all three fields`),
    ]);
  });

  test("raw: unresolved field values count as present", () => {
    // GIVEN: references known only at apply time
    const stack = guardedStack();
    const cp = rawCluster(stack, "other", {});
    rawCluster(stack, "aks", {
      identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] },
      kubeletIdentity: { clientId: cp.kubeletIdentity.clientId, objectId: cp.kubeletIdentity.objectId, userAssignedIdentityId: cp.kubeletIdentity.userAssignedIdentityId },
    });
    expect(messagesOf(stack, "AKSID001")).toEqual([]);
  });

  test("raw: fields read from two identities, or object_id from client_id, are errors", () => {
    // GIVEN: the mix-ups: object_id = identity.client_id, and a second identity's resource id
    const stack = guardedStack();
    const kubelet = rawIdentity(stack, "kubelet");
    const other = rawIdentity(stack, "other");
    rawCluster(stack, "aks", {
      identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] },
      kubeletIdentity: { clientId: kubelet.clientId, objectId: kubelet.clientId, userAssignedIdentityId: other.id },
    });
    // THEN
    expect(messagesOf(stack, "AKSID001").map((m) => m.message.split(". ")[1])).toEqual([
      "kubelet_identity.object_id reads azurerm_user_assigned_identity.kubelet.client_id, but it takes the identity's principal_id",
      "kubelet_identity's fields come from different identities (azurerm_user_assigned_identity.kubelet, azurerm_user_assigned_identity.other); all three must describe one identity",
    ]);
  });
});
