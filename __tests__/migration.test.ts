import { TerraformVariable, Testing } from "cdktf";
import { AksCluster } from "../lib";
import { ClusterIdentity } from "../lib";
import { ManagedIdentityMigration, MIGRATION_FEATURES } from "../lib/migration";
import { UserAssignedManagedIdentity } from "../lib/identities/user-assigned-managed-identity";
import { SCENARIOS } from "../scenarios";
import { annotationsOf, newStack, only, resources, SynthJson, synthJson, thrownAksError } from "./helpers";

const RG = { name: "myResourceGroup", location: "westus2" };

function migrated(identity: "system" | "user", props: { registerFeatures?: boolean; upgradeNodeImages?: boolean } = {}) {
  const stack = newStack();
  const clusterIdentity = identity === "system"
    ? ClusterIdentity.systemAssigned()
    : ClusterIdentity.userAssigned(new UserAssignedManagedIdentity(stack, "myIdentity", { resourceGroupName: RG.name, location: RG.location }));
  const cluster = new AksCluster(stack, "myManagedCluster", { resourceGroup: RG, identity: clusterIdentity, additionalNodePools: [{ name: "user1" }] });
  const migration = new ManagedIdentityMigration(stack, "Migration", { cluster, ...props });
  return { stack, cluster, migration, json: synthJson(stack) };
}

describe("ManagedIdentityMigration", () => {
  test("by default only writes the node-image upgrade command for every pool", () => {
    // GIVEN / WHEN
    const { json, migration } = migrated("system");
    // THEN
    const expected = {
      nodepool1: "az aks nodepool upgrade --resource-group 'myResourceGroup' --cluster-name myManagedCluster --name nodepool1 --node-image-only --yes",
      user1: "az aks nodepool upgrade --resource-group 'myResourceGroup' --cluster-name myManagedCluster --name user1 --node-image-only --yes",
    };
    expect(migration.nodeImageUpgradeCommands).toEqual(expected);
    expect(json.output!.myManagedCluster_node_image_upgrade_commands.value).toEqual(expected);
    expect(resources(json, "terraform_data")).toEqual({});
    expect(only(json, "azurerm_kubernetes_cluster").body.depends_on).toBeUndefined();
    expect(migration.featureRegistration).toBeUndefined();
    expect(migration.nodeImageUpgrade).toBeUndefined();
  });

  test("quotes the resource group in the commands, since its name may hold parentheses", () => {
    // GIVEN a resource group whose name a shell would misread
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: { name: "rg-aks(prod)", location: "westus2" } });
    // WHEN
    const migration = new ManagedIdentityMigration(stack, "Migration", { cluster });
    // THEN the name is one shell word
    expect(migration.nodeImageUpgradeCommands.nodepool1).toBe("az aks nodepool upgrade --resource-group 'rg-aks(prod)' --cluster-name aks --name nodepool1 --node-image-only --yes");
  });

  test.each([
    ["system", MIGRATION_FEATURES.SystemAssigned, "MigrateToMSIClusterPreview"],
    ["user", MIGRATION_FEATURES.UserAssigned, "UserAssignedIdentityPreview"],
  ] as const)("registerFeatures (%s-assigned) registers %s before the cluster update, and says it is GA", (kind, feature, name) => {
    const { json, stack } = migrated(kind, { registerFeatures: true });
    expect(feature).toBe(name);
    const data = only(json, "terraform_data");
    expect(data.body.input).toEqual({ namespace: "Microsoft.ContainerService", feature });
    expect(data.body.provisioner).toEqual([{ "local-exec": {
      command: `az feature register --namespace Microsoft.ContainerService --name ${feature} && az provider register --namespace Microsoft.ContainerService`,
    } }]);
    expect(only(json, "azurerm_kubernetes_cluster").body.depends_on).toEqual([`terraform_data.${data.id}`]);
    // not azurerm_resource_provider_registration, which would clash with the provider's own registration
    expect(resources(json, "azurerm_resource_provider_registration")).toEqual({});
    const infos = annotationsOf(stack).filter((a) => a.level === "@cdktf/info").map((a) => a.message);
    expect(infos).toEqual([`[test/Migration] ${feature} is generally available; registering it is harmless but usually unnecessary.`]);
  });

  test("upgradeNodeImages runs every pool's upgrade once the cluster update is applied", () => {
    const { json, migration } = migrated("user", { upgradeNodeImages: true });
    const data = only(json, "terraform_data");
    const cluster = only(json, "azurerm_kubernetes_cluster");
    // after the cluster and every further pool: each pool's image is upgraded once it exists
    const pool = only(json, "azurerm_kubernetes_cluster_node_pool");
    expect(data.body.depends_on).toEqual([`azurerm_kubernetes_cluster.${cluster.id}`, `azurerm_kubernetes_cluster_node_pool.${pool.id}`]);
    expect(data.body.provisioner).toEqual(Object.values(migration.nodeImageUpgradeCommands).map((command) => ({ "local-exec": { command } })));
    // re-runs only when the control-plane identity changes again
    expect(data.body.triggers_replace).toEqual({ identity_type: "UserAssigned", identity_ids: "${azurerm_user_assigned_identity.myIdentity_4E98E044.id}" });
  });

  test("rejects a cluster that still uses its service principal", () => {
    const stack = newStack();
    const secret = new TerraformVariable(stack, "s", { type: "string", sensitive: true }).stringValue;
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.servicePrincipal({ clientId: "00000000-0000-0000-0000-0000000000aa", clientSecret: secret }) });
    const e = thrownAksError(() => new ManagedIdentityMigration(stack, "Migration", { cluster }));
    expect(e.message).toBe("[test/Migration] cluster.identity: received \"ServicePrincipal\". The migration's target is a managed identity; this cluster still uses its service principal. Fix: set the cluster's identity to ClusterIdentity.systemAssigned() or ClusterIdentity.userAssigned(identity), keeping its construct id.");
  });

  test("rejects something that is not an AksCluster", () => {
    const stack = newStack();
    const e = thrownAksError(() => new ManagedIdentityMigration(stack, "Migration", { cluster: {} as AksCluster }));
    expect(e.message).toBe("[test/Migration] cluster: received {}. Expected the AksCluster being migrated: the identity change is made where the cluster is defined, and the feature registration and node-image upgrade are ordered around it. Fix: create the ManagedIdentityMigration next to the cluster's AksCluster, in the same stack.");
  });
});

describe("service principal -> managed identity keeps the cluster's Terraform address", () => {
  const synth = (name: string): SynthJson => synthJson(new SCENARIOS[name](Testing.app()));
  const sp = synth("service-principal");
  const targets = ["migrate-to-system-assigned", "migrate-to-user-assigned"];

  test.each(targets)("%s updates the service-principal cluster in place", (name) => {
    const json = synth(name);
    const before = only(sp, "azurerm_kubernetes_cluster");
    const after = only(json, "azurerm_kubernetes_cluster");
    // one address: Terraform plans an update, not a destroy and create
    expect(after.id).toBe(before.id);
    // the same state file, or deploying the migration would create a second cluster
    expect((json.terraform as { backend: unknown }).backend).toEqual((sp.terraform as { backend: unknown }).backend);
    // only the identity blocks differ; no kubelet_identity, which would force replacement
    const strip = (b: Record<string, unknown>) => Object.fromEntries(Object.entries(b)
      .filter(([k]) => !["identity", "service_principal", "depends_on", "//"].includes(k)));
    expect(strip(after.body)).toEqual(strip(before.body));
    expect(before.body.service_principal).toBeDefined();
    expect(after.body.service_principal).toBeUndefined();
    expect(after.body.identity).toBeDefined();
    expect(after.body.kubelet_identity).toBeUndefined();
    // the resource group keeps its address too
    expect(Object.keys(resources(json, "azurerm_resource_group"))).toEqual(Object.keys(resources(sp, "azurerm_resource_group")));
  });
});

describe("kubelet grants while a service-principal cluster is migrated", () => {
  const REGISTRY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr";

  test("an AcrPull to the AKS-made kubelet identity is refused, whether asked before or after the migration: the plan would fail on kubelet_identity[0]", () => {
    // GIVEN a migrated cluster that attaches a registry (asked before the migration construct exists)
    const stack = newStack();
    const cluster = new AksCluster(stack, "myManagedCluster", { resourceGroup: RG, identity: ClusterIdentity.systemAssigned(), containerRegistries: [REGISTRY] });
    // WHEN the migration is declared
    const e = thrownAksError(() => new ManagedIdentityMigration(stack, "Migration", { cluster }));
    // THEN the error names the grant, the cause and the order of steps
    expect(e.path).toBe("test/myManagedCluster/AcrPull-acr");
    expect(e.prop).toBe("principal");
    expect(e.message).toContain("a cluster that test/Migration migrates from a service principal");
    expect(e.message).toContain("\"Invalid index\"");
    expect(e.message).toContain("Fix: apply the migration without this grant and run the node-image upgrade; then remove the ManagedIdentityMigration");
    // AND a grant asked for after the migration is refused too
    const stack2 = newStack();
    const cluster2 = new AksCluster(stack2, "myManagedCluster", { resourceGroup: RG, identity: ClusterIdentity.systemAssigned() });
    new ManagedIdentityMigration(stack2, "Migration", { cluster: cluster2 });
    expect(thrownAksError(() => cluster2.attachContainerRegistry(REGISTRY)).message).toContain("AKS makes that identity only when the node images are upgraded");
  });

  test("grants to the control plane and a brought kubelet identity are unaffected", () => {
    const stack = newStack();
    const cp = new UserAssignedManagedIdentity(stack, "myIdentity", { resourceGroupName: RG.name, location: RG.location });
    const cluster = new AksCluster(stack, "myManagedCluster", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(cp) });
    new ManagedIdentityMigration(stack, "Migration", { cluster });
    expect(() => cluster.grantOnVirtualNetwork("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet")).not.toThrow();
  });
});
