import { Testing } from "cdktf";
import { buildReport, parseStack } from "../lib/review";
import { SCENARIOS } from "../scenarios";
import { EntraRbacStack } from "../scenarios/entra-rbac";
import { KmsEtcdEncryptionStack } from "../scenarios/kms-etcd-encryption";
import { annotationsOf, resources, SynthJson, synthJson } from "./helpers";

const CLUSTER = "azurerm_kubernetes_cluster.myManagedCluster_3120B930";
const UAI = "azurerm_user_assigned_identity.myIdentity_4E98E044";
const SECURITY_KEYS = ["identity", "depends_on", "key_management_service", "disk_encryption_set_id", "azure_active_directory_role_based_access_control", "local_account_disabled"];

/** The security-related part of a stack: the cluster's blocks, grants, access policies, the kubernetes provider and outputs. */
function securityBlocks(j: SynthJson): Record<string, unknown> {
  const strip = (o: Record<string, Record<string, unknown>>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([f]) => f !== "//"))]));
  const cluster = Object.fromEntries(Object.entries(resources(j, "azurerm_kubernetes_cluster")).map(([k, v]) =>
    [k, Object.fromEntries(Object.entries(v).filter(([f]) => SECURITY_KEYS.includes(f)))]));
  return {
    cluster,
    role_assignments: strip(resources(j, "azurerm_role_assignment")),
    access_policies: strip(resources(j, "azurerm_key_vault_access_policy")),
    disk_encryption_sets: strip(resources(j, "azurerm_disk_encryption_set")),
    kubernetes_provider: (j.provider as Record<string, unknown> | undefined)?.kubernetes,
    outputs: j.output,
  };
}

function build<T extends EntraRbacStack | KmsEtcdEncryptionStack>(Stack: new (app: ReturnType<typeof Testing.app>) => T) {
  const stack = new Stack(Testing.app());
  const text = Testing.synth(stack);
  return { stack, json: JSON.parse(text) as SynthJson, report: buildReport([parseStack(stack.node.id, JSON.parse(text))]) };
}

const grantRows = (j: SynthJson) => Object.values(resources(j, "azurerm_role_assignment")).map((b) => [b.role_definition_name, b.scope, b.principal_id, b.principal_type]).sort();

describe("security scenarios", () => {
  test("are in the example app under their names", () => {
    expect(SCENARIOS["entra-rbac"]).toBe(EntraRbacStack);
    expect(SCENARIOS["kms-etcd-encryption"]).toBe(KmsEtcdEncryptionStack);
  });

  describe("kms-etcd-encryption", () => {
    // GIVEN the stack WHEN synthesized
    const { stack, json, report } = build(KmsEtcdEncryptionStack);
    const cluster = resources(json, "azurerm_kubernetes_cluster").myManagedCluster_3120B930;

    test("snapshot of its identity and encryption blocks", () => {
      expect(securityBlocks(json)).toMatchSnapshot();
    });

    test("every grant: role, scope, principal; all three before the cluster", () => {
      // THEN Key Vault Crypto User and Reader to the control plane, the set's grant to the set
      expect(grantRows(json)).toEqual([
        ["Key Vault Crypto Service Encryption User", "${azurerm_key_vault.myKeyVault.id}", "${azurerm_disk_encryption_set.myDiskEncryptionSet.identity[0].principal_id}", "ServicePrincipal"],
        ["Key Vault Crypto User", "${azurerm_key_vault.myKeyVault.id}", `\${${UAI}.principal_id}`, "ServicePrincipal"],
        ["Reader", "${azurerm_disk_encryption_set.myDiskEncryptionSet.id}", `\${${UAI}.principal_id}`, "ServicePrincipal"],
      ]);
      expect((cluster.depends_on as string[]).sort()).toEqual(Object.keys(resources(json, "azurerm_role_assignment")).map((id) => `azurerm_role_assignment.${id}`).sort());
      expect(cluster.key_management_service).toEqual({ key_vault_key_id: "${azurerm_key_vault_key.myEtcdKey.id}", key_vault_network_access: "Public" });
    });

    test("the identity report shows each grant with its identity and timing", () => {
      // GIVEN / WHEN / THEN
      const c = report.stacks[0].clusters[0];
      expect(c.grants.map((g) => [g.role, g.scope, g.principal, g.timing]).sort()).toEqual([
        ["Key Vault Crypto Service Encryption User", "azurerm_key_vault.myKeyVault", "azurerm_disk_encryption_set.myDiskEncryptionSet.identity[0].principal_id", "before cluster"],
        ["Key Vault Crypto User", "azurerm_key_vault.myKeyVault", `control plane (${UAI})`, "before cluster"],
        ["Reader", "azurerm_disk_encryption_set.myDiskEncryptionSet", `control plane (${UAI})`, "before cluster"],
      ]);
      expect(report.stacks[0].otherGrants).toEqual([]);
    });

    test("synthesizes with no warning or error", () => {
      // GIVEN / WHEN / THEN
      expect(annotationsOf(stack).filter((a) => a.level !== "@cdktf/info")).toEqual([]);
    });
  });

  describe("entra-rbac", () => {
    const { stack, json, report } = build(EntraRbacStack);
    const cluster = resources(json, "azurerm_kubernetes_cluster").myManagedCluster_3120B930;

    test("snapshot of its identity and Entra blocks", () => {
      // GIVEN / WHEN / THEN
      expect(securityBlocks(json)).toMatchSnapshot();
    });

    test("Entra ID with Azure RBAC and no local accounts; the provider runs kubelogin", () => {
      // GIVEN / WHEN / THEN
      expect(cluster.azure_active_directory_role_based_access_control).toEqual({ tenant_id: "${var.tenant_id}", admin_group_object_ids: ["${var.admin_group_id}"], azure_rbac_enabled: true });
      expect(cluster.local_account_disabled).toBe(true);
      const provider = (json.provider as { kubernetes: Record<string, unknown>[] }).kubernetes[0];
      expect(provider).not.toHaveProperty("client_certificate");
      expect(provider.exec).toEqual([{ api_version: "client.authentication.k8s.io/v1beta1", command: "kubelogin", args: ["get-token", "--login", "azurecli", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"] }]);
      // The user kubeconfig output stays (with Entra ID it is the kubelogin kubeconfig), sensitive.
      expect(json.output!.myManagedCluster_kube_config).toMatchObject({ value: `\${${CLUSTER}.kube_config_raw}`, sensitive: true });
    });

    test("every grant: the RBAC role on its scope and the Cluster User Role, to each group, after the cluster", () => {
      // GIVEN / WHEN / THEN
      expect(grantRows(json)).toEqual([
        ["Azure Kubernetes Service Cluster User Role", `\${${CLUSTER}.id}`, "${var.developers_group_id}", "Group"],
        ["Azure Kubernetes Service Cluster User Role", `\${${CLUSTER}.id}`, "${var.sre_group_id}", "Group"],
        ["Azure Kubernetes Service RBAC Reader", `\${${CLUSTER}.id}`, "${var.sre_group_id}", "Group"],
        ["Azure Kubernetes Service RBAC Writer", `\${${CLUSTER}.id}/namespaces/my-app`, "${var.developers_group_id}", "Group"],
      ]);
      expect(cluster.depends_on).toBeUndefined();
      const c = report.stacks[0].clusters[0];
      expect(c.grants.map((g) => g.timing)).toEqual(["after cluster", "after cluster", "after cluster", "after cluster"]);
      expect(report.stacks[0].otherGrants).toEqual([]);
    });

    test("synthesizes with no warning or error", () => {
      expect(annotationsOf(stack).filter((a) => a.level !== "@cdktf/info")).toEqual([]);
    });
  });

  test("addon-identities: Container Insights gets its data collection rule and association", () => {
    // GIVEN the add-on scenario WHEN synthesized THEN az's rule, in the cluster's group, and the association to the cluster
    const j = synthJson(new SCENARIOS["addon-identities"](Testing.app()));
    const [rule] = Object.values(resources(j, "azurerm_monitor_data_collection_rule"));
    const [association] = Object.values(resources(j, "azurerm_monitor_data_collection_rule_association"));
    // The workspace construct's region is a reference: az's name and region are computed at plan time.
    const region = "lower(replace(azurerm_resource_group.ResourceGroup.location, \" \", \"\"))";
    expect(rule).toMatchObject({
      name: `\${substr(format("MSCI-%s-%s", ${region}, "myManagedCluster"), 0, 64)}`,
      location: `\${${region}}`,
      resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      destinations: { log_analytics: [{ name: "la-workspace", workspace_resource_id: "${azurerm_log_analytics_workspace.myWorkspace.id}" }] },
    });
    expect(association).toMatchObject({ name: "ContainerInsightsExtension", target_resource_id: `\${${CLUSTER}.id}` });
  });
});
