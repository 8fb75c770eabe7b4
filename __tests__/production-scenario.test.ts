import { Testing } from "cdktf";
import { buildReport, parseStack } from "../lib/review";
import { checkTerraformSemantics } from "../lib/terraform-json/semantics";
import { SCENARIOS } from "../scenarios";
import { ProductionStack } from "../scenarios/production";
import { annotationsOf, resources, SynthJson } from "./helpers";
import { ref } from "./identity-blocks";

const CLUSTER = "azurerm_kubernetes_cluster.myManagedCluster_3120B930";
const CP = ref("azurerm_user_assigned_identity.myIdentity_4E98E044", "principal_id");
const KUBELET = ref("azurerm_user_assigned_identity.myKubeletIdentity_A7840E5E", "principal_id");
const ORDERS = ref("azurerm_user_assigned_identity.OrdersWorkload_Identity_AF215D75", "principal_id");
const REPORTS = ref("azurerm_user_assigned_identity.ReportsWorkload_Identity_4272C894", "principal_id");
const WEB_APP_ROUTING = "${azurerm_kubernetes_cluster.myManagedCluster_3120B930.web_app_routing[0].web_app_routing_identity[0].object_id}";
const SUBNET_JOIN = ref("azurerm_role_definition.AksLeastPrivilegeRoles_SubnetJoin-04f35557_87CC7CA4", "role_definition_resource_id");
const ZONE_ROLE = ref("azurerm_role_definition.AksLeastPrivilegeRoles_PrivateDnsZone-04f35557_31A368BB", "role_definition_resource_id");
const id = (address: string) => ref(address, "id");

// GIVEN the production stack WHEN synthesized (once: every test reads the same output)
const stack = new ProductionStack(Testing.app());
const json = JSON.parse(Testing.synth(stack)) as SynthJson;
const cluster = resources(json, "azurerm_kubernetes_cluster").myManagedCluster_3120B930;
const dependsOn = cluster.depends_on as string[];
const assignments = Object.entries(resources(json, "azurerm_role_assignment")).map(([k, b]) => ({ address: `azurerm_role_assignment.${k}`, body: b }));

/** "before" when the cluster waits for the grant, "after" when the grant refers to the cluster. */
function whenOf(a: { address: string; body: Record<string, unknown> }): "before" | "after" | "unordered" {
  return dependsOn.includes(a.address) ? "before" : JSON.stringify(a.body).includes(CLUSTER) ? "after" : "unordered";
}

/** Every grant as [role, scope, principal, when]. */
function grantTable(): string[][] {
  return assignments.map((a) => [String(a.body.role_definition_name ?? a.body.role_definition_id), String(a.body.scope), String(a.body.principal_id), whenOf(a)]).sort();
}

describe("production: every identity-dependent feature on one cluster", () => {
  test("is in the example app", () => {
    expect(SCENARIOS.production).toBe(ProductionStack);
  });

  test("synthesizes with no error or warning, and passes the Terraform-semantics check", () => {
    expect(annotationsOf(stack).filter((a) => a.level !== "@cdktf/info")).toEqual([]);
    expect(checkTerraformSemantics(json as never)).toEqual([]);
  });

  test("every grant: role, scope, principal and ordering", () => {
    // THEN the creation-time grants come before the cluster, the grants to what AKS makes or to the
    // cluster itself after it, and the workloads' grants wait for nothing
    expect(grantTable()).toEqual([
      ["AcrPull", id("azurerm_container_registry.myRegistry"), KUBELET, "before"],
      ["Azure Kubernetes Service Cluster User Role", id(CLUSTER), "${var.developers_group_id}", "after"],
      ["Azure Kubernetes Service RBAC Writer", `${id(CLUSTER)}/namespaces/orders`, "${var.developers_group_id}", "after"],
      ["Key Vault Crypto Service Encryption User", id("azurerm_key_vault.myKeyVault"), "${azurerm_disk_encryption_set.myDiskEncryptionSet.identity[0].principal_id}", "before"],
      ["Key Vault Crypto User", id("azurerm_key_vault.myKeyVault"), CP, "before"],
      ["Key Vault Secrets User", id("azurerm_key_vault.myAppKeyVault"), ORDERS, "unordered"],
      ["Key Vault Secrets User", id("azurerm_key_vault.myAppKeyVault"), WEB_APP_ROUTING, "after"],
      ["Managed Identity Operator", id("azurerm_user_assigned_identity.myKubeletIdentity_A7840E5E"), CP, "before"],
      ["Network Contributor", id("azurerm_subnet.myApiServerSubnet"), CP, "before"],
      ["Network Contributor", id("azurerm_virtual_network.myVnet"), CP, "before"],
      ["Private DNS Zone Contributor", id("azurerm_private_dns_zone.myAppsDnsZone"), WEB_APP_ROUTING, "after"],
      ["Reader", id("azurerm_disk_encryption_set.myDiskEncryptionSet"), CP, "before"],
      ["Storage Blob Data Reader", id("azurerm_storage_account.myStorageAccount"), REPORTS, "unordered"],
      [SUBNET_JOIN, id("azurerm_subnet.myAppsPodSubnet"), CP, "before"],
      [SUBNET_JOIN, id("azurerm_subnet.myAppsSubnet"), CP, "before"],
      [SUBNET_JOIN, id("azurerm_subnet.myPodSubnet"), CP, "before"],
      [SUBNET_JOIN, id("azurerm_subnet.mySubnet"), CP, "before"],
      [ZONE_ROLE, id("azurerm_private_dns_zone.myPrivateDnsZone"), CP, "before"],
    ].sort());
    // AND the groups' grants name their principal type; every managed identity's skips the AAD check
    for (const { body } of assignments) {
      const group = body.principal_id === "${var.developers_group_id}";
      expect([body.principal_type, body.skip_service_principal_aad_check]).toEqual(group ? ["Group", undefined] : ["ServicePrincipal", true]);
    }
  });

  test("the least-privilege roles: one subnet-join role and one zone role, defined in the resource group", () => {
    const definitions = Object.values(resources(json, "azurerm_role_definition"));
    expect(definitions.map((d) => [d.name, d.scope, d.permissions]).sort()).toEqual([
      ["AKS production private DNS zone", id("azurerm_resource_group.ResourceGroup"), [{ actions: ["Microsoft.Network/privateDnsZones/*"], not_actions: [] }]],
      ["AKS production subnet join", id("azurerm_resource_group.ResourceGroup"), [{ actions: ["Microsoft.Network/virtualNetworks/subnets/join/action", "Microsoft.Network/virtualNetworks/subnets/read"], not_actions: [] }]],
    ]);
  });

  test("the cluster waits for its creation-time grants and for egress on every node and pod subnet", () => {
    const before = assignments.filter((a) => dependsOn.includes(a.address));
    expect(before).toHaveLength(12);
    const egress = dependsOn.filter((d) => !d.startsWith("azurerm_role_assignment."));
    expect(egress.sort()).toEqual([
      "azurerm_nat_gateway_public_ip_association.myNatGatewayIpAssociation",
      "azurerm_subnet_nat_gateway_association.myAppsPodSubnetNatGateway",
      "azurerm_subnet_nat_gateway_association.myAppsSubnetNatGateway",
      "azurerm_subnet_nat_gateway_association.myManagedCluster_NatGatewayAssociation_CB11DD0C",
      "azurerm_subnet_nat_gateway_association.myPodSubnetNatGateway",
    ]);
    const subnetsWithNat = Object.values(resources(json, "azurerm_subnet_nat_gateway_association")).map((a) => a.subnet_id).sort();
    expect(subnetsWithNat).toEqual(["myAppsPodSubnet", "myAppsSubnet", "myPodSubnet", "mySubnet"].map((s) => id(`azurerm_subnet.${s}`)));
  });

  test("the apps pool is its own resource in its own subnets and waits for their grants", () => {
    const [apps] = Object.values(resources(json, "azurerm_kubernetes_cluster_node_pool"));
    expect(apps).toMatchObject({ name: "apps", mode: "User", kubernetes_cluster_id: id(CLUSTER), vnet_subnet_id: id("azurerm_subnet.myAppsSubnet"), pod_subnet_id: id("azurerm_subnet.myAppsPodSubnet") });
    const own = assignments.filter((a) => [id("azurerm_subnet.myAppsSubnet"), id("azurerm_subnet.myAppsPodSubnet")].includes(String(a.body.scope))).map((a) => a.address);
    expect((apps.depends_on as string[]).sort()).toEqual(own.sort());
    expect(cluster.default_node_pool).toMatchObject({ vnet_subnet_id: id("azurerm_subnet.mySubnet"), pod_subnet_id: id("azurerm_subnet.myPodSubnet"), only_critical_addons_enabled: true });
  });

  test("the cluster's identity, network and security settings", () => {
    expect(cluster).toMatchObject({
      identity: { type: "UserAssigned", identity_ids: [id("azurerm_user_assigned_identity.myIdentity_4E98E044")] },
      kubelet_identity: { user_assigned_identity_id: id("azurerm_user_assigned_identity.myKubeletIdentity_A7840E5E") },
      private_cluster_enabled: true,
      private_dns_zone_id: id("azurerm_private_dns_zone.myPrivateDnsZone"),
      private_cluster_public_fqdn_enabled: false,
      api_server_access_profile: { virtual_network_integration_enabled: true, subnet_id: id("azurerm_subnet.myApiServerSubnet") },
      network_profile: { network_plugin: "azure", outbound_type: "userAssignedNATGateway", network_policy: "azure" },
      key_management_service: { key_vault_key_id: id("azurerm_key_vault_key.myEtcdKey"), key_vault_network_access: "Public" },
      disk_encryption_set_id: id("azurerm_disk_encryption_set.myDiskEncryptionSet"),
      azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, tenant_id: "${data.azurerm_client_config.client.tenant_id}" },
      local_account_disabled: true,
      oms_agent: { msi_auth_for_monitoring_enabled: true },
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
      sku_tier: "Standard",
    });
    expect(cluster.service_principal).toBeUndefined();
  });

  test("Container Insights: the data collection rule and its association to the cluster, as az aks creates them", () => {
    const [association] = Object.values(resources(json, "azurerm_monitor_data_collection_rule_association"));
    expect(association).toMatchObject({ name: "ContainerInsightsExtension", target_resource_id: id(CLUSTER) });
    expect(Object.keys(resources(json, "azurerm_monitor_data_collection_rule"))).toHaveLength(1);
  });

  test("the two workload identities trust the cluster's issuer for their own service accounts", () => {
    const credentials = Object.values(resources(json, "azurerm_federated_identity_credential"));
    expect(credentials.map((c) => [c.subject, c.issuer]).sort()).toEqual([
      ["system:serviceaccount:orders:orders-api", ref(CLUSTER, "oidc_issuer_url")],
      ["system:serviceaccount:reports:reports-job", ref(CLUSTER, "oidc_issuer_url")],
    ]);
  });

  test("the identity report files every grant under the cluster with its identity and timing", () => {
    const report = buildReport([parseStack("production", json)]);
    const [reported] = report.stacks[0].clusters;
    expect(report.stacks[0].otherGrants).toEqual([]);
    expect(reported.grants).toHaveLength(assignments.length);
    const byAddress = new Map(reported.grants.map((g) => [g.address, g]));
    const reportTiming = { before: "before cluster", after: "after cluster", unordered: "not ordered" };
    for (const a of assignments) expect([a.address, byAddress.get(a.address)?.timing]).toEqual([a.address, reportTiming[whenOf(a)]]);
    expect(reported.identities.map((i) => i.key)).toEqual(expect.arrayContaining(["control-plane", "kubelet", "addon:oms_agent", "addon:key_vault_secrets_provider", "addon:web_app_routing"]));
    expect(reported.grants.filter((g) => g.role.includes("custom role")).every((g) => g.identityKey === "control-plane")).toBe(true);
  });

  test("snapshot of the cluster and its grants", () => {
    const strip = (o: Record<string, Record<string, unknown>>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([f]) => f !== "//"))]));
    expect({
      cluster: strip({ cluster }),
      nodePools: strip(resources(json, "azurerm_kubernetes_cluster_node_pool")),
      roleAssignments: strip(resources(json, "azurerm_role_assignment")),
      roleDefinitions: strip(resources(json, "azurerm_role_definition")),
    }).toMatchSnapshot();
  });
});
