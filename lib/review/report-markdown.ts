import { cell, code, table } from "./markdown";
import { clusterDiagram } from "./mermaid";
import { ClusterReport, ReportedGrant, IdentityReport } from "./report";

/** The identity report as GitHub-flavoured Markdown, for a PR comment. */
export function reportMarkdown(report: IdentityReport): string {
  const out: string[] = ["# AKS identity report", ""];
  const clusters = report.stacks.reduce((n, s) => n + s.clusters.length, 0);
  const grants = report.stacks.reduce((n, s) => n + s.otherGrants.length + s.clusters.reduce((m, c) => m + c.grants.length, 0), 0);
  out.push(`${report.stacks.length} stack(s), ${clusters} cluster(s), ${grants} role assignment(s).`, "");
  for (const stack of report.stacks) {
    out.push(`## Stack ${code(stack.name)}`, "");
    if (stack.clusters.length === 0) out.push("No `azurerm_kubernetes_cluster` in this stack.", "");
    for (const cluster of stack.clusters) out.push(...clusterSection(cluster));
    if (stack.otherGrants.length > 0) {
      out.push("### Other role assignments", "", "These go to no identity of a cluster in this stack.", "", grantTable(stack.otherGrants), "");
    }
  }
  return out.join("\n");
}

function clusterSection(cluster: ClusterReport): string[] {
  const out = [`### Cluster ${code(cluster.name)} (${code(cluster.address)})`, ""];
  out.push("#### Identities", "", table(
    ["Identity", "Type", "Created by", "Bring your own", "Resource"],
    cluster.identities.map((i) => [i.label, i.type, i.createdBy, i.bringYourOwn ? "yes" : "no", i.resource ? code(i.resource) : "-"]),
  ), "");
  out.push("#### Role assignments", "");
  out.push(cluster.grants.length === 0 ? "None in this configuration." : grantTable(cluster.grants), "");
  out.push("#### Permissions AKS gives by default", "", table(
    ["Identity", "Role", "Scope", "Note"],
    cluster.identities.flatMap((i) => i.defaults.length === 0
      ? [[i.label, "none", "-", i.kind === "kubelet" ? "AcrPull only where a registry is attached" : ""]]
      : i.defaults.map((d) => [i.label, d.role, d.scope, d.note ?? ""])),
  ), "");
  out.push("#### Identity → role → scope", "", "```mermaid", clusterDiagram(cluster), "```", "");
  return out;
}

function grantTable(grants: readonly ReportedGrant[]): string {
  return table(
    ["Role", "Scope", "Principal", "Created", "Reason", "Address"],
    grants.map((g) => [g.role, code(g.scope), g.principal, g.timing, cell(g.reason), code(g.address)]),
  );
}
