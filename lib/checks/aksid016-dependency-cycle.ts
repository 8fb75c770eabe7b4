import { GuardrailRule } from "./rule";
import { dependencyGraph, findCycles } from "../terraform-json/semantics";

/**
 * Rule 16: a dependency cycle (references and depends_on), which Terraform rejects at plan
 * ("Cycle: ..."). The typical one: a cluster that depends on a grant whose scope is a resource
 * placed in the cluster's own node resource group.
 */
export const AKSID016: GuardrailRule = {
  id: "AKSID016",
  level: "error",
  message: "The stack's blocks depend on each other in a circle, which Terraform rejects at plan.",
  why: "Terraform orders blocks by their references and depends_on; a circle has no order (\"Error: Cycle\").",
  fix: "break the circle: a grant on something the cluster creates (its node resource group, a resource placed there) must come after the cluster, so drop it from the cluster's depends_on.",
  check: (stack) => {
    const graph = dependencyGraph(stack.elements);
    return findCycles(graph).map((cycle) => {
      const element = stack.get(cycle[0]) ?? stack.elements.find((e) => `provider.${e.address}` === cycle[0])!;
      return { element, attribute: "depends_on", value: cycle.join(" -> "), message: `Dependency cycle: ${cycle.join(" -> ")}.` };
    });
  },
};
