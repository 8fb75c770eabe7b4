import { fitComment } from "./comment-size";
import { planFromConfigurations } from "./configuration-plan";
import { Cell, code, heading, line, raw, table } from "./markdown";
import { checkPlan, PlanCheckResult, PlanFinding } from "./plan-check";
import { buildReport, ReportedGrant } from "./report";
import { JsonStackModel } from "./stack-model";

/** A grant that appears, disappears or is replaced between base and head. */
export interface GrantChange {
  readonly change: "gained" | "lost" | "replaced";
  readonly address: string;
  readonly role: string;
  readonly scope: string;
  readonly principal: string;
  /** For a replaced grant: what it was. */
  readonly before?: { readonly role: string; readonly scope: string; readonly principal: string };
}

/** A cluster identity that appears, disappears or changes (type, resource, who creates it). */
export interface IdentityChange {
  readonly cluster: string;
  readonly identity: string;
  readonly before?: string;
  readonly after?: string;
}

export interface StackDiff {
  readonly name: string;
  /** The plan check's findings on the plan the two configurations imply. */
  readonly check: PlanCheckResult;
  readonly grants: readonly GrantChange[];
  readonly identities: readonly IdentityChange[];
}

export interface ConfigurationDiff {
  readonly stacks: readonly StackDiff[];
  /** Stacks with no change are listed by name only. */
  readonly unchanged: readonly string[];
  /** The same exit code as plan-check: 2 when an unacknowledged finding blocks, across all stacks. */
  readonly check: { readonly exitCode: 0 | 2; readonly unmatchedAllowances: readonly string[] };
  readonly markdown: (options?: { maxLength?: number }) => string;
}

export interface DiffOptions {
  /** `<address>` (any stack) or `<stack>:<address>`. */
  readonly allowReplace?: readonly string[];
  readonly allowDelete?: readonly string[];
}

/**
 * What a pull request changes, from two synthesized outputs alone (no plan, no Azure login):
 * per stack, who gains or loses which role on which scope, which identities change, and the
 * plan check's findings on the plan the two configurations imply (see configuration-plan.ts),
 * with its exit codes and allowances.
 */
export function configurationDiff(base: readonly JsonStackModel[], head: readonly JsonStackModel[], options: DiffOptions = {}): ConfigurationDiff {
  const names = [...new Set([...base.map((s) => s.name), ...head.map((s) => s.name)])];
  const stacks: StackDiff[] = [];
  const unchanged: string[] = [];
  const used = new Set<string>();
  for (const name of names) {
    const b = base.find((s) => s.name === name);
    const h = head.find((s) => s.name === name);
    const forStack = (list: readonly string[] | undefined) => (list ?? []).flatMap((a) => (a.startsWith(`${name}:`) ? [a.slice(name.length + 1)] : a.includes(":") ? [] : [a]));
    const plan = planFromConfigurations(b, h, `Configuration diff of stack ${name}, base → head (no plan: replacements from the azurerm 4.55.0 schema)`);
    const check = checkPlan(plan, { allowReplace: forStack(options.allowReplace), allowDelete: forStack(options.allowDelete) });
    for (const f of check.findings.filter((x) => x.acknowledged)) {
      for (const a of [...(options.allowReplace ?? []), ...(options.allowDelete ?? [])]) if (a === f.address || a === `${name}:${f.address}`) used.add(a);
    }
    const grants = grantChanges(b, h);
    const identities = identityChanges(b, h);
    const changedResources = plan.resourceChanges.filter((rc) => !rc.change.actions.every((x) => x === "no-op")).length;
    if (check.findings.length === 0 && grants.length === 0 && identities.length === 0 && changedResources === 0) unchanged.push(name);
    else stacks.push({ name, check, grants, identities });
  }
  const blocking = stacks.some((s) => s.check.exitCode === 2);
  const unmatchedAllowances = [...(options.allowReplace ?? []), ...(options.allowDelete ?? [])].filter((a) => !used.has(a));
  const result: Omit<ConfigurationDiff, "markdown"> = { stacks, unchanged, check: { exitCode: blocking ? 2 : 0, unmatchedAllowances } };
  return { ...result, markdown: (o = {}) => fitComment((level) => render(result, level), o.maxLength) };
}

function allGrants(stack: JsonStackModel | undefined): Map<string, ReportedGrant> {
  if (!stack) return new Map();
  const [report] = buildReport([stack]).stacks;
  return new Map([...report.clusters.flatMap((c) => c.grants), ...report.otherGrants].map((g) => [g.address, g]));
}

function grantChanges(base: JsonStackModel | undefined, head: JsonStackModel | undefined): GrantChange[] {
  const before = allGrants(base);
  const after = allGrants(head);
  const out: GrantChange[] = [];
  for (const [address, g] of after) {
    const was = before.get(address);
    if (!was) out.push({ change: "gained", address, role: g.role, scope: g.scope, principal: g.principal });
    else if (was.role !== g.role || was.scope !== g.scope || was.principal !== g.principal) {
      out.push({ change: "replaced", address, role: g.role, scope: g.scope, principal: g.principal, before: { role: was.role, scope: was.scope, principal: was.principal } });
    }
  }
  for (const [address, g] of before) if (!after.has(address)) out.push({ change: "lost", address, role: g.role, scope: g.scope, principal: g.principal });
  return out;
}

function identityChanges(base: JsonStackModel | undefined, head: JsonStackModel | undefined): IdentityChange[] {
  const describe = (stack: JsonStackModel | undefined) => {
    const m = new Map<string, { cluster: string; identity: string; text: string }>();
    if (!stack) return m;
    for (const c of buildReport([stack]).stacks[0].clusters) {
      for (const i of c.identities) m.set(`${c.address}\u0000${i.key}`, { cluster: c.address, identity: i.label, text: `${i.type}, ${i.createdBy}${i.resource ? `: ${i.resource}` : ""}` });
    }
    return m;
  };
  const before = describe(base);
  const after = describe(head);
  const out: IdentityChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(key);
    const a = after.get(key);
    if (b?.text === a?.text) continue;
    out.push({ cluster: (a ?? b)!.cluster, identity: (a ?? b)!.identity, ...(b ? { before: b.text } : {}), ...(a ? { after: a.text } : {}) });
  }
  return out;
}

/** 0: everything; 1: finding details left out; 2: counts only. */
function render(diff: Omit<ConfigurationDiff, "markdown">, level: number): string {
  const out = [heading(2, "AKS identity diff"), ""];
  const findings = diff.stacks.flatMap((s) => s.check.findings);
  const blocking = findings.filter((f) => f.blocking && !f.acknowledged).length;
  out.push(line("From the two synthesized outputs alone (no plan, no Azure login); which changes replace a resource comes from the azurerm 4.55.0 schema."), "");
  out.push(blocking > 0
    ? line(raw(`**🛑 ${blocking} blocking finding(s)**`), `, ${findings.length - blocking} other. Exit code 2.`)
    : line(raw("**✅ Nothing blocks**"), `: ${findings.length} finding(s). Exit code 0.`), "");
  if (level > 0) out.push(line(raw("> **Shortened to fit one comment**: "), level === 1 ? "the details of each finding are left out." : "only counts are kept.", " Run ", code("aks-identity diff --format json"), " for everything."), "");
  if (diff.stacks.length === 0) out.push("No change to any stack.", "");
  for (const s of diff.stacks) {
    out.push(heading(3, "Stack ", code(s.name)), "");
    if (level >= 2) {
      out.push(line(`${s.check.findings.length} finding(s), ${s.grants.length} role assignment change(s), ${s.identities.length} identity change(s).`), "");
      continue;
    }
    if (s.check.findings.length > 0) {
      out.push(table(["Severity", "Finding", "Resource"], s.check.findings.map((f) => [severity(f), f.title, { code: f.address }])), "");
      if (level === 0) for (const f of s.check.findings) out.push(heading(4, `${icon(f)} ${f.title}: `, code(f.address)), "", ...f.details.map((d) => `- ${d}`), "");
    }
    if (s.grants.length > 0) {
      out.push(heading(4, "Who gains or loses which role"), "", table(["Change", "Role", "Scope", "Principal", "Address"], s.grants.map((g): Cell[] => [
        g.change,
        g.before && g.before.role !== g.role ? [g.before.role, " → ", g.role] : g.role,
        g.before && g.before.scope !== g.scope ? [{ code: g.before.scope }, " → ", { code: g.scope }] : { code: g.scope },
        g.before && g.before.principal !== g.principal ? [g.before.principal, " → ", g.principal] : g.principal,
        { code: g.address },
      ])), "");
    }
    if (s.identities.length > 0) {
      out.push(heading(4, "Identities that change"), "", table(["Cluster", "Identity", "Before", "After"], s.identities.map((i) => [{ code: i.cluster }, i.identity, i.before ?? "(none)", i.after ?? "(none)"])), "");
    }
  }
  if (diff.unchanged.length > 0) out.push(line(`Unchanged: ${diff.unchanged.length} stack(s) (`, ...diff.unchanged.flatMap((n, i) => (i === 0 ? [code(n)] : [", ", code(n)])), ")."), "");
  for (const a of diff.check.unmatchedAllowances) out.push(line("> Note: ", code(a), " was allowed on the command line but matches no finding (a typo, or the change is gone)."), "");
  return out.join("\n");
}

function severity(f: PlanFinding): string {
  return f.acknowledged ? "acknowledged" : f.blocking ? "🛑 blocking" : "⚠️ warning";
}

function icon(f: PlanFinding): string {
  return f.acknowledged ? "☑️" : f.blocking ? "🛑" : "⚠️";
}
