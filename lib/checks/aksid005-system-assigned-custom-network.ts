import { GuardrailRule } from "./rule";
import { expressionKey } from "../terraform-json/expressions";

/** Rule 5: a custom subnet (or route table) with a system-assigned identity. */
export const AKSID005: GuardrailRule = {
  id: "AKSID005",
  level: "warning",
  message: "A custom subnet with a system-assigned identity: the Network Contributor grant on the subnet can only be made after the cluster exists and may take up to 60 minutes to take effect, so early load balancer operations can fail.",
  why: "A system-assigned identity exists only once the cluster does, so nothing can grant it access to your network beforehand (Azure/AKS #1591).",
  fix: "use a user-assigned control-plane identity (ClusterIdentity.userAssigned(new UserAssignedManagedIdentity(...))) and grant it Network Contributor on the subnet before the cluster is created.",
  check: (stack) => stack.clusters.flatMap((cluster) => {
    const subnet = stack.subnetOf(cluster);
    if (subnet === undefined || subnet === null || stack.identityType(cluster) !== "SystemAssigned") return [];
    const key = expressionKey(subnet);
    const routeTable = key !== undefined && stack.resources("azurerm_subnet_route_table_association").some((a) => expressionKey(a.config.subnet_id) === key);
    return [{ element: cluster, attribute: "default_node_pool.vnet_subnet_id", value: subnet,
      message: routeTable ? AKSID005.message.replace("A custom subnet", "A custom subnet and route table").replace("on the subnet", "on the subnet and route table") : undefined }];
  }),
};
