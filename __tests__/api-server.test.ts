import { AksCluster, ApiServerProps, ClusterIdentity, Roles } from "../lib";
import { newStack, thrownAksError } from "./helpers";
import { allGrants, clusterStack, CONTROL_PLANE, controlPlane, expectGrant, ID, RG } from "./network-fixtures";

describe("API server VNet integration", () => {
  test("your API server subnet: Network Contributor on it (and on the nodes' subnet) before the cluster", () => {
    // GIVEN / WHEN
    const { json, body, cluster } = clusterStack({ network: { subnet: ID.subnet }, apiServer: { subnet: ID.apiServer } });
    // THEN api-server-vnet-integration.md: the cluster identity needs both subnets
    expect(body.api_server_access_profile).toEqual({ virtual_network_integration_enabled: true, subnet_id: ID.apiServer });
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.apiServer, CONTROL_PLANE, [body]);
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.subnet, CONTROL_PLANE, [body]);
    expect(cluster.grants.all.map((g) => [g.node.id, g.timing])).toEqual([["SubnetNetworkContributor", "before-cluster"], ["ApiServerSubnetNetworkContributor", "before-cluster"]]);
  });

  test("managed VNet mode: integration on, no subnet, no grant", () => {
    const { json, body } = clusterStack({ apiServer: { vnetIntegration: true } });
    expect(body.api_server_access_profile).toEqual({ virtual_network_integration_enabled: true });
    expect(allGrants(json)).toEqual([]);
  });

  test("authorized IP ranges come through clusterConfig and merge with the library's settings", () => {
    const { body } = clusterStack({ network: { subnet: ID.subnet }, apiServer: { subnet: ID.apiServer }, clusterConfig: { apiServerAccessProfile: { authorizedIpRanges: ["203.0.113.0/24"] } } });
    expect(body.api_server_access_profile).toEqual({ authorized_ip_ranges: ["203.0.113.0/24"], virtual_network_integration_enabled: true, subnet_id: ID.apiServer });
  });

  const bad: [string, ApiServerProps, string, string][] = [
    ["a VNet as the subnet", { subnet: ID.vnet }, "apiServer.subnet", "Microsoft.Network/virtualNetworks/subnets"],
    ["the nodes' subnet", { subnet: ID.subnet }, "apiServer.subnet", "can't hold the nodes"],
    ["a subnet of another VNet", { subnet: ID.otherVnetSubnet }, "apiServer.subnet", "must be in the nodes' VNet"],
    ["a subnet with vnetIntegration false", { subnet: ID.apiServer, vnetIntegration: false }, "apiServer.vnetIntegration", "only used with API server VNet integration"],
    ["vnetIntegration as a string", { vnetIntegration: "yes" as unknown as boolean }, "apiServer.vnetIntegration", "Expected true or false"],
  ];
  test.each(bad)("bad input: %s", (_name, apiServer, prop, says) => {
    const stack = newStack();
    const e = thrownAksError(() => new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)), network: { subnet: ID.subnet }, apiServer }));
    expect(e.prop).toBe(prop);
    expect(e.message).toContain(says);
  });

  test("errors: no nodes' subnet, a system-assigned identity, qatarcentral", () => {
    const stack = newStack();
    const noSubnet = thrownAksError(() => new AksCluster(stack, "aks1", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)), apiServer: { subnet: ID.apiServer } }));
    expect(noSubnet.message).toContain("Fix: set network.subnet to the nodes' subnet of the same VNet");
    const system = thrownAksError(() => new AksCluster(newStack(), "aks2", { resourceGroup: RG, network: { subnet: ID.subnet }, apiServer: { subnet: ID.apiServer } }));
    expect(system.message).toContain("lack of permissions at the API server subnet can cause a provisioning failure");
    const qatar = thrownAksError(() => new AksCluster(newStack(), "aks3", { resourceGroup: { name: "rg", location: "qatarcentral" }, apiServer: { vnetIntegration: true } }));
    expect(qatar.message).toContain("isn't available in qatarcentral");
  });
});
