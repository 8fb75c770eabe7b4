import { isObject, JsonObject } from "../terraform-json/blocks";
import { referencesIn } from "../terraform-json/expressions";
import { constructPathOf, dependsOnAddresses, readElements, withoutMetadata } from "../terraform-json/elements";
import { ReviewInputError } from "./errors";

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

/** One stack read from its Terraform JSON (cdk.tf.json or *.tf.json): what the review commands work on. */
export interface JsonStackModel {
  readonly name: string;
  readonly resources: readonly TfResource[];
  readonly byAddress: ReadonlyMap<string, TfResource>;
  /** `locals` by name. */
  readonly locals?: ReadonlyMap<string, unknown>;
  /** `variable` blocks by name (`default`, `sensitive`, ...). */
  readonly variables?: ReadonlyMap<string, JsonObject>;
  /** The provider configurations by address (`azurerm`, `azurerm.other`). */
  readonly providers?: ReadonlyMap<string, JsonObject>;
  /** What Terraform reads but this tool did not (module calls, files it skipped): said in the report. */
  readonly notRead?: readonly string[];
}

/** Reads one stack's Terraform JSON. Works on any Terraform JSON configuration, not only this library's. */
export function parseStack(name: string, json: unknown, source = name, notRead: readonly string[] = []): JsonStackModel {
  if (!isObject(json)) {
    throw new ReviewInputError(`${source}: expected a Terraform JSON configuration (an object with "resource"), got ${json === null ? "null" : Array.isArray(json) ? "an array" : typeof json}.`);
  }
  if ("format_version" in json && "resource_changes" in json) {
    throw new ReviewInputError(`${source} is a Terraform plan (terraform show -json), not a configuration: use \`aks-identity plan-check\` for plans.`);
  }
  const elements = readElements(json, source, (message) => new ReviewInputError(message));
  const resources: TfResource[] = elements
    .filter((e) => e.kind !== "provider")
    .map((e) => ({
      address: e.address,
      mode: e.kind === "data" ? "data" : "managed",
      type: e.type,
      name: e.name,
      body: withoutMetadata(e.config),
      dependsOn: dependsOnAddresses(e.config),
      constructPath: constructPathOf(e.config),
    }));
  const modules = Object.keys(sectionObject(json.module));
  return {
    name,
    resources,
    byAddress: new Map(resources.map((r) => [r.address, r])),
    locals: new Map(Object.entries(sectionObject(json.locals))),
    variables: new Map(Object.entries(sectionObject(json.variable)).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) as JsonObject]).filter(([, v]) => isObject(v)) as [string, JsonObject][]),
    providers: new Map(elements.filter((e) => e.kind === "provider").map((e) => [e.address, withoutMetadata(e.config)])),
    notRead: [
      ...notRead,
      ...(modules.length > 0 ? [`module calls (${modules.map((m) => `module.${m}`).join(", ")}): their sources are not read, so grants made inside them are not in this report`] : []),
    ],
  };
}

/** A section written as an object or as a list of objects (hcl2json, list-form JSON), as one object. */
function sectionObject(section: unknown): JsonObject {
  const parts = Array.isArray(section) ? section : section === undefined ? [] : [section];
  return Object.assign({}, ...parts.filter(isObject)) as JsonObject;
}

/** Every resource of one type. */
export function resourcesOfType(stack: JsonStackModel, type: string): TfResource[] {
  return stack.resources.filter((r) => r.mode === "managed" && r.type === type);
}

/** True when anything in the resource's body refers to the given address. */
export function refersTo(resource: TfResource, address: string): boolean {
  return referencesIn(resource.body).some((r) => r.address === address);
}
