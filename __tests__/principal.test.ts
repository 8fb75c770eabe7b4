import { externalPrincipal, IGrantable, IPrincipal, isGrantable, toPrincipal } from "../lib/principal";

const PRINCIPAL: IPrincipal = {
  principalId: "11111111-1111-1111-1111-111111111111",
  principalType: "ServicePrincipal",
  isManagedIdentity: true,
  description: "control-plane identity of myManagedCluster",
  role: "control-plane",
  existsBeforeCluster: true,
};

describe("principal", () => {
  test("a grantable hands over the principal it holds", () => {
    // GIVEN something that holds a principal, like a workload identity
    const holder: IGrantable = { grantPrincipal: PRINCIPAL };
    // WHEN / THEN
    expect(isGrantable(holder)).toBe(true);
    expect(toPrincipal(holder)).toBe(PRINCIPAL);
  });

  test("a principal is its own principal", () => {
    expect(isGrantable(PRINCIPAL)).toBe(false);
    expect(toPrincipal(PRINCIPAL)).toBe(PRINCIPAL);
    expect(isGrantable(null)).toBe(false);
    expect(isGrantable("grantPrincipal")).toBe(false);
  });

  test("an external principal defaults to a managed identity that exists before any cluster", () => {
    // GIVEN an identity this app does not manage, known by object ID
    const p = externalPrincipal({ principalId: "22222222-2222-2222-2222-222222222222", description: "CI pipeline identity" });
    // THEN grants to it are ordered before the cluster and skip the Entra ID check
    expect(p).toEqual({
      principalId: "22222222-2222-2222-2222-222222222222",
      principalType: "ServicePrincipal",
      isManagedIdentity: true,
      description: "CI pipeline identity",
      role: "external",
      existsBeforeCluster: true,
    });
  });

  test("an external group keeps its principal type", () => {
    const p = externalPrincipal({ principalId: "33333333-3333-3333-3333-333333333333", principalType: "Group", isManagedIdentity: false, description: "platform team" });
    expect(p.principalType).toBe("Group");
    expect(p.isManagedIdentity).toBe(false);
  });
});
