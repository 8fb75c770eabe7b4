import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { TerraformStack, Testing } from "cdktf";
import { AksCluster, ClusterIdentity, RoleGrant, Roles, UserAssignedManagedIdentity, WorkloadIdentity } from "../lib";
import { referencesIn } from "../lib/terraform-json/expressions";
import { SCENARIOS } from "../scenarios";
import { newStack, only, synthJson } from "./helpers";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const SUBNET = `${SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks`;
const REGISTRY = `${SUB}/resourceGroups/acr/providers/Microsoft.ContainerRegistry/registries/acr1`;

/** What Terraform does with each grant: the clusters that wait for it, and the clusters it waits for. */
function terraformOrder(stack: TerraformStack): Map<string, { before: string[]; after: string[] }> {
  const json = synthJson(stack);
  const clusters = Object.entries(json.resource?.azurerm_kubernetes_cluster ?? {}).map(([name, body]) => ({ address: `azurerm_kubernetes_cluster.${name}`, body }));
  const order = new Map<string, { before: string[]; after: string[] }>();
  for (const [name, body] of Object.entries(json.resource?.azurerm_role_assignment ?? {})) {
    const address = `azurerm_role_assignment.${name}`;
    const refs = new Set(referencesIn(body).map((r) => r.address));
    order.set(address, {
      before: clusters.filter((c) => ((c.body.depends_on as string[] | undefined) ?? []).includes(address)).map((c) => c.address),
      after: clusters.filter((c) => refs.has(c.address)).map((c) => c.address),
    });
  }
  return order;
}

/** Every RoleGrant's reported timing against the order Terraform will use. */
function checkTimings(stack: TerraformStack): { grant: string; timing: string }[] {
  const order = terraformOrder(stack);
  const grants = stack.node.findAll().filter((c): c is RoleGrant => c instanceof RoleGrant);
  return grants.map((g) => {
    const address = `azurerm_role_assignment.${g.assignment.friendlyUniqueId}`;
    const actual = order.get(address)!;
    const expected = actual.before.length > 0 ? "before-cluster" : actual.after.length > 0 ? "after-cluster" : "unordered";
    // THEN the grant says what Terraform does, and never both (a depends_on cycle)
    expect({ grant: g.node.path, timing: g.timing }).toEqual({ grant: g.node.path, timing: expected });
    expect(actual.before.filter((c) => actual.after.includes(c))).toEqual([]);
    expect(g.createdBeforeCluster).toBe(expected === "before-cluster");
    return { grant: g.node.path, timing: g.timing };
  });
}

describe("a grant reports the order Terraform will use", () => {
  test("both orderings on one user-assigned cluster: creation-time grants first, grants on what the cluster creates after", () => {
    // GIVEN a user-assigned control plane and kubelet identity, a subnet, a registry, and grants on the node resource group
    const stack = newStack();
    const cp = new UserAssignedManagedIdentity(stack, "control-plane", { resourceGroupName: "rg", location: "westeurope" });
    const kubelet = new UserAssignedManagedIdentity(stack, "kubelet", { resourceGroupName: "rg", location: "westeurope" });
    const cluster = new AksCluster(stack, "aks", {
      resourceGroup: { name: "rg", location: "westeurope" },
      identity: ClusterIdentity.userAssigned(cp),
      kubeletIdentity: kubelet,
      network: { subnet: SUBNET },
      containerRegistries: [REGISTRY],
    });
    // the case: a user-assigned identity's grant on the node resource group
    new RoleGrant(cluster, "NodeVmContributor", { principal: cluster.kubeletPrincipal, role: Roles.VIRTUAL_MACHINE_CONTRIBUTOR, scope: cluster.nodeResourceGroupId, reason: "MIC assigns identities" });
    // a user-made grant to the control plane on a zone it needs at creation
    const zone = new PrivateDnsZone(stack, "zone", { name: "privatelink.westeurope.azmk8s.io", resourceGroupName: "rg" });
    new RoleGrant(stack, "ZoneContributor", { principal: cluster.controlPlanePrincipal, role: Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR, scope: zone, reason: "API server record" });
    // WHEN / THEN
    expect(checkTimings(stack)).toEqual([
      { grant: "test/aks/KubeletIdentityOperator", timing: "before-cluster" },
      { grant: "test/aks/SubnetNetworkContributor", timing: "before-cluster" },
      { grant: "test/aks/AcrPull-acr1", timing: "before-cluster" },
      { grant: "test/aks/NodeVmContributor", timing: "after-cluster" },
      { grant: "test/ZoneContributor", timing: "before-cluster" },
    ]);
  });

  test("system-assigned, add-on and workload grants: after the cluster, or unordered when no cluster is involved", () => {
    const stack = newStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: { name: "rg", location: "westeurope" }, network: { subnet: SUBNET }, containerRegistries: [REGISTRY] });
    cluster.grantOnStaticIpResourceGroup(`${SUB}/resourceGroups/ip`);
    const workload = new WorkloadIdentity(stack, "app", { cluster, namespace: "app", serviceAccount: "app" });
    workload.grant("Blob", Roles.STORAGE_BLOB_DATA_READER, `${SUB}/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/data`, "reads blobs");
    expect(checkTimings(stack)).toEqual([
      { grant: "test/aks/SubnetNetworkContributor", timing: "after-cluster" },
      { grant: "test/aks/AcrPull-acr1", timing: "after-cluster" },
      { grant: "test/aks/StaticIpNetworkContributor-ip", timing: "after-cluster" },
      { grant: "test/app/Blob", timing: "unordered" },
    ]);
  });

  test("working out a grant's order fixes no other element's logical id: overrideLogicalId afterwards still moves it", () => {
    // GIVEN a resource group and a vnet made before a cluster whose grants are ordered (BYO kubelet identity, a subnet)
    const stack = newStack();
    const rg = new ResourceGroup(stack, "rg", { name: "rg", location: "westeurope" });
    const vnet = new VirtualNetwork(stack, "vnet", { name: "vnet", resourceGroupName: "rg", location: "westeurope", addressSpace: ["10.0.0.0/16"] });
    const cp = new UserAssignedManagedIdentity(stack, "control-plane", { resourceGroupName: "rg", location: "westeurope" });
    const kubelet = new UserAssignedManagedIdentity(stack, "kubelet", { resourceGroupName: "rg", location: "westeurope" });
    new AksCluster(stack, "aks", { resourceGroup: { name: "rg", location: "westeurope" }, identity: ClusterIdentity.userAssigned(cp), kubeletIdentity: kubelet, network: { subnet: SUBNET } });
    // WHEN the user keeps their existing addresses, after the cluster (as the address test's message advises)
    rg.overrideLogicalId("main");
    vnet.overrideLogicalId("hub");
    // THEN synth writes them (cdktf ignores an override once the id was read: the library must not read it)
    const json = synthJson(stack);
    expect(Object.keys(json.resource!.azurerm_resource_group)).toEqual(["main"]);
    expect(Object.keys(json.resource!.azurerm_virtual_network)).toEqual(["hub"]);
  });

  test("a scope that reaches the cluster through an element with an overridden logical id is after the cluster", () => {
    // GIVEN a zone kept at its old address, in the node resource group the cluster creates
    const stack = newStack();
    const cp = new UserAssignedManagedIdentity(stack, "control-plane", { resourceGroupName: "rg", location: "westeurope" });
    const kubelet = new UserAssignedManagedIdentity(stack, "kubelet", { resourceGroupName: "rg", location: "westeurope" });
    const cluster = new AksCluster(stack, "aks", { resourceGroup: { name: "rg", location: "westeurope" }, identity: ClusterIdentity.userAssigned(cp), kubeletIdentity: kubelet });
    const zone = new PrivateDnsZone(stack, "zone", { name: "example.internal", resourceGroupName: cluster.resource.nodeResourceGroup });
    zone.overrideLogicalId("kept_zone");
    // WHEN the kubelet is granted a role on it
    const grant = new RoleGrant(cluster, "ZoneReader", { principal: cluster.kubeletPrincipal, role: Roles.READER, scope: zone, reason: "reads the zone" });
    // THEN the grant follows the zone (at its kept address) to the cluster: after it, and the cluster does not wait for it (a cycle)
    expect(grant.timing).toBe("after-cluster");
    const json = synthJson(stack);
    expect(Object.keys(json.resource!.azurerm_private_dns_zone)).toEqual(["kept_zone"]);
    expect(json.resource!.azurerm_private_dns_zone.kept_zone.resource_group_name).toMatch(/^\$\{azurerm_kubernetes_cluster\.aks_[0-9A-F]+\.node_resource_group\}$/);
    expect(only(json, "azurerm_kubernetes_cluster").body.depends_on).not.toContain(`azurerm_role_assignment.${grant.assignment.friendlyUniqueId}`);
  });

  test("every grant of every example stack", () => {
    // GIVEN the example app's stacks, WHEN each grant's timing is checked against the JSON
    const timings = Object.values(SCENARIOS).flatMap((Scenario) => checkTimings(new Scenario(Testing.app())).map((t) => t.timing));
    // THEN both orderings occur (so the check above ran on each)
    expect(timings.filter((t) => t === "before-cluster").length).toBeGreaterThan(3);
    expect(timings.filter((t) => t === "after-cluster").length).toBeGreaterThan(3);
  });
});
