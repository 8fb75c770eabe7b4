import { code, table } from "./markdown";
import { PlanCheckResult } from "./plan-check";

/** The plan check as GitHub-flavoured Markdown, for a PR comment or a job summary. */
export function planCheckMarkdown(result: PlanCheckResult): string {
  const blocking = result.findings.filter((f) => f.blocking && !f.acknowledged).length;
  const acknowledged = result.findings.filter((f) => f.acknowledged).length;
  const warnings = result.findings.filter((f) => !f.blocking).length;
  const out = ["## AKS identity plan check", ""];
  out.push(`Terraform ${result.terraformVersion ?? "(version not stated)"} plan, format ${result.formatVersion}: ${result.resourceChanges} resource change(s), ${result.clustersChanged} cluster(s) changed.`, "");
  out.push(blocking > 0
    ? `**🛑 ${blocking} blocking finding(s)**, ${warnings} warning(s), ${acknowledged} acknowledged. Exit code 2.`
    : `**✅ Nothing blocks**: ${warnings} warning(s), ${acknowledged} acknowledged. Exit code 0.`, "");
  if (result.findings.length === 0) {
    out.push("No change to an AKS cluster's identities or to the role assignments they need.", "");
  } else {
    out.push(table(["Severity", "Finding", "Resource"], result.findings.map((f) => [severity(f), f.title, code(f.address)])), "");
    for (const f of result.findings) {
      out.push(`### ${icon(f)} ${f.title}: ${code(f.address)}`, "", ...f.details.map((d) => `- ${d}`), "");
    }
  }
  if (result.otherChanges.length > 0) {
    out.push("### Other replacements and deletions", "", "Not identity findings; listed so nothing destructive goes unseen.", "");
    out.push(table(["Resource", "Actions", "Forced by"], result.otherChanges.map((c) => [code(c.address), c.actions.join(", "), c.forcedBy.map(code).join(", ") || "-"])), "");
  }
  for (const a of result.unmatchedAllowances) out.push(`> Note: ${code(a)} was allowed on the command line but matches no finding (a typo, or the change is gone).`, "");
  return out.join("\n");
}

function severity(f: { blocking: boolean; acknowledged: boolean }): string {
  return f.acknowledged ? "acknowledged" : f.blocking ? "🛑 blocking" : "⚠️ warning";
}

function icon(f: { blocking: boolean; acknowledged: boolean }): string {
  return f.acknowledged ? "☑️" : f.blocking ? "🛑" : "⚠️";
}
