import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, messagesOf, PRINCIPAL, RG, rawGrant, SUBNET_ID } from "./fixtures";

describe("AKSID017 a reworded description replaces the grant", () => {
  test("library: every grant the library writes ignores changes to its description", () => {
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")), network: { subnet: SUBNET_ID } });
    expect(messagesOf(stack, "AKSID017")).toEqual([]);
  });

  test("raw: a description without ignore_changes is a warning; with it, or without a description, it passes", () => {
    const stack = guardedStack();
    rawGrant(stack, "plain", { principalId: PRINCIPAL, description: "reads the group" });
    rawGrant(stack, "ignored", { principalId: PRINCIPAL, roleDefinitionName: "Contributor", description: "writes the group", lifecycle: { ignoreChanges: ["description"] } });
    rawGrant(stack, "silent", { principalId: PRINCIPAL, roleDefinitionName: "Network Contributor" });
    expect(messagesOf(stack, "AKSID017")).toEqual([{
      level: "@cdktf/warn",
      path: "test/plain",
      message: "[test/plain] AKSID017 lifecycle.ignore_changes: received nothing (undefined). A role assignment with a description but no lifecycle.ignore_changes for it is replaced whenever the description is reworded. Fix: add lifecycle { ignore_changes = [description] } (RoleGrant does), or leave the description out.",
    }]);
  });
});
