import { AksCluster, ClusterIdentity, LEAST_PRIVILEGE_ROLES, Roles } from "../lib";
import { annotationsOf, newStack, resources, synthJson, thrownAksError } from "./helpers";
import { ref } from "./identity-blocks";
import { clusterStack, CONTROL_PLANE, controlPlane, ID, RG } from "./network-fixtures";

const SCOPE = ID.rg("rg-net");

describe("opt-in least-privilege custom roles", () => {
  test("subnets get a custom role with only join and read, created once per stack and scope, before the cluster", () => {
    // GIVEN two clusters of one stack opting in at the same scope, with node and pod subnets
    const stack = newStack();
    const identity = ClusterIdentity.userAssigned(controlPlane(stack));
    const a = new AksCluster(stack, "aks", { resourceGroup: RG, identity, network: { subnet: ID.subnet }, defaultNodePool: { podSubnet: ID.pods }, leastPrivilegeRoles: { scope: SCOPE } });
    new AksCluster(stack, "aks2", { resourceGroup: RG, identity, network: { subnet: ID.subnet2 }, leastPrivilegeRoles: { scope: SCOPE } });
    // WHEN
    const json = synthJson(stack);
    // THEN one role definition
    const definitions = Object.entries(resources(json, "azurerm_role_definition"));
    expect(definitions).toHaveLength(1);
    const [id, definition] = definitions[0];
    expect(id).toMatch(/^AksLeastPrivilegeRoles_SubnetJoin-rg-net_/);
    expect(definition).toMatchObject({
      name: "AKS test subnet join",
      scope: SCOPE,
      assignable_scopes: [SCOPE],
      role_definition_id: `\${uuidv5("url", "${SCOPE}/AKS test subnet join")}`,
      permissions: [{ actions: ["Microsoft.Network/virtualNetworks/subnets/join/action", "Microsoft.Network/virtualNetworks/subnets/read"], not_actions: [] }],
    });
    // concepts-network-cni-overview.md's roleAssignments/write is left out on purpose (see least-privilege.ts)
    expect(JSON.stringify(definition)).not.toContain("roleAssignments/write");
    // three assignments naming the role by its ID, on the subnets, to the control plane, in each cluster's depends_on
    const assignments = Object.entries(resources(json, "azurerm_role_assignment"));
    expect(assignments.map(([, b]) => [b.scope, b.role_definition_id, b.role_definition_name, b.principal_id])).toEqual(expect.arrayContaining([
      [ID.subnet, ref(`azurerm_role_definition.${id}`, "role_definition_resource_id"), undefined, CONTROL_PLANE],
      [ID.pods, ref(`azurerm_role_definition.${id}`, "role_definition_resource_id"), undefined, CONTROL_PLANE],
      [ID.subnet2, ref(`azurerm_role_definition.${id}`, "role_definition_resource_id"), undefined, CONTROL_PLANE],
    ]));
    expect(assignments).toHaveLength(3);
    const [name] = assignments.find(([, b]) => b.scope === ID.subnet)!;
    expect(assignments.find(([, b]) => b.scope === ID.subnet)![1].name).toBe(`\${uuidv5("url", "${ID.subnet}/${CONTROL_PLANE}/${ref(`azurerm_role_definition.${id}`, "role_definition_id")}")}`);
    expect(resources(json, "azurerm_kubernetes_cluster").aks_C968CDD4.depends_on).toContain(`azurerm_role_assignment.${name}`);
    expect(a.grants.all.map((g) => [g.role.name, g.timing])).toEqual([["AKS test subnet join", "before-cluster"], ["AKS test subnet join", "before-cluster"]]);
    // and AKSID007 counts the custom role for the subnets
    expect(annotationsOf(stack).filter((x) => x.level === "@cdktf/error")).toEqual([]);
  });

  test("a custom private DNS zone gets privateDnsZones/*; the VNet, API server subnet and outbound IPs keep Network Contributor", () => {
    const { json } = clusterStack({
      network: { subnet: ID.subnet, outboundIps: [ID.publicIp] }, apiServer: { subnet: ID.apiServer },
      privateCluster: { privateDnsZone: ID.zone.replace("privatelink.", "private.") }, leastPrivilegeRoles: { scope: SCOPE, namePrefix: "Contoso" },
    });
    const names = Object.values(resources(json, "azurerm_role_definition")).map((d) => [d.name, (d.permissions as { actions: string[] }[])[0].actions]);
    expect(names).toEqual(expect.arrayContaining([["Contoso subnet join", LEAST_PRIVILEGE_ROLES.SubnetJoin.actions], ["Contoso private DNS zone", ["Microsoft.Network/privateDnsZones/*"]]]));
    expect(names).toHaveLength(2);
    const builtIn = Object.values(resources(json, "azurerm_role_assignment")).filter((b) => b.role_definition_name === Roles.NETWORK_CONTRIBUTOR.name).map((b) => b.scope);
    expect(builtIn.sort()).toEqual([ID.apiServer, ID.publicIp, ID.vnet].sort());
  });

  test("bad input: a subnet as the scope, an empty name prefix, one name at two scopes", () => {
    const stack = newStack();
    const e1 = thrownAksError(() => new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)), leastPrivilegeRoles: { scope: ID.subnet } }));
    expect(e1.prop).toBe("leastPrivilegeRoles.scope");
    expect(e1.message).toContain("Expected the ID of a subscription, resource group or management group");
    const s2 = newStack();
    const e2 = thrownAksError(() => new AksCluster(s2, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(s2)), network: { subnet: ID.subnet }, leastPrivilegeRoles: { scope: SCOPE, namePrefix: " " } }));
    expect(e2.prop).toBe("leastPrivilegeRoles.namePrefix");
    const s3 = newStack();
    const identity = ClusterIdentity.userAssigned(controlPlane(s3));
    new AksCluster(s3, "aks", { resourceGroup: RG, identity, network: { subnet: ID.subnet }, leastPrivilegeRoles: { scope: SCOPE } });
    const e3 = thrownAksError(() => new AksCluster(s3, "aks2", { resourceGroup: RG, identity, network: { subnet: ID.subnet2 }, leastPrivilegeRoles: { scope: ID.rg("other") } }));
    expect(e3.message).toContain("Azure allows one custom role of a name per tenant");
  });
});
