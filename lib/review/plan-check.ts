import { findRole } from "../roles";
import { ADDON_IDENTITY_BLOCKS } from "./cluster-identities";
import { PlanResourceChange, StateResource, TerraformPlan } from "./plan-json";
import { ACCESS_POLICY, accessPolicyRole } from "./access-policy";
import { at, PlanPath, pathText, Shown, showText, valueAt } from "./sensitive";
import { isObject } from "../terraform-json/blocks";
import { code, fragment, line, Md, text } from "./markdown";

export type PlanFindingKind =
  | "cluster-replace"
  | "cluster-delete"
  | "kubelet-identity-change"
  | "mi-to-sp"
  | "control-plane-identity-swap"
  | "sp-to-mi"
  | "grant-deleted"
  | "grant-replaced"
  | "kubernetes-access-removed"
  | "tenant-change"
  | "oidc-issuer-disabled";

/**
 * One identity-related change a reviewer must see. Every text in it is safe to print: no
 * sensitive value, and `details` are Markdown lines whose values went through the escaping layer.
 */
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
  /** What was checked, when it is not a Terraform plan (aks-identity diff: the two synthesized outputs). */
  readonly source?: string;
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

  const index = new PlanIndex(plan);
  for (const rc of clusterChanges) raw.push(...clusterFindings(rc, plan, index));
  for (const rc of plan.resourceChanges) {
    if ((rc.type !== GRANT && rc.type !== ACCESS_POLICY) || !rc.change.actions.includes("delete")) continue;
    const f = grantFinding(rc, index, deletedClusters) ?? kubernetesAccessFinding(rc, index, deletedClusters);
    if (f) raw.push(f);
  }
  const drift = new Set(plan.resourceDrift);
  const tenantReported = new Set<string>();
  for (const rc of [...plan.resourceChanges, ...plan.resourceDrift]) {
    if (rc.type !== CLUSTER && rc.type !== UAI) continue;
    const f = tenantFinding(rc, drift.has(rc));
    if (f && !tenantReported.has(f.address)) {
      tenantReported.add(f.address);
      raw.push(f);
    }
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
    ...(plan.source !== undefined ? { source: plan.source } : {}),
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

/** A cluster this plan creates under another address with the deleted one's name and resource group. */
function renamedTo(deleted: PlanResourceChange, plan: TerraformPlan): string | undefined {
  const key = (v: unknown) => {
    const name = at(v, ["name"]);
    const rg = at(v, ["resource_group_name"]);
    return typeof name === "string" && typeof rg === "string" ? `${rg.toLowerCase()}/${name.toLowerCase()}` : undefined;
  };
  const wanted = key(deleted.change.before);
  if (wanted === undefined) return undefined;
  return plan.resourceChanges.find((rc) => rc.type === CLUSTER && rc.address !== deleted.address && rc.change.actions.includes("create") &&
    !isObject(rc.change.before) && key(rc.change.after) === wanted)?.address;
}

function clusterFindings(rc: PlanResourceChange, plan: TerraformPlan, index: PlanIndex): Omit<PlanFinding, "acknowledged">[] {
  const { actions, before, after } = rc.change;
  const out: Omit<PlanFinding, "acknowledged">[] = [];
  if (!isObject(before)) return out; // created: nothing existing to break
  const a = rc.address;
  if (isDelete(actions)) {
    const renamed = renamedTo(rc, plan);
    out.push({ kind: "cluster-delete", address: a, blocking: true, title: "Cluster deleted",
      details: [
        "The cluster, its node pools and every identity AKS made for it (system-assigned, kubelet, add-ons) are deleted.",
        ...(renamed ? [`\`${renamed}\` creates a cluster with the same name and resource group: this looks like a renamed construct id (in cdktf the id is the Terraform address). Keep the old id, or move the state instead of replacing the cluster: a \`moved\` block from \`${a}\` to \`${renamed}\` (cdktf: \`resource.moveFromId("${a}")\`), or \`terraform state mv\`.`] : []),
        ack("--allow-delete", a),
      ] });
    return out;
  }
  const forcedBy = (rc.change.replace_paths ?? []).map(pathText);
  if (isReplace(actions)) {
    out.push({ kind: "cluster-replace", address: a, blocking: true, title: "Cluster replaced",
      details: [
        forcedBy.length > 0 ? line("Forced by: ", ...list(forcedBy.map((p) => code(p))), ".") : line(`Forced by: not stated in the plan (action_reason ${rc.action_reason ?? "none"}).`),
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
        line(code("kubelet_identity[0].user_assigned_identity_id"), ": ", show(rc, "before", ["kubelet_identity", 0, "user_assigned_identity_id"]), " → ", show(rc, "after", ["kubelet_identity", 0, "user_assigned_identity_id"]), "."),
        "Every kubelet_identity field forces replacement of the whole cluster (terraform-provider-azurerm #24532), including adding one to an existing cluster.",
        "The control plane needs Managed Identity Operator on the new identity before the cluster is created (CustomKubeletIdentityMissingPermissionError otherwise).",
        ack("--allow-replace", a),
      ] });
  }

  // aks-docs articles/aks/use-oidc-issuer.md: "You can't disable OIDC issuer once enabled." azurerm
  // 4.55 sends the update anyway (no ForceNew, no CustomizeDiff), so the apply fails.
  if (at(before, ["oidc_issuer_enabled"]) === true && at(after, ["oidc_issuer_enabled"]) !== true && valueAt(rc.change, "after", ["oidc_issuer_enabled"]).kind !== "unknown") {
    out.push({ kind: "oidc-issuer-disabled", address: a, blocking: true, title: "OIDC issuer turned off",
      details: [
        line(code("oidc_issuer_enabled"), ": ", code("true"), " → ", show(rc, "after", ["oidc_issuer_enabled"]), "."),
        "AKS cannot turn the OIDC issuer off once it is on (aks-docs use-oidc-issuer.md), and azurerm 4.55 sends the change as an in-place update, so the apply fails; workload identities that trust the issuer would stop working.",
        "Keep oidc_issuer_enabled = true.",
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
        ...pools.map((p) => line("Then run: ", code(`az aks nodepool upgrade --resource-group ${shellQuote(rg)} --cluster-name ${shellQuote(name)} --name ${shellQuote(p)} --node-image-only`), " (and the same for every other node pool).")),
      ] });
  } else if (isObject(bId) && isObject(aId) && identitySwapped(rc)) {
    const remaining = grantsToOldIdentity(rc, plan, index);
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
  return (shown.kind === "value" && Array.isArray(shown.value) ? fragment(" (", ...list(shown.value.map((id) => code(String(id)))), ")") : fragment(` (${showText(shown)})`)).markdown;
}

/** Role assignments in the prior state whose principal is the cluster's old control-plane identity. */
function grantsToOldIdentity(rc: PlanResourceChange, plan: TerraformPlan, index: PlanIndex): string[] {
  const principals = new Set<string>();
  const before = rc.change.before;
  const sysPrincipal = at(before, ["identity", 0, "principal_id"]);
  if (typeof sysPrincipal === "string" && sysPrincipal !== "") principals.add(sysPrincipal.toLowerCase());
  for (const id of arr(at(before, ["identity", 0, "identity_ids"]))) {
    const p = index.uaiPrincipal(id);
    if (p) principals.add(p);
  }
  return plan.priorState
    .filter((r) => r.type === GRANT && principals.has(String(r.values.principal_id ?? "").toLowerCase()))
    .map((r) => line(code(r.address), ` (${stateRole(r)} on ${stateValue(r, "scope")})`));
}

function grantFinding(rc: PlanResourceChange, index: PlanIndex, deletedClusters: Set<string>): Omit<PlanFinding, "acknowledged"> | undefined {
  // An access policy is the grant on a vault without Azure RBAC (KMS, web app routing): object_id is its principal.
  const principal = String(at(rc.change.before, ["principal_id"]) ?? at(rc.change.before, ["object_id"]) ?? "").toLowerCase();
  const reasons: string[] = [];
  let cluster: string | undefined;
  for (const c of index.clustersFor(rc.address, principal)) {
    const dependsOn = index.dependsOn(c, rc.address);
    const who = principal === "" ? undefined : index.principals(c).get(principal);
    if (!dependsOn && !who) continue;
    cluster = c.address;
    if (dependsOn) reasons.push(line(code(c.address), " depends on it (it was created before the cluster, which needs it)."));
    if (who) reasons.push(line(`It goes to the ${who} of `, code(c.address), "."));
    break;
  }
  if (!cluster) return undefined;
  const role = roleOf(rc);
  const scope = show(rc, "before", [rc.type === ACCESS_POLICY ? "key_vault_id" : "scope"]);
  const what = line(role, " on ", scope);
  if (isReplace(rc.change.actions)) {
    return { kind: "grant-replaced", address: rc.address, blocking: false, title: "Grant the cluster needs is replaced",
      details: [`${what}.`, ...forcedByLine(rc), ...reasons, "It is missing between the delete and the create, and a new role assignment can take minutes to take effect (up to 60 for the cluster identity)."] };
  }
  const clusterGoes = deletedClusters.has(cluster);
  return { kind: "grant-deleted", address: rc.address, blocking: !clusterGoes, title: "Grant the cluster needs is deleted",
    details: [`${what}.`, ...reasons, consequence(role),
      clusterGoes ? line("Not blocking on its own: ", code(cluster), " is deleted or replaced in this plan too.") : ack("--allow-delete", rc.address)] };
}

/** principal id (lower-case) -> which identity of the cluster it is. */
function clusterPrincipals(c: StateResource, index: PlanIndex): Map<string, string> {
  const m = new Map<string, string>();
  const put = (id: unknown, who: string) => { if (typeof id === "string" && id !== "") m.set(id.toLowerCase(), who); };
  put(at(c.values, ["identity", 0, "principal_id"]), "control-plane identity");
  for (const id of arr(at(c.values, ["identity", 0, "identity_ids"]))) put(index.uaiPrincipal(id), "control-plane identity");
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
      line(code(pathText(path)), ": ", show(rc, "before", path), " → ", show(rc, "after", path), `${drift ? " (changed outside Terraform, found on refresh)" : ""}.`),
      "Moving a managed-identity cluster or its identities to another Microsoft Entra tenant is unsupported: the cluster cannot authenticate with an identity from another tenant. Move it back, or create the cluster again in the new tenant.",
    ] };
}

/**
 * A role assignment on a cluster (or one of its namespaces) deleted: what Azure RBAC for
 * Kubernetes authorization or `az aks get-credentials` gave its principal is gone. Listed so the
 * reviewer sees who loses access; not blocking, since revoking access is often the point.
 */
function kubernetesAccessFinding(rc: PlanResourceChange, index: PlanIndex, deletedClusters: Set<string>): Omit<PlanFinding, "acknowledged"> | undefined {
  if (rc.type !== GRANT || isReplace(rc.change.actions)) return undefined;
  const scope = at(rc.change.before, ["scope"]);
  if (typeof scope !== "string") return undefined;
  const cluster = index.clusterAt(scope);
  if (!cluster || deletedClusters.has(cluster.address)) return undefined;
  return { kind: "kubernetes-access-removed", address: rc.address, blocking: false, title: "Access to the cluster removed",
    details: [
      line(roleOf(rc), " on ", show(rc, "before", ["scope"]), " for ", show(rc, "before", ["principal_id"]), ` (${showText(valueAt(rc.change, "before", ["principal_type"]))}).`),
      line("This principal loses what the role gave it on ", code(cluster.address), ": its Kubernetes API permissions (Azure RBAC for Kubernetes authorization) or the kubeconfig that `az aks get-credentials` fetches."),
    ] };
}

function consequence(role: string): string {
  switch (role) {
    case "Network Contributor": return "Without it the control plane gets 403s on load balancers, public IPs and routes in that network (Azure/terraform-azurerm-aks #178).";
    case "Managed Identity Operator": return "Without it the control plane cannot assign the kubelet identity: scaling and upgrading node pools fail.";
    case "AcrPull": return "Without it nodes cannot pull images from that registry.";
    case "Private DNS Zone Contributor": return "Without it the control plane cannot manage the private cluster's DNS records.";
    case "Key Vault Crypto User": return "Without it KMS cannot use the key to encrypt and decrypt the cluster's secrets in etcd (aks-docs use-kms-etcd-encryption.md).";
    case "Key Vault Crypto Service Encryption User": return "Without it the disk encryption set cannot reach its key, so no encrypted node disk can be created (aks-docs azure-disk-customer-managed-keys.md).";
    default: return "Whatever the cluster does with this role fails once it is gone.";
  }
}

function roleOf(rc: PlanResourceChange): string {
  if (rc.type === ACCESS_POLICY) return accessPolicyRole(rc.change.before, String);
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

/**
 * The prior state, indexed once, so checking a plan is linear in its size: a plan with
 * 40,000 deleted grants asked, per grant, every cluster and every identity again (quadratic).
 */
class PlanIndex {
  private readonly clusters: StateResource[] = [];
  private readonly order = new Map<StateResource, number>();
  private readonly uaiByIdLower = new Map<string, StateResource>();
  /** depends_on entry (a configuration address, or a module) -> the clusters that list it. */
  private readonly dependents = new Map<string, StateResource[]>();
  private readonly principalCache = new Map<StateResource, Map<string, string>>();
  /** principal id (lower-case) -> the clusters whose identity it is. */
  private byPrincipal?: Map<string, StateResource[]>;
  /** resource ID (lower-case) -> cluster. */
  private clustersById?: Map<string, StateResource>;

  constructor(public readonly plan: TerraformPlan) {
    plan.priorState.forEach((r) => {
      if (r.type === UAI && typeof r.values.id === "string") {
        const key = r.values.id.toLowerCase();
        if (!this.uaiByIdLower.has(key)) this.uaiByIdLower.set(key, r);
      }
      if (r.type !== CLUSTER) return;
      this.order.set(r, this.clusters.length);
      this.clusters.push(r);
      for (const d of new Set(r.dependsOn)) {
        const list = this.dependents.get(d) ?? [];
        list.push(r);
        this.dependents.set(d, list);
      }
    });
  }

  /**
   * The cluster whose ID is `scope` or a prefix of it (a namespace: `<id>/namespaces/<name>`). In
   * `aks-identity diff` the ID is the reference `${azurerm_kubernetes_cluster.x.id}`.
   */
  clusterAt(scope: string): StateResource | undefined {
    const id = /^(.*?\/providers\/microsoft\.containerservice\/managedclusters\/[^/]+)(?:\/|$)/i.exec(scope)?.[1]
      ?? /^(\$\{[^}]*\})(?:\/|$)/.exec(scope)?.[1];
    if (id === undefined) return undefined;
    if (!this.clustersById) {
      this.clustersById = new Map();
      for (const c of this.clusters) if (typeof c.values.id === "string") this.clustersById.set(c.values.id.toLowerCase(), c);
    }
    return this.clustersById.get(id.toLowerCase());
  }

  uaiPrincipal(id: unknown): string | undefined {
    if (typeof id !== "string") return undefined;
    const p = this.uaiByIdLower.get(id.toLowerCase())?.values.principal_id;
    return typeof p === "string" && p !== "" ? p.toLowerCase() : undefined;
  }

  principals(c: StateResource): Map<string, string> {
    let m = this.principalCache.get(c);
    if (!m) {
      m = clusterPrincipals(c, this);
      this.principalCache.set(c, m);
    }
    return m;
  }

  /** The clusters that may need a grant (they depend on it or hold its principal), in state order. */
  clustersFor(address: string, principal: string): StateResource[] {
    const found = new Set<StateResource>();
    for (const key of dependencyKeys(address)) for (const c of this.dependents.get(key) ?? []) found.add(c);
    if (principal !== "") {
      if (!this.byPrincipal) {
        this.byPrincipal = new Map();
        for (const c of this.clusters) for (const p of this.principals(c).keys()) {
          const list = this.byPrincipal.get(p) ?? [];
          list.push(c);
          this.byPrincipal.set(p, list);
        }
      }
      for (const c of this.byPrincipal.get(principal) ?? []) found.add(c);
    }
    return [...found].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }

  /**
   * True when the cluster depends on the grant at `address`. State records depends_on as
   * configuration addresses, without instance keys (`module.x.azurerm_role_assignment.y`), so a
   * grant in a module instance (`module.x["a"].azurerm_role_assignment.y[0]`) matches through
   * its configuration address, in the same module instance as the cluster when both are in that module.
   */
  dependsOn(c: StateResource, address: string): boolean {
    const keys = dependencyKeys(address);
    if (!keys.some((k) => this.dependents.get(k)?.includes(c))) return false;
    const grant = parseAddress(address);
    const cluster = parseAddress(c.address);
    if (!grant || !cluster) return true;
    const exact = [address, configAddress(grant)].some((k) => this.dependents.get(k)?.includes(c));
    if (!exact) return true; // depends on the whole module: every instance of it
    const sameModule = grant.modules.map((m) => m.name).join(".") === cluster.modules.map((m) => m.name).join(".");
    return !sameModule || grant.modules.every((m, i) => m.key === cluster.modules[i].key);
  }
}

/** The depends_on entries that name a resource instance: itself, its configuration address, and each module around it. */
function dependencyKeys(address: string): string[] {
  const parsed = parseAddress(address);
  const keys = [address, address.replace(/\[[^\]]*\]$/, "")];
  if (!parsed) return keys;
  keys.push(configAddress(parsed));
  for (let i = 1; i <= parsed.modules.length; i++) keys.push(parsed.modules.slice(0, i).map((m) => `module.${m.name}`).join("."));
  return [...new Set(keys)];
}

interface ParsedAddress { readonly modules: readonly { name: string; key?: string }[]; readonly resource: string; readonly key?: string }

/** `module.x["a"].module.y[0].azurerm_x.y["k"]`, keys kept as written (a quoted key may hold `.`, `]`). */
export function parseAddress(address: string): ParsedAddress | undefined {
  const modules: { name: string; key?: string }[] = [];
  let i = 0;
  const ident = /[A-Za-z_][A-Za-z0-9_-]*/y;
  const readKey = (): string | undefined => {
    if (address[i] !== "[") return undefined;
    const m = /^\[(?:[0-9]+|"(?:[^"\\]|\\.)*")\]/.exec(address.slice(i));
    if (!m) throw new Error("bad key");
    i += m[0].length;
    return m[0];
  };
  try {
    while (address.startsWith("module.", i)) {
      i += 7;
      ident.lastIndex = i;
      const m = ident.exec(address);
      if (!m) return undefined;
      i = ident.lastIndex;
      const key = readKey();
      modules.push({ name: m[0], key });
      if (address[i] !== ".") return undefined;
      i++;
    }
    const rest = /^((?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)/.exec(address.slice(i));
    if (!rest) return undefined;
    i += rest[1].length;
    const key = readKey();
    if (i !== address.length) return undefined;
    return { modules, resource: rest[1], key };
  } catch {
    return undefined;
  }
}

/** The address without instance keys, as state's depends_on writes it. */
function configAddress(a: ParsedAddress): string {
  return [...a.modules.map((m) => `module.${m.name}`), a.resource].join(".");
}

function spBlock(v: unknown): boolean {
  const sp = at(v, ["service_principal", 0]);
  const clientId = at(sp, ["client_id"]);
  // azurerm reports client id "msi" for managed-identity clusters.
  return isObject(sp) && clientId !== "msi";
}

function show(rc: PlanResourceChange, side: "before" | "after", path: PlanPath): Md {
  const s: Shown = valueAt(rc.change, side, path);
  return s.kind === "value" ? code(showText(s)) : text(showText(s));
}

function ack(flag: string, address: string): string {
  return line("If intended, acknowledge it with ", code(`${flag} ${address}`), ".");
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

/** Markdown parts joined by ", ". */
function list(parts: readonly Md[]): (string | Md)[] {
  return parts.flatMap((p, i) => (i === 0 ? [p] : [", ", p]));
}

/** A word for a POSIX shell, single-quoted: a value from the plan cannot end the quote or run a command. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/** "Forced by: `a`, `b`." from the plan's replace_paths, when it states them. */
function forcedByLine(rc: PlanResourceChange): string[] {
  const paths = (rc.change.replace_paths ?? []).map(pathText);
  return paths.length > 0 ? [line("Forced by: ", ...list(paths.map((p) => code(p))), ".")] : [];
}
