import { PlanResourceChange } from "./plan-json";
import { isObject } from "../terraform-json/blocks";

/** Attributes whose values are never printed, whatever the plan's sensitivity marks say. */
export const NEVER_PRINTED: ReadonlySet<string> = new Set([
  "client_secret", "client_key", "client_certificate", "cluster_ca_certificate", "password",
  "kube_config", "kube_config_raw", "kube_admin_config", "kube_admin_config_raw",
]);

export type PlanPath = readonly (string | number)[];

/** A value of a plan, already made safe to print. */
export type Shown =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "sensitive" }
  | { readonly kind: "unknown" }
  | { readonly kind: "absent" };

/**
 * The value at a path of a change's before or after, unless the plan marks it (or a parent)
 * sensitive, the attribute is one that is never printed, or it is known only after apply.
 */
export function valueAt(change: PlanResourceChange["change"], side: "before" | "after", path: PlanPath): Shown {
  if (path.some((p) => typeof p === "string" && NEVER_PRINTED.has(p))) return { kind: "sensitive" };
  const marks = side === "before" ? change.before_sensitive : change.after_sensitive;
  // A composite value is printed whole, so a sensitive part anywhere below hides all of it.
  if (marked(marks, path) || anyMark(at(marks, path))) return { kind: "sensitive" };
  if (side === "after" && marked(change.after_unknown, path)) return { kind: "unknown" };
  const value = at(side === "before" ? change.before : change.after, path);
  if (value === undefined || value === null) return { kind: "absent" };
  if (containsNeverPrinted(value)) return { kind: "sensitive" };
  return { kind: "value", value };
}

/** How a Shown reads in Markdown. */
export function showText(shown: Shown): string {
  switch (shown.kind) {
    case "sensitive": return "(sensitive)";
    case "unknown": return "(known after apply)";
    case "absent": return "(none)";
    case "value": return typeof shown.value === "string" ? shown.value : JSON.stringify(shown.value);
  }
}

/** A path as Terraform prints it: `kubelet_identity[0].client_id`. */
export function pathText(path: PlanPath): string {
  return path.map((p, i) => typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`).join("");
}

/** The raw value at a path (for comparisons only; print through valueAt). */
export function at(value: unknown, path: PlanPath): unknown {
  let v = value;
  for (const p of path) {
    if (Array.isArray(v) && typeof p === "number") v = v[p];
    else if (isObject(v) && typeof p === "string") v = v[p];
    else return undefined;
  }
  return v;
}

/** True when the sensitivity (or unknown) mark tree marks the path or any parent of it. */
function marked(marks: unknown, path: PlanPath): boolean {
  let m = marks;
  if (m === true) return true;
  for (const p of path) {
    if (Array.isArray(m) && typeof p === "number") m = m[p];
    else if (isObject(m) && typeof p === "string") m = m[p];
    else return false;
    if (m === true) return true;
  }
  return false;
}

function anyMark(marks: unknown): boolean {
  if (marks === true) return true;
  if (Array.isArray(marks)) return marks.some(anyMark);
  if (isObject(marks)) return Object.values(marks).some(anyMark);
  return false;
}

function containsNeverPrinted(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsNeverPrinted);
  if (isObject(value)) return Object.entries(value).some(([k, v]) => NEVER_PRINTED.has(k) || containsNeverPrinted(v));
  return false;
}
