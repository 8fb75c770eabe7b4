import { AddonIdentity, catalogRowOf, grantOf } from "../lib";
import { clusterStack, VAULT } from "./addon-fixtures";

describe("catalog grants to add-on identities", () => {
  test("the cluster's grants facet takes role and reason from the catalog entry and orders the grant after the cluster", () => {
    // GIVEN: a cluster and an add-on identity it owns
    const { cluster } = clusterStack({});
    const row = catalogRowOf("keyVaultSecretsProvider")!;
    const identity = new AddonIdentity(row, "aks", { clientId: "00000000-0000-0000-0000-0000000000c1", objectId: "00000000-0000-0000-0000-0000000000a1", userAssignedIdentityId: "u" });
    cluster.grants.adopt(identity);
    const entry = grantOf(row, "KeyVaultSecretsUser");
    // WHEN
    const g = cluster.grants.fromCatalog(entry, identity, VAULT, "KeyVaultSecretsProvider-KeyVaultSecretsUser-vault1");
    // THEN
    expect(g.node.id).toBe("KeyVaultSecretsProvider-KeyVaultSecretsUser-vault1");
    expect([g.role, g.scopeId, g.principal.principalId]).toEqual([entry.role, VAULT, "00000000-0000-0000-0000-0000000000a1"]);
    expect(g.reason).toBe(`${entry.reason}. Principal: ${identity.description}. Granted after the cluster is created.`);
    expect(g.timing).toBe("after-cluster");
    expect(cluster.grants.all).toContain(g);
  });
});
