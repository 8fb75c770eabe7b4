/** A JSON object: a Terraform JSON body or nested block. */
export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A nested block as a list: Terraform JSON allows a block as an object or as a list of
 * objects (`identity: {...}` or `identity: [{...}]`); anything else in the list is skipped.
 */
export function blocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first block, whichever shape the config uses (object, or list of objects). */
export function block(value: unknown): JsonObject | undefined {
  return blocks(value)[0];
}
