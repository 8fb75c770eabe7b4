import { Testing } from "cdktf";
import { AksCluster, ClusterConfigProps, ClusterIdentity } from "../lib";
import { OWNED_CLUSTER_KEYS } from "../lib/cluster/cluster-config";
import { SCENARIOS } from "../scenarios";
import { newStack, synthJson, thrownAksError } from "./helpers";
import { clusterStack, controlPlane, ID, RG } from "./network-fixtures";

describe("clusterConfig: the rest of azurerm_kubernetes_cluster", () => {
  test("SKU tier, upgrade channels, maintenance windows, network policy, overlay and Cilium are one prop away", () => {
    // GIVEN
    const clusterConfig: ClusterConfigProps = {
      skuTier: "Standard",
      automaticUpgradeChannel: "stable",
      nodeOsUpgradeChannel: "NodeImage",
      maintenanceWindowAutoUpgrade: { frequency: "Weekly", interval: 1, duration: 4, dayOfWeek: "Sunday", startTime: "02:00" },
      networkProfile: { networkPluginMode: "overlay", networkDataPlane: "cilium", networkPolicy: "cilium", podCidr: "192.168.0.0/16" },
      lifecycle: { preventDestroy: true },
    };
    // WHEN
    const { body } = clusterStack({ network: { subnet: ID.subnet, serviceCidr: "10.2.0.0/24", dnsServiceIp: "10.2.0.10" }, clusterConfig });
    // THEN the library's network settings and the pass-through's merge into one block
    expect(body).toMatchObject({
      sku_tier: "Standard",
      automatic_upgrade_channel: "stable",
      node_os_upgrade_channel: "NodeImage",
      maintenance_window_auto_upgrade: { frequency: "Weekly", interval: 1, duration: 4, day_of_week: "Sunday", start_time: "02:00" },
      lifecycle: { prevent_destroy: true },
    });
    expect(body.network_profile).toEqual({
      network_plugin: "azure", network_plugin_mode: "overlay", network_data_plane: "cilium", network_policy: "cilium",
      pod_cidr: "192.168.0.0/16", service_cidr: "10.2.0.0/24", dns_service_ip: "10.2.0.10",
    });
  });

  test("a network profile only the pass-through asks for gets the plugin azurerm requires (network.plugin, azure by default)", () => {
    const azure = clusterStack({ clusterConfig: { networkProfile: { networkPolicy: "azure" } } });
    const kubenet = clusterStack({ network: { plugin: "kubenet" }, clusterConfig: { networkProfile: { networkPolicy: "calico" } } });
    expect(azure.body.network_profile).toEqual({ network_plugin: "azure", network_policy: "azure" });
    expect(kubenet.body.network_profile).toEqual({ network_plugin: "kubenet", network_policy: "calico" });
  });

  test("without clusterConfig the configuration is the library's alone", () => {
    const { body } = clusterStack();
    expect(Object.keys(body).sort()).toEqual(["default_node_pool", "dns_prefix", "identity", "location", "name", "resource_group_name"]);
  });

  test("every attribute the library writes is owned, so the pass-through can never override one silently", () => {
    // GIVEN clusters using every feature: all add-ons, a private cluster, the API server, node pools, outbound IPs
    const stacks = [
      new SCENARIOS["addon-identities"](Testing.app()), new SCENARIOS["private-cluster"](Testing.app()),
      new SCENARIOS["nat-gateway-egress"](Testing.app()), new SCENARIOS["node-pool-subnets"](Testing.app()), new SCENARIOS["migrate-to-user-assigned"](Testing.app()),
    ];
    const written = new Set(stacks.flatMap((st) => Object.values(synthJson(st).resource!.azurerm_kubernetes_cluster).flatMap((b) => Object.keys(b))));
    written.add("service_principal");
    // THEN each, in the provider's camelCase, is an owned key
    const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    expect([...written].map(camel).filter((k) => !OWNED_CLUSTER_KEYS.includes(k))).toEqual([]);
    expect(written.size).toBeGreaterThan(15);
  });

  test.each([
    ["identity", { identity: { type: "SystemAssigned" } }, "clusterConfig.identity", "use identity."],
    ["servicePrincipal", { servicePrincipal: { clientId: "a", clientSecret: "b" } }, "clusterConfig.servicePrincipal", "use identity (ClusterIdentity.servicePrincipal)."],
    ["kubeletIdentity", { kubeletIdentity: {} }, "clusterConfig.kubeletIdentity", "use kubeletIdentity."],
    ["defaultNodePool", { defaultNodePool: { name: "x" } }, "clusterConfig.defaultNodePool", "use defaultNodePool."],
    ["privateDnsZoneId", { privateDnsZoneId: "System" }, "clusterConfig.privateDnsZoneId", "use privateCluster.privateDnsZone."],
    ["omsAgent", { omsAgent: {} }, "clusterConfig.omsAgent", "use addons.monitoring."],
    ["dependsOn", { dependsOn: [] }, "clusterConfig.dependsOn", "use cluster.dependOn(...)"],
    ["networkProfile.outboundType", { networkProfile: { outboundType: "userDefinedRouting" } }, "clusterConfig.networkProfile.outboundType", "use network.outboundType."],
    ["networkProfile.loadBalancerProfile.outboundIpAddressIds", { networkProfile: { loadBalancerProfile: { outboundIpAddressIds: [] } } }, "clusterConfig.networkProfile.loadBalancerProfile.outboundIpAddressIds", "use network.outboundIps."],
    ["apiServerAccessProfile.subnetId", { apiServerAccessProfile: { subnetId: ID.apiServer } }, "clusterConfig.apiServerAccessProfile.subnetId", "use apiServer.subnet."],
    ["not an object", "Standard", "clusterConfig", "Expected an object of azurerm_kubernetes_cluster settings"],
  ])("an owned key is a synth error naming the prop to use: %s", (_name, clusterConfig, prop, says) => {
    // GIVEN a JavaScript caller (or a cast) passing a key the library sets
    const stack = newStack();
    const e = thrownAksError(() => new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)), clusterConfig: clusterConfig as ClusterConfigProps }));
    // THEN
    expect(e.prop).toBe(prop);
    expect(e.message).toContain(says);
  });

  test("managed outbound IPs next to your own is an error (azurerm ConflictsWith)", () => {
    const stack = newStack();
    const e = thrownAksError(() => new AksCluster(stack, "aks", { resourceGroup: RG, identity: ClusterIdentity.userAssigned(controlPlane(stack)),
      network: { outboundIps: [ID.publicIp] }, clusterConfig: { networkProfile: { loadBalancerProfile: { managedOutboundIpCount: 2 } } } }));
    expect(e.message).toBe("[test/aks] clusterConfig.networkProfile.loadBalancerProfile.managedOutboundIpCount: received 2. Managed outbound IPs and your own outbound IPs or prefixes exclude each other (azurerm ConflictsWith; configure-load-balancer-standard.md: one outbound IP option at a time). Fix: drop managedOutboundIpCount, or drop network.outboundIps / outboundIpPrefixes.");
  });

  test("load balancer settings of the pass-through merge with your outbound IPs", () => {
    const { body } = clusterStack({ network: { outboundIps: [ID.publicIp] }, clusterConfig: { networkProfile: { loadBalancerProfile: { idleTimeoutInMinutes: 10, outboundPortsAllocated: 8000 } } } });
    expect((body.network_profile as Record<string, unknown>).load_balancer_profile).toEqual({ idle_timeout_in_minutes: 10, outbound_ports_allocated: 8000, outbound_ip_address_ids: [ID.publicIp] });
  });
});
