import { oneLine } from "./markdown";
import { ClusterReport } from "./report";

/**
 * What GitHub's Mermaid refuses to draw (mermaid 11 defaults: `maxEdges` 500, `maxTextSize`
 * 50,000 characters; mermaid's src/defaultConfig.ts, src/mermaidAPI.ts). A diagram stays
 * under both with a margin, or is summarised, or is left out with a note: never one that
 * shows an error instead of a picture.
 */
export const MERMAID_LIMITS = Object.freeze({ maxEdges: 500, maxTextSize: 50_000 });
const EDGE_BUDGET = 400;
const TEXT_BUDGET = 45_000;
/** Labels longer than this are cut (the tables hold the whole value). */
const LABEL_MAX = 120;

/** A diagram that renders, or why there is none. */
export interface Diagram {
  readonly mermaid?: string;
  /** Said under the diagram (summarised) or instead of it (left out). */
  readonly note?: string;
}

/**
 * A Mermaid flowchart of identity -> role -> scope for one cluster, which GitHub renders in
 * a PR comment. Solid arrows are this configuration's grants (edge label: before or after
 * the cluster); dotted arrows are what AKS grants by itself. A cluster with more grants than
 * Mermaid draws gets one node per identity and role instead, or no diagram.
 */
export function clusterDiagram(cluster: ClusterReport): string {
  return fittedClusterDiagram(cluster).mermaid ?? "";
}

export function fittedClusterDiagram(cluster: ClusterReport): Diagram {
  const full = build(cluster, false);
  if (fits(full)) return { mermaid: full.text };
  const summary = build(cluster, true);
  const grants = cluster.grants.length;
  if (fits(summary)) {
    return { mermaid: summary.text, note: `Summarised: ${grants} grants draw more than GitHub's Mermaid allows (${MERMAID_LIMITS.maxEdges} edges, ${MERMAID_LIMITS.maxTextSize} characters), so each role node counts its grants and scopes; every grant is in the table above.` };
  }
  return { note: `No diagram: ${grants} grants are more than GitHub's Mermaid draws (${MERMAID_LIMITS.maxEdges} edges, ${MERMAID_LIMITS.maxTextSize} characters), even summarised; every grant is in the table above.` };
}

interface Built { text: string; edges: number }

function fits(d: Built): boolean {
  return d.edges <= EDGE_BUDGET && d.text.length <= TEXT_BUDGET;
}

function build(cluster: ClusterReport, summarise: boolean): Built {
  const lines = ["flowchart LR"];
  let edges = 0;
  const ids = new Map<string, string>();
  const node = (key: string, shape: (label: string) => string, label: string): string => {
    let id = ids.get(key);
    if (id === undefined) {
      id = `n${ids.size}`;
      ids.set(key, id);
      lines.push(`  ${id}${shape(label)}`);
    }
    return id;
  };
  const edge = (l: string) => {
    lines.push(l);
    edges++;
  };
  const identityShape = (l: string) => `("${l}")`;
  const roleShape = (l: string) => `["${l}"]`;
  const scopeShape = (l: string) => `[["${l}"]]`;

  for (const identity of cluster.identities) {
    node(`identity:${identity.key}`, identityShape, labelLines(identity.label, `${identity.type}${identity.bringYourOwn ? ", bring your own" : ""}`, identity.resource));
  }
  const from = (g: ClusterReport["grants"][number]) => g.identityKey !== undefined ? ids.get(`identity:${g.identityKey}`)! : node(`principal:${g.principal}`, identityShape, labelLines(g.principal));
  if (summarise) {
    const groups = new Map<string, { from: string; role: string; scopes: Set<string>; count: number }>();
    for (const g of cluster.grants) {
      const f = from(g);
      const key = `${f}\u0000${g.role}`;
      const group = groups.get(key) ?? { from: f, role: g.role, scopes: new Set<string>(), count: 0 };
      group.scopes.add(g.scope);
      group.count++;
      groups.set(key, group);
    }
    [...groups.values()].forEach((group, i) => {
      const role = node(`grants:${i}`, roleShape, labelLines(group.role, `${group.count} grant(s)`));
      const scope = node(`scopes:${i}`, scopeShape, labelLines(`${group.scopes.size} scope(s)`));
      edge(`  ${group.from} --> ${role}`);
      edge(`  ${role} --> ${scope}`);
    });
  } else {
    cluster.grants.forEach((g, i) => {
      const f = from(g);
      const role = node(`grant:${i}`, roleShape, labelLines(g.role));
      const scope = node(`scope:${g.scope}`, scopeShape, labelLines(g.scope));
      edge(`  ${f} --> ${role}`);
      edge(`  ${role} -->|"${label(g.timing)}"| ${scope}`);
    });
  }
  for (const identity of cluster.identities) {
    identity.defaults.forEach((d, i) => {
      const role = node(`default:${identity.key}:${i}`, roleShape, labelLines(d.role, "(AKS default)"));
      const scope = node(`scope:${d.scope}`, scopeShape, labelLines(d.scope));
      edge(`  ${ids.get(`identity:${identity.key}`)} -.-> ${role}`);
      edge(`  ${role} -.-> ${scope}`);
    });
  }
  return { text: lines.join("\n"), edges };
}

/** Several label lines, each escaped, joined by the line break Mermaid draws. */
function labelLines(...parts: (string | undefined)[]): string {
  return parts.filter((p): p is string => p !== undefined).map(label).join("<br/>");
}

/**
 * The one escaping layer for Mermaid label text, inside `"..."`. Mermaid reads `%%{...}%%` as
 * a directive anywhere in the diagram's text (it would restyle or hide nodes), a quote ends
 * the label, a backtick right after the quote starts a Markdown label, and a line terminator
 * (CR, U+2028 too) breaks the parse. So everything but letters, digits, spaces and `._/,()-`
 * becomes an entity code (`#37;` for `%`), which Mermaid turns back into that character as
 * text; the line is cut to LABEL_MAX characters.
 */
export function label(value: string): string {
  let line = oneLine(value);
  if ([...line].length > LABEL_MAX) line = `${[...line].slice(0, LABEL_MAX - 1).join("")}…`;
  return line.replace(/[^A-Za-z0-9 ._/,()\-\u00a0-\uffff]|[\u00a0-\u00bf\ufb00-\ufb4f]/gu, (c) => `#${c.codePointAt(0)};`);
}
