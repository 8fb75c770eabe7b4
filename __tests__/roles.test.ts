import { findRole, PRIVILEGED_ROLES, Roles } from "../lib/roles";

describe("role catalog", () => {
  test("carries the documented GUIDs", () => {
    // THEN: the GUIDs from REFERENCE.md, which are the same in every Azure cloud
    expect(Roles.NETWORK_CONTRIBUTOR).toEqual({ name: "Network Contributor", guid: "4d97b98b-1d4f-4787-a291-c67834d212e7" });
    expect(Roles.MANAGED_IDENTITY_OPERATOR.guid).toBe("f1a07417-d97a-45cb-824c-7a7467783830");
    expect(Roles.ACR_PULL.guid).toBe("7f951dda-4ed3-4680-a7ca-43fe172d538d");
    expect(Roles.CONTRIBUTOR.guid).toBe("b24988ac-6180-42a0-ab88-20f7382dd24c");
    expect(Roles.READER.guid).toBe("acdd72a7-3385-48ef-bd42-f606fba81ae7");
    expect(Roles.MONITORING_METRICS_PUBLISHER.guid).toBe("3913510d-42f4-4e42-8a64-420c390055eb");
    expect(Roles.DNS_ZONE_CONTRIBUTOR.guid).toBe("befefa01-2a29-4197-83a8-272ff33ce314");
    expect(Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR.guid).toBe("b12aa53e-6015-4669-85d0-8515ebb3ae7f");
    expect(Roles.KEY_VAULT_SECRETS_USER.guid).toBe("4633458b-17de-408a-b874-0445c86b69e6");
    expect(Roles.KEY_VAULT_CERTIFICATE_USER.guid).toBe("db79e9a7-68ee-4b58-9aeb-b90e7c24fcba");
    expect(Roles.STORAGE_BLOB_DATA_READER.guid).toBe("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
  });

  test("carries the security features' GUIDs (azure-docs built-in-roles.md)", () => {
    // GIVEN / WHEN / THEN: the Key Vault roles of KMS, disk encryption and web app routing, and AKS's Entra ID roles
    expect([Roles.KEY_VAULT_CRYPTO_USER, Roles.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER, Roles.KEY_VAULT_CONTRIBUTOR, Roles.AKS_RBAC_READER,
      Roles.AKS_RBAC_WRITER, Roles.AKS_RBAC_ADMIN, Roles.AKS_RBAC_CLUSTER_ADMIN, Roles.AKS_CLUSTER_USER].map((r) => [r.name, r.guid])).toEqual([
      ["Key Vault Crypto User", "12338af0-0e69-4776-bea7-57ae8d297424"],
      ["Key Vault Crypto Service Encryption User", "e147488a-f6f5-4113-8e2d-b22465e65bf6"],
      ["Key Vault Contributor", "f25e0fa2-a7c8-4377-a976-54943a77a395"],
      ["Azure Kubernetes Service RBAC Reader", "7f6c6a51-bcf8-42ba-9220-52d62157d7db"],
      ["Azure Kubernetes Service RBAC Writer", "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb"],
      ["Azure Kubernetes Service RBAC Admin", "3498e952-d568-435e-9b2c-8d77e338d7f7"],
      ["Azure Kubernetes Service RBAC Cluster Admin", "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b"],
      ["Azure Kubernetes Service Cluster User Role", "4abbcc35-e782-43d8-92c5-2d3f1bd2253f"],
    ]);
    expect(findRole("azure kubernetes service rbac writer")).toBe(Roles.AKS_RBAC_WRITER);
  });

  test("finds a role by name, GUID or scoped role definition id", () => {
    expect(findRole("acrpull")).toBe(Roles.ACR_PULL);
    expect(findRole("7f951dda-4ed3-4680-a7ca-43fe172d538d")).toBe(Roles.ACR_PULL);
    expect(findRole("/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635")).toBe(Roles.OWNER);
    expect(findRole("Storage Blob Data Reader")).toBe(Roles.STORAGE_BLOB_DATA_READER);
    expect(findRole("Storage Queue Data Reader")).toBeUndefined();
  });

  test("marks Owner, User Access Administrator and Role Based Access Control Administrator as privileged", () => {
    // GIVEN the built-in roles list (azure-docs built-in-roles/privileged.md): RBAC Administrator writes role assignments, so it can assign Owner
    expect(Roles.ROLE_BASED_ACCESS_CONTROL_ADMINISTRATOR.guid).toBe("f58310d9-a9f6-439a-9e8d-f62e7b41a168");
    // THEN
    expect(PRIVILEGED_ROLES.map((r) => r.name).sort()).toEqual(["Owner", "Role Based Access Control Administrator", "User Access Administrator"]);
  });
});
