import { isObject, JsonObject } from "../terraform-json/blocks";
import { referenceOf, referencesIn, referenceText } from "../terraform-json/expressions";
import { ADDON_IDENTITY_BLOCKS } from "./cluster-identities";
import { FORCE_NEW, forcesReplacement, ForceNewRow, sameValue } from "./force-new";
import { PlanResourceChange, StateResource, TerraformPlan } from "./plan-json";
import { PlanPath } from "./sensitive";
import { JsonStackModel, TfResource } from "./stack-model";

/** Arguments that steer Terraform rather than describe the resource: never a change of the resource itself. */
const META = new Set(["depends_on", "lifecycle", "provider", "count", "for_each", "connection", "provisioner", "//", "timeouts"]);
/** Map-typed attributes: an object there is a value, not a nested block. */
const MAPS = new Set(["tags", "node_labels", "triggers", "triggers_replace", "metadata", "labels", "annotations", "custom_ca_trust_certificates_base64"]);

const BY_TYPE = new Map<string, ForceNewRow[]>();
for (const row of FORCE_NEW) BY_TYPE.set(row.type, [...(BY_TYPE.get(row.type) ?? []), row]);

/**
 * The plan Terraform would make to go from one stack's configuration to another's, as far as
 * the configurations alone tell: created, deleted, updated in place, or replaced because an
 * attribute in the azurerm v4.55.0 ForceNew table changed (see force-new.ts). Values known
 * only at apply time stay their `${...}` expressions, and each resource's computed identity
 * attributes are their own reference (`${azurerm_kubernetes_cluster.c.identity[0].principal_id}`),
 * so plan-check can tell which grant goes to which identity. A reference to a replaced
 * resource is a changed value too (its ID or principal is new), which can replace the resource
 * that holds it. `lifecycle.ignore_changes` is honoured.
 */
export function planFromConfigurations(base: JsonStackModel | undefined, head: JsonStackModel | undefined, source: string): TerraformPlan {
  const before = managed(base);
  const after = managed(head);
  const addresses = [...new Set([...before.keys(), ...after.keys()])];
  const diffs = new Map<string, ResourceDiff>();
  for (const address of addresses) {
    const b = before.get(address);
    const a = after.get(address);
    if (b && a) diffs.set(address, diffResource(b, a));
  }
  // A replaced resource gets new computed values: what refers to it changes too, until nothing more is replaced.
  const replaced = new Set([...diffs].filter(([, d]) => d.replacePaths.length > 0).map(([a]) => a));
  for (let changed = true; changed;) {
    changed = false;
    for (const [address, d] of diffs) {
      if (replaced.has(address)) continue;
      const again = diffResource(before.get(address)!, after.get(address)!, replaced);
      diffs.set(address, again);
      if (again.replacePaths.length > 0) {
        replaced.add(address);
        changed = true;
      } else if (again.changed !== d.changed) {
        changed = true;
      }
    }
  }
  const resourceChanges: PlanResourceChange[] = addresses.map((address) => {
    const b = before.get(address);
    const a = after.get(address);
    const r = (a ?? b)!;
    const d = diffs.get(address);
    const actions = !b ? ["create"] : !a ? ["delete"]
      : d!.replacePaths.length > 0 ? (createBeforeDestroy(a) ? ["create", "delete"] : ["delete", "create"])
        : d!.changed ? ["update"] : ["no-op"];
    return {
      address, mode: "managed", type: r.type, name: r.name,
      change: {
        actions,
        before: b ? values(b) : null,
        after: a ? values(a) : null,
        after_unknown: d?.unknown ?? {},
        ...(d && d.replacePaths.length > 0 ? { replace_paths: d.replacePaths } : {}),
      },
    };
  });
  const priorState: StateResource[] = [...before.values()].map((r) => ({ address: r.address, type: r.type, values: values(r), sensitive: {}, dependsOn: r.dependsOn }));
  return { source, formatVersion: "1.2", resourceChanges, resourceDrift: [], priorState };
}

function managed(stack: JsonStackModel | undefined): Map<string, TfResource> {
  return new Map((stack?.resources ?? []).filter((r) => r.mode === "managed").map((r) => [r.address, r]));
}

function createBeforeDestroy(r: TfResource): boolean {
  const lc = Array.isArray(r.body.lifecycle) ? r.body.lifecycle[0] : r.body.lifecycle;
  return isObject(lc) && lc.create_before_destroy === true;
}

interface ResourceDiff {
  readonly changed: boolean;
  readonly replacePaths: PlanPath[];
  readonly unknown: JsonObject;
}

function diffResource(b: TfResource, a: TfResource, replaced: ReadonlySet<string> = new Set()): ResourceDiff {
  const ignored = ignoreChanges(a);
  if (ignored === "all") return { changed: false, replacePaths: [], unknown: {} };
  const before = leaves(config(b.body));
  const after = leaves(config(a.body));
  const paths = new Set([...before.keys(), ...after.keys()]);
  const rows = BY_TYPE.get(a.type) ?? [];
  const unknown: JsonObject = {};
  const replacePaths: PlanPath[] = [];
  let changed = false;
  const temporaryNameForRotation = after.get(pathKey(["default_node_pool", 0, "temporary_name_for_rotation"]))?.value;
  for (const key of paths) {
    const bv = before.get(key);
    const av = after.get(key);
    const path = (av ?? bv)!.path;
    if (ignored.some((i) => i === configPath(path) || configPath(path).startsWith(`${i}.`))) continue;
    // A value that refers to a replaced resource is new after apply, though its text is the same.
    const cascaded = av !== undefined && referencesIn(av.value).some((r) => replaced.has(r.address));
    if (!cascaded && sameValue(bv?.value, av?.value)) continue;
    changed = true;
    if (cascaded) setAt(unknown, path, true);
    const row = rows.find((r) => r.when !== "block" && r.path === configPath(path));
    if (row && (cascaded || forcesReplacement(row, bv?.value, av?.value, { temporaryNameForRotation }))) replacePaths.push(path);
  }
  // Nested blocks that force replacement when added or removed.
  for (const row of rows.filter((r) => r.when === "block")) {
    const present = (body: JsonObject) => row.path.split(".").reduce<unknown>((v, k) => (isObject(v) ? firstOf(v[k]) : undefined), body) !== undefined;
    if (ignored.includes(row.path)) continue;
    if (forcesReplacement(row, present(b.body) ? true : undefined, present(a.body) ? true : undefined)) {
      replacePaths.push(row.path.split(".").flatMap((k, i, all) => (i < all.length - 1 ? [k, 0] : [k])));
      changed = true;
    }
  }
  return { changed, replacePaths, unknown };
}

function firstOf(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** lifecycle.ignore_changes as configuration paths (`description`, `tags`), or "all". */
function ignoreChanges(r: TfResource): string[] | "all" {
  const lc = firstOf(r.body.lifecycle);
  if (!isObject(lc)) return [];
  const list = lc.ignore_changes;
  if (list === "all" || list === "${all}") return "all";
  if (!Array.isArray(list)) return [];
  return list.filter((x): x is string => typeof x === "string")
    .map((x) => x.replace(/^\$\{\s*|\s*\}$/g, "").replace(/\[[^\]]*\]/g, "").replace(/\.\d+(?=\.|$)/g, ""));
}

/** The body as Terraform's plan shows it: nested blocks as lists, references in canonical form, meta-arguments out. */
function config(body: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(body)) if (!META.has(k)) out[k] = normalize(v, k);
  return out;
}

function normalize(v: unknown, key: string): unknown {
  if (typeof v === "string") {
    const ref = referenceOf(v);
    return ref && !v.includes("(") ? `\${${referenceText(ref)}}` : v;
  }
  if (Array.isArray(v)) return v.map((x) => normalize(x, key));
  if (isObject(v)) {
    const obj = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x, k)]));
    return MAPS.has(key) ? obj : [obj];
  }
  return v;
}

/** The resource's values in the plan: its configuration plus its computed identity attributes as references to themselves. */
function values(r: TfResource): JsonObject {
  const v = config(r.body);
  const self = (attribute: string) => `\${${r.address}.${attribute}}`;
  if (r.type === "azurerm_kubernetes_cluster") {
    const identity = firstOf(v.identity);
    if (isObject(identity)) v.identity = [{ ...identity, principal_id: self("identity[0].principal_id"), tenant_id: self("identity[0].tenant_id") }];
    const kubelet = isObject(firstOf(v.kubelet_identity)) ? firstOf(v.kubelet_identity) as JsonObject : {};
    v.kubelet_identity = [{ object_id: self("kubelet_identity[0].object_id"), client_id: self("kubelet_identity[0].client_id"), user_assigned_identity_id: self("kubelet_identity[0].user_assigned_identity_id"), ...kubelet }];
    for (const [addon, attribute] of Object.entries(ADDON_IDENTITY_BLOCKS)) {
      const block = firstOf(v[addon]);
      if (isObject(block)) v[addon] = [{ ...block, [attribute]: [{ object_id: self(`${addon}[0].${attribute}[0].object_id`) }] }];
    }
  } else if (r.type === "azurerm_user_assigned_identity") {
    Object.assign(v, { principal_id: self("principal_id"), client_id: self("client_id"), tenant_id: self("tenant_id") });
  }
  v.id ??= self("id");
  return v;
}

interface Leaf { readonly path: PlanPath; readonly value: unknown }

/** Every leaf value by path (a list of scalars is one leaf); iterative, so deep input cannot overflow the stack. */
function leaves(body: JsonObject): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const stack: [PlanPath, unknown][] = [[[], body]];
  while (stack.length > 0) {
    const [path, v] = stack.pop()!;
    // Children pushed last-first, so leaves come out in the configuration's order.
    if (Array.isArray(v) && v.some(isObject)) v.map((x, i) => [[...path, i], x] as [PlanPath, unknown]).reverse().forEach((e) => stack.push(e));
    else if (isObject(v) && (path.length === 0 || !MAPS.has(String(path[path.length - 1])))) Object.entries(v).map(([k, x]) => [[...path, k], x] as [PlanPath, unknown]).reverse().forEach((e) => stack.push(e));
    else out.set(pathKey(path), { path, value: v });
  }
  return out;
}

function pathKey(path: PlanPath): string {
  return JSON.stringify(path);
}

/** `kubelet_identity[0].client_id` -> `kubelet_identity.client_id`: the path of a ForceNew row. */
function configPath(path: PlanPath): string {
  return path.filter((p) => typeof p === "string").join(".");
}

function setAt(target: JsonObject, path: PlanPath, value: unknown): void {
  let t: JsonObject | unknown[] = target;
  path.forEach((p, i) => {
    const last = i === path.length - 1;
    const next = typeof path[i + 1] === "number" ? [] : {};
    if (Array.isArray(t)) {
      if (last) t[p as number] = value;
      else t = (t[p as number] ??= next) as JsonObject | unknown[];
    } else {
      if (last) t[p as string] = value;
      else t = (t[p as string] ??= next) as JsonObject | unknown[];
    }
  });
}
