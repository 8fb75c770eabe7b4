import { AksCluster } from "../../lib";
import { guardedStack, messagesOf, RG, rawCluster } from "./fixtures";
import { TENANT } from "./security-fixtures";

describe("AKSID033 local accounts disabled without Entra ID", () => {
  test("library: entraId disables local accounts with Entra ID on", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, entraId: { tenantId: TENANT } });
    expect(messagesOf(stack, "AKSID033")).toEqual([]);
  });

  test("raw: local_account_disabled without the Entra block is an error; with it, it passes", () => {
    // GIVEN / WHEN / THEN
    const stack = guardedStack();
    rawCluster(stack, "locked", { localAccountDisabled: true });
    rawCluster(stack, "entra", { localAccountDisabled: true, azureActiveDirectoryRoleBasedAccessControl: { tenantId: TENANT, azureRbacEnabled: true } });
    expect(messagesOf(stack, "AKSID033").map((m) => m.message)).toEqual([
      "[test/locked] AKSID033 local_account_disabled: received true. local_account_disabled = true without Microsoft Entra ID integration leaves no way to sign in to the cluster. Fix: add azure_active_directory_role_based_access_control { tenant_id, azure_rbac_enabled = true } (AksCluster: entraId), or keep local accounts.",
    ]);
  });
});
