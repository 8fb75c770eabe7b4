import { checkPlan, PlanFindingKind, parsePlan } from "../../lib/review";
import { planText } from "./plan-fixtures";

function check(name: string, options = {}) {
  return checkPlan(parsePlan(planText(name), name), options);
}

describe("plan check: one fixture per finding", () => {
  // fixture -> the findings it must produce (in order), whether each blocks, and the exit code
  const cases: [string, [PlanFindingKind, boolean][], 0 | 2][] = [
    ["cluster-replace.json", [["cluster-replace", true]], 2],
    ["cluster-delete.json", [["cluster-delete", true]], 2],
    ["kubelet-identity-change.json", [["cluster-replace", true], ["kubelet-identity-change", true]], 2],
    ["mi-to-sp.json", [["cluster-replace", true], ["mi-to-sp", true]], 2],
    ["control-plane-identity-swap.json", [["control-plane-identity-swap", false]], 0],
    ["sp-to-mi.json", [["sp-to-mi", false]], 0],
    ["grant-deleted.json", [["grant-deleted", true]], 2],
    ["tenant-change.json", [["tenant-change", false]], 0],
    ["no-identity-change.json", [], 0],
    ["terraform-data-replace.json", [], 0],
  ];
  test.each(cases)("%s", (fixture, expected, exitCode) => {
    // GIVEN: a plan in terraform show -json format WHEN checked
    const result = check(fixture);
    // THEN: exactly the expected findings, blocking as the issue says, and the exit code
    expect(result.findings.map((f) => [f.kind, f.blocking])).toEqual(expected);
    expect(result.exitCode).toBe(exitCode);
  });

  test("the replacement names the attribute that forces it, from replace_paths", () => {
    expect(check("cluster-replace.json").findings[0].details[0]).toBe("Forced by: `dns_prefix`.");
    expect(check("kubelet-identity-change.json").findings[0].details[0])
      .toBe("Forced by: `kubelet_identity[0].client_id`, `kubelet_identity[0].object_id`, `kubelet_identity[0].user_assigned_identity_id`.");
  });

  test("a control-plane swap lists the grants the old identity keeps", () => {
    const [f] = check("control-plane-identity-swap.json").findings;
    expect(f.details.join("\n")).toContain("keeps using the old identity until its token expires (hours)");
    expect(f.details.join("\n")).toContain("`azurerm_role_assignment.subnet_network_contributor` (Network Contributor on /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myVnet/subnets/mySubnet)");
    expect(f.details[0]).toContain("userAssignedIdentities/myIdentity`) → `UserAssigned` (`/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myNewIdentity`)");
  });

  test("SP -> MI is in place and says kubelets keep the service principal until a node-image upgrade", () => {
    const [f] = check("sp-to-mi.json").findings;
    expect(f.details.join("\n")).toContain("kubelets keep using the service principal until each node pool's image is upgraded");
    expect(f.details).toContain("Then run: `az aks nodepool upgrade --resource-group 'myResourceGroup' --cluster-name 'myManagedCluster' --name 'nodepool1' --node-image-only` (and the same for every other node pool).");
  });

  test("a deleted grant says which cluster needs it and why", () => {
    const [f] = check("grant-deleted.json").findings;
    expect(f.address).toBe("azurerm_role_assignment.subnet_network_contributor");
    expect(f.details).toEqual(expect.arrayContaining([
      "`azurerm_kubernetes_cluster.aks` depends on it (it was created before the cluster, which needs it).",
      "It goes to the control-plane identity of `azurerm_kubernetes_cluster.aks`.",
    ]));
  });

  test("a tenant change found on refresh is reported from resource_drift", () => {
    const [f] = check("tenant-change.json").findings;
    expect(f.details[0]).toBe("`identity[0].tenant_id`: `11111111-1111-1111-1111-111111111111` → `99999999-9999-9999-9999-999999999999` (changed outside Terraform, found on refresh).");
  });
});

describe("acknowledging intended changes", () => {
  test("--allow-replace for the cluster acknowledges its replacement and kubelet change", () => {
    const result = check("kubelet-identity-change.json", { allowReplace: ["azurerm_kubernetes_cluster.aks"] });
    expect(result.findings.map((f) => f.acknowledged)).toEqual([true, true]);
    expect(result.exitCode).toBe(0);
    expect(result.unmatchedAllowances).toEqual([]);
  });

  test("--allow-replace does not acknowledge a deletion; --allow-delete does", () => {
    expect(check("cluster-delete.json", { allowReplace: ["azurerm_kubernetes_cluster.aks"] }).exitCode).toBe(2);
    expect(check("cluster-delete.json", { allowDelete: ["azurerm_kubernetes_cluster.aks"] }).exitCode).toBe(0);
    expect(check("grant-deleted.json", { allowDelete: ["azurerm_role_assignment.subnet_network_contributor"] }).exitCode).toBe(0);
  });

  test("an allowance for another address acknowledges nothing and is reported", () => {
    const result = check("cluster-replace.json", { allowReplace: ["azurerm_kubernetes_cluster.other"] });
    expect(result.exitCode).toBe(2);
    expect(result.unmatchedAllowances).toEqual(["azurerm_kubernetes_cluster.other"]);
  });
});

describe("Terraform's own plan output (made by make-terraform-fixture.sh)", () => {
  test("replace_paths and deletions of other resources are listed, not dropped", () => {
    // GIVEN: terraform_data.cluster replaced by triggers_replace, terraform_data.grant[0] deleted (count)
    const result = check("terraform-data-replace.json");
    // THEN
    expect(result.terraformVersion).toBe("1.11.4");
    expect(result.formatVersion).toBe("1.2");
    expect(result.resourceChanges).toBe(3);
    expect(result.otherChanges).toEqual([
      { address: "terraform_data.cluster", actions: ["delete", "create"], forcedBy: ["triggers_replace"] },
      { address: "terraform_data.grant[0]", actions: ["delete"], forcedBy: [] },
    ]);
  });
});

describe("grant replaced", () => {
  test("a grant the cluster depends on that is replaced warns, without blocking", () => {
    // GIVEN: the grant-deleted fixture, with the deletion turned into a replacement
    const plan = JSON.parse(planText("grant-deleted.json"));
    plan.resource_changes[0].change.actions = ["delete", "create"];
    plan.resource_changes[0].change.after = { ...plan.resource_changes[0].change.before, principal_id: "eeeeeeee-0000-0000-0000-00000000000e" };
    // WHEN
    const result = checkPlan(parsePlan(JSON.stringify(plan)));
    // THEN
    expect(result.findings.map((f) => [f.kind, f.blocking])).toEqual([["grant-replaced", false]]);
    expect(result.exitCode).toBe(0);
  });

  test("deleting a grant that goes to no cluster identity is no finding", () => {
    const plan = JSON.parse(planText("grant-deleted.json"));
    plan.resource_changes[0].change.before.principal_id = "12345678-0000-0000-0000-000000000000";
    const cluster = plan.prior_state.values.root_module.resources.find((r: { type: string }) => r.type === "azurerm_kubernetes_cluster");
    cluster.depends_on = ["azurerm_user_assigned_identity.control_plane"]; // the cluster does not wait for it
    const result = checkPlan(parsePlan(JSON.stringify(plan)));
    expect(result.findings).toEqual([]);
    // Still listed as a deletion, so nothing destructive goes unseen.
    expect(result.otherChanges.map((c) => c.address)).toEqual(["azurerm_role_assignment.subnet_network_contributor"]);
  });
});

describe("a renamed construct id", () => {
  test("a deleted cluster whose name and group another address creates is called out as a rename, with the moved-block fix", () => {
    // GIVEN the plan of a construct id renamed from aks to prodAks: delete one address, create the other
    const body = { name: "prod-aks", resource_group_name: "rg-aks", identity: [{ type: "SystemAssigned" }] };
    const plan = parsePlan(JSON.stringify({
      format_version: "1.2",
      resource_changes: [
        { address: "azurerm_kubernetes_cluster.aks", mode: "managed", type: "azurerm_kubernetes_cluster", name: "aks", change: { actions: ["delete"], before: body, after: null } },
        { address: "azurerm_kubernetes_cluster.prodAks", mode: "managed", type: "azurerm_kubernetes_cluster", name: "prodAks", change: { actions: ["create"], before: null, after: body } },
      ],
    }));
    // WHEN checked
    const result = checkPlan(plan);
    // THEN still blocking (Terraform would delete the cluster), with the rename named and the fix
    const [f] = result.findings;
    expect([f.kind, f.blocking, result.exitCode]).toEqual(["cluster-delete", true, 2]);
    expect(f.details[1]).toContain("`azurerm_kubernetes_cluster.prodAks` creates a cluster with the same name and resource group: this looks like a renamed construct id");
    expect(f.details[1]).toContain("a `moved` block from `azurerm_kubernetes_cluster.aks` to `azurerm_kubernetes_cluster.prodAks` (cdktf: `resource.moveFromId(\"azurerm_kubernetes_cluster.aks\")`)");
  });
});


describe("issue 13's grants: key vault access policies and access to the cluster", () => {
  const CLUSTER_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.ContainerService/managedClusters/myManagedCluster";

  /** The grant-deleted fixture with its deleted role assignment swapped for `change` (and the cluster's depends_on set). */
  function planWith(change: Record<string, unknown>, dependsOn: string[], clusterActions = ["no-op"]) {
    const plan = JSON.parse(planText("grant-deleted.json"));
    plan.resource_changes[0] = { ...plan.resource_changes[0], ...change };
    const cluster = plan.resource_changes.find((rc: { type: string }) => rc.type === "azurerm_kubernetes_cluster");
    cluster.change.actions = clusterActions;
    const state = plan.prior_state.values.root_module.resources.find((r: { type: string }) => r.type === "azurerm_kubernetes_cluster");
    state.depends_on = dependsOn;
    return checkPlan(parsePlan(JSON.stringify(plan)));
  }

  test("a deleted KMS access policy the cluster waits for blocks, like a deleted role assignment", () => {
    // GIVEN the control plane's access policy on the KMS vault (a vault without Azure RBAC), deleted
    const address = "azurerm_key_vault_access_policy.kms";
    const result = planWith({ address, type: "azurerm_key_vault_access_policy", name: "kms", change: { actions: ["delete"], after: null, before: {
      key_vault_id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.KeyVault/vaults/myKeyVault",
      object_id: "dddddddd-0000-0000-0000-00000000000d", tenant_id: "11111111-1111-1111-1111-111111111111", key_permissions: ["Encrypt", "Decrypt"],
    } } }, [address]);
    // THEN a blocking finding naming the permissions and the vault
    const [f] = result.findings;
    expect([f.kind, f.blocking, result.exitCode]).toEqual(["grant-deleted", true, 2]);
    expect(f.details[0]).toBe("Key Vault access policy (keys: Encrypt, Decrypt) on `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myResourceGroup/providers/Microsoft.KeyVault/vaults/myKeyVault`.");
    expect(f.details).toContain("`azurerm_kubernetes_cluster.aks` depends on it (it was created before the cluster, which needs it).");
  });

  test("a deleted Azure Kubernetes Service RBAC grant on a namespace is listed as access removed, not blocking", () => {
    // GIVEN a group's RBAC Writer on a namespace of the cluster, deleted
    const result = planWith({ address: "azurerm_role_assignment.devs", name: "devs", change: { actions: ["delete"], after: null, before: {
      scope: `${CLUSTER_ID}/namespaces/orders`, role_definition_name: "Azure Kubernetes Service RBAC Writer", principal_id: "44444444-0000-0000-0000-000000000000", principal_type: "Group",
    } } }, []);
    // THEN
    const [f] = result.findings;
    expect([f.kind, f.blocking, result.exitCode]).toEqual(["kubernetes-access-removed", false, 0]);
    expect(f.details[0]).toBe(`Azure Kubernetes Service RBAC Writer on \`${CLUSTER_ID}/namespaces/orders\` for \`44444444-0000-0000-0000-000000000000\` (Group).`);
    expect(f.details[1]).toContain("`azurerm_kubernetes_cluster.aks`");
  });

  test("no access finding when the cluster itself goes, or the grant is on another cluster", () => {
    const grant = (scope: string) => ({ address: "azurerm_role_assignment.devs", name: "devs", change: { actions: ["delete"], after: null, before: {
      scope, role_definition_name: "Azure Kubernetes Service Cluster User Role", principal_id: "44444444-0000-0000-0000-000000000000", principal_type: "Group" } } });
    expect(planWith(grant(CLUSTER_ID), [], ["delete"]).findings.map((f) => f.kind)).toEqual(["cluster-delete"]);
    expect(planWith(grant(`${CLUSTER_ID}2`), []).findings).toEqual([]);
  });
});
