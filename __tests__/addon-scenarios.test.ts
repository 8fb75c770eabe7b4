import { Testing } from "cdktf";
import { SCENARIOS } from "../scenarios";
import { AddonIdentitiesStack } from "../scenarios/addon-identities";
import { PodIdentityExceptionStack } from "../scenarios/pod-identity-exception";
import { WorkloadIdentityStack } from "../scenarios/workload-identity";
import { annotationsOf, only, resources, SynthJson, synthJson } from "./helpers";
import { grantsOf } from "./addon-fixtures";
import { FEDERATED_CREDENTIAL_PARENT_KEYS, federatedCredentialParent } from "./flavour-differences";

const CLUSTER = "azurerm_kubernetes_cluster.myManagedCluster_3120B930";
const IDENTITY_KEYS = ["identity", "kubelet_identity", "ingress_application_gateway", "oms_agent", "aci_connector_linux", "key_vault_secrets_provider",
  "web_app_routing", "oidc_issuer_enabled", "workload_identity_enabled", "http_application_routing_enabled", "depends_on"];

/**
 * The identity-related part of a synthesized stack, without cdktf's metadata and without the
 * attributes that name a federated credential's identity, which differ by azurerm version
 * (asserted per flavour in the workload-identity test below): one snapshot serves both flavours.
 */
function identityBlocks(j: SynthJson): Record<string, unknown> {
  const strip = (o: Record<string, Record<string, unknown>>, drop: string[] = []) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([f]) => f !== "//" && !drop.includes(f)))]));
  const cluster = Object.fromEntries(Object.entries(resources(j, "azurerm_kubernetes_cluster")).map(([k, v]) =>
    [k, Object.fromEntries(Object.entries(v).filter(([f]) => IDENTITY_KEYS.includes(f)))]));
  return {
    cluster,
    user_assigned_identities: strip(resources(j, "azurerm_user_assigned_identity")),
    federated_credentials: strip(resources(j, "azurerm_federated_identity_credential"), FEDERATED_CREDENTIAL_PARENT_KEYS),
    role_assignments: strip(resources(j, "azurerm_role_assignment")),
    kubernetes_manifests: strip(resources(j, "kubernetes_manifest")),
    kubernetes_provider: (j.provider as Record<string, unknown> | undefined)?.kubernetes,
    outputs: j.output,
  };
}

function stackJson(Stack: new (app: ReturnType<typeof Testing.app>) => AddonIdentitiesStack | PodIdentityExceptionStack | WorkloadIdentityStack) {
  const stack = new Stack(Testing.app());
  return { stack, json: synthJson(stack) };
}

describe("add-on scenarios", () => {
  test("are in the example app under their names", () => {
    expect(SCENARIOS["addon-identities"]).toBe(AddonIdentitiesStack);
    expect(SCENARIOS["pod-identity-exception"]).toBe(PodIdentityExceptionStack);
    expect(SCENARIOS["workload-identity"]).toBe(WorkloadIdentityStack);
  });

  describe("addon-identities", () => {
    const { stack, json } = stackJson(AddonIdentitiesStack);
    const addon = (attr: string) => `\${${CLUSTER}.${attr}.object_id}`;

    test("every grant: role, scope and principal", () => {
      expect(grantsOf(json).map((g) => [g.role, g.scope, g.principal]).sort()).toEqual([
        ["DNS Zone Contributor", "${azurerm_dns_zone.myDnsZone.id}", addon("web_app_routing[0].web_app_routing_identity[0]")],
        ["Key Vault Certificate User", "${azurerm_key_vault.myKeyVault.id}", addon("key_vault_secrets_provider[0].secret_identity[0]")],
        ["Key Vault Secrets User", "${azurerm_key_vault.myKeyVault.id}", addon("key_vault_secrets_provider[0].secret_identity[0]")],
        ["Network Contributor", "${azurerm_subnet.mySubnet.id}", "${azurerm_user_assigned_identity.myIdentity_4E98E044.principal_id}"],
        ["Network Contributor", "${azurerm_subnet.myVirtualNodeSubnet.id}", addon("aci_connector_linux[0].connector_identity[0]")],
        ["Network Contributor", "${join(\"/\", slice(split(\"/\", var.app_gateway_id), 0, 5))}", addon("ingress_application_gateway[0].ingress_application_gateway_identity[0]")],
        ["Network Contributor", "${var.app_gateway_subnet_id}", addon("ingress_application_gateway[0].ingress_application_gateway_identity[0]")],
        ["Private DNS Zone Contributor", "${azurerm_private_dns_zone.myPrivateDnsZone.id}", addon("web_app_routing[0].web_app_routing_identity[0]")],
        ["Reader", "${join(\"/\", slice(split(\"/\", var.app_gateway_id), 0, 5))}", addon("ingress_application_gateway[0].ingress_application_gateway_identity[0]")],
      ]);
    });

    test("the cluster waits only for the control plane's grant; add-on grants come after it", () => {
      const cluster = only(json, "azurerm_kubernetes_cluster").body;
      const subnetGrant = grantsOf(json).find((g) => g.scope === "${azurerm_subnet.mySubnet.id}")!;
      expect(cluster.depends_on).toEqual([`azurerm_role_assignment.${subnetGrant.id}`]);
      for (const g of grantsOf(json).filter((x) => x.principal.startsWith(`\${${CLUSTER}`))) {
        expect(g.body.description).toContain("Granted after the cluster is created.");
      }
    });

    test("outputs every add-on identity", () => {
      expect(Object.keys(json.output!).filter((o) => o.endsWith("_identity")).sort()).toEqual([
        "myManagedCluster_aci_connector_linux_identity",
        "myManagedCluster_control_plane_identity",
        "myManagedCluster_ingress_application_gateway_identity",
        "myManagedCluster_key_vault_secrets_provider_identity",
        "myManagedCluster_kubelet_identity",
        "myManagedCluster_oms_agent_identity",
        "myManagedCluster_web_app_routing_identity",
      ]);
    });

    test("synthesizes without warnings", () => {
      expect(annotationsOf(stack).filter((a) => a.level !== "@cdktf/info")).toEqual([]);
    });

    test("identity blocks snapshot", () => {
      expect(identityBlocks(json)).toMatchSnapshot();
    });
  });

  describe("pod-identity-exception", () => {
    const { json } = stackJson(PodIdentityExceptionStack);

    test("applies the AKS add-on exception in kube-system through the cluster's credentials", () => {
      const manifests = Object.values(resources(json, "kubernetes_manifest"));
      expect(manifests.map((m) => m.provider)).toEqual(["kubernetes.myManagedCluster", "kubernetes.myManagedCluster"]);
      expect(manifests.map((m) => m.manifest)).toContainEqual(expect.objectContaining({
        metadata: { name: "aks-addon-exception", namespace: "kube-system" },
        spec: { podLabels: { "kubernetes.azure.com/managedby": "aks" } },
      }));
      expect((json.provider as { kubernetes: { host: string }[] }).kubernetes[0].host).toBe(`\${${CLUSTER}.kube_config[0].host}`);
      expect(grantsOf(json)).toEqual([]);
    });

    test("identity blocks snapshot", () => {
      expect(identityBlocks(json)).toMatchSnapshot();
    });
  });

  describe("workload-identity", () => {
    const { json } = stackJson(WorkloadIdentityStack);

    test("one grant: Storage Blob Data Reader on the storage account for the workload identity", () => {
      expect(grantsOf(json).map((g) => [g.role, g.scope, g.principal])).toEqual([
        ["Storage Blob Data Reader", "${azurerm_storage_account.myStorageAccount.id}", "${azurerm_user_assigned_identity.MyAppWorkload_Identity_78E1F2F5.principal_id}"],
      ]);
      const fic = only(json, "azurerm_federated_identity_credential").body;
      expect([fic.issuer, fic.subject, fic.audience]).toEqual([`\${${CLUSTER}.oidc_issuer_url}`, "system:serviceaccount:my-app:my-app-sa", ["api://AzureADTokenExchange"]]);
      const parent = Object.fromEntries(FEDERATED_CREDENTIAL_PARENT_KEYS.filter((k) => fic[k] !== undefined).map((k) => [k, fic[k]]));
      expect(parent).toEqual(federatedCredentialParent("${azurerm_user_assigned_identity.MyAppWorkload_Identity_78E1F2F5.id}", "${azurerm_resource_group.ResourceGroup.name}"));
      expect(json.output!.MyAppWorkload_service_account_annotation.value).toEqual({ "azure.workload.identity/client-id": "${azurerm_user_assigned_identity.MyAppWorkload_Identity_78E1F2F5.client_id}" });
    });

    test("identity blocks snapshot", () => {
      expect(identityBlocks(json)).toMatchSnapshot();
    });
  });
});
