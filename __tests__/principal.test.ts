import { externalPrincipal, IGrantable, IPrincipal, principal } from "../lib/grants/principal";

describe("principal", () => {
  test("a principal is its own grant principal, so anything that takes a grantable takes it", () => {
    // GIVEN a plain principal
    const p: IPrincipal = principal({
      principalId: "11111111-1111-1111-1111-111111111111",
      principalType: "ServicePrincipal",
      isManagedIdentity: true,
      description: "control-plane identity of myManagedCluster",
      identityKind: "control-plane",
      createdByAks: false,
    });
    // WHEN it is used where an IGrantable is expected
    const holder: IGrantable = p;
    // THEN it hands over itself, and copies of its fields do not carry the self-reference
    expect(holder.grantPrincipal).toBe(p);
    expect(Object.keys(p)).not.toContain("grantPrincipal");
    expect(JSON.parse(JSON.stringify(p))).toEqual({
      principalId: "11111111-1111-1111-1111-111111111111",
      principalType: "ServicePrincipal",
      isManagedIdentity: true,
      description: "control-plane identity of myManagedCluster",
      identityKind: "control-plane",
      createdByAks: false,
    });
  });

  test("an external principal defaults to a managed identity that AKS did not make and that plays no cluster role", () => {
    // GIVEN an identity this app does not manage, known by object ID
    const p = externalPrincipal({ principalId: "22222222-2222-2222-2222-222222222222", description: "CI pipeline identity" });
    // THEN grants to it skip the Entra ID check, and no cluster waits for them
    expect({ ...p }).toEqual({
      principalId: "22222222-2222-2222-2222-222222222222",
      principalType: "ServicePrincipal",
      isManagedIdentity: true,
      description: "CI pipeline identity",
      createdByAks: false,
    });
    expect(p.grantPrincipal).toBe(p);
    expect(p.identityKind).toBeUndefined();
  });

  test("an external group keeps its principal type", () => {
    const p = externalPrincipal({ principalId: "33333333-3333-3333-3333-333333333333", principalType: "Group", isManagedIdentity: false, description: "platform team" });
    expect(p.principalType).toBe("Group");
    expect(p.isManagedIdentity).toBe(false);
  });
});
