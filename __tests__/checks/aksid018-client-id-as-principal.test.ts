import { AksCluster, ClusterIdentity, externalPrincipal, RoleGrant, Roles, UserAssignedManagedIdentity } from "../../lib";
import { thrownAksError } from "../helpers";
import { guardedStack, messagesOf, RG, RG_ID, rawCluster, rawGrant, rawIdentity } from "./fixtures";

describe("AKSID018 a client ID used as the principal ID", () => {
  test("raw: principal_id reading an identity's or a kubelet's client_id is an error; principal_id and object_id pass", () => {
    const stack = guardedStack();
    const uai = rawIdentity(stack, "myIdentity");
    const cluster = rawCluster(stack, "aks");
    rawGrant(stack, "wrong", { principalId: uai.clientId });
    rawGrant(stack, "wrongKubelet", { principalId: cluster.kubeletIdentity.clientId, roleDefinitionName: "AcrPull" });
    rawGrant(stack, "right", { principalId: uai.principalId, roleDefinitionName: "Contributor" });
    rawGrant(stack, "rightKubelet", { principalId: cluster.kubeletIdentity.objectId, roleDefinitionName: "Network Contributor" });
    expect(messagesOf(stack, "AKSID018").map((m) => [m.path, m.level])).toEqual([["test/wrong", "@cdktf/error"], ["test/wrongKubelet", "@cdktf/error"]]);
    expect(messagesOf(stack, "AKSID018")[0].message).toContain("received \"${azurerm_user_assigned_identity.myIdentity.client_id}\". principal_id reads a client ID");
  });

  test("library: externalPrincipal({ principalId: identity.clientId }) is a synth error before anything is emitted", () => {
    const stack = guardedStack();
    const identity = new UserAssignedManagedIdentity(stack, "myIdentity", { resourceGroupName: "rg", location: "westus2" });
    const e = thrownAksError(() => new RoleGrant(stack, "g", { principal: externalPrincipal({ principalId: identity.clientId, description: "mine" }), role: Roles.READER, scope: RG_ID, reason: "reads" }));
    expect(e.prop).toBe("principal.principalId");
    expect(e.message).toContain("received \"a reference to azurerm_user_assigned_identity.myIdentity_4E98E044.client_id\". That is a client (application) ID");
  });

  test("library: fromAttributes with the same GUID as client and principal ID is an error", () => {
    const stack = guardedStack();
    const e = thrownAksError(() => UserAssignedManagedIdentity.fromAttributes(stack, "x", {
      id: `${RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x`, clientId: "00000000-0000-0000-0000-0000000000a1", principalId: "00000000-0000-0000-0000-0000000000a1",
    }));
    expect(e.prop).toBe("principalId");
    expect(e.message).toContain("The client ID and the principal (object) ID of an identity are different GUIDs");
    void AksCluster; void ClusterIdentity; void RG;
  });
});
