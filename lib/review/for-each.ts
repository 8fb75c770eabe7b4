import { Expr, parseTemplateString } from "../terraform-json/expression-ast";
import { isObject } from "../terraform-json/blocks";
import { JsonStackModel, TfResource } from "./stack-model";

/** One instance of a resource with `for_each`: its key, and its body with `each.key` / `each.value` put in. */
export interface ResourceInstance {
  /** `["a"]`: Terraform's instance key, as it prints it in an address. */
  readonly key: string;
  readonly body: Record<string, unknown>;
}

/**
 * The instances Terraform makes of a resource with `for_each`, when the map or set is known
 * at synth: a literal map (cdktf's TerraformIterator.fromMap), `toset([...])`, or a local or a
 * variable's default holding one. Undefined when it is known only at plan time; then the
 * report says so and names the expression.
 */
export function forEachInstances(stack: JsonStackModel, resource: TfResource): ResourceInstance[] | undefined {
  const forEach = resource.body.for_each;
  if (forEach === undefined) return undefined;
  const entries = collection(stack, forEach, 0);
  if (!entries) return undefined;
  return entries.map(([key, value]) => ({ key: `[${JSON.stringify(key)}]`, body: substitute(resource.body, key, value) as Record<string, unknown> }));
}

type Entry = readonly [string, unknown];

function collection(stack: JsonStackModel, value: unknown, depth: number): Entry[] | undefined {
  if (depth > 16) return undefined;
  if (isObject(value)) return Object.entries(value);
  if (Array.isArray(value)) return value.every((v) => typeof v === "string") ? (value as string[]).map((v) => [v, v]) : undefined;
  if (typeof value !== "string") return undefined;
  const json = exprValue(stack, parseTemplateString(value), depth + 1);
  return json === undefined ? undefined : collection(stack, json, depth + 1);
}

/** The JSON an expression is at synth: literals, tuples, objects, toset/tomap of them, locals and variable defaults; references stay `${...}`. */
function exprValue(stack: JsonStackModel, e: Expr, depth: number): unknown {
  if (depth > 16) return undefined;
  switch (e.kind) {
    case "literal": return e.value;
    case "tuple": {
      const items = e.items.map((x) => exprValue(stack, x, depth + 1));
      return items.every((x) => x !== undefined) ? items : undefined;
    }
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of e.entries) {
        const key = exprValue(stack, k, depth + 1);
        const val = exprValue(stack, v, depth + 1);
        if (typeof key !== "string" || val === undefined) return undefined;
        out[key] = val;
      }
      return out;
    }
    case "call": return ["toset", "tomap", "tolist"].includes(e.name) && e.args.length === 1 ? exprValue(stack, e.args[0], depth + 1) : undefined;
    case "ref": {
      const local = /^local\.([A-Za-z_][\w-]*)$/.exec(e.traversal);
      if (local) return resolveDefined(stack, stack.locals?.get(local[1]), depth);
      const variable = /^var\.([A-Za-z_][\w-]*)$/.exec(e.traversal);
      if (variable) return resolveDefined(stack, stack.variables?.get(variable[1])?.default, depth);
      return `\${${e.traversal}}`;
    }
    case "template": {
      const parts = e.parts.map((p) => typeof p === "string" ? p.replace(/\$\{/g, "$${") : p.kind === "ref" ? `\${${p.traversal}}` : undefined);
      return parts.every((p) => p !== undefined) ? parts.join("") : undefined;
    }
    default: return undefined;
  }
}

function resolveDefined(stack: JsonStackModel, value: unknown, depth: number): unknown {
  if (typeof value === "string" && value.includes("${")) return exprValue(stack, parseTemplateString(value), depth + 1);
  return value;
}

const EACH = /\$\{\s*each\s*\.\s*(key|value)((?:\s*\.\s*[A-Za-z_][\w-]*|\s*\[\s*"[^"]*"\s*\])*)\s*\}/g;

/** The body with `${each.key}`, `${each.value}` and `${each.value.x}` put in, as Terraform evaluates them. */
function substitute(value: unknown, key: string, item: unknown): unknown {
  if (typeof value === "string") {
    const whole = new RegExp(`^${EACH.source}$`).exec(value);
    if (whole) return pick(whole[1] === "key" ? key : item, whole[2]) ?? value;
    return value.replace(EACH, (all, which: string, path: string) => {
      const v = pick(which === "key" ? key : item, path);
      return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : all;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, key, item));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "for_each" ? v : substitute(v, key, item)]));
  return value;
}

function pick(value: unknown, path: string): unknown {
  let v = value;
  for (const m of path.matchAll(/\.\s*([A-Za-z_][\w-]*)|\[\s*"([^"]*)"\s*\]/g)) {
    const k = m[1] ?? m[2];
    if (!isObject(v)) return undefined;
    v = v[k];
  }
  return v;
}
