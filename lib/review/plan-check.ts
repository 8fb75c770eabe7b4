import { findRole } from "../roles";
import { ADDON_IDENTITY_BLOCKS } from "./cluster-identities";
import { PlanResourceChange, StateResource, TerraformPlan } from "./plan-json";
import { at, PlanPath, pathText, Shown, showText, valueAt } from "./sensitive";
import { isObject } from "../terraform-json/blocks";

export type PlanFindingKind =
  | "cluster-replace"
  | "cluster-delete"
  | "kubelet-identity-change"
  | "mi-to-sp"
  | "control-plane-identity-swap"
  | "sp-to-mi"
  | "grant-deleted"
  | "grant-replaced"
  | "tenant-change";

/** One identity-related change a reviewer must see. Every text in it is safe to print. */
export interface PlanFinding {
  readonly kind: PlanFindingKind;
  /** The resource it is about. */
  readonly address: string;
  /** Blocks the merge (exit 2) unless acknowledged. */
  readonly blocking: boolean;
  /** Acknowledged with --allow-replace / --allow-delete for this address. */
  readonly acknowledged: boolean;
  readonly title: string;
  readonly details: readonly string[];
}

/** A replacement or deletion of something that is not a cluster or a grant to it: listed, never blocking. */
export interface PlanOtherChange {
  readonly address: string;
  readonly actions: readonly string[];
  readonly forcedBy: readonly string[];
}

export interface PlanCheckOptions {
  /** Addresses whose replacement is intended (--allow-replace). */
  readonly allowReplace?: readonly string[];
  /** Addresses whose deletion is intended (--allow-delete). */
  readonly allowDelete?: readonly string[];
}

export interface PlanCheckResult {
  readonly terraformVersion?: string;
  readonly formatVersion: string;
  readonly resourceChanges: number;
  readonly clustersChanged: number;
  readonly findings: readonly PlanFinding[];
  readonly otherChanges: readonly PlanOtherChange[];
  /** --allow-* addresses that matched no finding (likely a typo). */
  readonly unmatchedAllowances: readonly string[];
  /** 0 when nothing blocks, 2 when an unacknowledged finding blocks. */
  readonly exitCode: 0 | 2;
}

const CLUSTER = "azurerm_kubernetes_cluster";
const GRANT = "azurerm_role_assignment";
const UAI = "azurerm_user_assigned_identity";
const REPLACE_KINDS: readonly PlanFindingKind[] = ["cluster-replace", "kubelet-identity-change", "mi-to-sp"];
const DELETE_KINDS: readonly PlanFindingKind[] = ["cluster-delete", "grant-deleted"];

/** Every change to an AKS cluster, its identities and the grants that point at them. */
export function checkPlan(plan: TerraformPlan, options: PlanCheckOptions = {}): PlanCheckResult {
  const allowReplace = new Set(options.allowReplace ?? []);
  const allowDelete = new Set(options.allowDelete ?? []);
  const raw: Omit<PlanFinding, "acknowledged">[] = [];
  const clusterChanges = plan.resourceChanges.filter((rc) => rc.type === CLUSTER && rc.mode === "managed");
  const deletedClusters = new Set(clusterChanges.filter((rc) => isDelete(rc.change.actions) || isReplace(rc.change.actions)).map((rc) => rc.address));

  for (const rc of clusterChanges) raw.push(...clusterFindings(rc, plan));
  for (const rc of plan.resourceChanges.filter((r) => r.type === GRANT && r.change.actions.includes("delete"))) {
    const f = grantFinding(rc, plan, deletedClusters);
    if (f) raw.push(f);
  }
  for (const rc of [...plan.resourceChanges, ...plan.resourceDrift].filter((r) => r.type === CLUSTER || r.type === UAI)) {
    const f = tenantFinding(rc, plan.resourceDrift.includes(rc));
    if (f && !raw.some((x) => x.kind === "tenant-change" && x.address === f.address)) raw.push(f);
  }

  const findings: PlanFinding[] = raw.map((f) => ({
    ...f,
    acknowledged: f.blocking && ((REPLACE_KINDS.includes(f.kind) && allowReplace.has(f.address)) || (DELETE_KINDS.includes(f.kind) && allowDelete.has(f.address))),
  }));
  const used = new Set(findings.filter((f) => f.acknowledged).map((f) => f.address));
  const unmatchedAllowances = [...allowReplace, ...allowDelete].filter((a) => !used.has(a));
  const reported = new Set(findings.map((f) => f.address));
  const otherChanges = plan.resourceChanges
    .filter((rc) => !reported.has(rc.address) && rc.mode === "managed" && (isDelete(rc.change.actions) || isReplace(rc.change.actions)))
    .map((rc) => ({ address: rc.address, actions: rc.change.actions, forcedBy: (rc.change.replace_paths ?? []).map(pathText) }));
  return {
    terraformVersion: plan.terraformVersion,
    formatVersion: plan.formatVersion,
    resourceChanges: plan.resourceChanges.length,
    clustersChanged: clusterChanges.filter((rc) => !rc.change.actions.every((a) => a === "no-op" || a === "read")).length,
    findings,
    otherChanges,
    unmatchedAllowances,
    exitCode: findings.some((f) => f.blocking && !f.acknowledged) ? 2 : 0,
  };
}

function clusterFindings(rc: PlanResourceChange, plan: TerraformPlan): Omit<PlanFinding, "acknowledged">[] {
  const { actions, before, after } = rc.change;
  const out: Omit<PlanFinding, "acknowledged">[] = [];
  if (!isObject(before)) return out; // created: nothing existing to break
  const a = rc.address;
  if (isDelete(actions)) {
    out.push({ kind: "cluster-delete", address: a, blocking: true, title: "Cluster deleted",
      details: ["The cluster, its node pools and every identity AKS made for it (system-assigned, kubelet, add-ons) are deleted.", ack("--allow-delete", a)] });
    return out;
  }
  const forcedBy = (rc.change.replace_paths ?? []).map(pathText);
  if (isReplace(actions)) {
    out.push({ kind: "cluster-replace", address: a, blocking: true, title: "Cluster replaced",
      details: [
        forcedBy.length > 0 ? `Forced by: ${forcedBy.map((p) => `\`${p}\``).join(", ")}.` : `Forced by: not stated in the plan (action_reason ${rc.action_reason ?? "none"}).`,
        `${actions[0] === "delete" ? "Destroyed, then created again" : "A new cluster is created, then the old one destroyed"}: workloads, node pools and AKS-made identities go; the new identities need every grant again.`,
        ack("--allow-replace", a),
      ] });
  }
  if (!isObject(after)) return out;

  // Kubelet identity: every field forces replacement (provider issue #24532).
  const kubeletForced = (rc.change.replace_paths ?? []).some((p) => p[0] === "kubelet_identity");
  const kFields = ["client_id", "object_id", "user_assigned_identity_id"];
  const beforeK = at(before, ["kubelet_identity", 0]);
  const afterK = at(after, ["kubelet_identity", 0]);
  const kChanged = kubeletForced || (isObject(afterK) && kFields.some((f) => {
    const b = at(beforeK, [f]);
    const n = at(afterK, [f]);
    return typeof n === "string" && n !== "" && (typeof b !== "string" || b.toLowerCase() !== n.toLowerCase());
  }));
  if (kChanged) {
    out.push({ kind: "kubelet-identity-change", address: a, blocking: true, title: "Kubelet identity changed",
      details: [
        `\`kubelet_identity[0].user_assigned_identity_id\`: ${show(rc, "before", ["kubelet_identity", 0, "user_assigned_identity_id"])} → ${show(rc, "after", ["kubelet_identity", 0, "user_assigned_identity_id"])}.`,
        "Every kubelet_identity field forces replacement of the whole cluster (terraform-provider-azurerm #24532), including adding one to an existing cluster.",
        "The control plane needs Managed Identity Operator on the new identity before the cluster is created (CustomKubeletIdentityMissingPermissionError otherwise).",
        ack("--allow-replace", a),
      ] });
  }

  const bId = at(before, ["identity", 0]);
  const aId = at(after, ["identity", 0]);
  const bSp = spBlock(before);
  const aSp = spBlock(after);
  if (isObject(bId) && !isObject(aId) && aSp) {
    out.push({ kind: "mi-to-sp", address: a, blocking: true, title: "Managed identity → service principal",
      details: [
        `Control plane: ${show(rc, "before", ["identity", 0, "type"])} → service principal ${show(rc, "after", ["service_principal", 0, "client_id"])}.`,
        "Going from a managed identity back to a service principal forces replacement of the cluster, and the secret must then be rotated by hand.",
        ack("--allow-replace", a),
      ] });
  } else if (bSp && !isObject(bId) && isObject(aId)) {
    const rg = showText(valueAt(rc.change, "before", ["resource_group_name"]));
    const name = showText(valueAt(rc.change, "before", ["name"]));
    const pools = [showText(valueAt(rc.change, "before", ["default_node_pool", 0, "name"]))];
    out.push({ kind: "sp-to-mi", address: a, blocking: false, title: "Service principal → managed identity (in place)",
      details: [
        `Control plane: service principal ${show(rc, "before", ["service_principal", 0, "client_id"])} → ${show(rc, "after", ["identity", 0, "type"])}${identityIds(rc, "after")}.`,
        "Updated in place: the control plane and add-ons switch at once, but kubelets keep using the service principal until each node pool's image is upgraded. Keep the service principal and its secret valid until then.",
        ...pools.map((p) => `Then run: \`az aks nodepool upgrade --resource-group '${rg}' --cluster-name ${name} --name ${p} --node-image-only\` (and the same for every other node pool).`),
      ] });
  } else if (isObject(bId) && isObject(aId) && identitySwapped(rc)) {
    const remaining = grantsToOldIdentity(rc, plan);
    out.push({ kind: "control-plane-identity-swap", address: a, blocking: false, title: "Control-plane identity swapped",
      details: [
        `Control plane: ${show(rc, "before", ["identity", 0, "type"])}${identityIds(rc, "before")} → ${show(rc, "after", ["identity", 0, "type"])}${identityIds(rc, "after")}.`,
        "Updated in place, but AKS keeps using the old identity until its token expires (hours), and the old identity's role assignments are not removed.",
        "Grant the new identity what the old one had before this apply, and remove the old grants afterwards.",
        remaining.length > 0 ? `Role assignments still held by the old identity: ${remaining.join("; ")}.` : "No role assignment to the old identity is in the prior state (grants made outside this configuration may still exist).",
      ] });
  }
  return out;
}

function identitySwapped(rc: PlanResourceChange): boolean {
  const { before, after } = rc.change;
  if (valueAt(rc.change, "after", ["identity", 0, "type"]).kind === "value" && at(before, ["identity", 0, "type"]) !== at(after, ["identity", 0, "type"])) return true;
  const idsShown = valueAt(rc.change, "after", ["identity", 0, "identity_ids"]);
  const bIds = norm(at(before, ["identity", 0, "identity_ids"]));
  if (idsShown.kind === "unknown") return bIds !== "";
  return bIds !== norm(at(after, ["identity", 0, "identity_ids"]));
}

function norm(ids: unknown): string {
  return Array.isArray(ids) ? ids.map((x) => String(x).toLowerCase()).sort().join(",") : "";
}

function identityIds(rc: PlanResourceChange, side: "before" | "after"): string {
  const shown = valueAt(rc.change, side, ["identity", 0, "identity_ids"]);
  if (shown.kind === "absent" || (shown.kind === "value" && Array.isArray(shown.value) && shown.value.length === 0)) return "";
  return shown.kind === "value" && Array.isArray(shown.value) ? ` (${shown.value.map((id) => `\`${String(id)}\``).join(", ")})` : ` (${showText(shown)})`;
}

/** Role assignments in the prior state whose principal is the cluster's old control-plane identity. */
function grantsToOldIdentity(rc: PlanResourceChange, plan: TerraformPlan): string[] {
  const principals = new Set<string>();
  const before = rc.change.before;
  const sysPrincipal = at(before, ["identity", 0, "principal_id"]);
  if (typeof sysPrincipal === "string" && sysPrincipal !== "") principals.add(sysPrincipal.toLowerCase());
  for (const id of arr(at(before, ["identity", 0, "identity_ids"]))) {
    const p = uaiPrincipal(plan, id);
    if (p) principals.add(p);
  }
  return plan.priorState
    .filter((r) => r.type === GRANT && principals.has(String(r.values.principal_id ?? "").toLowerCase()))
    .map((r) => `\`${r.address}\` (${stateRole(r)} on ${stateValue(r, "scope")})`);
}

function grantFinding(rc: PlanResourceChange, plan: TerraformPlan, deletedClusters: Set<string>): Omit<PlanFinding, "acknowledged"> | undefined {
  const principal = String(at(rc.change.before, ["principal_id"]) ?? "").toLowerCase();
  const base = rc.address.replace(/\[[^\]]*\]$/, "");
  const reasons: string[] = [];
  let cluster: string | undefined;
  for (const c of plan.priorState.filter((r) => r.type === CLUSTER)) {
    const dependsOn = c.dependsOn.some((d) => d === rc.address || d === base);
    const who = principal === "" ? undefined : clusterPrincipals(c, plan).get(principal);
    if (!dependsOn && !who) continue;
    cluster = c.address;
    if (dependsOn) reasons.push(`\`${c.address}\` depends on it (it was created before the cluster, which needs it).`);
    if (who) reasons.push(`It goes to the ${who} of \`${c.address}\`.`);
    break;
  }
  if (!cluster) return undefined;
  const role = roleOf(rc);
  const scope = show(rc, "before", ["scope"]);
  const what = `${role} on ${scope}`;
  if (isReplace(rc.change.actions)) {
    return { kind: "grant-replaced", address: rc.address, blocking: false, title: "Grant the cluster needs is replaced",
      details: [`${what}.`, ...reasons, "It is missing between the delete and the create, and a new role assignment can take minutes to take effect (up to 60 for the cluster identity)."] };
  }
  const clusterGoes = deletedClusters.has(cluster);
  return { kind: "grant-deleted", address: rc.address, blocking: !clusterGoes, title: "Grant the cluster needs is deleted",
    details: [`${what}.`, ...reasons, consequence(role),
      clusterGoes ? `Not blocking on its own: \`${cluster}\` is deleted or replaced in this plan too.` : ack("--allow-delete", rc.address)] };
}

/** principal id (lower-case) -> which identity of the cluster it is. */
function clusterPrincipals(c: StateResource, plan: TerraformPlan): Map<string, string> {
  const m = new Map<string, string>();
  const put = (id: unknown, who: string) => { if (typeof id === "string" && id !== "") m.set(id.toLowerCase(), who); };
  put(at(c.values, ["identity", 0, "principal_id"]), "control-plane identity");
  for (const id of arr(at(c.values, ["identity", 0, "identity_ids"]))) put(uaiPrincipal(plan, id), "control-plane identity");
  put(at(c.values, ["kubelet_identity", 0, "object_id"]), "kubelet identity");
  for (const [addon, attr] of Object.entries(ADDON_IDENTITY_BLOCKS)) put(at(c.values, [addon, 0, attr, 0, "object_id"]), `${addon} add-on identity`);
  return m;
}

function tenantFinding(rc: PlanResourceChange, drift: boolean): Omit<PlanFinding, "acknowledged"> | undefined {
  const path: PlanPath = rc.type === UAI ? ["tenant_id"] : ["identity", 0, "tenant_id"];
  const b = at(rc.change.before, path);
  const n = at(rc.change.after, path);
  if (typeof b !== "string" || typeof n !== "string" || b === "" || n === "" || b.toLowerCase() === n.toLowerCase()) return undefined;
  return { kind: "tenant-change", address: rc.address, blocking: false, title: "Identity moved to another tenant",
    details: [
      `\`${pathText(path)}\`: ${show(rc, "before", path)} → ${show(rc, "after", path)}${drift ? " (changed outside Terraform, found on refresh)" : ""}.`,
      "Moving a managed-identity cluster or its identities to another Microsoft Entra tenant is unsupported: the cluster cannot authenticate with an identity from another tenant. Move it back, or create the cluster again in the new tenant.",
    ] };
}

function consequence(role: string): string {
  switch (role) {
    case "Network Contributor": return "Without it the control plane gets 403s on load balancers, public IPs and routes in that network (Azure/terraform-azurerm-aks #178).";
    case "Managed Identity Operator": return "Without it the control plane cannot assign the kubelet identity: scaling and upgrading node pools fail.";
    case "AcrPull": return "Without it nodes cannot pull images from that registry.";
    case "Private DNS Zone Contributor": return "Without it the control plane cannot manage the private cluster's DNS records.";
    default: return "Whatever the cluster does with this role fails once it is gone.";
  }
}

function roleOf(rc: PlanResourceChange): string {
  for (const attr of ["role_definition_name", "role_definition_id"]) {
    const v = valueAt(rc.change, "before", [attr]);
    if (v.kind === "value" && typeof v.value === "string" && v.value !== "") return findRole(v.value)?.name ?? v.value;
  }
  return "(unknown role)";
}

function stateRole(r: StateResource): string {
  const byName = stateValue(r, "role_definition_name");
  if (byName !== "(none)" && byName !== "") return findRole(byName)?.name ?? byName;
  const byId = stateValue(r, "role_definition_id");
  return byId === "(none)" ? "(unknown role)" : findRole(byId)?.name ?? byId;
}

function stateValue(r: StateResource, attr: string): string {
  return showText(valueAt({ actions: [], before: r.values, after: null, before_sensitive: r.sensitive }, "before", [attr]));
}

function uaiPrincipal(plan: TerraformPlan, id: unknown): string | undefined {
  if (typeof id !== "string") return undefined;
  const uai = plan.priorState.find((r) => r.type === UAI && String(r.values.id ?? "").toLowerCase() === id.toLowerCase());
  const p = uai?.values.principal_id;
  return typeof p === "string" && p !== "" ? p.toLowerCase() : undefined;
}

function spBlock(v: unknown): boolean {
  const sp = at(v, ["service_principal", 0]);
  const clientId = at(sp, ["client_id"]);
  // azurerm reports client id "msi" for managed-identity clusters.
  return isObject(sp) && clientId !== "msi";
}

function show(rc: PlanResourceChange, side: "before" | "after", path: PlanPath): string {
  const s: Shown = valueAt(rc.change, side, path);
  return s.kind === "value" ? `\`${showText(s)}\`` : showText(s);
}

function ack(flag: string, address: string): string {
  return `If intended, acknowledge it with \`${flag} ${address}\`.`;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function isDelete(actions: readonly string[]): boolean {
  return actions.length === 1 && actions[0] === "delete";
}

function isReplace(actions: readonly string[]): boolean {
  return actions.includes("delete") && actions.includes("create");
}
