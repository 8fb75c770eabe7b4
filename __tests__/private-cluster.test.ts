import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { TerraformVariable } from "cdktf";
import { AksCluster, ClusterIdentity, Roles } from "../lib";
import { annotationsOf, newStack, resources, synthJson, thrownAksError } from "./helpers";
import { ref } from "./identity-blocks";
import { allGrants, clusterStack, CONTROL_PLANE, controlPlane, expectGrant, ID, RG } from "./network-fixtures";

describe("private cluster", () => {
  test("privateDnsZone \"system\" (the default) and \"none\": azurerm's capitalized values, no grant", () => {
    // GIVEN / WHEN
    const system = clusterStack({ privateCluster: true });
    const none = clusterStack({ privateCluster: { privateDnsZone: "none" } });
    // THEN azurerm 4.55 accepts only "System" / "None" (case-sensitive StringInSlice)
    expect(system.body).toMatchObject({ private_cluster_enabled: true, private_dns_zone_id: "System" });
    expect(system.body.private_cluster_public_fqdn_enabled).toBeUndefined();
    // "none" needs the public FQDN (private-clusters.md), which azurerm turns off by default
    expect(none.body).toMatchObject({ private_cluster_enabled: true, private_dns_zone_id: "None", private_cluster_public_fqdn_enabled: true });
    expect(allGrants(system.json)).toEqual([]);
    expect(allGrants(none.json)).toEqual([]);
  });

  test("your zone: Private DNS Zone Contributor on it and Network Contributor on the cluster's VNet, both before the cluster", () => {
    // GIVEN a user-assigned control plane in your own subnet
    const { json, body } = clusterStack({ network: { subnet: ID.subnet }, privateCluster: { privateDnsZone: ID.zone, publicFqdn: false } });
    // THEN
    expect(body).toMatchObject({ private_cluster_enabled: true, private_dns_zone_id: ID.zone, private_cluster_public_fqdn_enabled: false });
    const zone = expectGrant(json, Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, ID.zone, CONTROL_PLANE, [body]);
    const vnet = expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.vnet, CONTROL_PLANE, [body]);
    expect(zone).toContain("aks_PrivateDnsZoneContributor_");
    expect(vnet).toContain("aks_PrivateDnsZoneVnetNetworkContributor_");
    expect(resources(json, "azurerm_role_assignment")[zone.split(".")[1]].description).toMatch(/^control plane writes the API server's record into the custom private DNS zone .*Granted before the cluster is created\.$/);
  });

  test("constructs: the VNet grant is the prefix cut from the subnet's reference, which the guardrail recognises", () => {
    // GIVEN a zone and a subnet of the stack, and no virtualNetwork prop
    const stack = newStack();
    const zone = new PrivateDnsZone(stack, "zone", { name: "privatelink.westus2.azmk8s.io", resourceGroupName: "rg" });
    const subnet = new Subnet(stack, "nodes", { name: "nodes", resourceGroupName: "rg", virtualNetworkName: "vnet", addressPrefixes: ["10.1.0.0/22"] });
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)), network: { subnet }, privateCluster: { privateDnsZone: zone } });
    // THEN
    expect(allGrants(synthJson(stack))).toEqual(expect.arrayContaining([
      ["Private DNS Zone Contributor", ref("azurerm_private_dns_zone.zone", "id"), CONTROL_PLANE],
      ["Network Contributor", "${join(\"/\", slice(split(\"/\", azurerm_subnet.nodes.id), 0, 9))}", CONTROL_PLANE],
    ]));
    expect(annotationsOf(stack).filter((a) => a.level === "@cdktf/error")).toEqual([]);
  });

  test("a custom zone without your own subnet: AKS's VNet is in the node resource group, so only the zone is granted", () => {
    const { json } = clusterStack({ privateCluster: { privateDnsZone: ID.zone } });
    expect(allGrants(json)).toEqual([["Private DNS Zone Contributor", ID.zone, CONTROL_PLANE]]);
  });

  test("a service principal with its object ID gets the zone grant before the cluster", () => {
    const stack = newStack();
    const secret = new TerraformVariable(stack, "secret", { type: "string", sensitive: true }).stringValue;
    const objectId = "22222222-2222-4222-8222-222222222222";
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.servicePrincipal({ clientId: "11111111-1111-4111-8111-111111111111", clientSecret: secret, objectId }), privateCluster: { privateDnsZone: ID.zone } });
    expect(cluster.grants.all.map((g) => [g.role.name, g.scopeId, g.principal.principalId, g.timing])).toEqual([["Private DNS Zone Contributor", ID.zone, objectId, "before-cluster"]]);
  });

  test.each([
    ["\"System\" (azurerm's casing)", { privateDnsZone: "System" as "system" }, "privateCluster.privateDnsZone", "use \"system\""],
    ["a zone named for another region", { privateDnsZone: ID.zone.replace("westus2", "eastus") }, "privateCluster.privateDnsZone", "The zone is for region \"eastus\", the cluster is in \"westus2\""],
    ["a zone not named privatelink.<region>.azmk8s.io", { privateDnsZone: ID.zone.replace("privatelink.westus2.azmk8s.io", "corp.internal") }, "privateCluster.privateDnsZone", "create the zone as privatelink.westus2.azmk8s.io or <subzone>.privatelink.westus2.azmk8s.io"],
    ["a subzone longer than 32 characters", { privateDnsZone: ID.zone.replace("privatelink.", `${"a".repeat(33)}.privatelink.`) }, "privateCluster.privateDnsZone", "longer than the 32 characters"],
    ["private.<region> without API server VNet integration", { privateDnsZone: ID.zone.replace("privatelink.", "private.") }, "privateCluster.privateDnsZone", "only for clusters with API server VNet integration"],
    ["a public DNS zone", { privateDnsZone: ID.zone.replace("privateDnsZones", "dnszones") }, "privateCluster.privateDnsZone", "Microsoft.Network/privateDnsZones"],
    ["\"none\" with the public FQDN off", { privateDnsZone: "none" as const, publicFqdn: false }, "privateCluster.publicFqdn", "isn't supported"],
    ["virtualNetwork: a subnet", { privateDnsZone: ID.zone, virtualNetwork: ID.subnet }, "privateCluster.virtualNetwork", "Microsoft.Network/virtualNetworks"],
  ])("bad input: %s", (_name, privateCluster, prop, says) => {
    // GIVEN / WHEN
    const e = thrownAksError(() => new AksCluster(newStack(), "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(newStack())), privateCluster }));
    // THEN
    expect(e.prop).toBe(prop);
    expect(e.message).toContain(says);
  });

  test("a custom zone with a system-assigned identity is an error (AKS doesn't support it)", () => {
    const e = thrownAksError(() => new AksCluster(newStack(), "aks", { resourceGroup: RG, privateCluster: { privateDnsZone: ID.zone } }));
    expect(e.message).toBe("[test/aks] privateCluster.privateDnsZone: received \"a custom private DNS zone with a system-assigned identity\". AKS doesn't support a system-assigned identity with a custom private DNS zone: the control plane needs Private DNS Zone Contributor on the zone before the cluster exists (system-assigned-managed-identity.md; azurerm fails the create). Fix: use identity: ClusterIdentity.userAssigned(identity), or privateDnsZone \"system\".");
  });

  test("a subzone and the private.<region> name with API server VNet integration are accepted", () => {
    const sub = clusterStack({ network: { subnet: ID.subnet }, privateCluster: { privateDnsZone: ID.zone.replace("privatelink.", "team1.privatelink.") } });
    const vnetIntegrated = clusterStack({ network: { subnet: ID.subnet }, apiServer: { subnet: ID.apiServer }, privateCluster: { privateDnsZone: ID.zone.replace("privatelink.", "private.") } });
    expect(sub.body.private_dns_zone_id).toContain("team1.privatelink.westus2.azmk8s.io");
    expect(vnetIntegrated.body.private_dns_zone_id).toContain("/private.westus2.azmk8s.io");
    expect(annotationsOf(vnetIntegrated.stack).filter((a) => a.level === "@cdktf/error")).toEqual([]);
  });
});
