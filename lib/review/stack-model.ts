import { ReviewInputError } from "./errors";
import { parseReference, referencesIn } from "./expressions";

/** One resource or data source of a Terraform JSON configuration (cdktf's cdk.tf.json or a plain *.tf.json). */
export interface TfResource {
  /** `azurerm_kubernetes_cluster.myManagedCluster_3120B930`, `data.azurerm_subnet.s` */
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
  /** `depends_on` as addresses, whichever way it was written. */
  readonly dependsOn: readonly string[];
  /** cdktf's construct path, when the JSON came from cdktf. */
  readonly constructPath?: string;
}

export interface StackModel {
  readonly name: string;
  readonly resources: readonly TfResource[];
  readonly byAddress: ReadonlyMap<string, TfResource>;
}

type Obj = Record<string, unknown>;

/** Reads one stack's Terraform JSON. Works on any Terraform JSON configuration, not only this library's. */
export function parseStack(name: string, json: unknown, source = name): StackModel {
  if (!isObject(json)) {
    throw new ReviewInputError(`${source}: expected a Terraform JSON configuration (an object with "resource"), got ${json === null ? "null" : Array.isArray(json) ? "an array" : typeof json}.`);
  }
  if ("format_version" in json && "resource_changes" in json) {
    throw new ReviewInputError(`${source} is a Terraform plan (terraform show -json), not a configuration: use \`aks-identity plan-check\` for plans.`);
  }
  const resources: TfResource[] = [];
  collect(json.resource, "managed", resources, source);
  collect(json.data, "data", resources, source);
  return { name, resources, byAddress: new Map(resources.map((r) => [r.address, r])) };
}

/** Every resource of one type. */
export function resourcesOfType(stack: StackModel, type: string): TfResource[] {
  return stack.resources.filter((r) => r.mode === "managed" && r.type === type);
}

/**
 * A nested block as a list: Terraform JSON allows a block as an object or as a list of
 * objects (`identity: {...}` or `identity: [{...}]`).
 */
export function blocks(value: unknown): Obj[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first block, if any. */
export function block(value: unknown): Obj | undefined {
  return blocks(value)[0];
}

/** True when anything in the resource's body refers to the given address. */
export function refersTo(resource: TfResource, address: string): boolean {
  return referencesIn(withoutMeta(resource.body)).some((r) => r.address === address);
}

export function isObject(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function collect(section: unknown, mode: "managed" | "data", out: TfResource[], source: string): void {
  // Terraform JSON allows "resource": {...} or "resource": [{...}, ...].
  for (const byType of Array.isArray(section) ? section : section === undefined ? [] : [section]) {
    if (!isObject(byType)) throw new ReviewInputError(`${source}: "${mode === "data" ? "data" : "resource"}" must be an object keyed by resource type.`);
    for (const [type, byName] of Object.entries(byType)) {
      for (const named of Array.isArray(byName) ? byName : [byName]) {
        if (!isObject(named)) throw new ReviewInputError(`${source}: ${mode === "data" ? "data." : ""}${type} must be an object keyed by resource name.`);
        for (const [name, raw] of Object.entries(named)) {
          const body = Array.isArray(raw) ? raw[0] : raw;
          if (!isObject(body)) continue;
          const meta = body["//"];
          const constructPath = isObject(meta) && isObject(meta.metadata) && typeof meta.metadata.path === "string" ? meta.metadata.path : undefined;
          out.push({
            address: `${mode === "data" ? "data." : ""}${type}.${name}`,
            mode,
            type,
            name,
            body: withoutMeta(body),
            dependsOn: dependsOn(body.depends_on),
            constructPath,
          });
        }
      }
    }
  }
}

function dependsOn(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  // cdktf writes "${azurerm_role_assignment.x}" (or a bare address); plain Terraform JSON writes "azurerm_role_assignment.x".
  return value.filter((v): v is string => typeof v === "string").map((v) => parseReference(v)?.address ?? v.trim());
}

function withoutMeta(body: Obj): Obj {
  if (!("//" in body)) return body;
  const rest = { ...body };
  delete rest["//"];
  return rest;
}
