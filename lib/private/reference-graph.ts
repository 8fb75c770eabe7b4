import { TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { dependsOnAddresses } from "../terraform-json/elements";
import { referencesIn } from "../terraform-json/expressions";
import { resolveTokens } from "./resolve";

/** The Terraform address of a resource or data source construct. */
export function addressOf(element: TerraformResource | TerraformDataSource): string {
  const base = `${element.terraformResourceType}.${element.friendlyUniqueId}`;
  return TerraformDataSource.isTerraformDataSource(element) ? `data.${base}` : base;
}

const INDEX = new WeakMap<TerraformStack, Map<string, TerraformResource | TerraformDataSource>>();

/** The resource or data source at an address, from a per-stack index rebuilt when it meets an address it lacks. */
function elementAt(stack: TerraformStack, address: string): TerraformResource | TerraformDataSource | undefined {
  let index = INDEX.get(stack);
  if (!index?.has(address)) {
    index = new Map();
    for (const c of stack.node.findAll()) {
      if (TerraformResource.isTerraformResource(c) || TerraformDataSource.isTerraformDataSource(c)) index.set(addressOf(c), c);
    }
    INDEX.set(stack, index);
  }
  return index.get(address);
}

/**
 * True when a value refers, directly or through the blocks it references (their attributes and
 * depends_on), to the block at `target`. A grant whose scope does cannot be made before that
 * block: the cluster waiting for it would be a cycle.
 */
export function refersTo(scope: IConstruct, value: unknown, target: string): boolean {
  const stack = TerraformStack.of(scope);
  const seen = new Set<string>();
  const queue = referencesIn(resolveTokens(scope, value)).map((r) => r.address);
  while (queue.length > 0) {
    const address = queue.shift()!;
    if (address === target) return true;
    if (seen.has(address)) continue;
    seen.add(address);
    const element = elementAt(stack, address);
    if (!element) continue;
    const config = resolveTokens(stack, element.toTerraform()) as Record<string, unknown>;
    for (const r of referencesIn(config)) queue.push(r.address);
    for (const d of dependsOnAddresses(config)) queue.push(d);
  }
  return false;
}
