import { TerraformVariable } from "cdktf";
import { ClusterIdentity } from "../lib";
import { UserAssignedManagedIdentity } from "../lib/identities/user-assigned-managed-identity";
import { newStack } from "./helpers";

describe("ClusterIdentity", () => {
  test("system-assigned is a managed identity without a user-assigned identity", () => {
    // GIVEN / WHEN
    const identity = ClusterIdentity.systemAssigned();
    // THEN
    expect(identity.type).toBe("SystemAssigned");
    expect(identity.isManagedIdentity).toBe(true);
    expect(identity.userAssignedIdentity).toBeUndefined();
    expect(identity.servicePrincipal).toBeUndefined();
  });

  test("user-assigned carries the identity it was given", () => {
    const stack = newStack();
    const uai = new UserAssignedManagedIdentity(stack, "myIdentity", { resourceGroupName: "myResourceGroup", location: "westus2" });
    const identity = ClusterIdentity.userAssigned(uai);
    expect(identity.type).toBe("UserAssigned");
    expect(identity.isManagedIdentity).toBe(true);
    expect(identity.userAssignedIdentity).toBe(uai);
  });

  test("service principal is not a managed identity and carries its credentials", () => {
    const stack = newStack();
    const secret = new TerraformVariable(stack, "sp_secret", { type: "string", sensitive: true });
    const credentials = { clientId: "00000000-0000-0000-0000-000000000001", clientSecret: secret.stringValue };
    const identity = ClusterIdentity.servicePrincipal(credentials);
    expect(identity.type).toBe("ServicePrincipal");
    expect(identity.isManagedIdentity).toBe(false);
    expect(identity.servicePrincipal).toBe(credentials);
    expect(identity.userAssignedIdentity).toBeUndefined();
  });
});
