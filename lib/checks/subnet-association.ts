import { RuleFinding } from "./rule";
import { expressionKey } from "../terraform-json/expressions";
import { ConstructStackModel, ElementView } from "./stack-model";

/** What to say when a cluster's outbound type needs an association on its subnet (route table, NAT gateway). */
export interface AssociationMessages {
  readonly noSubnet: string;
  readonly notWaited: (associations: string) => string;
  readonly missing: string;
}

/**
 * The finding, if any, for a cluster whose subnet must carry an association (a resource of
 * `type`) made before the cluster: no subnet, an association the cluster does not wait for, or
 * none in the stack for a subnet the stack creates.
 */
export function subnetAssociationFinding(stack: ConstructStackModel, cluster: ElementView, type: string, say: AssociationMessages): RuleFinding | undefined {
  const subnet = stack.subnetOf(cluster);
  if (subnet === undefined || subnet === null) return { element: cluster, attribute: "default_node_pool.vnet_subnet_id", value: subnet, message: say.noSubnet };
  // The cluster's subnet id read from the association itself makes Terraform wait for it.
  if (stack.target(subnet)?.type === type) return undefined;
  const key = expressionKey(subnet);
  const associations = stack.resources(type).filter((a) => key !== undefined && expressionKey(a.config.subnet_id) === key);
  const waits = stack.waitsFor(cluster);
  if (associations.some((a) => waits.has(a.address))) return undefined;
  if (associations.length > 0) {
    return { element: cluster, attribute: "depends_on", value: cluster.config.depends_on ?? [], message: say.notWaited(associations.map((a) => a.address).join(", ")) };
  }
  // A subnet made outside this stack (an id, a lookup): its association may be made there too; not guessed.
  if (stack.target(subnet)?.kind !== "resource") return undefined;
  return { element: cluster, attribute: "default_node_pool.vnet_subnet_id", value: subnet, message: say.missing };
}
