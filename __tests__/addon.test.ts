import { AddonIdentity, catalogGrant } from "../lib";
import { addonIdPrefix, grantFromCatalog } from "../lib/addons/addon";
import { clusterStack, VAULT } from "./addon-fixtures";

describe("add-on grant helpers", () => {
  test("addonIdPrefix turns a catalog key into a construct-id prefix", () => {
    expect(addonIdPrefix("ingressApplicationGateway")).toBe("IngressApplicationGateway");
    expect(addonIdPrefix("omsAgent")).toBe("OmsAgent");
  });

  test("grantFromCatalog takes role and reason from the catalog and ids the grant by add-on, grant and key", () => {
    // GIVEN: a cluster and an add-on identity
    const { cluster } = clusterStack({});
    const identity = new AddonIdentity("keyVaultSecretsProvider", "aks", { clientId: "00000000-0000-0000-0000-0000000000c1", objectId: "00000000-0000-0000-0000-0000000000a1", userAssignedIdentityId: "u" });
    // WHEN
    const g = grantFromCatalog(cluster, identity, "KeyVaultSecretsUser", VAULT, "vault1");
    // THEN
    const entry = catalogGrant("keyVaultSecretsProvider", "KeyVaultSecretsUser");
    expect(g.node.id).toBe("KeyVaultSecretsProvider-KeyVaultSecretsUser-vault1");
    expect([g.role, g.scopeId, g.principal.principalId]).toEqual([entry.role, VAULT, "00000000-0000-0000-0000-0000000000a1"]);
    expect(g.reason).toContain(entry.reason);
    expect(() => grantFromCatalog(cluster, identity, "SecretsUser", VAULT)).toThrow("catalog row keyVaultSecretsProvider has no grant SecretsUser");
  });
});
