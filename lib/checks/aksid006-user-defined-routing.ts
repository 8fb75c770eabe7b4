import { GuardrailRule } from "./rule";
import { block } from "../terraform-json/blocks";
import { literal } from "../terraform-json/expressions";
import { subnetAssociationFinding } from "./subnet-association";

const ASSOCIATION = "azurerm_subnet_route_table_association";

/** Rule 6: outbound type userDefinedRouting needs a user-assigned identity and a route table the cluster waits for. */
export const AKSID006: GuardrailRule = {
  id: "AKSID006",
  level: "error",
  message: "Outbound type userDefinedRouting needs a user-assigned control-plane identity and a subnet route table association that the cluster depends on.",
  why: "AKS checks the subnet's route table at create time; without it, or without Network Contributor on it beforehand, the create fails after a long wait.",
  fix: "use a user-assigned identity, create azurerm_subnet_route_table_association for the cluster's subnet and add it to the cluster's depends_on (AksCluster does both with network.subnet and network.routeTable).",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    const profile = block(cluster.config.network_profile);
    if (literal(profile?.outbound_type) !== "userDefinedRouting") return [];
    if (stack.identityType(cluster) === "SystemAssigned") {
      return [{ element: cluster, attribute: "network_profile.outbound_type", value: "userDefinedRouting",
        message: "Outbound type userDefinedRouting with a system-assigned identity: the control plane needs Network Contributor on the route table before the cluster is created, which a system-assigned identity cannot have." }];
    }
    const finding = subnetAssociationFinding(stack, cluster, ASSOCIATION, {
      noSubnet: "Outbound type userDefinedRouting without a custom subnet: AKS needs your subnet whose route table sends egress to your firewall or appliance.",
      notWaited: (associations) => `Outbound type userDefinedRouting, but the cluster does not depend on ${associations}, so Terraform may create it before the route table is attached.`,
      missing: "Outbound type userDefinedRouting, but this stack has no route table association for the cluster's subnet.",
    });
    return finding ? [finding] : [];
  }),
};
