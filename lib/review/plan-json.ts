import { parseJsonText, ReviewInputError } from "./errors";
import { isObject } from "../terraform-json/blocks";

/** One entry of `resource_changes` (or `resource_drift`) in `terraform show -json` output. */
export interface PlanResourceChange {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before: unknown;
    readonly after: unknown;
    readonly after_unknown?: unknown;
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
    /** Paths of attributes that force replacement, e.g. [["kubelet_identity", 0, "client_id"]]. */
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
  readonly action_reason?: string;
}

/** A resource of the prior state: its values and what it depended on when last applied. */
export interface StateResource {
  readonly address: string;
  readonly type: string;
  readonly values: Record<string, unknown>;
  /** The state's sensitive_values marks, honoured like before_sensitive. */
  readonly sensitive: unknown;
  readonly dependsOn: readonly string[];
}

export interface TerraformPlan {
  /** What the plan was made from, when not `terraform plan` (aks-identity diff builds one from two configurations). */
  readonly source?: string;
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly resourceChanges: readonly PlanResourceChange[];
  /** Changes made outside Terraform, found by refresh. */
  readonly resourceDrift: readonly PlanResourceChange[];
  readonly priorState: readonly StateResource[];
}

const EXPECTED = "the output of `terraform show -json <planfile>` (a JSON plan, format_version 1.x)";

/** Reads and checks `terraform show -json` plan output; throws ReviewInputError saying what is wrong. */
export function parsePlan(text: string, source = "plan.json"): TerraformPlan {
  const json = parseJsonText(text, source, EXPECTED);
  if (!isObject(json)) {
    throw new ReviewInputError(`${source} holds ${Array.isArray(json) ? "a JSON array" : `a JSON ${json === null ? "null" : typeof json}`}, not an object: expected ${EXPECTED}.`);
  }
  const version = json.format_version;
  if (version === undefined) {
    const hint = "resource" in json || "terraform" in json ? " It looks like a Terraform configuration (cdk.tf.json): use `aks-identity report` for that, or plan it first."
      : "values" in json ? " It looks like state (`terraform show -json` without a plan file)." : "";
    throw new ReviewInputError(`${source} has no format_version, so it is not ${EXPECTED}.${hint}`);
  }
  if (typeof version !== "string" || !/^1\.\d+$/.test(version)) {
    throw new ReviewInputError(`${source} has format_version ${JSON.stringify(version)}; this tool reads format 1.x (Terraform 1.x). Expected ${EXPECTED}.`);
  }
  if (!("resource_changes" in json) && !("planned_values" in json)) {
    throw new ReviewInputError(`${source} has no resource_changes or planned_values: it looks like state (\`terraform show -json\` without a plan file), not a plan. Expected ${EXPECTED}.`);
  }
  return {
    formatVersion: version,
    terraformVersion: typeof json.terraform_version === "string" ? json.terraform_version : undefined,
    resourceChanges: changes(json.resource_changes, "resource_changes", source),
    resourceDrift: changes(json.resource_drift, "resource_drift", source),
    priorState: stateResources(json.prior_state, source),
  };
}

function changes(value: unknown, field: string, source: string): PlanResourceChange[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ReviewInputError(`${source}: ${field} must be a list, got ${typeof value}.`);
  return value.map((rc, i) => {
    if (!isObject(rc) || typeof rc.address !== "string" || typeof rc.type !== "string") {
      throw new ReviewInputError(`${source}: ${field}[${i}] has no address or type; the plan is damaged or not Terraform's format.`);
    }
    if (!isObject(rc.change) || !Array.isArray(rc.change.actions) || !rc.change.actions.every((a) => typeof a === "string")) {
      throw new ReviewInputError(`${source}: ${field}[${i}] (${rc.address}) has no change.actions list; the plan is damaged or not Terraform's format.`);
    }
    const rp = rc.change.replace_paths;
    if (rp !== undefined && (!Array.isArray(rp) || !rp.every(Array.isArray))) {
      throw new ReviewInputError(`${source}: ${field}[${i}] (${rc.address}) has a replace_paths that is not a list of paths.`);
    }
    return rc as unknown as PlanResourceChange;
  });
}

function stateResources(prior: unknown, source: string): StateResource[] {
  if (prior === undefined || prior === null) return [];
  if (!isObject(prior)) throw new ReviewInputError(`${source}: prior_state must be an object.`);
  const out: StateResource[] = [];
  const walk = (module: unknown): void => {
    if (!isObject(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isObject(r) || typeof r.address !== "string") continue;
      out.push({
        address: r.address,
        type: String(r.type ?? ""),
        values: isObject(r.values) ? r.values : {},
        sensitive: r.sensitive_values,
        dependsOn: Array.isArray(r.depends_on) ? r.depends_on.filter((d): d is string => typeof d === "string") : [],
      });
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) walk(child);
  };
  walk(isObject(prior.values) ? prior.values.root_module : undefined);
  return out;
}
