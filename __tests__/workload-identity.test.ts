import { Construct } from "constructs";
import { AksCluster, Roles, WorkloadIdentity } from "../lib";
import { federatedCredentialParent } from "./flavour-differences";
import { newStack, only, resources, synthJson } from "./helpers";
import { SUB } from "./addon-fixtures";

const STORAGE = `${SUB}/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/mystorage`;

function setup() {
  const stack = newStack();
  const cluster = new AksCluster(stack, "aks", { resourceGroup: { name: "rg", location: "westeurope" } });
  const workload = new WorkloadIdentity(stack, "App", { cluster, namespace: "my-app", serviceAccount: "my-app-sa" });
  return { stack, cluster, workload };
}

describe("WorkloadIdentity", () => {
  test("turns on the OIDC issuer and workload identity on the cluster", () => {
    const { stack } = setup();
    const body = only(synthJson(stack), "azurerm_kubernetes_cluster").body;
    expect([body.oidc_issuer_enabled, body.workload_identity_enabled]).toEqual([true, true]);
  });

  test("is a user-assigned identity federated with one service account", () => {
    const { stack } = setup();
    const j = synthJson(stack);
    const cluster = `azurerm_kubernetes_cluster.${Object.keys(resources(j, "azurerm_kubernetes_cluster"))[0]}`;
    const identity = only(j, "azurerm_user_assigned_identity");
    expect(identity.body).toMatchObject({ name: "aks-my-app-my-app-sa", resource_group_name: "rg", location: "westeurope" });
    const fic = only(j, "azurerm_federated_identity_credential").body;
    // Exactly these attributes: azurerm 4.55 requires parent_id and resource_group_name, 4.73 deprecates both.
    expect(fic).toEqual({
      issuer: `\${${cluster}.oidc_issuer_url}`,
      subject: "system:serviceaccount:my-app:my-app-sa",
      audience: ["api://AzureADTokenExchange"],
      ...federatedCredentialParent(`\${azurerm_user_assigned_identity.${identity.id}.id}`, "rg"),
      name: "my-app-my-app-sa",
    });
  });

  test("is grantable: a role on a storage account goes to the identity's principal id", () => {
    const { stack, workload } = setup();
    workload.grant("BlobReader", Roles.STORAGE_BLOB_DATA_READER, STORAGE, "reads blobs");
    const j = synthJson(stack);
    const identityId = only(j, "azurerm_user_assigned_identity").id;
    const g = only(j, "azurerm_role_assignment").body;
    expect([g.role_definition_name, g.scope, g.principal_id, g.principal_type, g.skip_service_principal_aad_check])
      .toEqual(["Storage Blob Data Reader", STORAGE, `\${azurerm_user_assigned_identity.${identityId}.principal_id}`, "ServicePrincipal", true]);
    expect(workload.grantPrincipal.role).toBe("workload");
    // The cluster does not wait for workload grants.
    expect(only(j, "azurerm_kubernetes_cluster").body.depends_on).toBeUndefined();
  });

  test("outputs the client id and the service account annotation", () => {
    const { stack, workload } = setup();
    const j = synthJson(stack);
    const identityId = only(j, "azurerm_user_assigned_identity").id;
    const clientId = `\${azurerm_user_assigned_identity.${identityId}.client_id}`;
    expect(j.output!.App_client_id.value).toBe(clientId);
    expect(j.output!.App_service_account_annotation.value).toEqual({ "azure.workload.identity/client-id": clientId });
    expect(j.output!.aks_oidc_issuer_url).toBeDefined();
    expect(workload.serviceAccountManifest()).toMatchObject({ kind: "ServiceAccount", metadata: { name: "my-app-sa", namespace: "my-app" } });
  });

  test.each([
    [{ namespace: "My_App", serviceAccount: "sa" }, "[test/App] namespace: received \"My_App\". Expected a DNS label"],
    [{ namespace: "app", serviceAccount: "SA" }, "[test/App] serviceAccount: received \"SA\". Expected a DNS subdomain"],
  ])("rejects bad names %#", (names, message) => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", {});
    expect(() => new WorkloadIdentity(stack, "App", { cluster, ...names })).toThrow(message);
  });

  test("rejects a second workload identity whose outputs would collide", () => {
    const { stack, cluster } = setup();
    const scope = new Construct(stack, "team-b");
    expect(() => new WorkloadIdentity(scope, "App", { cluster, namespace: "b", serviceAccount: "b" }))
      .toThrow("[test/team-b/App] id: received \"App\". Another WorkloadIdentity (test/App) has the same id");
  });

  test("rejects a second identity for the same service account on the same cluster", () => {
    // GIVEN a workload identity for my-app/my-app-sa
    const { stack, cluster } = setup();
    // WHEN a second one federates the same service account
    // THEN the annotation could name only one of them: the library refuses the second
    expect(() => new WorkloadIdentity(stack, "Again", { cluster, namespace: "my-app", serviceAccount: "my-app-sa" }))
      .toThrow("[test/Again] serviceAccount: received \"system:serviceaccount:my-app:my-app-sa\". The WorkloadIdentity test/App is already federated with this service account on this cluster");
  });

  test("allows the same service account on another cluster", () => {
    // GIVEN a workload identity for my-app/my-app-sa on one cluster
    const { stack } = setup();
    const other = new AksCluster(stack, "aks2", { resourceGroup: { name: "rg", location: "westeurope" } });
    // WHEN the same service account gets an identity on the second cluster
    const second = new WorkloadIdentity(stack, "Other", { cluster: other, namespace: "my-app", serviceAccount: "my-app-sa" });
    // THEN it is its own identity, named after its cluster
    expect(second.identity.name).toBe("aks2-my-app-my-app-sa");
  });

  test("rejects a default name that another service account already gave an identity", () => {
    // GIVEN my-app/my-app-sa, whose default identity name is aks-my-app-my-app-sa
    const { stack, cluster } = setup();
    // WHEN my-app-my-app/sa asks for the same default name in the same resource group
    // THEN Azure would refuse the second create: the library names the prop and the fix
    expect(() => new WorkloadIdentity(stack, "Clash", { cluster, namespace: "my-app-my-app", serviceAccount: "sa" }))
      .toThrow("[test/Clash] identityName: received \"aks-my-app-my-app-sa\". The identity test/App/Identity already has this name in resource group \"rg\"");
    // AND a distinct identityName resolves it
    const fresh = setup();
    const named = new WorkloadIdentity(fresh.stack, "Clash", { cluster: fresh.cluster, namespace: "my-app-my-app", serviceAccount: "sa", identityName: "other-name" });
    expect(named.identity.name).toBe("other-name");
  });

  test("rejects something that is not an AksCluster", () => {
    expect(() => new WorkloadIdentity(newStack(), "App", { cluster: {} as never, namespace: "a", serviceAccount: "b" })).toThrow("[test/App] cluster: received {}. Expected an AksCluster.");
  });
});
