import { TerraformVariable } from "cdktf";
import { AksCluster } from "../lib";
import { newStack, only, synthJson } from "./helpers";
import { clusterRef, clusterStack, GATEWAY, GATEWAY_SUBNET, grantsOf, NODE_SUBNET, SUB, VNET } from "./addon-fixtures";

const IDENTITY = "ingress_application_gateway[0].ingress_application_gateway_identity[0]";

describe("ingress application gateway add-on", () => {
  test("an existing gateway: Network Contributor and Reader on its resource group (the docs), Network Contributor on its subnet, to the AGIC identity", () => {
    // GIVEN / WHEN: a cluster taking over an existing gateway
    const { json } = clusterStack({ addons: { ingressApplicationGateway: { existingGateway: { gateway: GATEWAY, subnet: GATEWAY_SUBNET } } } });
    const j = json();
    const agic = `\${${clusterRef(j)}.${IDENTITY}.object_id}`;
    // THEN: azurerm gets the gateway id
    expect(only(j, "azurerm_kubernetes_cluster").body.ingress_application_gateway).toEqual({ gateway_id: GATEWAY });
    // AND: exactly the three grants, all to the add-on's identity
    expect(grantsOf(j).map((g) => [g.role, g.scope, g.principal]).sort()).toEqual([
      ["Network Contributor", `${SUB}/resourceGroups/agw-rg`, agic],
      ["Network Contributor", GATEWAY_SUBNET, agic],
      ["Reader", `${SUB}/resourceGroups/agw-rg`, agic],
    ]);
    // AND: never az aks's Contributor
    expect(grantsOf(j).map((g) => g.role)).not.toContain("Contributor");
    // AND: they come after the cluster (the cluster does not wait for them)
    expect(only(j, "azurerm_kubernetes_cluster").body.depends_on).toBeUndefined();
    for (const g of grantsOf(j)) {
      expect(g.body.principal_type).toBe("ServicePrincipal");
      expect(g.body.skip_service_principal_aad_check).toBe(true);
      expect(g.body.description).toContain("Granted after the cluster is created.");
    }
  });

  test("a gateway id known only at plan time: the resource group comes from Terraform functions", () => {
    // GIVEN: gateway and subnet ids as variables
    const stack = newStack();
    const gw = new TerraformVariable(stack, "gw", { type: "string" });
    const sn = new TerraformVariable(stack, "sn", { type: "string" });
    // WHEN
    new AksCluster(stack, "aks", { addons: { ingressApplicationGateway: { existingGateway: { gateway: gw.stringValue, subnet: sn.stringValue } } } });
    // THEN: the Reader scope is cut from the gateway id at plan time
    const grants = grantsOf(synthJson(stack));
    const group = "${join(\"/\", slice(split(\"/\", var.gw), 0, 5))}";
    expect(grants.find((g) => g.role === "Reader")!.scope).toBe(group);
    expect(grants.filter((g) => g.role === "Network Contributor").map((g) => g.scope).sort()).toEqual([group, "${var.sn}"].sort());
  });

  test("an explicit resource group wins over the one in the gateway id", () => {
    const rg = `${SUB}/resourceGroups/other`;
    const { json } = clusterStack({ addons: { ingressApplicationGateway: { existingGateway: { gateway: GATEWAY, subnet: GATEWAY_SUBNET, resourceGroup: rg } } } });
    expect(grantsOf(json()).find((g) => g.role === "Reader")!.scope).toBe(rg);
  });

  test("a new gateway in a subnet of the cluster's VNet: Network Contributor on that subnet only", () => {
    const subnet = `${VNET}/subnets/appgw`;
    const { json } = clusterStack({ network: { subnet: NODE_SUBNET }, addons: { ingressApplicationGateway: { subnet, gatewayName: "myGateway" } } });
    const j = json();
    expect(only(j, "azurerm_kubernetes_cluster").body.ingress_application_gateway).toEqual({ subnet_id: subnet, gateway_name: "myGateway" });
    const agicGrants = grantsOf(j).filter((g) => g.principal.includes(IDENTITY));
    expect(agicGrants.map((g) => [g.role, g.scope])).toEqual([["Network Contributor", subnet]]);
    expect(agicGrants[0].id).toContain("IngressApplicationGateway-SubnetNetworkContributor");
  });

  test("subnetCidr on an AKS-managed VNet: no grant", () => {
    const { json } = clusterStack({ addons: { ingressApplicationGateway: { subnetCidr: "10.225.0.0/16" } } });
    const j = json();
    expect(only(j, "azurerm_kubernetes_cluster").body.ingress_application_gateway).toEqual({ subnet_cidr: "10.225.0.0/16" });
    expect(grantsOf(j)).toEqual([]);
  });

  test("outputs the add-on identity", () => {
    const { json } = clusterStack({ addons: { ingressApplicationGateway: { subnetCidr: "10.225.0.0/16" } } });
    const j = json();
    const ref = clusterRef(j);
    expect(j.output!.aks_ingress_application_gateway_identity.value).toEqual({
      client_id: `\${${ref}.${IDENTITY}.client_id}`,
      object_id: `\${${ref}.${IDENTITY}.object_id}`,
      user_assigned_identity_id: `\${${ref}.${IDENTITY}.user_assigned_identity_id}`,
    });
  });

  test.each([
    [{}, "addons.ingressApplicationGateway: received {}. Exactly one of existingGateway, subnet or subnetCidr is allowed"],
    [{ subnet: `${VNET}/subnets/a`, subnetCidr: "10.0.0.0/24" }, "received [\"subnet\",\"subnetCidr\"]. Exactly one of existingGateway, subnet or subnetCidr"],
    [{ existingGateway: { gateway: GATEWAY_SUBNET, subnet: GATEWAY_SUBNET } }, "addons.ingressApplicationGateway.existingGateway.gateway: received"],
    [{ existingGateway: { gateway: GATEWAY, subnet: GATEWAY_SUBNET }, gatewayName: "x" }, "gatewayName names a gateway AKS creates"],
    [{ subnetCidr: "10.0.0.1/24" }, "addons.ingressApplicationGateway.subnetCidr: received \"10.0.0.1/24\". Expected an IPv4 network"],
  ])("rejects bad props %#", (props, message) => {
    expect(() => clusterStack({ addons: { ingressApplicationGateway: props as never } })).toThrow(message);
  });

  test("rejects subnetCidr on a cluster in your own VNet and the nodes' subnet for the gateway", () => {
    expect(() => clusterStack({ network: { subnet: NODE_SUBNET }, addons: { ingressApplicationGateway: { subnetCidr: "10.3.0.0/24" } } }))
      .toThrow("[test/aks] addons.ingressApplicationGateway.subnetCidr: received \"10.3.0.0/24\". With the cluster in your own VNet");
    expect(() => clusterStack({ network: { subnet: NODE_SUBNET }, addons: { ingressApplicationGateway: { subnet: NODE_SUBNET } } }))
      .toThrow("An application gateway needs a subnet of its own, not the nodes' subnet.");
  });
});
