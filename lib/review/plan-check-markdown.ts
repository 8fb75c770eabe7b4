import { code, heading, line, raw, table } from "./markdown";
import { PlanCheckResult } from "./plan-check";
import { fitComment } from "./comment-size";

export interface PlanCheckMarkdownOptions {
  /** The most characters the Markdown may have (a GitHub comment holds 65,536). @default no limit */
  readonly maxLength?: number;
  /** The heading. @default "AKS identity plan check" */
  readonly title?: string;
}

/** The plan check as GitHub-flavoured Markdown, for a PR comment or a job summary. */
export function planCheckMarkdown(result: PlanCheckResult, options: PlanCheckMarkdownOptions = {}): string {
  return fitComment((level) => render(result, level, options.title ?? "AKS identity plan check"), options.maxLength);
}

/** 0: everything; 1: findings' details left out; 2: only the table of findings. */
function render(result: PlanCheckResult, level: number, title: string): string {
  const blocking = result.findings.filter((f) => f.blocking && !f.acknowledged).length;
  const acknowledged = result.findings.filter((f) => f.acknowledged).length;
  const warnings = result.findings.filter((f) => !f.blocking).length;
  const out = [heading(2, title), ""];
  out.push(line(`${result.source ?? `Terraform ${result.terraformVersion ?? "(version not stated)"} plan, format ${result.formatVersion}`}: ${result.resourceChanges} resource change(s), ${result.clustersChanged} cluster(s) changed.`), "");
  out.push(blocking > 0
    ? line(raw(`**🛑 ${blocking} blocking finding(s)**`), `, ${warnings} warning(s), ${acknowledged} acknowledged. Exit code 2.`)
    : line(raw("**✅ Nothing blocks**"), `: ${warnings} warning(s), ${acknowledged} acknowledged. Exit code 0.`), "");
  if (level > 0) out.push(line(raw("> **Shortened to fit one comment**: "), level === 1 ? "the details of each finding are left out." : "only the table of findings is kept.", " Run with ", code("--format json"), " for everything."), "");
  if (result.findings.length === 0) {
    out.push("No change to an AKS cluster's identities or to the role assignments they need.", "");
  } else {
    out.push(table(["Severity", "Finding", "Resource"], result.findings.map((f) => [severity(f), f.title, { code: f.address }])), "");
    if (level === 0) {
      for (const f of result.findings) {
        out.push(heading(3, `${icon(f)} ${f.title}: `, code(f.address)), "", ...f.details.map((d) => `- ${d}`), "");
      }
    }
  }
  if (result.otherChanges.length > 0 && level < 2) {
    out.push(heading(3, "Other replacements and deletions"), "", "Not identity findings; listed so nothing destructive goes unseen.", "");
    out.push(table(["Resource", "Actions", "Forced by"], result.otherChanges.map((c) => [{ code: c.address }, c.actions.join(", "), c.forcedBy.length === 0 ? "-" : c.forcedBy.flatMap((p, i) => (i === 0 ? [{ code: p }] : [", ", { code: p }]))])), "");
  }
  for (const a of result.unmatchedAllowances) out.push(line("> Note: ", code(a), " was allowed on the command line but matches no finding (a typo, or the change is gone)."), "");
  return out.join("\n");
}

function severity(f: { blocking: boolean; acknowledged: boolean }): string {
  return f.acknowledged ? "acknowledged" : f.blocking ? "🛑 blocking" : "⚠️ warning";
}

function icon(f: { blocking: boolean; acknowledged: boolean }): string {
  return f.acknowledged ? "☑️" : f.blocking ? "🛑" : "⚠️";
}
