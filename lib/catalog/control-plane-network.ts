import { Roles } from "../roles";
import { CatalogGrant } from "./row";

const SUBNET = "Microsoft.Network/virtualNetworks/subnets";

/**
 * The control plane's grants for the network around a production cluster (private cluster,
 * API server VNet integration, node-pool and pod subnets, outbound IPs, node pool placement).
 * Each is made before the cluster for a user-assigned identity or service principal (the
 * cluster depends on it), after it for a system-assigned identity, and `when` names the prop
 * that asks for it. Sources are paths in MicrosoftDocs/azure-aks-docs (articles/aks/...).
 */
export const CONTROL_PLANE_NETWORK_GRANTS = Object.freeze({
  PrivateDnsZoneContributor: {
    id: "PrivateDnsZoneContributor",
    role: Roles.PRIVATE_DNS_ZONE_CONTRIBUTOR,
    scope: "the private cluster's custom private DNS zone",
    scopeTypes: ["Microsoft.Network/privateDnsZones"],
    when: "`privateCluster.privateDnsZone` is your zone",
    reason: "control plane writes the API server's record into the custom private DNS zone and links the zone to the cluster's VNet",
    source: "aks-docs articles/aks/private-clusters.md (custom private DNS zone: Private DNS Zone Contributor and Network Contributor; Terraform sample grants the zone and the VNet before the cluster)",
  },
  PrivateDnsZoneVnetNetworkContributor: {
    id: "PrivateDnsZoneVnetNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "the cluster's VNet (private cluster with a custom zone)",
    scopeTypes: ["Microsoft.Network/virtualNetworks"],
    when: "`privateCluster.privateDnsZone` is your zone and `network.subnet` is set",
    reason: "control plane links the custom private DNS zone to the cluster's VNet and places the API server's private endpoint in it",
    source: "aks-docs articles/aks/private-clusters.md (Terraform sample: Network Contributor on azurerm_virtual_network, in the cluster's depends_on)",
  },
  ApiServerSubnetNetworkContributor: {
    id: "ApiServerSubnetNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "the API server subnet (API server VNet integration)",
    scopeTypes: [SUBNET],
    when: "`apiServer.subnet` is set",
    reason: "control plane places the API server's internal load balancer in the delegated API server subnet (API server VNet integration)",
    source: "aks-docs articles/aks/api-server-vnet-integration.md (bring-your-own VNet: Network Contributor on the API server subnet and on the cluster subnet, before az aks create)",
  },
  NodePoolSubnetNetworkContributor: {
    id: "NodePoolSubnetNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "a node pool's own subnet",
    scopeTypes: [SUBNET],
    when: "`additionalNodePools[].subnet` differs from `network.subnet`",
    reason: "control plane places the node pool's VMs and load balancer backends in this subnet",
    source: "aks-docs articles/aks/concepts-network-cni-overview.md (cluster identity needs at least Network Contributor on the subnet); azure-cli acs/managed_cluster_decorator.py process_add_role_assignment_for_vnet_subnet",
  },
  PodSubnetNetworkContributor: {
    id: "PodSubnetNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "a node pool's pod subnet (dynamic pod IP allocation)",
    scopeTypes: [SUBNET],
    when: "`defaultNodePool.podSubnet` / `additionalNodePools[].podSubnet`",
    reason: "control plane allocates pod IPs from the pod subnet (Azure CNI dynamic IP allocation)",
    // configure-azure-cni-dynamic-ip-allocation.md names no role for the pod subnet: the generic subnet rule applies.
    source: "aks-docs articles/aks/concepts-network-legacy-cni.md (at least Network Contributor on the subnet); articles/aks/configure-azure-cni-dynamic-ip-allocation.md (pod subnet)",
  },
  OutboundIpNetworkContributor: {
    id: "OutboundIpNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "each bring-your-own outbound public IP",
    scopeTypes: ["Microsoft.Network/publicIPAddresses"],
    when: "`network.outboundIps`",
    reason: "control plane attaches the outbound public IP to the cluster's standard load balancer",
    source: "aks-docs articles/aks/configure-load-balancer-standard.md (the cluster identity needs permissions to the outbound IP); articles/aks/kubernetes-service-principal.md (Network Contributor)",
  },
  OutboundIpPrefixNetworkContributor: {
    id: "OutboundIpPrefixNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "each bring-your-own outbound public IP prefix",
    scopeTypes: ["Microsoft.Network/publicIPPrefixes"],
    when: "`network.outboundIpPrefixes`",
    reason: "control plane takes the cluster's outbound addresses from this public IP prefix",
    source: "aks-docs articles/aks/configure-load-balancer-standard.md (the cluster identity needs permissions to the outbound IP prefix); articles/aks/kubernetes-service-principal.md (Network Contributor)",
  },
  CapacityReservationGroupContributor: {
    id: "CapacityReservationGroupContributor",
    role: Roles.CONTRIBUTOR,
    scope: "the capacity reservation group's resource group",
    scopeTypes: ["resourceGroup"],
    when: "`defaultNodePool.capacityReservationGroup` / `additionalNodePools[].capacityReservationGroup`",
    reason: "control plane associates the node pool's scale set with the capacity reservation group",
    source: "aks-docs articles/aks/use-capacity-reservation-groups.md (user-assigned identity with Contributor on the group's resource group; system-assigned doesn't work)",
  },
  HostGroupContributor: {
    id: "HostGroupContributor",
    role: Roles.CONTRIBUTOR,
    scope: "the dedicated host group's resource group",
    scopeTypes: ["resourceGroup"],
    when: "`defaultNodePool.hostGroup` / `additionalNodePools[].hostGroup`",
    reason: "control plane places the node pool's VMs on the dedicated hosts of this host group",
    source: "aks-docs articles/aks/use-azure-dedicated-hosts.md (a user-assigned identity with Contributor on the host group's resource group is required)",
  },
  NodePublicIpPrefixNetworkContributor: {
    id: "NodePublicIpPrefixNetworkContributor",
    role: Roles.NETWORK_CONTRIBUTOR,
    scope: "the node public IP prefix's resource group",
    scopeTypes: ["resourceGroup"],
    when: "`defaultNodePool.nodePublicIpPrefix` / `additionalNodePools[].nodePublicIpPrefix`",
    reason: "control plane takes each node's public IP from the public IP prefix in this resource group",
    source: "aks-docs articles/aks/use-node-public-ips.md (Network Contributor on the prefixes' resource group)",
  },
} satisfies Record<string, CatalogGrant>);
