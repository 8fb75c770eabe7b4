import { Testing } from "cdktf";
import { Roles } from "../lib/roles";
import { checkTerraformSemantics } from "../lib/terraform-json/semantics";
import { SCENARIOS } from "../scenarios";
import { annotationsOf, SynthJson, synthJson } from "./helpers";
import { expectedGrantName, identityBlocks, ref } from "./identity-blocks";

const CORE_STACKS = [
  "byo-control-plane-identity", "byo-control-plane-identity-udr", "byo-kubelet-identity",
  "migrate-to-system-assigned", "migrate-to-user-assigned", "service-principal",
  "system-assigned", "system-assigned-own-network",
];
const ADDON_STACKS = ["addon-identities", "pod-identity-exception", "workload-identity"];
/** The production network's stacks: snapshots and assertions in network-scenarios.test.ts. */
const NETWORK_STACKS = ["private-cluster", "node-pool-subnets", "nat-gateway-egress"];
/** Issue 13's security features; their tests are in security-scenarios.test.ts. */
const SECURITY_STACKS = ["entra-rbac", "kms-etcd-encryption"];
/** Every feature on one cluster; its tests are in production-scenario.test.ts. */
const PRODUCTION_STACKS = ["production"];

const CLUSTER = "azurerm_kubernetes_cluster.myManagedCluster_3120B930";

function scenario(name: string) {
  const stack = new SCENARIOS[name](Testing.app());
  return { stack, json: synthJson(stack) };
}

function cluster(json: SynthJson): Record<string, unknown> {
  return json.resource!.azurerm_kubernetes_cluster.myManagedCluster_3120B930;
}

function dependsOn(json: SynthJson): string[] {
  return (cluster(json).depends_on as string[] | undefined) ?? [];
}

/** The one role assignment with this role on this scope. */
function grantOn(json: SynthJson, roleName: string, scope: string): { address: string; body: Record<string, unknown> } {
  const matches = Object.entries(json.resource?.azurerm_role_assignment ?? {})
    .filter(([, b]) => b.role_definition_name === roleName && b.scope === scope);
  expect(matches).toHaveLength(1);
  return { address: `azurerm_role_assignment.${matches[0][0]}`, body: matches[0][1] };
}

/** Asserts everything RoleGrant promises about one managed-identity grant. */
function expectGrant(json: SynthJson, role: { name: string; guid: string }, scope: string, principalId: string): string {
  const g = grantOn(json, role.name, scope);
  expect(g.body).toMatchObject({
    role_definition_name: role.name,
    scope,
    principal_id: principalId,
    principal_type: "ServicePrincipal",
    skip_service_principal_aad_check: true,
    name: expectedGrantName(scope, principalId, role.guid),
  });
  expect(typeof g.body.description).toBe("string");
  return g.address;
}

function grantCount(json: SynthJson): number {
  return Object.keys(json.resource?.azurerm_role_assignment ?? {}).length;
}

describe("scenario snapshots (identity blocks only)", () => {
  // The add-on stacks have their own snapshots in addon-scenarios.test.ts.
  test.each(CORE_STACKS)("%s", (name) => {
    // GIVEN the scenario stack WHEN synthesized THEN its identity blocks are unchanged
    expect(identityBlocks(scenario(name).json)).toMatchSnapshot();
  });

  test("the example app has the eight core stacks the foundation issue names, plus the add-on, network, security and production stacks", () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...CORE_STACKS, ...ADDON_STACKS, ...NETWORK_STACKS, ...SECURITY_STACKS, ...PRODUCTION_STACKS].sort());
  });
});

describe("every scenario passes the static Terraform-semantics check", () => {
  test.each(Object.keys(SCENARIOS))("%s: no cycle, no duplicate role assignment, no reference to an undeclared block", (name) => {
    expect(checkTerraformSemantics(scenario(name).json as never)).toEqual([]);
  });
});

describe("system-assigned", () => {
  test("creates a system-assigned cluster with no grants and the az aks show outputs", () => {
    // GIVEN / WHEN
    const { json } = scenario("system-assigned");
    // THEN
    expect(cluster(json).identity).toEqual({ type: "SystemAssigned" });
    expect(cluster(json).kubelet_identity).toBeUndefined();
    expect(cluster(json).service_principal).toBeUndefined();
    expect(grantCount(json)).toBe(0);
    expect(json.output!.myManagedCluster_service_principal_client_id.value).toBe("msi");
    expect(json.output!.myManagedCluster_control_plane_identity.value).toMatchObject({
      type: "SystemAssigned",
      principal_id: ref(CLUSTER, "identity[0].principal_id"),
      tenant_id: ref(CLUSTER, "identity[0].tenant_id"),
    });
    // az aks get-credentials: the kubeconfig, sensitive
    expect(json.output!.myManagedCluster_kube_config).toMatchObject({ sensitive: true, value: ref(CLUSTER, "kube_config_raw") });
  });
});

describe("service-principal", () => {
  test("uses the service principal from variables, the secret one sensitive", () => {
    const { json } = scenario("service-principal");
    expect(cluster(json).service_principal).toEqual({ client_id: "${var.sp_client_id}", client_secret: "${var.sp_client_secret}" });
    expect(cluster(json).identity).toBeUndefined();
    expect((json.variable as Record<string, { sensitive?: boolean }>).sp_client_secret.sensitive).toBe(true);
    expect(grantCount(json)).toBe(0);
    expect(json.output!.myManagedCluster_service_principal_client_id.value).toBe("${var.sp_client_id}");
    // a service-principal cluster has no kubelet identity: the output is null, not a failing [0] index
    expect(json.output!.myManagedCluster_kubelet_identity.value).toBe(`\${one(${CLUSTER}.kubelet_identity)}`);
  });
});

describe("migrate-to-system-assigned / migrate-to-user-assigned", () => {
  test.each([
    ["migrate-to-system-assigned", "MigrateToMSIClusterPreview"],
    ["migrate-to-user-assigned", "UserAssignedIdentityPreview"],
  ])("%s: registers %s before the update and upgrades node images after it", (name, feature) => {
    const { json } = scenario(name);
    const data = json.resource!.terraform_data;
    const [registrationId, registration] = Object.entries(data).find(([id]) => id.startsWith("Migration_FeatureRegistration"))!;
    const [, upgrade] = Object.entries(data).find(([id]) => id.startsWith("Migration_NodeImageUpgrade"))!;
    expect(registration.input).toEqual({ namespace: "Microsoft.ContainerService", feature });
    expect(JSON.stringify(registration.provisioner)).toContain(`az feature register --namespace Microsoft.ContainerService --name ${feature}`);
    // the cluster update waits for the registration; the node-image upgrade waits for the update
    expect(dependsOn(json)).toContain(`terraform_data.${registrationId}`);
    expect(upgrade.depends_on).toEqual([CLUSTER]);
    const command = "az aks nodepool upgrade --resource-group '${azurerm_resource_group.ResourceGroup.name}' --cluster-name myManagedCluster --name nodepool1 --node-image-only --yes";
    expect(upgrade.provisioner).toEqual([{ "local-exec": { command } }]);
    expect(json.output!.myManagedCluster_node_image_upgrade_commands.value).toEqual({ nodepool1: command });
    expect(cluster(json).service_principal).toBeUndefined();
    expect(cluster(json).kubelet_identity).toBeUndefined();
  });

  test("migrate-to-user-assigned assigns myIdentity", () => {
    const { json } = scenario("migrate-to-user-assigned");
    const uai = "azurerm_user_assigned_identity.myIdentity_4E98E044";
    expect(cluster(json).identity).toEqual({ type: "UserAssigned", identity_ids: [ref(uai, "id")] });
    expect(json.resource!.azurerm_user_assigned_identity.myIdentity_4E98E044).toMatchObject({ name: "myIdentity" });
  });
});

describe("system-assigned-own-network", () => {
  test("grants the system-assigned principal on the VNet, static IP group and disk group, after the cluster", () => {
    const { json } = scenario("system-assigned-own-network");
    const principal = ref(CLUSTER, "identity[0].principal_id");
    const addresses = [
      expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ref("azurerm_virtual_network.myVnet", "id"), principal),
      expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ref("azurerm_resource_group.StaticIpResourceGroup", "id"), principal),
      expectGrant(json, Roles.CONTRIBUTOR, ref("azurerm_resource_group.DiskResourceGroup", "id"), principal),
    ];
    expect(grantCount(json)).toBe(3);
    // the principal exists only once the cluster does: referencing it orders the grants after
    for (const a of addresses) expect(dependsOn(json)).not.toContain(a);
    expect(dependsOn(json)).toEqual([]);
  });
});

describe("byo-control-plane-identity", () => {
  test("grants myIdentity Network Contributor on the subnet before the cluster", () => {
    const { json } = scenario("byo-control-plane-identity");
    const uai = "azurerm_user_assigned_identity.myIdentity_4E98E044";
    expect(cluster(json).identity).toEqual({ type: "UserAssigned", identity_ids: [ref(uai, "id")] });
    const subnetGrant = expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ref("azurerm_subnet.mySubnet", "id"), ref(uai, "principal_id"));
    expect(grantCount(json)).toBe(1);
    expect(dependsOn(json)).toEqual([subnetGrant]);
    expect(cluster(json).network_profile).toEqual({ network_plugin: "azure", service_cidr: "10.2.0.0/24", dns_service_ip: "10.2.0.10" });
    expect(JSON.stringify(cluster(json))).not.toContain("docker_bridge");
  });

  test("warns that the article's docker bridge flag is ignored", () => {
    const { stack } = scenario("byo-control-plane-identity");
    const warnings = annotationsOf(stack).filter((a) => a.level === "@cdktf/warn").map((a) => a.message);
    expect(warnings).toEqual([expect.stringContaining("network.dockerBridgeCidr (\"172.17.0.1/16\") is ignored")]);
  });
});

describe("byo-control-plane-identity-udr", () => {
  test("grants on subnet and route table and waits for the association", () => {
    const { json } = scenario("byo-control-plane-identity-udr");
    const principal = ref("azurerm_user_assigned_identity.myIdentity_4E98E044", "principal_id");
    const subnetGrant = expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ref("azurerm_subnet.mySubnet", "id"), principal);
    const routeGrant = expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ref("azurerm_route_table.myRouteTable", "id"), principal);
    const [assocId, assoc] = Object.entries(json.resource!.azurerm_subnet_route_table_association)[0];
    expect(assoc).toMatchObject({ subnet_id: ref("azurerm_subnet.mySubnet", "id"), route_table_id: ref("azurerm_route_table.myRouteTable", "id") });
    expect(dependsOn(json).sort()).toEqual([subnetGrant, routeGrant, `azurerm_subnet_route_table_association.${assocId}`].sort());
    expect((cluster(json).network_profile as Record<string, unknown>).outbound_type).toBe("userDefinedRouting");
  });
});

describe("byo-kubelet-identity", () => {
  test("sets all three kubelet fields, Managed Identity Operator and AcrPull before the cluster", () => {
    const { json } = scenario("byo-kubelet-identity");
    const cp = "azurerm_user_assigned_identity.myIdentity_4E98E044";
    const kubelet = "azurerm_user_assigned_identity.myKubeletIdentity_A7840E5E";
    expect(cluster(json).kubelet_identity).toEqual({
      client_id: ref(kubelet, "client_id"),
      object_id: ref(kubelet, "principal_id"),
      user_assigned_identity_id: ref(kubelet, "id"),
    });
    const operator = expectGrant(json, Roles.MANAGED_IDENTITY_OPERATOR, ref(kubelet, "id"), ref(cp, "principal_id"));
    // AcrPull goes to the kubelet identity, never to the control plane
    const acrPull = expectGrant(json, Roles.ACR_PULL, ref("azurerm_container_registry.myRegistry", "id"), ref(kubelet, "principal_id"));
    expect(grantCount(json)).toBe(2);
    expect(dependsOn(json).sort()).toEqual([operator, acrPull].sort());
  });
});

describe("every scenario", () => {
  test("depends_on holds bare references to resources of the same stack", () => {
    // Terraform rejects "${...}" templates in depends_on ("A single static variable reference is required").
    const entries = Object.keys(SCENARIOS).flatMap((name) => {
      const { json } = scenario(name);
      return Object.values(json.resource ?? {}).flatMap((byId) => Object.values(byId))
        .flatMap((body) => (body.depends_on as string[] | undefined) ?? [])
        .map((d) => ({ d, exists: json.resource![d.split(".")[0]]?.[d.split(".").slice(1).join(".")] !== undefined }));
    });
    expect(entries.length).toBeGreaterThanOrEqual(10);
    for (const e of entries) {
      expect(e.d).toMatch(/^[a-z_]+\.[A-Za-z0-9_-]+$/);
      expect(e).toEqual({ d: e.d, exists: true });
    }
  });
});
