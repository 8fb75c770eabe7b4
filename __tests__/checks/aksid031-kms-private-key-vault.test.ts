import { AksCluster, ClusterIdentity } from "../../lib";
import { guardedStack, identity, messagesOf, RG, rawCluster, rawGrant, rawIdentity } from "./fixtures";
import { rawKey, rawVault } from "./security-fixtures";

describe("AKSID031 KMS with a private key vault: API server VNet integration and Key Vault Contributor", () => {
  test("library: networkAccess private with API server VNet integration passes; an override that turns the integration off is an error", () => {
    // GIVEN two private-vault KMS clusters with VNet integration, the second's switched off behind the construct's back
    const stack = guardedStack();
    const vault = rawVault(stack, "vault", true);
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")), apiServer: { vnetIntegration: true }, kms: { key: rawKey(stack, "k", vault), keyVault: vault, networkAccess: "private" } });
    const overridden = new AksCluster(stack, "aks2", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity2")), apiServer: { vnetIntegration: true }, kms: { key: rawKey(stack, "k2", vault), keyVault: vault, networkAccess: "private" } });
    overridden.resource.addOverride("api_server_access_profile.virtual_network_integration_enabled", false);
    // THEN only the second is an error, about the integration (the grant is there)
    expect(messagesOf(stack, "AKSID031").map((m) => m.message)).toEqual([
      "[test/aks2/Resource] AKSID031 api_server_access_profile.virtual_network_integration_enabled: received false. KMS with a private key vault, but API server VNet integration is off: KMS supports only the API server VNet integration tunnel for a private vault. Fix: turn on API server VNet integration (api_server_access_profile { virtual_network_integration_enabled = true, subnet_id = <delegated subnet> }) and grant the control-plane identity Key Vault Contributor on the vault before the cluster (AksCluster: kms.networkAccess \"private\" grants it).",
    ]);
  });

  test("library: networkAccess private without API server VNet integration is a synth error naming the prop", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    const vault = rawVault(stack, "vault", true);
    expect(() => new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")), kms: { key: rawKey(stack, "k", vault), keyVault: vault, networkAccess: "private" } }))
      .toThrow("[test/aks] kms.networkAccess: received \"private\". KMS reaches a private key vault only through API server VNet integration (Konnectivity isn't supported), and the cluster has none. Fix: set apiServer: { vnetIntegration: true } (or apiServer: { subnet } in your own VNet), or keep the vault public.");
  });

  test("raw: Key Vault Crypto User alone is not enough for a private vault; a public vault needs neither", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    const vault = rawVault(stack, "vault", true);
    const key = rawKey(stack, "k", vault);
    const cp = rawIdentity(stack, "cp");
    const crypto = rawGrant(stack, "crypto", { scope: vault.id, roleDefinitionName: "Key Vault Crypto User", principalId: cp.principalId });
    rawCluster(stack, "private", { identity: { type: "UserAssigned", identityIds: [cp.id] }, keyManagementService: { keyVaultKeyId: key.id, keyVaultNetworkAccess: "Private" },
      apiServerAccessProfile: { virtualNetworkIntegrationEnabled: true }, dependsOn: [crypto] });
    rawCluster(stack, "public", { identity: { type: "UserAssigned", identityIds: [cp.id] }, keyManagementService: { keyVaultKeyId: key.id }, dependsOn: [crypto] });
    const messages = messagesOf(stack, "AKSID031");
    expect(messages.map((m) => m.path)).toEqual(["test/private"]);
    expect(messages[0].message).toContain("AKSID031 key_management_service.key_vault_network_access: received \"Private\". The user-assigned control-plane identity has no Key Vault Contributor on the private key vault in this stack.");
  });
});
