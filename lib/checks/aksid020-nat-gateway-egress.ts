import { GuardrailRule } from "./rule";
import { block } from "../terraform-json/blocks";
import { literal } from "../terraform-json/expressions";
import { subnetAssociationFinding } from "./subnet-association";

const ASSOCIATION = "azurerm_subnet_nat_gateway_association";

/**
 * Rule 20: outbound type userAssignedNATGateway needs the cluster in your own subnet, with the
 * NAT gateway attached before the cluster is created (aks-docs egress-outboundtype.md: "Create a
 * NAT gateway before you create the cluster"; nat-gateway.md: "the NAT gateway is preconfigured
 * on the subnet"). No grant on the NAT gateway itself: nat-gateway.md makes none.
 */
export const AKSID020: GuardrailRule = {
  id: "AKSID020",
  level: "error",
  message: "Outbound type userAssignedNATGateway needs the cluster in your own subnet and that subnet's NAT gateway association made before the cluster.",
  why: "AKS takes the cluster's egress from the NAT gateway already attached to the nodes' subnet; without it, or attached after the cluster, the create fails after a long wait.",
  fix: "set default_node_pool.vnet_subnet_id, create azurerm_subnet_nat_gateway_association for that subnet and add it to the cluster's depends_on (AksCluster: network.subnet with network.natGateway does both).",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    if (literal(block(cluster.config.network_profile)?.outbound_type) !== "userAssignedNATGateway") return [];
    const finding = subnetAssociationFinding(stack, cluster, ASSOCIATION, {
      noSubnet: "Outbound type userAssignedNATGateway without a custom subnet: AKS needs your subnet with the NAT gateway attached (bring-your-own networking).",
      notWaited: (associations) => `Outbound type userAssignedNATGateway, but the cluster does not depend on ${associations}, so Terraform may create it before the NAT gateway is attached.`,
      missing: "Outbound type userAssignedNATGateway, but this stack attaches no NAT gateway to the cluster's subnet.",
    });
    return finding ? [finding] : [];
  }),
};
