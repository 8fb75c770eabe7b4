import { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleDefinition } from "@cdktf/provider-azurerm/lib/role-definition";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { AksCluster, ClusterIdentity, UserAssignedManagedIdentity } from "../../lib";
import { guardedStack, identity, IDENTITY_ID, messagesOf, PRINCIPAL, RG, rawCluster, rawGrant, rawIdentity, rawNetwork, RG_ID, SUBNET_ID, VNET_ID } from "./fixtures";

describe("AKSID007 creation-time grants of a user-assigned control plane", () => {
  test("library: custom subnet and bring-your-own kubelet identity get their grants before the cluster", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")),
      kubeletIdentity: identity(stack, "myKubeletIdentity"), network: { subnet } });
    expect(messagesOf(stack, "AKSID007")).toEqual([]);
  });

  test("library: an existing identity looked up by id is tied to its grant", () => {
    // GIVEN: UserAssignedManagedIdentity.fromResourceId: a data source, principal known only at plan time
    const stack = guardedStack();
    const existing = UserAssignedManagedIdentity.fromResourceId(stack, "existing", IDENTITY_ID);
    new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(existing), network: { subnet: SUBNET_ID } });
    expect(messagesOf(stack, "AKSID007")).toEqual([]);
  });

  test("library: dropping the cluster's depends_on by override is an error for each grant", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")),
      kubeletIdentity: identity(stack, "myKubeletIdentity"), network: { subnet } });
    cluster.resource.addOverride("depends_on", undefined);
    // THEN
    const messages = messagesOf(stack, "AKSID007");
    expect(messages.map((m) => m.level)).toEqual(["@cdktf/error", "@cdktf/error"]);
    expect(messages[0].message).toMatch(/^\[test\/aks\/Resource\] AKSID007 depends_on: received \[\]\. The control-plane identity has Network Contributor on the custom subnet or its VNet \(azurerm_role_assignment\.aks_SubnetNetworkContributor_[0-9A-F]+\), but the cluster does not depend on it, so Terraform may create the cluster first\. Fix: grant the control-plane identity Network Contributor on the subnet \(or its VNet\) and add that role assignment to the cluster's depends_on \(AksCluster: network\.subnet does both\)\.$/);
    expect(messages[1].message).toContain("The control-plane identity has Managed Identity Operator on the bring-your-own kubelet identity (azurerm_role_assignment.aks_KubeletIdentityOperator_");
  });

  test("library: a subnet added by override, with no grant, is an error", () => {
    const stack = guardedStack();
    const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")) });
    cluster.resource.addOverride("default_node_pool.vnet_subnet_id", SUBNET_ID);
    expect(messagesOf(stack, "AKSID007").map((m) => m.message)).toEqual([
      `[test/aks/Resource] AKSID007 default_node_pool.vnet_subnet_id: received "${SUBNET_ID}". The user-assigned control-plane identity has no Network Contributor grant on the custom subnet or its VNet in this stack. Fix: grant the control-plane identity Network Contributor on the subnet (or its VNet) and add that role assignment to the cluster's depends_on (AksCluster: network.subnet does both).`,
    ]);
  });

  test("raw: Network Contributor on the VNet, depended on, passes", () => {
    const stack = guardedStack();
    const { vnet, subnet } = rawNetwork(stack);
    const cp = rawIdentity(stack, "cp");
    const grant = rawGrant(stack, "nc", { scope: vnet.id, roleDefinitionName: "Network Contributor", principalId: cp.principalId });
    rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [cp.id] }, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, dependsOn: [grant] });
    expect(messagesOf(stack, "AKSID007")).toEqual([]);
  });

  test("raw: the grant given to the kubelet identity instead (by role definition id) does not count", () => {
    // GIVEN: the mistake of Azure/terraform-azurerm-aks #368
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const cp = rawIdentity(stack, "cp");
    const kubelet = rawIdentity(stack, "kubelet");
    const wrong = rawGrant(stack, "wrong", { scope: subnet.id, principalId: kubelet.principalId,
      roleDefinitionId: "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/4d97b98b-1d4f-4787-a291-c67834d212e7" });
    rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [cp.id] }, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, dependsOn: [wrong] });
    // THEN
    expect(messagesOf(stack, "AKSID007").map((m) => [m.path, m.level, m.message.split(". ")[1]])).toEqual([
      ["test/aks", "@cdktf/error", "The user-assigned control-plane identity has no Network Contributor grant on the custom subnet or its VNet in this stack"],
    ]);
  });

  test("raw: Managed Identity Operator on the kubelet identity is required and must be depended on", () => {
    const stack = guardedStack();
    const cp = rawIdentity(stack, "cp");
    const kubelet = rawIdentity(stack, "kubelet");
    const mio = rawGrant(stack, "mio", { scope: kubelet.id, roleDefinitionName: "Managed Identity Operator", principalId: cp.principalId });
    const kubeletIdentity = { clientId: kubelet.clientId, objectId: kubelet.principalId, userAssignedIdentityId: kubelet.id };
    rawCluster(stack, "ok", { identity: { type: "UserAssigned", identityIds: [cp.id] }, kubeletIdentity, dependsOn: [mio] });
    rawCluster(stack, "late", { identity: { type: "UserAssigned", identityIds: [cp.id] }, kubeletIdentity });
    expect(messagesOf(stack, "AKSID007").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
      ["test/late", "The control-plane identity has Managed Identity Operator on the bring-your-own kubelet identity (azurerm_role_assignment.mio), but the cluster does not depend on it, so Terraform may create the cluster first"],
    ]);
  });

  test("raw: an identity from outside the stack accepts a grant whose principal the stack can't tie to another identity", () => {
    const stack = guardedStack();
    const grant = rawGrant(stack, "nc", { scope: SUBNET_ID, roleDefinitionName: "Network Contributor", principalId: PRINCIPAL });
    rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] }, defaultNodePool: { name: "nodepool1", vnetSubnetId: SUBNET_ID }, dependsOn: [grant] });
    rawCluster(stack, "vnet", { identity: { type: "UserAssigned", identityIds: [IDENTITY_ID] }, defaultNodePool: { name: "nodepool1", vnetSubnetId: `${VNET_ID}/subnets/other` } });
    expect(messagesOf(stack, "AKSID007").map((m) => m.path)).toEqual(["test/vnet"]);
  });

  test("raw: a node pool on another subnet, and a pod subnet, need their own grants", () => {
    // GIVEN: the cluster's node subnet is granted; a second pool's subnet and the pod subnet are not
    const stack = guardedStack();
    const { vnet, subnet } = rawNetwork(stack);
    const other = new Subnet(stack, "other", { name: "other", resourceGroupName: "rg", virtualNetworkName: "elsewhere", addressPrefixes: ["10.9.0.0/24"] });
    const pods = new Subnet(stack, "pods", { name: "pods", resourceGroupName: "rg", virtualNetworkName: "elsewhere", addressPrefixes: ["10.9.1.0/24"] });
    const cp = rawIdentity(stack, "cp");
    const grant = rawGrant(stack, "nc", { scope: vnet.id, roleDefinitionName: "Network Contributor", principalId: cp.principalId });
    const aks = rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [cp.id] }, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id, podSubnetId: pods.id }, dependsOn: [grant] });
    new KubernetesClusterNodePool(stack, "same", { name: "same", kubernetesClusterId: aks.id, vmSize: "Standard_DS2_v2", vnetSubnetId: subnet.id });
    new KubernetesClusterNodePool(stack, "pool2", { name: "pool2", kubernetesClusterId: aks.id, vmSize: "Standard_DS2_v2", vnetSubnetId: other.id });
    // THEN
    expect(messagesOf(stack, "AKSID007").map((m) => [m.path, m.message.split(":")[0]])).toEqual([
      ["test/aks", "[test/aks] AKSID007 default_node_pool.pod_subnet_id"],
      ["test/pool2", "[test/pool2] AKSID007 vnet_subnet_id"],
    ]);
  });

  test("raw: a node pool's grant that only the pool depends on passes", () => {
    const stack = guardedStack();
    const { subnet } = rawNetwork(stack);
    const other = new Subnet(stack, "other", { name: "other", resourceGroupName: "rg", virtualNetworkName: "elsewhere", addressPrefixes: ["10.9.0.0/24"] });
    const cp = rawIdentity(stack, "cp");
    const grant = rawGrant(stack, "nc", { scope: subnet.id, roleDefinitionName: "Network Contributor", principalId: cp.principalId });
    const poolGrant = rawGrant(stack, "ncPool", { scope: other.id, roleDefinitionName: "Network Contributor", principalId: cp.principalId });
    const aks = rawCluster(stack, "aks", { identity: { type: "UserAssigned", identityIds: [cp.id] }, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, dependsOn: [grant] });
    new KubernetesClusterNodePool(stack, "pool2", { name: "pool2", kubernetesClusterId: aks.id, vmSize: "Standard_DS2_v2", vnetSubnetId: other.id, dependsOn: [poolGrant] });
    expect(messagesOf(stack, "AKSID007")).toEqual([]);
  });

  test("raw: a custom private DNS zone needs Private DNS Zone Contributor before the cluster; System needs none", () => {
    const stack = guardedStack();
    const cp = rawIdentity(stack, "cp");
    const zone = new PrivateDnsZone(stack, "zone", { name: "privatelink.westus2.azmk8s.io", resourceGroupName: "rg" });
    const pdz = rawGrant(stack, "pdz", { scope: zone.id, roleDefinitionName: "Private DNS Zone Contributor", principalId: cp.principalId });
    const ua = { type: "UserAssigned", identityIds: [cp.id] };
    rawCluster(stack, "ok", { identity: ua, privateClusterEnabled: true, privateDnsZoneId: zone.id, dependsOn: [pdz] });
    rawCluster(stack, "system", { identity: ua, privateClusterEnabled: true, privateDnsZoneId: "System" });
    rawCluster(stack, "nogrant", { identity: ua, privateClusterEnabled: true, privateDnsZoneId: `${RG_ID}/providers/Microsoft.Network/privateDnsZones/privatelink.westus2.azmk8s.io` });
    // THEN
    expect(messagesOf(stack, "AKSID007").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
      ["test/nogrant", "The user-assigned control-plane identity has no Private DNS Zone Contributor grant on the custom private DNS zone in this stack"],
    ]);
  });

  describe("the production network (issue 13)", () => {
    const ua = (cp: { id: string }) => ({ type: "UserAssigned", identityIds: [cp.id] });

    test("library: private cluster, API server subnet, pools, outbound IPs and placement groups pass; dropping depends_on fails each", () => {
      // GIVEN every creation-time grant the network features make
      const stack = guardedStack();
      const { subnet } = rawNetwork(stack);
      const cluster = new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(identity(stack, "myIdentity")),
        network: { subnet, outboundIps: [`${RG_ID}/providers/Microsoft.Network/publicIPAddresses/egress`] },
        apiServer: { subnet: `${VNET_ID}/subnets/apiserver` },
        privateCluster: { privateDnsZone: `${RG_ID}/providers/Microsoft.Network/privateDnsZones/private.westus2.azmk8s.io` },
        defaultNodePool: { capacityReservationGroup: `${RG_ID}/providers/Microsoft.Compute/capacityReservationGroups/crg` } });
      expect(messagesOf(stack, "AKSID007")).toEqual([]);
      // WHEN the cluster's depends_on is overridden away
      cluster.resource.addOverride("depends_on", undefined);
      // THEN one error per grant the cluster no longer waits for
      expect(messagesOf(stack, "AKSID007").map((m) => m.message.split(" on ")[1].split(" (")[0])).toEqual([
        "the custom subnet or its VNet", "the API server subnet or its VNet", "the custom private DNS zone", "the cluster's VNet", "the outbound public IP or its resource group",
        "the capacity reservation group's resource group",
      ]);
    });

    test("raw: the API server subnet needs Network Contributor before the cluster", () => {
      const stack = guardedStack();
      const cp = rawIdentity(stack, "cp");
      const api = `${VNET_ID}/subnets/apiserver`;
      rawCluster(stack, "aks", { identity: ua(cp), apiServerAccessProfile: { virtualNetworkIntegrationEnabled: true, subnetId: api } });
      expect(messagesOf(stack, "AKSID007").map((m) => m.message)).toEqual([
        `[test/aks] AKSID007 api_server_access_profile.subnet_id: received "${api}". The user-assigned control-plane identity has no Network Contributor grant on the API server subnet or its VNet in this stack. Fix: grant the control-plane identity Network Contributor on the API server subnet and add that role assignment to the cluster's depends_on (AksCluster: apiServer.subnet does both).`,
      ]);
    });

    test("raw: a custom private DNS zone in your VNet also needs Network Contributor on the VNet (private-clusters.md)", () => {
      const stack = guardedStack();
      const { vnet, subnet } = rawNetwork(stack);
      const cp = rawIdentity(stack, "cp");
      const zone = new PrivateDnsZone(stack, "zone", { name: "privatelink.westus2.azmk8s.io", resourceGroupName: "rg" });
      const grants = [
        rawGrant(stack, "nodes", { scope: subnet.id, roleDefinitionName: "Network Contributor", principalId: cp.principalId }),
        rawGrant(stack, "zoneGrant", { scope: zone.id, roleDefinitionName: "Private DNS Zone Contributor", principalId: cp.principalId }),
      ];
      rawCluster(stack, "nogrant", { identity: ua(cp), privateClusterEnabled: true, privateDnsZoneId: zone.id, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, dependsOn: grants });
      const vnetGrant = rawGrant(stack, "vnetGrant", { scope: vnet.id, roleDefinitionName: "Network Contributor", principalId: cp.principalId });
      rawCluster(stack, "ok", { identity: ua(cp), privateClusterEnabled: true, privateDnsZoneId: zone.id, defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, dependsOn: [...grants, vnetGrant] });
      // THEN only the first misses the VNet grant it waits for
      expect(messagesOf(stack, "AKSID007").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
        ["test/nogrant", "The control-plane identity has Network Contributor on the cluster's VNet (a custom private DNS zone needs it) (azurerm_role_assignment.vnetGrant), but the cluster does not depend on it, so Terraform may create the cluster first"],
      ]);
    });

    test("raw: outbound IPs and prefixes need Network Contributor on each or its resource group", () => {
      const stack = guardedStack();
      const cp = rawIdentity(stack, "cp");
      const group = new ResourceGroup(stack, "egress", { name: "rg-egress", location: "westus2" });
      const ip = new PublicIp(stack, "ip", { name: "egress", resourceGroupName: group.name, location: "westus2", allocationMethod: "Static", sku: "Standard" });
      const prefix = `${RG_ID}/providers/Microsoft.Network/publicIPPrefixes/egress`;
      const onGroup = rawGrant(stack, "group", { scope: group.id, roleDefinitionName: "Network Contributor", principalId: cp.principalId });
      rawCluster(stack, "ips", { identity: ua(cp), networkProfile: { networkPlugin: "azure", loadBalancerProfile: { outboundIpAddressIds: [ip.id] } }, dependsOn: [onGroup] });
      rawCluster(stack, "prefixes", { identity: ua(cp), networkProfile: { networkPlugin: "azure", loadBalancerProfile: { outboundIpPrefixIds: [prefix] } } });
      expect(messagesOf(stack, "AKSID007").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
        ["test/prefixes", "The user-assigned control-plane identity has no Network Contributor grant on the outbound public IP prefix or its resource group in this stack"],
      ]);
    });

    test("raw: a pool's capacity reservation group, host group and node IP prefix need a role on their resource group", () => {
      const stack = guardedStack();
      const cp = rawIdentity(stack, "cp");
      const aks = rawCluster(stack, "aks", { identity: ua(cp) });
      const crgGrant = rawGrant(stack, "crg", { scope: `${RG_ID}`, roleDefinitionName: "Contributor", principalId: cp.principalId });
      new KubernetesClusterNodePool(stack, "pool2", { name: "pool2", kubernetesClusterId: aks.id, capacityReservationGroupId: `${RG_ID}/providers/Microsoft.Compute/capacityReservationGroups/crg`, dependsOn: [crgGrant] });
      new KubernetesClusterNodePool(stack, "pool3", { name: "pool3", kubernetesClusterId: aks.id, hostGroupId: `/subscriptions/${"0".repeat(8)}-0000-0000-0000-000000000000/resourceGroups/rg-hosts/providers/Microsoft.Compute/hostGroups/h` });
      expect(messagesOf(stack, "AKSID007").map((m) => [m.path, m.message.split(". ")[1]])).toEqual([
        ["test/pool3", "The user-assigned control-plane identity has no Contributor grant on the dedicated host group's resource group in this stack"],
      ]);
    });

    test("raw: a custom role counts when it allows the documented actions, and not when it lacks one", () => {
      const stack = guardedStack();
      const { subnet } = rawNetwork(stack);
      const cp = rawIdentity(stack, "cp");
      const join = new RoleDefinition(stack, "join", { name: "join", scope: RG_ID, permissions: [{ actions: ["Microsoft.Network/virtualNetworks/subnets/join/action", "Microsoft.Network/virtualNetworks/subnets/read"] }] });
      const readOnly = new RoleDefinition(stack, "read", { name: "read", scope: RG_ID, permissions: [{ actions: ["Microsoft.Network/virtualNetworks/subnets/read"] }] });
      const good = rawGrant(stack, "good", { scope: subnet.id, roleDefinitionName: undefined, roleDefinitionId: join.roleDefinitionResourceId, principalId: cp.principalId });
      rawCluster(stack, "ok", { identity: ua(cp), defaultNodePool: { name: "nodepool1", vnetSubnetId: subnet.id }, dependsOn: [good] });
      const other = new Subnet(stack, "other", { name: "other", resourceGroupName: "rg", virtualNetworkName: "elsewhere", addressPrefixes: ["10.9.0.0/24"] });
      const weak = rawGrant(stack, "weak", { scope: other.id, roleDefinitionName: undefined, roleDefinitionId: readOnly.roleDefinitionResourceId, principalId: cp.principalId });
      rawCluster(stack, "short", { identity: ua(cp), defaultNodePool: { name: "nodepool1", vnetSubnetId: other.id }, dependsOn: [weak] });
      expect(messagesOf(stack, "AKSID007").map((m) => m.path)).toEqual(["test/short"]);
    });
  });
});
