import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
import { TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { AksCluster, AksClusterProps } from "../lib";
import { ClusterIdentity } from "../lib";
import { Roles } from "../lib/roles";
import { UserAssignedManagedIdentity } from "../lib/identities/user-assigned-managed-identity";
import { annotationsOf, grantKubelet, newStack, only, resources, SynthJson, synthJson, thrownAksError } from "./helpers";
import { expectedGrantName, ref } from "./identity-blocks";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const SUBNET_ID = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks`;
const VNET_ID = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet`;
const ROUTE_TABLE_ID = `${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/routeTables/rt`;
const REGISTRY_ID = `${SUB}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/myacr`;
const RG_ID = `${SUB}/resourceGroups/rg-disks`;
const RG = { name: "myResourceGroup", location: "westus2" };

function uai(scope: Construct, id: string): UserAssignedManagedIdentity {
  return new UserAssignedManagedIdentity(scope, id, { resourceGroupName: "myResourceGroup", location: "westus2" });
}

function clusterBody(json: SynthJson): { address: string; body: Record<string, unknown> } {
  const c = only(json, "azurerm_kubernetes_cluster");
  return { address: `azurerm_kubernetes_cluster.${c.id}`, body: c.body };
}

function grantsByRole(json: SynthJson, roleName: string): { address: string; body: Record<string, unknown> }[] {
  return Object.entries(resources(json, "azurerm_role_assignment"))
    .filter(([, b]) => b.role_definition_name === roleName)
    .map(([id, body]) => ({ address: `azurerm_role_assignment.${id}`, body }));
}

function build(props: AksClusterProps) {
  const stack = newStack();
  return () => new AksCluster(stack, "aks", props);
}

describe("AksCluster defaults", () => {
  test("az aks create's defaults: system-assigned identity, own resource group, nodepool1 of 3 Standard_DS2_v2", () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const cluster = new AksCluster(stack, "myManagedCluster");
    // THEN
    const json = synthJson(stack);
    const { body } = clusterBody(json);
    expect(only(json, "azurerm_resource_group").body).toMatchObject({ name: "myManagedCluster-rg", location: "westus2" });
    expect(body).toMatchObject({
      name: "myManagedCluster",
      dns_prefix: "myManagedCluster",
      location: "westus2",
      identity: { type: "SystemAssigned" },
      default_node_pool: { name: "nodepool1", vm_size: "Standard_DS2_v2", node_count: 3 },
    });
    expect(body.network_profile).toBeUndefined();
    expect(body.depends_on).toBeUndefined();
    expect(cluster.nodePoolNames).toEqual(["nodepool1"]);
    expect(cluster.identity.type).toBe("SystemAssigned");
  });

  test("uses a given resource group and extra node pools on the cluster's subnet", () => {
    const stack = newStack();
    const identity = uai(stack, "myIdentity");
    const cluster = new AksCluster(stack, "aks", {
      resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity),
      network: { subnet: SUBNET_ID }, additionalNodePools: [{ name: "user1", nodeCount: 2 }],
    });
    const json = synthJson(stack);
    expect(resources(json, "azurerm_resource_group")).toEqual({});
    expect(only(json, "azurerm_kubernetes_cluster_node_pool").body).toMatchObject({ name: "user1", node_count: 2, vm_size: "Standard_DS2_v2", vnet_subnet_id: SUBNET_ID });
    expect(cluster.nodePoolNames).toEqual(["nodepool1", "user1"]);
  });

  test("writes the outputs az aks show would print, the kubeconfig sensitive", () => {
    const stack = newStack();
    new AksCluster(stack, "aks", { resourceGroup: RG });
    const json = synthJson(stack);
    const { address } = clusterBody(json);
    expect(Object.keys(json.output!).sort()).toEqual([
      "aks_control_plane_identity", "aks_kube_config", "aks_kubelet_identity", "aks_node_resource_group",
      "aks_node_resource_group_id", "aks_service_principal_client_id",
    ]);
    expect(json.output!.aks_kube_config).toMatchObject({ sensitive: true, value: ref(address, "kube_config_raw") });
    expect(json.output!.aks_service_principal_client_id.value).toBe("msi");
    // null rather than a failing index while a cluster has no kubelet identity
    expect(json.output!.aks_kubelet_identity.value).toBe(`\${one(${address}.kubelet_identity)}`);
    expect(json.output!.aks_node_resource_group.value).toBe(ref(address, "node_resource_group"));
  });

  test("two clusters with one id in a stack would collide in outputs", () => {
    const stack = newStack();
    new AksCluster(new Construct(stack, "a"), "aks", { resourceGroup: RG, name: "one" });
    const e = thrownAksError(() => new AksCluster(new Construct(stack, "b"), "aks", { resourceGroup: RG, name: "two" }));
    expect(e.message).toBe("[test/b/aks] id: received \"aks\". Another AksCluster (test/a/aks) has an id that gives the same output names (aks_*: characters other than letters, digits and _ become _). Fix: give each AksCluster a distinct construct id.");
  });
});

describe("AksCluster identities", () => {
  test("user-assigned: identity_ids holds the one identity", () => {
    const stack = newStack();
    const identity = uai(stack, "myIdentity");
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity) });
    const json = synthJson(stack);
    expect(clusterBody(json).body.identity).toEqual({ type: "UserAssigned", identity_ids: [ref("azurerm_user_assigned_identity.myIdentity_4E98E044", "id")] });
    expect(json.output!.aks_control_plane_identity.value).toMatchObject({
      type: "UserAssigned",
      principal_id: ref("azurerm_user_assigned_identity.myIdentity_4E98E044", "principal_id"),
    });
  });

  test("bring-your-own kubelet identity: all three fields and Managed Identity Operator before the cluster", () => {
    const stack = newStack();
    const cp = uai(stack, "myIdentity");
    const kubelet = uai(stack, "myKubeletIdentity");
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(cp), kubeletIdentity: kubelet });
    const json = synthJson(stack);
    const { body } = clusterBody(json);
    const k = "azurerm_user_assigned_identity.myKubeletIdentity_A7840E5E";
    expect(body.kubelet_identity).toEqual({ client_id: ref(k, "client_id"), object_id: ref(k, "principal_id"), user_assigned_identity_id: ref(k, "id") });
    const [operator] = grantsByRole(json, "Managed Identity Operator");
    expect(operator.body).toMatchObject({ scope: ref(k, "id"), principal_id: ref("azurerm_user_assigned_identity.myIdentity_4E98E044", "principal_id") });
    expect(body.depends_on).toEqual([operator.address]);
    expect(cluster.kubeletPrincipal.createdByAks).toBe(false);
    expect(cluster.grants.all.map((g) => [g.node.id, g.timing])).toEqual([["KubeletIdentityOperator", "before-cluster"]]);
  });

  test("service principal with an object ID: grants name the object ID, keep the Entra ID check, and come first", () => {
    const stack = newStack();
    const secret = new TerraformVariable(stack, "sp_secret", { type: "string", sensitive: true });
    const cluster = new AksCluster(stack, "aks", {
      resourceGroup: RG,
      identity: ClusterIdentity.servicePrincipal({ clientId: "00000000-0000-0000-0000-0000000000aa", clientSecret: secret.stringValue, objectId: "00000000-0000-0000-0000-0000000000bb" }),
      network: { subnet: SUBNET_ID },
    });
    cluster.attachContainerRegistry(REGISTRY_ID);
    const json = synthJson(stack);
    const { body } = clusterBody(json);
    expect(body.service_principal).toEqual({ client_id: "00000000-0000-0000-0000-0000000000aa", client_secret: "${var.sp_secret}" });
    expect(body.identity).toBeUndefined();
    const [subnet] = grantsByRole(json, "Network Contributor");
    const [acr] = grantsByRole(json, "AcrPull");
    // --attach-acr on a service-principal cluster grants the service principal (its kubelets use it)
    for (const g of [subnet, acr]) {
      expect(g.body.principal_id).toBe("00000000-0000-0000-0000-0000000000bb");
      expect(g.body.skip_service_principal_aad_check).toBeUndefined();
    }
    expect(body.depends_on).toEqual([subnet.address, acr.address]);
    expect(json.output!.aks_control_plane_identity.value).toEqual({ type: "ServicePrincipal", client_id: "00000000-0000-0000-0000-0000000000aa" });
  });

  test("service principal without an object ID cannot be granted roles", () => {
    const stack = newStack();
    const secret = new TerraformVariable(stack, "sp_secret", { type: "string", sensitive: true });
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.servicePrincipal({ clientId: "00000000-0000-0000-0000-0000000000aa", clientSecret: secret.stringValue }) });
    const e = thrownAksError(() => cluster.attachContainerRegistry(REGISTRY_ID));
    expect(e.message).toBe("[test/aks] identity.servicePrincipal.objectId: received nothing (undefined). Granting AcrPull to the service principal (AcrPull-myacr) needs its object ID; the client ID is not a principal ID. Fix: pass objectId (az ad sp show --id <clientId> --query id), or migrate the cluster to a managed identity.");
  });
});

describe("AksCluster network", () => {
  test("user-assigned identity on a custom subnet: Network Contributor on the subnet before the cluster", () => {
    const stack = newStack();
    const identity = uai(stack, "myIdentity");
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity), network: { subnet: SUBNET_ID, serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10" } });
    const json = synthJson(stack);
    const { body } = clusterBody(json);
    const principal = ref("azurerm_user_assigned_identity.myIdentity_4E98E044", "principal_id");
    const [g] = grantsByRole(json, "Network Contributor");
    expect(g.body).toMatchObject({
      scope: SUBNET_ID, principal_id: principal, principal_type: "ServicePrincipal", skip_service_principal_aad_check: true,
      name: expectedGrantName(SUBNET_ID, principal, Roles.NETWORK_CONTRIBUTOR.guid),
    });
    expect(body.depends_on).toEqual([g.address]);
    expect((body.default_node_pool as Record<string, unknown>).vnet_subnet_id).toBe(SUBNET_ID);
    expect(body.network_profile).toEqual({ network_plugin: "azure", service_cidr: "10.2.0.0/24", dns_service_ip: "10.2.0.10" });
  });

  test("system-assigned identity on a custom subnet: the grant follows the cluster, with a warning saying why", () => {
    const stack = newStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, network: { subnet: SUBNET_ID } });
    const json = synthJson(stack);
    const { address, body } = clusterBody(json);
    const [g] = grantsByRole(json, "Network Contributor");
    expect(g.body.principal_id).toBe(ref(address, "identity[0].principal_id"));
    expect(body.depends_on).toBeUndefined();
    const warnings = annotationsOf(stack).filter((a) => a.level === "@cdktf/warn");
    expect(warnings).toHaveLength(1);
    // The guardrail pack (AKSID005) owns this warning, so it is printed once.
    expect(warnings[0].path).toBe("test/aks/Resource");
    expect(warnings[0].message).toContain("AKSID005 default_node_pool.vnet_subnet_id");
    expect(warnings[0].message).toContain("A custom subnet with a system-assigned identity");
    expect(warnings[0].message).toContain("up to 60 minutes");
    expect(warnings[0].message).toContain("Fix: use a user-assigned control-plane identity (ClusterIdentity.userAssigned(new UserAssignedManagedIdentity(...)))");
  });

  test("UDR: Network Contributor on subnet and route table, and the cluster waits for the association", () => {
    const stack = newStack();
    const identity = uai(stack, "myIdentity");
    const subnet = new Subnet(stack, "snet", { name: "aks", resourceGroupName: "rg", virtualNetworkName: "vnet", addressPrefixes: ["10.1.0.0/22"] });
    const rt = new RouteTable(stack, "rt", { name: "rt", resourceGroupName: "rg", location: "westus2" });
    new AksCluster(stack, "aks", {
      resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity),
      network: { subnet, routeTable: rt, outboundType: "userDefinedRouting", serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10" },
    });
    const json = synthJson(stack);
    const { body } = clusterBody(json);
    const grants = grantsByRole(json, "Network Contributor");
    expect(grants.map((g) => g.body.scope).sort()).toEqual([ref("azurerm_route_table.rt", "id"), ref("azurerm_subnet.snet", "id")]);
    const assoc = only(json, "azurerm_subnet_route_table_association");
    expect(assoc.body).toMatchObject({ subnet_id: ref("azurerm_subnet.snet", "id"), route_table_id: ref("azurerm_route_table.rt", "id") });
    expect((body.depends_on as string[]).sort()).toEqual([...grants.map((g) => g.address), `azurerm_subnet_route_table_association.${assoc.id}`].sort());
  });

  test("waits for an association the caller made instead of making its own", () => {
    const stack = newStack();
    const identity = uai(stack, "myIdentity");
    const assoc = new SubnetRouteTableAssociation(stack, "mine", { subnetId: SUBNET_ID, routeTableId: ROUTE_TABLE_ID });
    new AksCluster(stack, "aks", {
      resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity),
      network: { subnet: SUBNET_ID, routeTable: ROUTE_TABLE_ID, routeTableAssociation: assoc, outboundType: "userDefinedRouting" },
    });
    const json = synthJson(stack);
    expect(Object.keys(resources(json, "azurerm_subnet_route_table_association"))).toEqual(["mine"]);
    expect(clusterBody(json).body.depends_on).toContain("azurerm_subnet_route_table_association.mine");
  });

  test("the article's --docker-bridge-address is ignored with a warning", () => {
    const stack = newStack();
    new AksCluster(stack, "aks", { resourceGroup: RG, network: { dockerBridgeCidr: "172.17.0.1/16" } });
    const json = synthJson(stack);
    expect(JSON.stringify(json)).not.toContain("172.17.0.1");
    const warnings = annotationsOf(stack).filter((a) => a.level === "@cdktf/warn").map((a) => a.message);
    expect(warnings).toEqual(["[test/aks] network.dockerBridgeCidr (\"172.17.0.1/16\") is ignored: AKS no longer uses the docker bridge and azurerm 4 removed docker_bridge_cidr. Remove the prop."]);
  });
});

describe("AksCluster grants outside the node resource group", () => {
  test("system-assigned: VNet, static IP group and disk group grants reference the cluster and follow it", () => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    const vnet = cluster.grantOnVirtualNetwork(VNET_ID);
    const ip = cluster.grantOnStaticIpResourceGroup(`${SUB}/resourceGroups/rg-ip`);
    const disk = cluster.grantOnDiskResourceGroup(RG_ID);
    const json = synthJson(stack);
    const { address, body } = clusterBody(json);
    expect([vnet, ip, disk].map((g) => [g.node.id, g.role.name, g.scopeId, g.createdBeforeCluster])).toEqual([
      ["VnetNetworkContributor-vnet", "Network Contributor", VNET_ID, false],
      ["StaticIpNetworkContributor-rg-ip", "Network Contributor", `${SUB}/resourceGroups/rg-ip`, false],
      ["DiskContributor-rg-disks", "Contributor", RG_ID, false],
    ]);
    for (const g of Object.values(resources(json, "azurerm_role_assignment"))) {
      expect(g.principal_id).toBe(ref(address, "identity[0].principal_id"));
    }
    expect(body.depends_on).toBeUndefined();
    expect(cluster.grants.all).toEqual([vnet, ip, disk]);
    expect([vnet, ip, disk].map((g) => g.timing)).toEqual(["after-cluster", "after-cluster", "after-cluster"]);
  });

  test("AcrPull goes to the AKS-made kubelet identity, after the cluster", () => {
    const stack = newStack();
    const identity = uai(stack, "myIdentity");
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity), containerRegistries: [REGISTRY_ID] });
    const json = synthJson(stack);
    const { address, body } = clusterBody(json);
    const [acr] = grantsByRole(json, "AcrPull");
    expect(acr.body).toMatchObject({ scope: REGISTRY_ID, principal_id: ref(address, "kubelet_identity[0].object_id") });
    expect(acr.body.principal_id).not.toContain("myIdentity_4E98E044");
    expect(body.depends_on).toBeUndefined();
    expect(cluster.grants.all.map((g) => [g.node.id, g.timing])).toEqual([["AcrPull-myacr", "after-cluster"]]);
  });

  test("a RoleGrant to one of the cluster's identities takes any role and is ordered by the cluster", () => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    const g = grantKubelet(cluster, "Reader", Roles.READER, RG_ID, "reads the disks group");
    expect(g.role).toBe(Roles.READER);
    expect(g.reason).toBe("reads the disks group");
    expect(g.timing).toBe("after-cluster");
    expect(cluster.grants.all).toEqual([g]);
  });

  test("a grant on a scope known only at apply time needs a key", () => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    const registryId = new TerraformVariable(stack, "acr_id", { type: "string" }).stringValue;
    const e = thrownAksError(() => cluster.attachContainerRegistry(registryId));
    expect(e.message).toBe("[test/aks] containerRegistries: received a Terraform reference. A grant on a scope known only at apply time needs a static key, so its Terraform address does not depend on the order of calls or entries. Fix: pass a key, e.g. cluster.attachContainerRegistry(registryId, \"shared-acr\").");
    // with a key it works
    expect(cluster.attachContainerRegistry(registryId, "shared-acr").node.id).toBe("AcrPull-shared-acr");
  });
});

describe("AksCluster grants on what the cluster itself creates", () => {
  test("a brought identity's grant on the node resource group comes after the cluster, without a depends_on cycle", () => {
    // GIVEN a user-assigned control plane and kubelet identity (both exist before the cluster)
    const stack = newStack();
    const cp = new UserAssignedManagedIdentity(stack, "control-plane", { resourceGroupName: RG.name, location: RG.location });
    const kubelet = new UserAssignedManagedIdentity(stack, "kubelet", { resourceGroupName: RG.name, location: RG.location });
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(cp), kubeletIdentity: kubelet });
    // WHEN the kubelet is granted a role on the node resource group (aad-pod-identity's VM Contributor)
    const vm = grantKubelet(cluster, "NodeVmContributor", Roles.VIRTUAL_MACHINE_CONTRIBUTOR, cluster.nodeResourceGroupId, "aad-pod-identity's MIC assigns identities to the node VMs");
    // THEN the grant references the cluster, so Terraform orders it after; the cluster does not wait for it
    const json = synthJson(stack);
    const clusterBody = only(json, "azurerm_kubernetes_cluster");
    const grant = resources(json, "azurerm_role_assignment")[vm.assignment.friendlyUniqueId];
    expect(grant.scope).toBe(`\${azurerm_kubernetes_cluster.${clusterBody.id}.node_resource_group_id}`);
    expect(vm.timing).toBe("after-cluster");
    expect(vm.createdBeforeCluster).toBe(false);
    expect(clusterBody.body.depends_on).not.toContain(`azurerm_role_assignment.${vm.assignment.friendlyUniqueId}`);
    // AND the grants it does need first are still waited for
    expect((clusterBody.body.depends_on as string[]).some((d) => d.includes("KubeletIdentityOperator"))).toBe(true);
  });
});

describe("AksCluster rejects invalid combinations", () => {
  const secretStack = () => {
    const stack = newStack();
    return { stack, secret: new TerraformVariable(stack, "s", { type: "string", sensitive: true }).stringValue };
  };

  test("a bring-your-own kubelet identity with a system-assigned control plane", () => {
    const stack = newStack();
    const kubelet = uai(stack, "myKubeletIdentity");
    const e = thrownAksError(() => new AksCluster(stack, "aks", { kubeletIdentity: kubelet }));
    expect(e.message).toBe("[test/aks] kubeletIdentity: received \"a kubelet identity with a SystemAssigned control plane\". A bring-your-own kubelet identity needs a user-assigned control-plane identity (AKS rejects it otherwise). Fix: set identity: ClusterIdentity.userAssigned(controlPlaneIdentity), or drop kubeletIdentity and let AKS create one.");
  });

  test("a bring-your-own kubelet identity with a service-principal control plane", () => {
    const { stack, secret } = secretStack();
    const kubelet = uai(stack, "myKubeletIdentity");
    const e = thrownAksError(() => new AksCluster(stack, "aks", { kubeletIdentity: kubelet, identity: ClusterIdentity.servicePrincipal({ clientId: "00000000-0000-0000-0000-0000000000aa", clientSecret: secret }) }));
    expect(e.prop).toBe("kubeletIdentity");
    expect(e.message).toContain("a kubelet identity with a ServicePrincipal control plane");
    expect(e.message).toContain("Fix: set identity: ClusterIdentity.userAssigned(controlPlaneIdentity)");
  });

  test("the same identity for control plane and kubelet", () => {
    const stack = newStack();
    const id = `${SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/shared`;
    const shared = UserAssignedManagedIdentity.fromAttributes(stack, "shared", { id, clientId: "00000000-0000-0000-0000-0000000000c1", principalId: "00000000-0000-0000-0000-0000000000a1" });
    const e = thrownAksError(() => new AksCluster(stack, "aks", { identity: ClusterIdentity.userAssigned(shared), kubeletIdentity: shared }));
    expect(e.message).toContain("[test/aks] kubeletIdentity:");
    expect(e.message).toContain("Fix: create a second identity for the kubelet.");
  });

  test("a kubelet identity given by the ID of another resource type", () => {
    const stack = newStack();
    const cp = uai(stack, "myIdentity");
    const wrong = { ...UserAssignedManagedIdentity.fromAttributes(stack, "k", { id: `${SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/k`, clientId: "00000000-0000-0000-0000-0000000000c1", principalId: "00000000-0000-0000-0000-0000000000a1" }), id: SUBNET_ID };
    const e = thrownAksError(() => new AksCluster(stack, "aks", { identity: ClusterIdentity.userAssigned(cp), kubeletIdentity: wrong }));
    expect(e.prop).toBe("kubeletIdentity.id");
    expect(e.message).toContain("Expected the resource ID of a Microsoft.ManagedIdentity/userAssignedIdentities");
  });

  test("userDefinedRouting with kubenet and a system-assigned identity", () => {
    const e = thrownAksError(build({ network: { plugin: "kubenet", subnet: SUBNET_ID, routeTable: ROUTE_TABLE_ID, outboundType: "userDefinedRouting" } }));
    expect(e.message).toBe("[test/aks] network.outboundType: received \"userDefinedRouting with kubenet and a system-assigned identity\". With kubenet the control plane writes routes to your route table, so it needs Network Contributor on it before the cluster is created, which a system-assigned identity cannot have (configure-kubenet.md). Fix: create a UserAssignedManagedIdentity and pass identity: ClusterIdentity.userAssigned(identity) (the article's 'Bring your own control plane MI'), or use Azure CNI (plugin \"azure\"), which supports UDR with a system-assigned identity.");
  });

  test("userDefinedRouting with Azure CNI and a system-assigned identity is valid (limit-egress-traffic.md): the grants follow the cluster, with AKSID005's warning", () => {
    // GIVEN the docs' own example: az aks create --network-plugin azure --outbound-type userDefinedRouting, no identity flags
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, network: { subnet: SUBNET_ID, routeTable: ROUTE_TABLE_ID, outboundType: "userDefinedRouting" } });
    // THEN the route table is associated before the cluster, the grants come after it, and no error is raised
    const json = synthJson(stack);
    const { body } = clusterBody(json);
    expect((body.depends_on as string[]).some((d) => d.startsWith("azurerm_subnet_route_table_association."))).toBe(true);
    expect(cluster.grants.all.map((g) => [g.node.id, g.timing])).toEqual([["SubnetNetworkContributor", "after-cluster"], ["RouteTableNetworkContributor", "after-cluster"]]);
    const annotations = annotationsOf(stack);
    expect(annotations.filter((a) => a.level === "@cdktf/error")).toEqual([]);
    expect(annotations.filter((a) => a.message.includes("AKSID005")).map((a) => a.level)).toEqual(["@cdktf/warn"]);
  });

  test("userDefinedRouting without a route table", () => {
    const stack = newStack();
    const cp = uai(stack, "myIdentity");
    const e = thrownAksError(() => new AksCluster(stack, "aks", { identity: ClusterIdentity.userAssigned(cp), network: { subnet: SUBNET_ID, outboundType: "userDefinedRouting" } }));
    expect(e.message).toBe("[test/aks] network: received {\"outboundType\":\"userDefinedRouting\",\"subnet\":true,\"routeTable\":false}. Outbound type userDefinedRouting needs a custom subnet whose route table sends egress to your firewall or NVA. Fix: set network.subnet and network.routeTable (the cluster creates and waits for the association).");
  });

  test("userDefinedRouting with only an association still needs the route table for its grant", () => {
    const stack = newStack();
    const cp = uai(stack, "myIdentity");
    const assoc = new SubnetRouteTableAssociation(stack, "mine", { subnetId: SUBNET_ID, routeTableId: ROUTE_TABLE_ID });
    const e = thrownAksError(() => new AksCluster(stack, "aks", { identity: ClusterIdentity.userAssigned(cp), network: { subnet: SUBNET_ID, routeTableAssociation: assoc, outboundType: "userDefinedRouting" } }));
    expect(e.prop).toBe("network");
    expect(e.message).toContain("\"routeTable\":false");
  });

  test("a route table without a subnet", () => {
    const e = thrownAksError(build({ network: { routeTable: ROUTE_TABLE_ID } }));
    expect(e.message).toBe(`[test/aks] network.routeTable: received "${ROUTE_TABLE_ID}". A route table applies to the cluster's custom subnet. Fix: set network.subnet to the subnet the route table is associated with.`);
  });

  test("a literal service principal secret, without echoing it", () => {
    const e = thrownAksError(build({ identity: ClusterIdentity.servicePrincipal({ clientId: "00000000-0000-0000-0000-0000000000aa", clientSecret: "hunter2" }) }));
    expect(e.message).not.toContain("hunter2");
    expect(e.message).toBe("[test/aks] identity.servicePrincipal.clientSecret: received \"<a literal string, not shown>\". The secret must be a token so it never lands in plaintext in cdk.tf.json. Fix: pass a sensitive TerraformVariable (new TerraformVariable(this, \"sp_secret\", { type: \"string\", sensitive: true }).stringValue) or a Key Vault secret lookup's value.");
  });

  test("a service principal client ID that is not a GUID", () => {
    const { stack, secret } = secretStack();
    const e = thrownAksError(() => new AksCluster(stack, "aks", { identity: ClusterIdentity.servicePrincipal({ clientId: "myApp", clientSecret: secret }) }));
    expect(e.message).toContain("[test/aks] identity.servicePrincipal.clientId: received \"myApp\". Expected the application (client) ID, a GUID.");
  });

  test.each([
    ["plugin", { plugin: "Azure" }, "[test/aks] network.plugin: received \"Azure\". Allowed: \"azure\", \"kubenet\", \"none\" (lowercase, as azurerm expects). Fix: use \"azure\" (azurerm rejects other casings)."],
    ["outboundType", { outboundType: "UserDefinedRouting" }, "[test/aks] network.outboundType: received \"UserDefinedRouting\". Allowed: \"loadBalancer\", \"userDefinedRouting\", \"managedNATGateway\", \"userAssignedNATGateway\" (camelCase, as azurerm expects). Fix: use \"userDefinedRouting\" (azurerm rejects other casings)."],
  ])("wrong casing of %s", (_prop, network, message) => {
    const e = thrownAksError(build({ network: network as AksClusterProps["network"] }));
    expect(e.message).toBe(message);
  });

  test.each([
    ["10.0.0.1/16", "host bits set"],
    ["10.0.0.0/8", "prefix below /12"],
    ["10.0.0.0/31", "prefix above /30"],
    ["10.0.0.0", "no prefix"],
    ["256.0.0.0/16", "octet out of range"],
  ])("serviceCidr %s (%s)", (serviceCidr) => {
    const e = thrownAksError(build({ network: { serviceCidr, dnsServiceIp: "10.0.0.10" } }));
    expect(e.message).toBe(`[test/aks] network.serviceCidr: received "${serviceCidr}". Expected an IPv4 network in CIDR form with a prefix from /12 to /30 and no host bits set, like "10.0.0.0/16". Fix: fix the address or prefix.`);
  });

  test.each([
    ["10.3.0.10", "outside"],
    ["10.2.0.0", "the network address"],
    ["10.2.0.1", "the kubernetes service address"],
    ["10.2.0.255", "the broadcast address"],
  ])("dnsServiceIp %s (%s of serviceCidr)", (dnsServiceIp) => {
    const e = thrownAksError(build({ network: { serviceCidr: "10.2.0.0/24", dnsServiceIp } }));
    expect(e.message).toBe(`[test/aks] network.dnsServiceIp: received "${dnsServiceIp}". It must be inside serviceCidr 10.2.0.0/24, not its network, first (the kubernetes service) or broadcast address. Fix: pick an address such as the .10 of the service CIDR.`);
  });

  test("a dnsServiceIp that is not an address", () => {
    const e = thrownAksError(build({ network: { serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0" } }));
    expect(e.message).toContain("network.dnsServiceIp: received \"10.2.0\". Expected an IPv4 address like \"10.0.0.10\".");
  });

  test("serviceCidr without dnsServiceIp", () => {
    const e = thrownAksError(build({ network: { serviceCidr: "10.2.0.0/24" } }));
    expect(e.message).toBe("[test/aks] network.dnsServiceIp: received nothing (undefined). serviceCidr and dnsServiceIp go together (azurerm requires both or neither). Fix: set both, e.g. serviceCidr \"10.0.0.0/16\" and dnsServiceIp \"10.0.0.10\".");
  });

  test.each([
    ["network.subnet", { network: { subnet: VNET_ID } }, "Microsoft.Network/virtualNetworks/subnets"],
    ["network.routeTable", { network: { subnet: SUBNET_ID, routeTable: SUBNET_ID } }, "Microsoft.Network/routeTables"],
    ["containerRegistries", { containerRegistries: [SUBNET_ID] }, "Microsoft.ContainerRegistry/registries"],
  ])("a wrong resource ID type for %s", (prop, props, type) => {
    const e = thrownAksError(build(props as AksClusterProps));
    expect(e.prop).toBe(prop);
    expect(e.message).toContain(`[test/aks] ${prop}: received "`);
    expect(e.message).toContain(`Expected the resource ID of a ${type}, like /subscriptions/`);
    expect(e.message).toContain("Fix: pass the resource's `id` attribute (a reference) or its full ID");
  });

  test("a resource that is not a VNet or subnet for grantOnVirtualNetwork", () => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    const e = thrownAksError(() => cluster.grantOnVirtualNetwork(RG_ID));
    expect(e.message).toBe(`[test/aks] grantOnVirtualNetwork: received "${RG_ID}". Expected the resource ID of a Microsoft.Network/virtualNetworks or a Microsoft.Network/virtualNetworks/subnets, like ${SUB}/resourceGroups/myResourceGroup/providers/Microsoft.Network/virtualNetworks/myVnet. Fix: pass the resource's \`id\` attribute (a reference) or its full ID, as \`az resource show --query id\` prints it.`);
    // a subnet is fine
    expect(cluster.grantOnVirtualNetwork(SUBNET_ID).scopeId).toBe(SUBNET_ID);
  });

  test("a resource that is not a resource group for the static IP and disk grants", () => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG });
    for (const grantOn of [cluster.grantOnStaticIpResourceGroup, cluster.grantOnDiskResourceGroup]) {
      const e = thrownAksError(() => grantOn.call(cluster, VNET_ID));
      expect(e.message).toContain(`received "${VNET_ID}". Expected the resource ID of a resource group, like ${SUB}/resourceGroups/myResourceGroup.`);
    }
  });

  test.each([
    ["name", { name: "my cluster" }, "letters, digits, hyphens and underscores"],
    ["defaultNodePool.name", { defaultNodePool: { name: "Pool-1" } }, "lowercase letters and digits"],
    ["defaultNodePool.nodeCount", { defaultNodePool: { nodeCount: 0 } }, "a whole number from 1 to 1000"],
    ["defaultNodePool.vmSize", { defaultNodePool: { vmSize: "DS2_v2" } }, "an Azure VM size like"],
    ["additionalNodePools", { additionalNodePools: [{ name: "nodepool1" }] }, "Node pool names must be unique"],
  ])("an invalid %s", (prop, props, allowed) => {
    const e = thrownAksError(build({ resourceGroup: RG, ...(props as AksClusterProps) }));
    expect(e.prop).toBe(prop);
    expect(e.message).toContain(allowed);
    expect(e.message).toContain("Fix: ");
  });
});

describe("AksCluster name errors", () => {
  test.each([
    [{ defaultNodePool: { name: "Pool-1" } }, "defaultNodePool.name", "pool1"],
    [{ name: "my cluster!" }, "name", "my-cluster"],
    [{ dnsPrefix: "1aks" }, "dnsPrefix", "a1aks"],
  ])("suggest only a name that passes the rule (%j)", (props, prop, suggestion) => {
    const e = thrownAksError(build({ resourceGroup: RG, ...(props as AksClusterProps) }));
    expect(e.prop).toBe(prop);
    expect(e.message).toContain(suggestion ? `Fix: rename it to fit, e.g. "${suggestion}".` : "Fix: rename it to fit.");
  });
});
