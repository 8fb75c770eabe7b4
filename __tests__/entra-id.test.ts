import { AKS_ENTRA_SERVER_ID, AksCluster, clusterKubernetesProvider, kubernetesConnection, PodIdentityException } from "../lib";
import { newStack, only, SynthJson, synthJson } from "./helpers";

const TENANT = "00000000-0000-0000-0000-00000000aaaa";
const ADMINS = "00000000-0000-0000-0000-00000000bbbb";

type WithProvider = SynthJson & { provider: { kubernetes: Record<string, unknown>[] } };

describe("Microsoft Entra ID integration (entraId)", () => {
  test("managed Entra with Azure RBAC and local accounts disabled by default", () => {
    // GIVEN / WHEN
    const stack = newStack();
    new AksCluster(stack, "aks", { entraId: { tenantId: TENANT, adminGroupObjectIds: [ADMINS] } });
    // THEN azurerm's block (it always sends managed: true) and local_account_disabled
    const body = only(synthJson(stack), "azurerm_kubernetes_cluster").body;
    expect(body.azure_active_directory_role_based_access_control).toEqual({ tenant_id: TENANT, admin_group_object_ids: [ADMINS], azure_rbac_enabled: true });
    expect(body.local_account_disabled).toBe(true);
  });

  test("azureRbac and localAccountsDisabled can be turned off; no block without entraId", () => {
    // GIVEN one cluster with the switches off and one without Entra ID WHEN synthesized THEN
    const stack = newStack();
    const withEntra = new AksCluster(stack, "aks", { entraId: { tenantId: TENANT, azureRbac: false, localAccountsDisabled: false } });
    const plain = new AksCluster(stack, "plain", {});
    const bodies = synthJson(stack).resource!.azurerm_kubernetes_cluster;
    const entra = bodies[stack.getLogicalId(withEntra.resource)];
    expect(entra.azure_active_directory_role_based_access_control).toEqual({ tenant_id: TENANT, azure_rbac_enabled: false });
    expect(entra.local_account_disabled).toBe(false);
    const plainBody = bodies[stack.getLogicalId(plain.resource)];
    expect(plainBody.azure_active_directory_role_based_access_control).toBeUndefined();
    expect(plainBody.local_account_disabled).toBeUndefined();
  });

  test.each([
    [{}, "[test/aks] entraId: received {}. azurerm needs tenant_id or admin_group_object_ids in azure_active_directory_role_based_access_control (AtLeastOneOf). Fix: pass tenantId"],
    [{ tenantId: "contoso.onmicrosoft.com" }, "entraId.tenantId: received \"contoso.onmicrosoft.com\". Expected the tenant ID, a GUID"],
    [{ adminGroupObjectIds: ["platform-admins"] }, "entraId.adminGroupObjectIds[0]: received \"platform-admins\". Expected the group's object ID, a GUID"],
    [{ adminGroupObjectIds: ADMINS }, "entraId.adminGroupObjectIds: received \"" + ADMINS + "\". Expected an array of group object IDs."],
    [{ tenantId: TENANT, azureRbac: "yes" }, "entraId.azureRbac: received \"yes\". Expected true or false."],
    [{ tenantId: TENANT, kubeloginMode: "cli" }, "entraId.kubeloginMode: received \"cli\". Allowed: \"azurecli\", \"devicecode\", \"interactive\", \"spn\", \"msi\", \"workloadidentity\" (kubelogin --login)."],
  ])("bad input %j is an error naming the prop", (entraId, message) => {
    // GIVEN / WHEN / THEN
    expect(() => new AksCluster(newStack(), "aks", { entraId: entraId as never })).toThrow(message);
  });
});

describe("credentials with Entra ID: the kubeconfig contract and the kubernetes provider", () => {
  test("kubeConfig says the cluster uses Entra ID; a local-account cluster's does not", () => {
    // GIVEN / WHEN / THEN
    const stack = newStack();
    expect(new AksCluster(stack, "entra", { entraId: { tenantId: TENANT, kubeloginMode: "spn" } }).kubeConfig.entraId).toEqual({ kubeloginMode: "spn" });
    expect(new AksCluster(stack, "local", {}).kubeConfig.entraId).toBeUndefined();
  });

  test("the provider runs kubelogin with the AKS server ID instead of the (empty) client certificate", () => {
    // GIVEN a cluster with Entra ID WHEN the library's provider is made
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", { entraId: { tenantId: TENANT } });
    clusterKubernetesProvider(cluster);
    // THEN host and CA from kube_config, and an exec block: kubelogin get-token --login azurecli --server-id 6dae42f8-...
    const j = synthJson(stack) as WithProvider;
    const ref = `azurerm_kubernetes_cluster.${Object.keys(j.resource!.azurerm_kubernetes_cluster)[0]}.kube_config[0]`;
    expect(j.provider.kubernetes).toEqual([{
      alias: "aks",
      host: `\${${ref}.host}`,
      cluster_ca_certificate: `\${base64decode(${ref}.cluster_ca_certificate)}`,
      exec: [{ api_version: "client.authentication.k8s.io/v1beta1", command: "kubelogin", args: ["get-token", "--login", "azurecli", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"] }],
    }]);
    expect(AKS_ENTRA_SERVER_ID).toBe("6dae42f8-4368-4678-94ff-3960e28e3630");
  });

  test("the pod identity exception on an Entra cluster applies through that provider", () => {
    // GIVEN an Entra cluster WHEN the article's exception is applied THEN its provider signs in with kubelogin
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", { entraId: { tenantId: TENANT, kubeloginMode: "workloadidentity" } });
    const exception = new PodIdentityException(stack, "exception", { cluster });
    const j = synthJson(stack) as WithProvider;
    expect(j.provider.kubernetes).toHaveLength(1);
    expect(j.provider.kubernetes[0]).not.toHaveProperty("client_certificate");
    expect((j.provider.kubernetes[0].exec as { args: string[] }[])[0].args).toEqual(["get-token", "--login", "workloadidentity", "--server-id", AKS_ENTRA_SERVER_ID]);
    expect(exception.provider).toBe(clusterKubernetesProvider(cluster));
  });

  test("a cluster from another stack says its kubelogin mode; a bad one is an error", () => {
    // GIVEN / WHEN / THEN
    const stack = newStack();
    const imported = AksCluster.fromClusterAttributes(stack, "other", { name: "other", resourceGroupName: "rg", kubeloginMode: "msi" });
    expect(imported.kubeConfig.entraId).toEqual({ kubeloginMode: "msi" });
    clusterKubernetesProvider(imported);
    const j = synthJson(stack) as WithProvider;
    expect((j.provider.kubernetes[0].exec as { args: string[] }[])[0].args).toContain("msi");
    expect(j.provider.kubernetes[0].host).toMatch(/^\$\{data\.azurerm_kubernetes_cluster\.other_Lookup_[0-9A-F]+\.kube_config\[0\]\.host\}$/);
    expect(() => AksCluster.fromClusterAttributes(newStack(), "xy", { name: "xy", resourceGroupName: "rg", kubeloginMode: "token" as never }))
      .toThrow("[test/xy] kubeloginMode: received \"token\". Allowed:");
  });

  test("kubernetesConnection: certificates for local accounts, base64-decoded", () => {
    // GIVEN / WHEN / THEN
    const conn = kubernetesConnection({ host: "h", clientCertificate: "Yw==", clientKey: "aw==", clusterCaCertificate: "Y2E=" });
    expect(Object.keys(conn).sort()).toEqual(["clientCertificate", "clientKey", "clusterCaCertificate", "host"]);
    expect(conn.exec).toBeUndefined();
  });
});
