import { NatGateway } from "@cdktf/provider-azurerm/lib/nat-gateway";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { SubnetNatGatewayAssociation } from "@cdktf/provider-azurerm/lib/subnet-nat-gateway-association";
import { TerraformVariable } from "cdktf";
import { AksCluster, ClusterIdentity, ClusterNetworkProps, Roles } from "../lib";
import { buildReport, parseStack } from "../lib/review";
import { newStack, resources, synthJson, thrownAksError } from "./helpers";
import { ref } from "./identity-blocks";
import { allGrants, CLUSTER, clusterStack, CONTROL_PLANE, controlPlane, expectGrant, ID, RG } from "./network-fixtures";

describe("outbound: your NAT gateway, your public IPs or prefixes", () => {
  test("userAssignedNATGateway: the cluster attaches the NAT gateway to its subnet and waits; no grant on the NAT gateway", () => {
    // GIVEN
    const { json, body } = clusterStack({ network: { subnet: ID.subnet, outboundType: "userAssignedNATGateway", natGateway: ID.natGateway } });
    // THEN
    const [id, association] = Object.entries(resources(json, "azurerm_subnet_nat_gateway_association"))[0];
    expect(association).toMatchObject({ subnet_id: ID.subnet, nat_gateway_id: ID.natGateway });
    expect(body.depends_on).toContain(`azurerm_subnet_nat_gateway_association.${id}`);
    expect((body.network_profile as Record<string, unknown>).outbound_type).toBe("userAssignedNATGateway");
    // nat-gateway.md grants nothing on the NAT gateway: the subnet grant is the only one
    expect(allGrants(json)).toEqual([["Network Contributor", ID.subnet, CONTROL_PLANE]]);
  });

  test("an association you made: the cluster waits for it and makes none", () => {
    const stack = newStack();
    const nat = new NatGateway(stack, "nat", { name: "nat", resourceGroupName: "rg", location: "westus2" });
    const association = new SubnetNatGatewayAssociation(stack, "assoc", { subnetId: ID.subnet, natGatewayId: nat.id });
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)), network: { subnet: ID.subnet, outboundType: "userAssignedNATGateway", natGatewayAssociation: association } });
    const json = synthJson(stack);
    expect(Object.keys(resources(json, "azurerm_subnet_nat_gateway_association"))).toEqual(["assoc"]);
    expect(resources(json, "azurerm_kubernetes_cluster")[CLUSTER.split(".")[1]].depends_on).toContain("azurerm_subnet_nat_gateway_association.assoc");
  });

  test("outbound IPs: Network Contributor on each, before the cluster, and the load balancer profile", () => {
    const { json, body } = clusterStack({ network: { subnet: ID.subnet, outboundIps: [ID.publicIp, ID.publicIp2] } });
    expect((body.network_profile as Record<string, unknown>).load_balancer_profile).toEqual({ outbound_ip_address_ids: [ID.publicIp, ID.publicIp2] });
    const first = expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.publicIp, CONTROL_PLANE, [body]);
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.publicIp2, CONTROL_PLANE, [body]);
    expect(first).toContain("aks_OutboundIpNetworkContributor-egress1_");
  });

  test("the identity report files the IP and prefix grants under the cluster, to the control plane, before it", () => {
    // GIVEN a cluster with your outbound IP, and one with your prefix (the load balancer takes one option)
    const ips = clusterStack({ network: { subnet: ID.subnet, outboundIps: [ID.publicIp] } }).json;
    const prefixes = clusterStack({ network: { subnet: ID.subnet, outboundIpPrefixes: [ID.prefix] } }).json;
    // WHEN the synthesized JSON is reported
    const report = buildReport([parseStack("ips", ips), parseStack("prefixes", prefixes)]);
    // THEN each grant is a row of its cluster with its scope, the control plane and its timing
    const rows = report.stacks.map((s) => s.clusters[0].grants.map((g) => [g.role, g.scope, g.principal.split(" ")[0], g.timing]).sort());
    expect(rows).toEqual([
      [["Network Contributor", ID.publicIp, "control", "before cluster"], ["Network Contributor", ID.subnet, "control", "before cluster"]],
      [["Network Contributor", ID.prefix, "control", "before cluster"], ["Network Contributor", ID.subnet, "control", "before cluster"]],
    ]);
    expect(report.stacks.flatMap((s) => s.otherGrants)).toEqual([]);
  });

  test("outbound prefixes without a custom network: a network profile with azurerm's required plugin", () => {
    const { json, body } = clusterStack({ network: { outboundIpPrefixes: [ID.prefix] } });
    expect(body.network_profile).toEqual({ network_plugin: "azure", load_balancer_profile: { outbound_ip_prefix_ids: [ID.prefix] } });
    expectGrant(json, Roles.NETWORK_CONTRIBUTOR, ID.prefix, CONTROL_PLANE, [body]);
  });

  test("a system-assigned identity's IP grant comes after the cluster (it references the cluster's identity)", () => {
    const stack = newStack();
    const ip = new PublicIp(stack, "egress", { name: "egress", resourceGroupName: "rg", location: "westus2", allocationMethod: "Static", sku: "Standard" });
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, network: { outboundIps: [ip] } });
    const json = synthJson(stack);
    expect(allGrants(json)).toEqual([["Network Contributor", ref("azurerm_public_ip.egress", "id"), ref(CLUSTER, "identity[0].principal_id")]]);
    expect(cluster.grants.all[0].timing).toBe("after-cluster");
  });

  test("an IP known only at apply time needs a static key", () => {
    const stack = newStack();
    const ip = new TerraformVariable(stack, "ip", { type: "string" }).stringValue;
    const e = thrownAksError(() => new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)), network: { outboundIps: [ip] } }));
    expect(e.message).toContain("needs a static key");
    expect(e.message).toContain("pass { publicIp: <id>, key: \"a-stable-name\" }");
    const ok = new AksCluster(newStack(), "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(newStack())), network: { outboundIps: [{ publicIp: ID.publicIp, key: "egress" }] } });
    expect(ok.grants.all.map((g) => g.node.id)).toEqual(["OutboundIpNetworkContributor-egress"]);
  });

  const bad: [string, ClusterNetworkProps, string, string][] = [
    ["userAssignedNATGateway without a subnet", { outboundType: "userAssignedNATGateway" }, "network.outboundType", "userAssignedNATGateway is for bring-your-own networks"],
    ["userAssignedNATGateway with kubenet", { subnet: ID.subnet, plugin: "kubenet", outboundType: "userAssignedNATGateway" }, "network.plugin", "Azure CNI"],
    ["a NAT gateway with outbound type loadBalancer", { subnet: ID.subnet, natGateway: ID.natGateway }, "network.natGateway", "only with outbound type userAssignedNATGateway"],
    ["a subnet as the NAT gateway", { subnet: ID.subnet, outboundType: "userAssignedNATGateway", natGateway: ID.subnet }, "network.natGateway", "Microsoft.Network/natGateways"],
    ["both IPs and prefixes", { outboundIps: [ID.publicIp], outboundIpPrefixes: [ID.prefix] }, "network.outboundIpPrefixes", "one outbound IP option at a time"],
    ["IPs with a NAT gateway", { subnet: ID.subnet, outboundType: "userAssignedNATGateway", outboundIps: [ID.publicIp] }, "network.outboundIps", "only with outbound type loadBalancer"],
    ["a prefix as an IP", { outboundIps: [ID.prefix] }, "network.outboundIps[0]", "Microsoft.Network/publicIPAddresses"],
    ["IPs not as a list", { outboundIps: ID.publicIp as unknown as string[] }, "network.outboundIps", "Expected a list"],
  ];
  test.each(bad)("bad input: %s", (_name, network, prop, says) => {
    const stack = newStack();
    const e = thrownAksError(() => new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)), network }));
    expect(e.prop).toBe(prop);
    expect(e.message).toContain(says);
  });

  test("a NAT gateway and an association together is an error", () => {
    const stack = newStack();
    const association = new SubnetNatGatewayAssociation(stack, "assoc", { subnetId: ID.subnet, natGatewayId: ID.natGateway });
    const e = thrownAksError(() => new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)),
      network: { subnet: ID.subnet, outboundType: "userAssignedNATGateway", natGateway: ID.natGateway, natGatewayAssociation: association } }));
    expect(e.message).toContain("network.natGatewayAssociation: received \"both natGateway and natGatewayAssociation\"");
  });
});
