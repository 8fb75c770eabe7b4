import { isObject, JsonObject } from "./blocks";
import { dependsOnAddress, literal } from "./expressions";

/** One resource, data source or provider configuration of a Terraform JSON document. */
export interface TerraformElement {
  readonly kind: "resource" | "data" | "provider";
  /** `azurerm_kubernetes_cluster`, or the provider's name. */
  readonly type: string;
  /** The resource's name, or the provider's alias ("" for the default configuration). */
  readonly name: string;
  /** `azurerm_kubernetes_cluster.x`, `data.azurerm_subnet.y`, or the provider's `azurerm` / `azurerm.alias`. */
  readonly address: string;
  /** The body as written, `//` metadata included. */
  readonly config: JsonObject;
}

/**
 * The resources, data sources and providers of a Terraform JSON document: a whole
 * cdk.tf.json or *.tf.json, or one element's `toTerraform()`. Both shapes Terraform JSON
 * allows are read: `"resource": { type: { name: {...} } }` and the list forms
 * (`"resource": [{...}]`, `name: [{...}]`). A malformed resource or data section is an
 * error made by `invalid` (the message says where); a malformed provider entry is skipped.
 */
export function readElements(json: JsonObject, source: string, invalid: (message: string) => Error): TerraformElement[] {
  return [
    ...readSection(json.resource, "resource", source, invalid),
    ...readSection(json.data, "data", source, invalid),
    ...readProviders(json.provider),
  ];
}

/** The body without its `//` metadata (cdktf's construct path, suppressions): what Terraform evaluates. */
export function withoutMetadata(config: JsonObject): JsonObject {
  if (!("//" in config)) return config;
  const rest = { ...config };
  delete rest["//"];
  return rest;
}

/** cdktf's construct path from the `//` metadata, when the JSON came from cdktf. */
export function constructPathOf(config: JsonObject): string | undefined {
  const meta = config["//"];
  return isObject(meta) && isObject(meta.metadata) && typeof meta.metadata.path === "string" ? meta.metadata.path : undefined;
}

/** `depends_on` as object addresses, whichever way each entry was written. */
export function dependsOnAddresses(config: JsonObject): string[] {
  const value = config.depends_on;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").map(dependsOnAddress) : [];
}

function readSection(section: unknown, kind: "resource" | "data", source: string, invalid: (message: string) => Error): TerraformElement[] {
  const out: TerraformElement[] = [];
  for (const byType of listOf(section)) {
    if (!isObject(byType)) throw invalid(`${source}: "${kind}" must be an object keyed by resource type.`);
    for (const [type, byName] of Object.entries(byType)) {
      for (const named of Array.isArray(byName) ? byName : [byName]) {
        if (!isObject(named)) throw invalid(`${source}: ${kind === "data" ? "data." : ""}${type} must be an object keyed by resource name.`);
        for (const [name, raw] of Object.entries(named)) {
          // Two bodies under one name are two blocks of one address: Terraform refuses them, and reading one would hide the other.
          if (Array.isArray(raw) && raw.length > 1) throw invalid(`${source}: ${kind === "data" ? "data." : ""}${type}.${name} is declared ${raw.length} times; Terraform refuses a duplicate.`);
          const config = Array.isArray(raw) ? raw[0] : raw;
          if (!isObject(config)) continue;
          out.push({ kind, type, name, address: `${kind === "data" ? "data." : ""}${type}.${name}`, config });
        }
      }
    }
  }
  return out;
}

function readProviders(section: unknown): TerraformElement[] {
  const out: TerraformElement[] = [];
  for (const byType of listOf(section)) {
    if (!isObject(byType)) continue;
    for (const [type, configs] of Object.entries(byType)) {
      for (const config of Array.isArray(configs) ? configs : [configs]) {
        if (!isObject(config)) continue;
        const alias = literal(config.alias) ?? "";
        out.push({ kind: "provider", type, name: alias, address: alias ? `${type}.${alias}` : type, config });
      }
    }
  }
  return out;
}

function listOf(section: unknown): unknown[] {
  return Array.isArray(section) ? section : section === undefined ? [] : [section];
}
