import { AksCluster, ClusterIdentity, Roles, UserAssignedManagedIdentity } from "../lib";
import { buildReport, parseStack } from "../lib/review";
import { only, resources } from "./helpers";
import { clusterOf, grantsIn, KEY_ID, RG, securedCluster, securityStack, SUB, synthJson, TENANT, VAULT_ID } from "./security-fixtures";

const CP = "${azurerm_user_assigned_identity.cp-identity_C1FC89E0.principal_id}";

function accessPolicies(json: ReturnType<typeof synthJson>) {
  return Object.entries(resources(json, "azurerm_key_vault_access_policy")).map(([id, b]) => ({ address: `azurerm_key_vault_access_policy.${id}`, body: Object.fromEntries(Object.entries(b).filter(([k]) => k !== "//")) }));
}

describe("KMS etcd encryption (kms)", () => {
  test("RBAC vault: Key Vault Crypto User on the vault for the user-assigned control plane, before the cluster", () => {
    // GIVEN a key in an RBAC vault
    const s = securityStack();
    // WHEN the cluster encrypts etcd with it
    securedCluster(s, { kms: { key: s.key, keyVault: s.rbacVault } });
    const json = synthJson(s.stack);
    // THEN the block names the versioned key id, public access
    const cluster = clusterOf(json);
    expect(cluster.body.key_management_service).toEqual({ key_vault_key_id: "${azurerm_key_vault_key.etcd-key.id}", key_vault_network_access: "Public" });
    // AND one grant: role, scope, principal, and the cluster waits for it
    const grants = grantsIn(json);
    expect(grants.map((g) => [g.role, g.scope, g.principal, g.principalType])).toEqual([["Key Vault Crypto User", "${azurerm_key_vault.rbac-vault.id}", CP, "ServicePrincipal"]]);
    expect(cluster.dependsOn).toEqual([grants[0].address]);
    expect(grants[0].address).toContain("KmsKeyVaultCryptoUser");
    expect(accessPolicies(json)).toEqual([]);
  });

  test("private vault: also Key Vault Contributor on the vault, before the cluster; network access Private", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    securedCluster(s, { kms: { key: s.key, keyVault: s.rbacVault, networkAccess: "private" }, apiServer: { vnetIntegration: true } });
    const json = synthJson(s.stack);
    const cluster = clusterOf(json);
    expect(cluster.body.key_management_service).toMatchObject({ key_vault_network_access: "Private" });
    const grants = grantsIn(json);
    expect(grants.map((g) => [g.role, g.scope, g.principal]).sort()).toEqual([
      ["Key Vault Contributor", "${azurerm_key_vault.rbac-vault.id}", CP],
      ["Key Vault Crypto User", "${azurerm_key_vault.rbac-vault.id}", CP],
    ]);
    expect(cluster.dependsOn.sort()).toEqual(grants.map((g) => g.address).sort());
  });

  test("access-policy vault: an access policy with key permissions Encrypt and Decrypt, before the cluster, and no role", () => {
    // GIVEN a vault without Azure RBAC and a key in it given by its versioned ID
    const s = securityStack();
    const cluster = securedCluster(s, { kms: { key: "https://policyvault.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef", keyVault: s.policyVault } });
    const json = synthJson(s.stack);
    // THEN
    const [policy] = accessPolicies(json);
    expect(policy.body).toEqual({ key_vault_id: "${azurerm_key_vault.policy-vault.id}", tenant_id: TENANT, object_id: CP, key_permissions: ["Encrypt", "Decrypt"] });
    expect(clusterOf(json).dependsOn).toEqual([policy.address]);
    expect(grantsIn(json)).toEqual([]);
    expect(cluster.grants.accessPolicies.map((p) => [p.node.id, p.timing])).toEqual([["KmsAccessPolicy", "before-cluster"]]);
  });

  test("access-policy vault: the identity report shows the policy under the cluster, to the control plane, before it", () => {
    // GIVEN a KMS key in a vault without Azure RBAC
    const s = securityStack();
    securedCluster(s, { kms: { key: "https://policyvault.vault.azure.net/keys/etcd/0123456789abcdef0123456789abcdef", keyVault: s.policyVault } });
    // WHEN the synthesized JSON is reported
    const [r] = buildReport([parseStack("s", synthJson(s.stack))]).stacks;
    // THEN the access policy is a row of the cluster, with its permissions as the role
    expect(r.clusters[0].grants.map((g) => [g.role, g.scope, g.principal.split(" ")[0], g.timing])).toEqual([
      ["Key Vault access policy (keys: Encrypt, Decrypt)", "azurerm_key_vault.policy-vault", "control", "before cluster"],
    ]);
    expect(r.otherGrants).toEqual([]);
  });

  test("a vault by ID: Azure RBAC unless told; an access policy takes the identity's tenant, or kms.tenantId", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    securedCluster(s, { kms: { key: KEY_ID, keyVault: VAULT_ID, permissionModel: "accessPolicy" } });
    const [policy] = accessPolicies(synthJson(s.stack));
    expect(policy.body).toMatchObject({ key_vault_id: VAULT_ID, tenant_id: "${azurerm_user_assigned_identity.cp-identity_C1FC89E0.tenant_id}" });

    const t = securityStack();
    const byAttributes = UserAssignedManagedIdentity.fromAttributes(t.stack, "ext", { id: `${SUB}/resourceGroups/id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ext`, clientId: "00000000-0000-0000-0000-0000000000c1", principalId: "00000000-0000-0000-0000-0000000000a1" });
    expect(() => new AksCluster(t.stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(byAttributes), kms: { key: KEY_ID, keyVault: VAULT_ID, permissionModel: "accessPolicy" } }))
      .toThrow("[test/aks] kms.tenantId: received nothing (undefined). An access policy names the vault's tenant, and neither the vault nor the identity tells it. Fix: pass kms.tenantId");

    const u = securityStack();
    securedCluster(u, { kms: { key: KEY_ID, keyVault: VAULT_ID } });
    expect(grantsIn(synthJson(u.stack)).map((g) => [g.role, g.scope])).toEqual([["Key Vault Crypto User", VAULT_ID]]);
  });

  test("one identity and vault for two clusters: one grant, both clusters wait for it", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    const a = new AksCluster(s.stack, "aks-a", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(s.identity), kms: { key: s.key, keyVault: s.rbacVault } });
    const b = new AksCluster(s.stack, "aks-b", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(s.identity), kms: { key: s.key, keyVault: s.rbacVault } });
    const json = synthJson(s.stack);
    const grants = grantsIn(json).filter((g) => g.role === Roles.KEY_VAULT_CRYPTO_USER.name);
    expect(grants).toHaveLength(1);
    for (const c of [a, b]) expect(resources(json, "azurerm_kubernetes_cluster")[s.stack.getLogicalId(c.resource)].depends_on).toEqual([grants[0].address]);
  });

  test("a system-assigned (or service principal) control plane is an error", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    expect(() => new AksCluster(s.stack, "aks", { resourceGroup: RG, kms: { key: s.key, keyVault: s.rbacVault } })).toThrow(
      "[test/aks] kms: received \"KMS etcd encryption with a SystemAssigned control plane\". KMS etcd encryption needs a user-assigned control-plane identity: the vault access must exist before the feature is turned on, and a system-assigned identity exists only once the cluster does (aks-docs use-kms-etcd-encryption.md, Limitations). Fix: set identity: ClusterIdentity.userAssigned(");
  });

  test.each([
    ["a versionless key ID", { key: "https://vault1.vault.azure.net/keys/etcd", keyVault: VAULT_ID }, "kms.key: received \"https://vault1.vault.azure.net/keys/etcd\". Expected the key's versioned ID, like https://myKeyVault.vault.azure.net/keys/myKey/0123456789abcdef0123456789abcdef: azurerm refuses an ID without a version"],
    ["a key in another vault", { key: KEY_ID.replace("vault1", "vault2"), keyVault: VAULT_ID }, "kms.keyVault: received \"" + VAULT_ID + "\". The key is in the vault \"vault2\" (its URL), not in \"vault1\": the control plane would be granted on the wrong vault. Fix: pass the vault that holds the key."],
    ["a storage account as the vault", { key: KEY_ID, keyVault: `${SUB}/resourceGroups/kv/providers/Microsoft.Storage/storageAccounts/vault1` }, "kms.keyVault: received"],
    ["no vault", { key: KEY_ID }, "kms.keyVault: received nothing (undefined). The control plane is granted on the key's vault."],
    ["lower-case network access in azurerm's spelling", { key: KEY_ID, keyVault: VAULT_ID, networkAccess: "Private" }, "kms.networkAccess: received \"Private\". Allowed: \"public\" or \"private\"."],
    ["an unknown permission model", { key: KEY_ID, keyVault: VAULT_ID, permissionModel: "policies" }, "kms.permissionModel: received \"policies\". Allowed: \"rbac\" or \"accessPolicy\"."],
  ])("%s is an error naming the prop", (_name, kms, message) => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    expect(() => securedCluster(s, { kms: kms as never })).toThrow(message);
  });

  test("a permission model that contradicts the vault construct is an error", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    expect(() => securedCluster(s, { kms: { key: s.key, keyVault: s.rbacVault, permissionModel: "accessPolicy" } })).toThrow(
      "[test/aks] kms.permissionModel: received \"accessPolicy\". The key vault test/rbac-vault sets rbacAuthorizationEnabled: true. Fix: omit it (the vault construct decides), or change the vault to match.");
  });

  test("the key_management_service block is azurerm's: a literal versioned key passes through", () => {
    // GIVEN / WHEN / THEN
    const s = securityStack();
    securedCluster(s, { kms: { key: KEY_ID, keyVault: VAULT_ID, networkAccess: "public" } });
    expect(only(synthJson(s.stack), "azurerm_kubernetes_cluster").body.key_management_service).toEqual({ key_vault_key_id: KEY_ID, key_vault_network_access: "Public" });
  });
});
