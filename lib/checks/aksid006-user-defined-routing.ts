import { GuardrailRule } from "./rule";
import { block } from "../terraform-json/blocks";
import { literal } from "../terraform-json/expressions";
import { subnetAssociationFinding } from "./subnet-association";

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
    const finding = subnetAssociationFinding(stack, cluster, ASSOCIATION, {
      noSubnet: "Outbound type userDefinedRouting without a custom subnet: AKS needs your subnet whose route table sends egress to your firewall or appliance.",
      notWaited: (associations) => `Outbound type userDefinedRouting, but the cluster does not depend on ${associations}, so Terraform may create it before the route table is attached.`,
      missing: "Outbound type userDefinedRouting, but this stack has no route table association for the cluster's subnet.",
    });
    return finding ? [finding] : [];
  }),
};
