/**
 * Terraform JSON expressions: `"${azurerm_subnet.mySubnet.id}"` is a reference to another
 * resource's attribute; anything without `${` is a literal. Reports show a reference by
 * its Terraform address, so an unresolved value is named, never dropped.
 */
export interface Reference {
  /** `azurerm_subnet.mySubnet`, `data.azurerm_subnet.s`, `var.name`, `local.x`, `module.m` */
  readonly address: string;
  /** `id`, `identity[0].principal_id`; empty for `var.x` */
  readonly attribute: string;
}

const WHOLE = /^\$\{([^${}()"\s]+)\}$/;
const INNER = /\$\{([^${}()"\s]+)\}/g;

/** The reference when the whole string is one `${...}` traversal. */
export function parseReference(value: unknown): Reference | undefined {
  if (typeof value !== "string") return undefined;
  const m = WHOLE.exec(value.trim());
  return m ? splitTraversal(m[1]) : undefined;
}

/** Every simple reference inside a string (including ones nested in function calls). */
export function referencesIn(value: unknown): Reference[] {
  if (typeof value === "string") {
    const refs: Reference[] = [];
    const text = value.replace(/\$\{[a-z0-9_]+\(/gi, " ");
    for (const m of text.matchAll(INNER)) refs.push(splitTraversal(m[1]));
    // cdktf writes function calls like ${uuidv5("url", "${a.b.id}/...")}: traversals appear bare inside.
    for (const m of text.matchAll(/(?<![\w.$"-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*(?:\.[A-Za-z_]\w*|\[\d+\])*)/g)) {
      const ref = splitTraversal(m[1]);
      if (!refs.some((r) => r.address === ref.address && r.attribute === ref.attribute) && looksLikeAddress(ref.address)) refs.push(ref);
    }
    return refs;
  }
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(referencesIn);
  return [];
}

/** `data.x.y.attr[0].z` -> address `data.x.y`, attribute `attr[0].z`. */
export function splitTraversal(traversal: string): Reference {
  const parts = traversal.split(".");
  const head = parts[0] === "data" ? 3 : 2;
  return { address: parts.slice(0, head).join("."), attribute: parts.slice(head).join(".") };
}

/** A stable key for comparing two expressions: `addr.attr` with `[0]` kept, or the literal lower-cased. */
export function expressionKey(value: unknown): string | undefined {
  const ref = parseReference(value);
  // HCL's legacy `identity.0.principal_id` and `identity[0].principal_id` are the same attribute.
  if (ref) return ref.attribute ? `${ref.address}.${ref.attribute.replace(/\.(\d+)(?=\.|$)/g, "[$1]")}` : ref.address;
  if (typeof value === "string" && value !== "") return value.toLowerCase();
  return undefined;
}

/**
 * How a reviewer reads a value: a reference to a resource's `id` is the resource's address
 * (`azurerm_subnet.mySubnet`), another reference is `address.attribute`, a literal is itself.
 */
export function describeExpression(value: unknown): string {
  if (value === undefined || value === null) return "(not set)";
  if (typeof value !== "string") return JSON.stringify(value);
  const ref = parseReference(value);
  if (ref) return describeReference(ref);
  return value.replace(INNER, (_all, traversal: string) => describeReference(splitTraversal(traversal)));
}

export function describeReference(ref: Reference): string {
  return ref.attribute === "" || ref.attribute === "id" ? ref.address : `${ref.address}.${ref.attribute}`;
}

function looksLikeAddress(address: string): boolean {
  // A resource type has a provider prefix (azurerm_x, terraform_data); var/local/module are references too.
  return /^(data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\./.test(address) || /^(var|local|module)\./.test(address);
}
