import { GuardrailRule } from "./rule";
import { block } from "../terraform-json/blocks";
import { expressionKey, literal } from "../terraform-json/expressions";

const ASSOCIATION = "azurerm_subnet_route_table_association";

/**
 * Rule 6: outbound type userDefinedRouting needs your subnet with its route table associated
 * before the cluster; with kubenet also a user-assigned identity. With Azure CNI a
 * system-assigned identity is supported (aks-docs articles/aks/limit-egress-traffic.md: "For
 * user-defined routing, system-assigned identity only supports the CNI network plugin";
 * configure-kubenet.md: both identity types with the Azure plugin, user-assigned with kubenet).
 */
export const AKSID006: GuardrailRule = {
  id: "AKSID006",
  level: "error",
  message: "Outbound type userDefinedRouting needs a custom subnet whose route table association the cluster depends on, and with kubenet a user-assigned control-plane identity.",
  why: "AKS checks the subnet's route table at create time (configure-kubenet.md: the route table must be associated to the subnet before you create the cluster); with kubenet the control plane writes routes, so it needs Network Contributor on the route table before the cluster exists.",
  fix: "create azurerm_subnet_route_table_association for the cluster's subnet and add it to the cluster's depends_on (AksCluster does this with network.subnet and network.routeTable); with kubenet use a user-assigned identity.",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    const profile = block(cluster.config.network_profile);
    if (literal(profile?.outbound_type) !== "userDefinedRouting") return [];
    if (stack.identityType(cluster) === "SystemAssigned" && literal(profile?.network_plugin) === "kubenet") {
      return [{ element: cluster, attribute: "network_profile.outbound_type", value: "userDefinedRouting",
        message: "Outbound type userDefinedRouting with kubenet and a system-assigned identity: the control plane writes routes to the route table, so it needs Network Contributor on it before the cluster is created, which a system-assigned identity cannot have (configure-kubenet.md)." }];
    }
    const subnet = stack.subnetOf(cluster);
    if (subnet === undefined || subnet === null) {
      return [{ element: cluster, attribute: "default_node_pool.vnet_subnet_id", value: subnet,
        message: "Outbound type userDefinedRouting without a custom subnet: AKS needs your subnet whose route table sends egress to your firewall or appliance." }];
    }
    // The cluster's subnet id read from the association itself makes Terraform wait for it.
    if (stack.target(subnet)?.type === ASSOCIATION) return [];
    const key = expressionKey(subnet);
    const associations = stack.resources(ASSOCIATION).filter((a) => key !== undefined && expressionKey(a.config.subnet_id) === key);
    const waits = stack.waitsFor(cluster);
    if (associations.some((a) => waits.has(a.address))) return [];
    if (associations.length > 0) {
      return [{ element: cluster, attribute: "depends_on", value: cluster.config.depends_on ?? [],
        message: `Outbound type userDefinedRouting, but the cluster does not depend on ${associations.map((a) => a.address).join(", ")}, so Terraform may create it before the route table is attached.` }];
    }
    // A subnet made outside this stack (an id, a lookup): its association may be made there too; not guessed.
    if (stack.target(subnet)?.kind !== "resource") return [];
    return [{ element: cluster, attribute: "default_node_pool.vnet_subnet_id", value: subnet,
      message: "Outbound type userDefinedRouting, but this stack has no route table association for the cluster's subnet." }];
  }),
};
