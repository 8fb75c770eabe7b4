import { isObject } from "../terraform-json/blocks";
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
}

/** Reads one stack's Terraform JSON. Works on any Terraform JSON configuration, not only this library's. */
export function parseStack(name: string, json: unknown, source = name): JsonStackModel {
  if (!isObject(json)) {
    throw new ReviewInputError(`${source}: expected a Terraform JSON configuration (an object with "resource"), got ${json === null ? "null" : Array.isArray(json) ? "an array" : typeof json}.`);
  }
  if ("format_version" in json && "resource_changes" in json) {
    throw new ReviewInputError(`${source} is a Terraform plan (terraform show -json), not a configuration: use \`aks-identity plan-check\` for plans.`);
  }
  const resources: TfResource[] = readElements(json, source, (message) => new ReviewInputError(message))
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
  return { name, resources, byAddress: new Map(resources.map((r) => [r.address, r])) };
}

/** Every resource of one type. */
export function resourcesOfType(stack: JsonStackModel, type: string): TfResource[] {
  return stack.resources.filter((r) => r.mode === "managed" && r.type === type);
}

/** True when anything in the resource's body refers to the given address. */
export function refersTo(resource: TfResource, address: string): boolean {
  return referencesIn(resource.body).some((r) => r.address === address);
}
