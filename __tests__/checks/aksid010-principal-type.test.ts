import { externalPrincipal, RoleGrant, Roles, UserAssignedManagedIdentity } from "../../lib";
import { guardedStack, identity, messagesOf, PRINCIPAL, RG_ID, rawCluster, rawGrant, rawIdentity } from "./fixtures";

describe("AKSID010 principal_type on grants to managed identities", () => {
  test("library: RoleGrant sets principal_type and passes", () => {
    const stack = guardedStack();
    new RoleGrant(stack, "grant", { principal: identity(stack, "myIdentity"), role: Roles.READER, scope: RG_ID, reason: "read" });
    expect(messagesOf(stack, "AKSID010")).toEqual([]);
  });

  test("library: principal_type removed by override is a warning", () => {
    const stack = guardedStack();
    const id: UserAssignedManagedIdentity = identity(stack, "myIdentity");
    const g = new RoleGrant(stack, "grant", { principal: id, role: Roles.READER, scope: RG_ID, reason: "read" });
    g.assignment.addOverride("principal_type", undefined);
    // THEN
    const [m] = messagesOf(stack, "AKSID010");
    expect(m.level).toBe("@cdktf/warn");
    expect(m.message).toMatch(/^\[test\/grant\/Resource\] AKSID010 principal_type: received nothing \(undefined\)\. principal_id names a managed identity \(azurerm_user_assigned_identity\.myIdentity_[0-9A-F]+\) but principal_type is not "ServicePrincipal", so the assignment can fail while the identity is still replicating in Entra ID\. Fix: set principal_type = "ServicePrincipal" \(and skip_service_principal_aad_check = true\); RoleGrant sets both\.$/);
  });

  test("raw: grants to a user-assigned identity and to a kubelet identity need the type; an unknown principal is not guessed", () => {
    const stack = guardedStack();
    const uai = rawIdentity(stack, "uai");
    const aks = rawCluster(stack, "aks", {});
    rawGrant(stack, "uaiNoType", { principalId: uai.principalId, principalType: undefined });
    rawGrant(stack, "kubeletUser", { principalId: aks.kubeletIdentity.objectId, principalType: "User" });
    rawGrant(stack, "uaiOk", { principalId: uai.principalId });
    rawGrant(stack, "literal", { principalId: PRINCIPAL, principalType: undefined });
    new RoleGrant(stack, "external", { principal: externalPrincipal({ principalId: PRINCIPAL, principalType: "Group", isManagedIdentity: false, description: "ops" }), role: Roles.READER, scope: RG_ID, reason: "read" });
    // THEN
    expect(messagesOf(stack, "AKSID010").map((m) => [m.path, m.level, m.message.split(". ")[0]])).toEqual([
      ["test/uaiNoType", "@cdktf/warn", "[test/uaiNoType] AKSID010 principal_type: received nothing (undefined)"],
      ["test/kubeletUser", "@cdktf/warn", "[test/kubeletUser] AKSID010 principal_type: received \"User\""],
    ]);
  });
});
