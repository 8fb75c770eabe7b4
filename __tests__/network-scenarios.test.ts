import { Testing } from "cdktf";
import { buildReport, parseStack, Roles } from "../lib";
import { SCENARIOS } from "../scenarios";
import { annotationsOf, SynthJson, synthJson } from "./helpers";
import { identityBlocks, ref } from "./identity-blocks";
import { expectGrant, grantOn } from "./network-fixtures";

const STACKS = ["private-cluster", "node-pool-subnets", "nat-gateway-egress"];
const CLUSTER = "azurerm_kubernetes_cluster.myManagedCluster_3120B930";
const MY_IDENTITY = ref("azurerm_user_assigned_identity.myIdentity_4E98E044", "principal_id");

function scenario(name: string) {
  const stack = new SCENARIOS[name](Testing.app());
  const json = synthJson(stack);
  return { stack, json, cluster: json.resource!.azurerm_kubernetes_cluster.myManagedCluster_3120B930 };
}

/** The identity blocks plus what the network features write: the cluster's network settings, pools, role definitions, associations. */
function networkBlocks(json: SynthJson): Record<string, unknown> {
  const res = json.resource ?? {};
  const strip = (o: Record<string, Record<string, unknown>> | undefined) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([f]) => f !== "//"))]));
  const cluster = Object.values(res.azurerm_kubernetes_cluster)[0];
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => cluster[k] !== undefined).map((k) => [k, cluster[k]]));
  return {
    ...identityBlocks(json),
    clusterNetwork: pick(["default_node_pool", "network_profile", "private_cluster_enabled", "private_dns_zone_id", "private_cluster_public_fqdn_enabled", "api_server_access_profile"]),
    nodePools: strip(res.azurerm_kubernetes_cluster_node_pool),
    roleDefinitions: strip(res.azurerm_role_definition),
    natGatewayAssociations: strip(res.azurerm_subnet_nat_gateway_association),
  };
}

describe("network scenario snapshots", () => {
  test.each(STACKS)("%s", (name) => {
    // GIVEN the scenario stack WHEN synthesized THEN its identity and network blocks are unchanged
    expect(networkBlocks(scenario(name).json)).toMatchSnapshot();
  });

  test.each(STACKS)("%s synthesizes with no error or warning", (name) => {
    const { stack } = scenario(name);
    expect(annotationsOf(stack).filter((a) => a.level !== "@cdktf/info")).toEqual([]);
  });
});

describe("private-cluster", () => {
  test("myIdentity: Private DNS Zone Contributor on the zone, Network Contributor on myVnet and mySubnet, all before the cluster", () => {
    const { json, cluster } = scenario("private-cluster");
    expect(cluster).toMatchObject({ private_cluster_enabled: true, private_dns_zone_id: ref("azurerm_private_dns_zone.myPrivateDnsZone", "id"), private_cluster_public_fqdn_enabled: false });
    expectGrant(json, Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, ref("azurerm_private_dns_zone.myPrivateDnsZone", "id"), MY_IDENTITY, [cluster]);
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ref("azurerm_virtual_network.myVnet", "id"), MY_IDENTITY, [cluster]);
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ref("azurerm_subnet.mySubnet", "id"), MY_IDENTITY, [cluster]);
    expect(cluster.depends_on).toHaveLength(3);
    expect(json.resource!.azurerm_private_dns_zone.myPrivateDnsZone.name).toBe("privatelink.westus2.azmk8s.io");
  });
});

describe("node-pool-subnets", () => {
  test("one least-privilege role for four subnets; the batch pool waits for its own two grants", () => {
    const { json, cluster } = scenario("node-pool-subnets");
    const [definitionId, definition] = Object.entries(json.resource!.azurerm_role_definition)[0];
    expect(Object.keys(json.resource!.azurerm_role_definition)).toHaveLength(1);
    expect(definition).toMatchObject({ name: "AKS node-pool-subnets subnet join", scope: ref("azurerm_resource_group.ResourceGroup", "id") });
    const role = ref(`azurerm_role_definition.${definitionId}`, "role_definition_resource_id");
    const batch = Object.values(json.resource!.azurerm_kubernetes_cluster_node_pool)[0];
    for (const subnet of ["mySubnet", "myPodSubnet", "myBatchSubnet", "myBatchPodSubnet"]) {
      const g = grantOn(json, role, ref(`azurerm_subnet.${subnet}`, "id"));
      expect(g.body.principal_id).toBe(MY_IDENTITY);
      expect(cluster.depends_on).toContain(g.address);
      if (subnet.startsWith("myBatch")) expect(batch.depends_on).toContain(g.address);
    }
    expect(batch).toMatchObject({ name: "batch", mode: "User", vnet_subnet_id: ref("azurerm_subnet.myBatchSubnet", "id"), pod_subnet_id: ref("azurerm_subnet.myBatchPodSubnet", "id"), temporary_name_for_rotation: "tmprot1" });
    expect(cluster.default_node_pool).toMatchObject({ pod_subnet_id: ref("azurerm_subnet.myPodSubnet", "id"), temporary_name_for_rotation: "tmprotation" });
  });
});

describe("nat-gateway-egress", () => {
  test("the NAT gateway is attached before the cluster; Network Contributor on both subnets; none on the NAT gateway", () => {
    const { json, cluster } = scenario("nat-gateway-egress");
    const [assocId, assoc] = Object.entries(json.resource!.azurerm_subnet_nat_gateway_association)[0];
    expect(assoc).toMatchObject({ subnet_id: ref("azurerm_subnet.mySubnet", "id"), nat_gateway_id: ref("azurerm_nat_gateway.myNatGateway", "id") });
    expect(cluster.depends_on).toEqual(expect.arrayContaining([`azurerm_subnet_nat_gateway_association.${assocId}`, "azurerm_nat_gateway_public_ip_association.myNatGatewayIpAssociation"]));
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ref("azurerm_subnet.mySubnet", "id"), MY_IDENTITY, [cluster]);
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ref("azurerm_subnet.myApiServerSubnet", "id"), MY_IDENTITY, [cluster]);
    expect(Object.values(json.resource!.azurerm_role_assignment).map((b) => b.scope)).not.toContain(ref("azurerm_nat_gateway.myNatGateway", "id"));
    expect(cluster.api_server_access_profile).toEqual({ virtual_network_integration_enabled: true, subnet_id: ref("azurerm_subnet.myApiServerSubnet", "id") });
  });
});

describe("the identity report shows each network grant with its identity and timing", () => {
  test.each(STACKS)("%s: every grant goes to the control plane (myIdentity) and is made before the cluster", (name) => {
    // GIVEN the stack's JSON as `aks-identity report` reads it
    const report = buildReport([parseStack(name, scenario(name).json)]);
    const cluster = report.stacks[0].clusters[0];
    // THEN
    expect(cluster.address).toBe(CLUSTER);
    expect(cluster.grants.length).toBeGreaterThanOrEqual(2);
    for (const g of cluster.grants) {
      expect([g.identityKey, g.timing]).toEqual(["control-plane", "before cluster"]);
      expect(g.principal).toBe("control plane (azurerm_user_assigned_identity.myIdentity_4E98E044)");
    }
    expect(report.stacks[0].otherGrants).toEqual([]);
  });

  test("a least-privilege custom role reads as its name and actions, not as a reference", () => {
    const report = buildReport([parseStack("node-pool-subnets", scenario("node-pool-subnets").json)]);
    expect(new Set(report.stacks[0].clusters[0].grants.map((g) => g.role))).toEqual(new Set([
      "AKS node-pool-subnets subnet join (custom role: Microsoft.Network/virtualNetworks/subnets/join/action, Microsoft.Network/virtualNetworks/subnets/read)",
    ]));
  });
});
