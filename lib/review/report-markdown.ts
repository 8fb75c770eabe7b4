import { Cell, code, heading, line, raw, table } from "./markdown";
import { fittedClusterDiagram } from "./mermaid";
import { ClusterReport, ReportedGrant, IdentityReport } from "./report";
import { fitComment } from "./comment-size";

export interface ReportMarkdownOptions {
  /**
   * The most characters the Markdown may have (a GitHub comment holds 65,536). Over it, the
   * diagrams go first, then each grant table becomes a count per role, and the text says what
   * was left out and how to see it. @default no limit
   */
  readonly maxLength?: number;
}

/** The identity report as GitHub-flavoured Markdown, for a PR comment. Every value from the configuration goes through the escaping layer. */
export function reportMarkdown(report: IdentityReport, options: ReportMarkdownOptions = {}): string {
  return fitComment((level) => render(report, level), options.maxLength);
}

/** 0: everything; 1: no diagrams; 2: grant tables summarised per role. */
function render(report: IdentityReport, level: number): string {
  const out: string[] = ["# AKS identity report", ""];
  const clusters = report.stacks.reduce((n, s) => n + s.clusters.length, 0);
  const grants = report.stacks.reduce((n, s) => n + s.otherGrants.length + s.clusters.reduce((m, c) => m + c.grants.length, 0), 0);
  out.push(`${report.stacks.length} stack(s), ${clusters} cluster(s), ${grants} role assignment(s).`, "");
  if (level > 0) {
    out.push(line(raw("> **Shortened to fit one comment**: "), level === 1 ? "the diagrams are left out." : "the diagrams are left out and each table of role assignments is a count per role and identity.",
      " Run ", code("aks-identity report --format json"), " (or see the workflow's job summary) for every grant."), "");
  }
  for (const stack of report.stacks) {
    out.push(heading(2, "Stack ", code(stack.name)), "");
    if (stack.notRead.length > 0) {
      out.push(line(raw("**Not read**: "), "Terraform reads these, this report did not:"), "", ...stack.notRead.map((n) => `- ${line(n)}`), "");
    }
    if (stack.clusters.length === 0) out.push(line("No ", code("azurerm_kubernetes_cluster"), " in this stack."), "");
    for (const cluster of stack.clusters) out.push(...clusterSection(cluster, level));
    if (stack.otherGrants.length > 0) {
      out.push(heading(3, "Other role assignments"), "", "These go to no identity of a cluster in this stack.", "", grantTable(stack.otherGrants, level), "");
    }
  }
  return out.join("\n");
}

function clusterSection(cluster: ClusterReport, level: number): string[] {
  const out = [heading(3, "Cluster ", code(cluster.name), " (", code(cluster.address), ")"), ""];
  out.push(heading(4, "Identities"), "", table(
    ["Identity", "Type", "Created by", "Bring your own", "Resource"],
    cluster.identities.map((i) => [i.label, i.type, i.createdBy, i.bringYourOwn ? "yes" : "no", i.resource ? { code: i.resource } : "-"]),
  ), "");
  out.push(heading(4, "Role assignments"), "");
  out.push(cluster.grants.length === 0 ? "None in this configuration." : grantTable(cluster.grants, level), "");
  out.push(heading(4, "Permissions AKS gives by default"), "", table(
    ["Identity", "Role", "Scope", "Note"],
    cluster.identities.flatMap((i) => i.defaults.length === 0
      ? [[i.label, "none", "-", i.kind === "kubelet" ? "AcrPull only where a registry is attached" : ""]]
      : i.defaults.map((d) => [i.label, d.role, d.scope, d.note ?? ""])),
  ), "");
  if (level === 0) {
    const diagram = fittedClusterDiagram(cluster);
    out.push(heading(4, "Identity → role → scope"), "");
    if (diagram.mermaid !== undefined) out.push("```mermaid", diagram.mermaid, "```", "");
    if (diagram.note !== undefined) out.push(line(diagram.note), "");
  }
  return out;
}

function grantTable(grants: readonly ReportedGrant[], level: number): string {
  if (level >= 2) {
    const counts = new Map<string, { role: string; principal: string; n: number }>();
    for (const g of grants) {
      const key = `${g.role}\u0000${g.principal}`;
      const c = counts.get(key) ?? { role: g.role, principal: g.principal, n: 0 };
      c.n++;
      counts.set(key, c);
    }
    return table(["Role", "Principal", "Role assignments"], [...counts.values()].map((c) => [c.role, c.principal, String(c.n)]));
  }
  return table(
    ["Role", "Scope", "Principal", "Created", "Reason", "Address"],
    grants.map((g): Cell[] => [
      g.role,
      g.forEach !== undefined ? [{ code: g.scope }, ` (for each value of `, { code: g.forEach }, `, known at plan time)`] : { code: g.scope },
      g.principalExpression !== undefined ? [g.principal, " via ", { code: g.principalExpression }] : g.principal,
      g.timing,
      g.reason,
      { code: g.address },
    ]),
  );
}
