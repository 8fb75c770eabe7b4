/**
 * A parser for the part of Terraform's expression language that review and the guardrails
 * need to know what a value will be: literals, templates, references, function calls, tuples
 * and objects. Anything else (operators, conditionals, for expressions, splats) is kept as
 * `other` with the references inside it, never guessed. Whitespace and comments (`#`, `//`,
 * `/* *\/`) inside `${...}` are skipped, as Terraform does, so `${ a.b }` is the reference
 * `a.b`. Input is hostile: nesting deeper than MAX_DEPTH is `other`, never a stack overflow.
 */
export type Expr =
  | { readonly kind: "literal"; readonly value: string | number | boolean | null }
  | { readonly kind: "template"; readonly parts: readonly (string | Expr)[] }
  | { readonly kind: "ref"; readonly traversal: string }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: "tuple"; readonly items: readonly Expr[] }
  | { readonly kind: "object"; readonly entries: readonly (readonly [Expr, Expr])[] }
  | { readonly kind: "other"; readonly refs: readonly string[] };

const MAX_DEPTH = 64;
const KEYWORDS = new Set(["for", "in", "if", "true", "false", "null", "endif", "endfor", "else"]);

/** A Terraform JSON string value as an expression: a template, or the one interpolation it is. */
export function parseTemplateString(value: string): Expr {
  const p = new Parser(value, 0);
  const parts = p.templateParts(undefined, 0);
  const nonEmpty = parts.filter((x) => x !== "");
  if (nonEmpty.length === 1 && typeof nonEmpty[0] !== "string") return nonEmpty[0];
  if (nonEmpty.every((x) => typeof x === "string")) return { kind: "literal", value: nonEmpty.join("") };
  return { kind: "template", parts: nonEmpty };
}

/** Every traversal an expression refers to (function names excluded). */
export function exprRefs(e: Expr): string[] {
  switch (e.kind) {
    case "ref": return [e.traversal];
    case "template": return e.parts.flatMap((p) => typeof p === "string" ? [] : exprRefs(p));
    case "call": return e.args.flatMap(exprRefs);
    case "tuple": return e.items.flatMap(exprRefs);
    case "object": return e.entries.flatMap(([k, v]) => [...exprRefs(k), ...exprRefs(v)]);
    case "other": return [...e.refs];
    default: return [];
  }
}

/** Functions that keep a principal or resource ID the same value (Azure IDs are case-insensitive). */
const SAME_ID = new Set(["lower", "upper", "trimspace", "tostring", "nonsensitive", "sensitive"]);

/**
 * The traversal a value is, through functions that do not change which object an ID names:
 * `${a.b}`, `${ a.b }`, `${lower(a.b)}`, `${tostring(a.b)}`.
 */
export function sameIdReference(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.includes("${")) return undefined;
  let e: Expr = parseTemplateString(value);
  for (let i = 0; i < MAX_DEPTH && e.kind === "call" && SAME_ID.has(e.name) && e.args.length === 1; i++) e = e.args[0];
  return e.kind === "ref" ? e.traversal : undefined;
}

class Parser {
  constructor(private readonly s: string, public i: number) {}

  /** Template text up to `end` (a closing quote) or the end of input. */
  templateParts(end: string | undefined, depth: number): (string | Expr)[] {
    const parts: (string | Expr)[] = [];
    let lit = "";
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (end !== undefined && c === end) { this.i++; break; }
      if (end !== undefined && c === "\\") {
        const n = s[this.i + 1];
        const map: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\"": "\"", "\\": "\\" };
        if (n === "u" && /^[0-9a-fA-F]{4}$/.test(s.slice(this.i + 2, this.i + 6))) { lit += String.fromCharCode(parseInt(s.slice(this.i + 2, this.i + 6), 16)); this.i += 6; continue; }
        lit += map[n] ?? n ?? "";
        this.i += 2;
        continue;
      }
      if ((c === "$" || c === "%") && s[this.i + 1] === c && s[this.i + 2] === "{") { lit += `${c}{`; this.i += 3; continue; }
      if (c === "$" && s[this.i + 1] === "{") {
        if (lit) parts.push(lit);
        lit = "";
        this.i += 2;
        parts.push(this.interpolation(depth + 1));
        continue;
      }
      if (c === "%" && s[this.i + 1] === "{") {
        // A template directive (%{ if }, %{ for }): its value depends on the branch taken.
        if (lit) parts.push(lit);
        lit = "";
        this.i += 2;
        parts.push({ kind: "other", refs: this.skipBalanced("}", depth + 1) });
        continue;
      }
      lit += c;
      this.i++;
    }
    if (lit) parts.push(lit);
    return parts;
  }

  private interpolation(depth: number): Expr {
    const start = this.i;
    const e = this.expression(depth);
    this.ws();
    if (this.s[this.i] === "~") this.i++;
    this.ws();
    if (this.s[this.i] === "}") { this.i++; return e; }
    // More follows (an operator, a conditional): the whole interpolation is `other`.
    this.i = start;
    return { kind: "other", refs: this.skipBalanced("}", depth) };
  }

  /** Skips to the closer at this level (consumed), collecting the references on the way. */
  private skipBalanced(closer: string, depth: number): string[] {
    const refs: string[] = [];
    const stack: string[] = [closer];
    const pairs: Record<string, string> = { "{": "}", "(": ")", "[": "]" };
    while (this.i < this.s.length && stack.length > 0) {
      this.ws();
      const c = this.s[this.i];
      if (c === undefined) break;
      if (c === "\"") {
        this.i++;
        for (const p of this.templateParts("\"", depth)) if (typeof p !== "string") refs.push(...exprRefs(p));
        continue;
      }
      if (pairs[c]) { stack.push(pairs[c]); this.i++; continue; }
      if (c === stack[stack.length - 1]) { stack.pop(); this.i++; continue; }
      if (/[A-Za-z_]/.test(c)) {
        const t = this.traversal();
        this.ws();
        if (this.s[this.i] !== "(" && !KEYWORDS.has(t)) refs.push(t);
        continue;
      }
      this.i++;
    }
    return refs;
  }

  private expression(depth: number): Expr {
    this.ws();
    if (depth > MAX_DEPTH) return { kind: "other", refs: this.skipBalanced("}", depth) };
    const c = this.s[this.i];
    if (c === "\"") {
      this.i++;
      const parts = this.templateParts("\"", depth);
      if (parts.every((p) => typeof p === "string")) return { kind: "literal", value: parts.join("") };
      return { kind: "template", parts };
    }
    if (c !== undefined && /[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.s.slice(this.i, this.i + 64))!;
      this.i += m[0].length;
      return { kind: "literal", value: Number(m[0]) };
    }
    if (c === "[") return this.sequence("]", depth, (items) => ({ kind: "tuple", items }));
    if (c === "{") return this.objectExpr(depth);
    if (c === "(") {
      this.i++;
      const e = this.expression(depth + 1);
      this.ws();
      if (this.s[this.i] === ")") { this.i++; return e; }
      return { kind: "other", refs: [...exprRefs(e), ...this.skipBalanced(")", depth)] };
    }
    if (c !== undefined && /[A-Za-z_]/.test(c)) {
      const t = this.traversal();
      this.ws();
      if (this.s[this.i] === "(" && !t.includes(".") || /^provider::/.test(t)) {
        return this.sequence(")", depth, (args) => ({ kind: "call", name: t, args }));
      }
      if (t === "true" || t === "false") return { kind: "literal", value: t === "true" };
      if (t === "null") return { kind: "literal", value: null };
      return { kind: "ref", traversal: t };
    }
    return { kind: "other", refs: [] };
  }

  private sequence(closer: string, depth: number, make: (items: Expr[]) => Expr): Expr {
    this.i++; // the opener
    const items: Expr[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === closer) { this.i++; return make(items); }
      if (this.s.startsWith("for ", this.i) || this.s.startsWith("for\t", this.i)) return { kind: "other", refs: this.skipBalanced(closer, depth) };
      const e = this.expression(depth + 1);
      items.push(e);
      this.ws();
      if (this.s.startsWith("...", this.i)) this.i += 3;
      this.ws();
      const c = this.s[this.i];
      if (c === ",") { this.i++; continue; }
      if (c === closer) { this.i++; return make(items); }
      return { kind: "other", refs: [...items.flatMap(exprRefs), ...this.skipBalanced(closer, depth)] };
    }
  }

  private objectExpr(depth: number): Expr {
    this.i++;
    const entries: [Expr, Expr][] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === "}") { this.i++; return { kind: "object", entries }; }
      if (this.s.startsWith("for ", this.i)) return { kind: "other", refs: this.skipBalanced("}", depth) };
      const k = this.expression(depth + 1);
      const key: Expr = k.kind === "ref" && !k.traversal.includes(".") ? { kind: "literal", value: k.traversal } : k;
      this.ws();
      if (this.s[this.i] !== "=" && this.s[this.i] !== ":") return { kind: "other", refs: [...exprRefs(k), ...this.skipBalanced("}", depth)] };
      this.i++;
      const v = this.expression(depth + 1);
      entries.push([key, v]);
      this.ws();
      if (this.s[this.i] === "," ) this.i++;
      else if (this.s[this.i] !== "}" && !/[A-Za-z_"\n]/.test(this.s[this.i] ?? "")) {
        return { kind: "other", refs: [...entries.flatMap(([a, b]) => [...exprRefs(a), ...exprRefs(b)]), ...this.skipBalanced("}", depth)] };
      }
    }
  }

  /** `a.b[0]["k"].c` as canonical text: `.0` indexes written `[0]`, spaces dropped. */
  private traversal(): string {
    let out = "";
    const ident = /[A-Za-z_][A-Za-z0-9_-]*(::[A-Za-z_][A-Za-z0-9_-]*)*/y;
    ident.lastIndex = this.i;
    const first = ident.exec(this.s)!;
    out += first[0];
    this.i = ident.lastIndex;
    for (;;) {
      const save = this.i;
      this.ws();
      const c = this.s[this.i];
      if (c === "." && /[A-Za-z_]/.test(this.s[this.i + 1] ?? "")) {
        ident.lastIndex = this.i + 1;
        const m = ident.exec(this.s)!;
        out += `.${m[0]}`;
        this.i = ident.lastIndex;
      } else if (c === "." && /[0-9]/.test(this.s[this.i + 1] ?? "")) {
        const m = /^[0-9]+/.exec(this.s.slice(this.i + 1, this.i + 20))!;
        out += `[${m[0]}]`;
        this.i += 1 + m[0].length;
      } else if (c === "[") {
        const m = /^\[\s*([0-9]+|"(?:[^"\\]|\\.)*")\s*\]/.exec(this.s.slice(this.i, this.i + 400));
        if (!m) { this.i = save; return out; }
        out += `[${m[1]}]`;
        this.i += m[0].length;
      } else {
        this.i = save;
        return out;
      }
    }
  }

  /** Skips whitespace and comments. */
  private ws(): void {
    const s = this.s;
    for (;;) {
      while (this.i < s.length && /\s/.test(s[this.i])) this.i++;
      if (s[this.i] === "#" || (s[this.i] === "/" && s[this.i + 1] === "/")) {
        while (this.i < s.length && s[this.i] !== "\n") this.i++;
      } else if (s[this.i] === "/" && s[this.i + 1] === "*") {
        const end = s.indexOf("*/", this.i + 2);
        this.i = end === -1 ? s.length : end + 2;
      } else {
        return;
      }
    }
  }
}
