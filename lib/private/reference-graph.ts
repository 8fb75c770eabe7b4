import { TerraformDataSource, TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { dependsOnAddresses } from "../terraform-json/elements";
import { referencesIn } from "../terraform-json/expressions";
import { resolveTokens } from "./resolve";

type Element = TerraformResource | TerraformDataSource;

/**
 * The element's logical id as synth will write it, without fixing it. Reading
 * `friendlyUniqueId` caches the id, after which cdktf (and cdktn) silently ignore
 * `overrideLogicalId` and the resource moves to another address: so a cached id or an override
 * is read where the element keeps them (terraform-element.js, the same in both CDKs), and the
 * generated id is asked for with the stack's pure `getLogicalId` otherwise.
 */
function logicalIdOf(element: Element): string {
  const own = element as unknown as { _friendlyUniqueId?: string; _logicalIdOverride?: string };
  return own._friendlyUniqueId ?? own._logicalIdOverride ?? TerraformStack.of(element).getLogicalId(element);
}

/** The Terraform address of a resource or data source construct (reading it fixes nothing). */
export function addressOf(element: Element): string {
  const base = `${element.terraformResourceType}.${logicalIdOf(element)}`;
  return TerraformDataSource.isTerraformDataSource(element) ? `data.${base}` : base;
}

const INDEX = new WeakMap<TerraformStack, Map<string, Element>>();

/**
 * The resource or data source at an address. Elements met before are in a per-stack index; an
 * address it lacks is searched for from the newest constructs back (children in reverse order,
 * depth first), indexing what the search passes, so finding the element made just before a
 * grant does not walk the whole stack: a full walk per cluster made a 300-cluster stack quadratic.
 */
function elementAt(stack: TerraformStack, address: string): Element | undefined {
  let index = INDEX.get(stack);
  if (!index) INDEX.set(stack, (index = new Map()));
  const known = index.get(address);
  if (known) return known;
  const pending: IConstruct[] = [stack];
  while (pending.length > 0) {
    const c = pending.pop()!;
    if (TerraformResource.isTerraformResource(c) || TerraformDataSource.isTerraformDataSource(c)) {
      const at = addressOf(c);
      index.set(at, c);
      if (at === address) return c;
    }
    pending.push(...c.node.children);
  }
  return undefined;
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
