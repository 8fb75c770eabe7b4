import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { TerraformStack, Testing } from "cdktf";
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
    expect(workload.grantPrincipal.identityKind).toBe("workload");
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
      .toThrow("[test/team-b/App] id: received \"App\". Another WorkloadIdentity (test/App) has an id that gives the same output names");
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
    expect(() => new WorkloadIdentity(newStack(), "App", { cluster: {} as never, namespace: "a", serviceAccount: "b" })).toThrow("[test/App] cluster: received {}. Expected an AksCluster, or a cluster from AksCluster.fromClusterAttributes.");
  });
});

describe("WorkloadIdentity grants asked for twice", () => {
  test("the same role on the same scope twice gives one role assignment that keeps both reasons", () => {
    // GIVEN a workload identity
    const { stack, workload } = setup();
    // WHEN two parts of an app ask for the same grant under different ids
    const first = workload.grant("BlobReader", Roles.STORAGE_BLOB_DATA_READER, STORAGE, "reads order exports");
    const second = workload.grant("ExportsReader", Roles.STORAGE_BLOB_DATA_READER, STORAGE, "reads nightly reports");
    // THEN the second request returns the first grant (azurerm would fail to create a second), with both reasons
    expect(second).toBe(first);
    expect(workload.grants).toEqual([first]);
    expect(first.reasons).toEqual(["reads order exports. Principal: workload identity of system:serviceaccount:my-app:my-app-sa on aks.", "reads nightly reports"]);
    const assignments = Object.values(resources(synthJson(stack), "azurerm_role_assignment"));
    expect(assignments).toHaveLength(1);
    expect(assignments[0].description).toBe("reads order exports. Principal: workload identity of system:serviceaccount:my-app:my-app-sa on aks. Also: reads nightly reports");
  });
});

describe("WorkloadIdentity on a cluster defined elsewhere", () => {
  function teamStack(): TerraformStack {
    const app = Testing.app();
    // The platform team's stack defines the cluster; the application team's stack only knows its name.
    const platform = new TerraformStack(app, "platform");
    new AzurermProvider(platform, "azurerm", { features: [{}] });
    new AksCluster(platform, "aks", { name: "prod-aks", resourceGroup: { name: "rg-aks", location: "westeurope" }, addons: { workloadIdentity: true } });
    const team = new TerraformStack(app, "team");
    new AzurermProvider(team, "azurerm", { features: [{}] });
    return team;
  }

  test("in a second stack, against an imported cluster: the credential trusts the issuer read from the cluster", () => {
    // GIVEN an imported cluster in the application team's stack
    const team = teamStack();
    const cluster = AksCluster.fromClusterAttributes(team, "prod", { name: "prod-aks", resourceGroupName: "rg-aks" });
    // WHEN a workload identity is made for it and granted a role
    const workload = new WorkloadIdentity(team, "Orders", { cluster, namespace: "orders", serviceAccount: "orders-api" });
    workload.grant("BlobReader", Roles.STORAGE_BLOB_DATA_READER, STORAGE, "reads order exports");
    // THEN one lookup of the cluster gives the issuer and location; the identity lives beside the cluster
    const j = synthJson(team);
    const lookups = Object.entries((j.data?.azurerm_kubernetes_cluster ?? {}) as Record<string, Record<string, unknown>>);
    expect(lookups.map(([, body]) => [body.name, body.resource_group_name])).toEqual([["prod-aks", "rg-aks"]]);
    const lookup = `data.azurerm_kubernetes_cluster.${lookups[0][0]}`;
    expect(only(j, "azurerm_federated_identity_credential").body).toMatchObject({ issuer: `\${${lookup}.oidc_issuer_url}`, subject: "system:serviceaccount:orders:orders-api" });
    expect(only(j, "azurerm_user_assigned_identity").body).toMatchObject({ name: "prod-aks-orders-orders-api", resource_group_name: "rg-aks", location: `\${${lookup}.location}` });
    expect(only(j, "azurerm_role_assignment").body).toMatchObject({ role_definition_name: "Storage Blob Data Reader", scope: STORAGE });
    // and the imported cluster is not turned into a resource of this stack
    expect(resources(j, "azurerm_kubernetes_cluster")).toEqual({});
  });

  test("with the issuer and location given, nothing is looked up", () => {
    const team = teamStack();
    const cluster = AksCluster.fromClusterAttributes(team, "prod", {
      name: "prod-aks", resourceGroupName: "rg-aks", location: "westeurope", oidcIssuerUrl: "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/",
    });
    new WorkloadIdentity(team, "Orders", { cluster, namespace: "orders", serviceAccount: "orders-api" });
    const j = synthJson(team);
    expect(j.data).toBeUndefined();
    expect(only(j, "azurerm_federated_identity_credential").body.issuer).toBe("https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/");
  });

  test("an imported cluster's name and resource group are checked", () => {
    const team = teamStack();
    expect(() => AksCluster.fromClusterAttributes(team, "bad", { name: "prod aks", resourceGroupName: "rg-aks" })).toThrow("[team/bad] name: received \"prod aks\"");
  });
});
