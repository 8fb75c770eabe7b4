import { sameIdReference } from "./expression-ast";

/**
 * Terraform JSON expressions. A string is a template: text outside `${...}` is literal,
 * `$${` is an escaped `${`, and a string that is exactly one `${traversal}` is a reference
 * to another object's attribute. The guardrails (lib/checks) and the review tooling
 * (lib/review) both read values through this file, so they agree on what a value names.
 */
export interface Reference {
  /** `azurerm_subnet.mySubnet`, `data.azurerm_subnet.s`, `var.name`, `local.x`, `module.m` */
  readonly address: string;
  /** `id`, `identity[0].principal_id` (legacy `.0` indexes written `[0]`); empty for `var.x` */
  readonly attribute: string;
}

const IDENT = "[A-Za-z_][A-Za-z0-9_-]*";
const TRAVERSAL = `${IDENT}(?:\\.${IDENT}|\\.\\d+|\\[\\d+\\])*`;
const WHOLE = new RegExp(`^\\$\\{(${TRAVERSAL})\\}$`);
const INTERPOLATION = new RegExp(`(?<!\\$)\\$\\{(${TRAVERSAL})\\}`, "g");
const TRAVERSAL_AT = new RegExp(TRAVERSAL, "y");
const WHOLE_INTERPOLATION_AT = new RegExp(`(${TRAVERSAL})\\}`, "y");
const SEGMENT = new RegExp(`\\.?(${IDENT})|\\.(\\d+)|\\[(\\d+)\\]`, "g");

/** The reference when the whole string is one `${...}` traversal (any root: `var.x` and `count.index` too). */
export function parseReference(value: unknown): Reference | undefined {
  if (typeof value !== "string") return undefined;
  const m = WHOLE.exec(value);
  return m ? splitTraversal(m[1]) : undefined;
}

/**
 * The reference a value is, read as Terraform parses it: `${a.b}`, and also with spaces or
 * comments inside the braces or through functions that keep an ID the same value
 * (`${ a.b }`, `${lower(a.b)}`).
 */
export function referenceOf(value: unknown): Reference | undefined {
  const traversal = sameIdReference(value);
  return traversal !== undefined ? splitTraversal(traversal) : parseReference(value);
}

/**
 * `data.x.y.attr.0.z` -> address `data.x.y`, attribute `attr[0].z`. A count index on the
 * object itself stays in the attribute (`x.y[0].id` -> `x.y`, `[0].id`): the address is
 * the configuration's object, which is what depends_on and lookups by address name.
 */
export function splitTraversal(traversal: string): Reference {
  const parts: string[] = [];
  for (const m of traversal.matchAll(SEGMENT)) parts.push(m[1] !== undefined ? `.${m[1]}` : `[${m[2] ?? m[3]}]`);
  let head = parts[0] === ".data" ? 3 : 2;
  // An index before the object name (`x[0].y`, no valid address) ends the address there.
  const firstIndex = parts.findIndex((p) => p.startsWith("["));
  if (firstIndex !== -1 && firstIndex < head) head = firstIndex;
  return {
    address: parts.slice(0, head).join("").slice(1),
    attribute: parts.slice(head).join("").replace(/^\./, ""),
  };
}

/** `address.attribute` as Terraform writes it: `x.y.id`, `x.y[0].id`, `var.x`. */
export function referenceText(ref: Reference): string {
  if (ref.attribute === "") return ref.address;
  return ref.attribute.startsWith("[") ? `${ref.address}${ref.attribute}` : `${ref.address}.${ref.attribute}`;
}

/**
 * Every reference inside a value, in order of first appearance: whole interpolations
 * (`${var.x}`), traversals inside expressions and function calls (`${element(var.ids, 0)}`),
 * and interpolations nested in their string arguments (cdktf writes
 * `${uuidv5("url", "${a.b.id}/...")}`). Literal text and `$${` escapes are not expressions;
 * `//` metadata keys are comments, never read.
 */
export function referencesIn(value: unknown): Reference[] {
  const found = new Map<string, Reference>();
  const visit = (traversal: string): void => {
    const ref = splitTraversal(traversal);
    const key = referenceText(ref);
    if (!found.has(key)) found.set(key, ref);
  };
  collect(value, visit);
  return [...found.values()];
}

/** The text with each `${traversal}` interpolation in it replaced by `describe(reference)`. */
export function replaceReferences(text: string, describe: (ref: Reference) => string): string {
  return text.replace(INTERPOLATION, (_all, traversal: string) => describe(splitTraversal(traversal)));
}

/** Every object address a value refers to, anywhere inside it. */
export function referencedAddresses(value: unknown, into = new Set<string>()): Set<string> {
  for (const ref of referencesIn(value)) into.add(ref.address);
  return into;
}

/**
 * A comparable key for an id or principal: a reference as its canonical `${address.attribute}`
 * (so `identity.0.principal_id` equals `identity[0].principal_id`, and no literal can equal
 * it), a non-empty literal lower-cased (Azure ids are case-insensitive). Undefined for a
 * template mixing text and references, or anything else: its value is known only at plan time.
 */
export function expressionKey(value: unknown): string | undefined {
  const ref = parseReference(value);
  if (ref) return referenceKey(ref);
  const lit = literal(value);
  return lit === undefined || lit === "" ? undefined : lit.toLowerCase();
}

/** The {@link expressionKey} of a reference: `${address.attribute}`. */
export function referenceKey(ref: Reference): string {
  return `\${${referenceText(ref)}}`;
}

/** True for a value Terraform only knows at plan or apply time: value checks skip it. */
export function isUnknown(value: unknown): boolean {
  if (typeof value === "string") return value.includes("${");
  if (Array.isArray(value)) return value.some(isUnknown);
  return false;
}

/** A literal string known at synth (not a reference or expression). */
export function literal(value: unknown): string | undefined {
  return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

/**
 * The object address one `depends_on` entry names. cdktf writes `"${azurerm_x.y}"`, plain
 * Terraform JSON `"azurerm_x.y"`; both name the object, never an attribute of it.
 */
export function dependsOnAddress(entry: string): string {
  const text = entry.trim();
  const ref = parseReference(text) ?? (new RegExp(`^${TRAVERSAL}$`).test(text) ? splitTraversal(text) : undefined);
  return ref ? ref.address : text;
}

function collect(value: unknown, visit: (traversal: string) => void): void {
  if (typeof value === "string") scanTemplate(value, 0, false, visit);
  else if (Array.isArray(value)) value.forEach((v) => collect(v, visit));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (k !== "//") collect(v, visit);
  }
}

/** Scans template text from `i`; inside a quoted string of an expression it stops after the closing quote. */
function scanTemplate(text: string, i: number, quoted: boolean, visit: (traversal: string) => void): number {
  while (i < text.length) {
    const c = text[i];
    if (quoted && c === "\\") { i += 2; continue; }
    if (quoted && c === "\"") return i + 1;
    if ((c === "$" || c === "%") && text[i + 1] === c && text[i + 2] === "{") { i += 3; continue; }
    if ((c === "$" || c === "%") && text[i + 1] === "{") { i = scanExpression(text, i + 2, visit); continue; }
    i++;
  }
  return i;
}

/** Scans an expression from `i` up to its closing `}`, reporting the traversals in it. */
function scanExpression(text: string, i: number, visit: (traversal: string) => void): number {
  // `${a.b}`: a whole interpolation is a reference whatever its root (var, local, count...).
  WHOLE_INTERPOLATION_AT.lastIndex = i;
  const whole = WHOLE_INTERPOLATION_AT.exec(text);
  if (whole) {
    if (whole[1].includes(".")) visit(whole[1]);
    return WHOLE_INTERPOLATION_AT.lastIndex;
  }
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "\"") { i = scanTemplate(text, i + 1, true, visit); continue; }
    if (c === "{") depth++;
    if (c === "}") {
      if (depth === 0) return i + 1;
      depth--;
    }
    if (/[A-Za-z_]/.test(c) && !/[\w.-]/.test(text[i - 1] ?? "")) {
      TRAVERSAL_AT.lastIndex = i;
      const m = TRAVERSAL_AT.exec(text)!;
      // A function name is followed by `(`; a `for` variable's traversal (`x.id`) names no object.
      if (text[TRAVERSAL_AT.lastIndex] !== "(" && looksLikeAddress(m[0])) visit(m[0]);
      i = TRAVERSAL_AT.lastIndex;
      continue;
    }
    i++;
  }
  return i;
}

function looksLikeAddress(traversal: string): boolean {
  // A resource type has a provider prefix (azurerm_x, terraform_data); var/local/module are references too.
  return /^(data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\./.test(traversal) || /^(var|local|module)\./.test(traversal);
}
