import { Expr, exprRefs } from "./expression-ast";

/** A part of a string value known only at plan or apply time. */
export const HOLE: unique symbol = Symbol("known at plan time");
/** A string value as far as it is known at synth: literal text and holes. */
export type Shape = readonly (string | typeof HOLE)[];

/** What a reference names at synth, when known: a shape (an ID's known form), or nothing. */
export type ShapeOfReference = (traversal: string) => Shape | undefined;

const MAX_DEPTH = 64;

/**
 * The string an expression evaluates to, with holes for what synth cannot know. Functions
 * that build IDs keep their known parts (`format("/subscriptions/%s", var.s)` is
 * `/subscriptions/` + hole); any other function of unknowns is one hole.
 */
export function shapeOf(e: Expr, resolve: ShapeOfReference, depth = 0): Shape {
  if (depth > MAX_DEPTH) return [HOLE];
  const sub = (x: Expr) => shapeOf(x, resolve, depth + 1);
  switch (e.kind) {
    case "literal": return e.value === null ? [HOLE] : [String(e.value)];
    case "template": return join(e.parts.map((p) => typeof p === "string" ? [p] : sub(p)));
    case "ref": return resolve(e.traversal) ?? [HOLE];
    case "call": return callShape(e.name, e.args, sub);
    default: return [HOLE];
  }
}

function callShape(name: string, args: readonly Expr[], sub: (x: Expr) => Shape): Shape {
  switch (name) {
    case "lower": case "upper":
      return args.length === 1 ? sub(args[0]).map((p) => typeof p === "string" ? (name === "lower" ? p.toLowerCase() : p.toUpperCase()) : p) : [HOLE];
    case "tostring": case "trimspace": case "nonsensitive": case "sensitive":
      return args.length === 1 ? sub(args[0]) : [HOLE];
    case "format": {
      const fmt = args[0] ? known(sub(args[0])) : undefined;
      if (fmt === undefined) return [HOLE];
      const out: Shape[] = [];
      let next = 1;
      const re = /%(%|[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z])/g;
      let last = 0;
      for (const m of fmt.matchAll(re)) {
        out.push([fmt.slice(last, m.index)]);
        if (m[1] === "%") out.push(["%"]);
        else out.push(args[next] ? sub(args[next++]) : [HOLE]);
        last = m.index! + m[0].length;
      }
      out.push([fmt.slice(last)]);
      return join(out);
    }
    case "join": {
      const sep = args[0] ? known(sub(args[0])) : undefined;
      const list = args[1];
      if (sep === undefined || !list || list.kind !== "tuple" || args.length !== 2) return [HOLE];
      const out: Shape[] = [];
      list.items.forEach((item, i) => { if (i > 0) out.push([sep]); out.push(sub(item)); });
      return join(out);
    }
    // Any other function: its value is not computed here.
    default: return [HOLE];
  }
}

/** The whole string, when no part is a hole. */
export function known(shape: Shape): string | undefined {
  return shape.every((p) => typeof p === "string") ? shape.join("") : undefined;
}

function join(shapes: readonly Shape[]): Shape {
  const out: (string | typeof HOLE)[] = [];
  for (const s of shapes) for (const p of s) {
    if (typeof p === "string" && typeof out[out.length - 1] === "string") out[out.length - 1] = `${out[out.length - 1] as string}${p}`;
    else if (p !== "") out.push(p);
  }
  return out;
}

/**
 * True when an expression's value is fixed at synth: built from literals only, through any
 * function, and through references the caller says are fixed (a local of literals, a
 * variable's default). Such a value is written into cdk.tf.json in plaintext.
 */
export function fixedAtSynth(e: Expr, isFixedRef: (traversal: string) => boolean): boolean {
  if (e.kind === "call" && IMPURE.has(e.name)) return false;
  if (e.kind === "call") return e.args.every((a) => fixedAtSynth(a, isFixedRef));
  if (e.kind === "template") return e.parts.every((p) => typeof p === "string" || fixedAtSynth(p, isFixedRef));
  if (e.kind === "tuple") return e.items.every((a) => fixedAtSynth(a, isFixedRef));
  if (e.kind === "object") return e.entries.every(([k, v]) => fixedAtSynth(k, isFixedRef) && fixedAtSynth(v, isFixedRef));
  if (e.kind === "ref") return isFixedRef(e.traversal);
  if (e.kind === "other") return exprRefs(e).every(isFixedRef);
  return true;
}

/** Functions whose value is not in the configuration: files read at plan time, fresh values. */
const IMPURE = new Set(["file", "filebase64", "templatefile", "fileset", "filemd5", "filesha1", "filesha256", "filesha512", "timestamp", "uuid", "plantimestamp"]);
