import { ClusterReport } from "./report";

/**
 * A Mermaid flowchart of identity -> role -> scope for one cluster, which GitHub renders in
 * a PR comment. Solid arrows are this configuration's grants (edge label: before or after
 * the cluster); dotted arrows are what AKS grants by itself.
 */
export function clusterDiagram(cluster: ClusterReport): string {
  const lines = ["flowchart LR"];
  const ids = new Map<string, string>();
  const node = (key: string, shape: (label: string) => string, label: string): string => {
    let id = ids.get(key);
    if (id === undefined) {
      id = `n${ids.size}`;
      ids.set(key, id);
      lines.push(`  ${id}${shape(text(label))}`);
    }
    return id;
  };
  const identityShape = (l: string) => `("${l}")`;
  const roleShape = (l: string) => `["${l}"]`;
  const scopeShape = (l: string) => `[["${l}"]]`;

  for (const identity of cluster.identities) {
    node(`identity:${identity.key}`, identityShape, `${identity.label}\n${identity.type}${identity.bringYourOwn ? ", bring your own" : ""}${identity.resource ? `\n${identity.resource}` : ""}`);
  }
  cluster.grants.forEach((g, i) => {
    const from = g.identityKey !== undefined ? ids.get(`identity:${g.identityKey}`)! : node(`principal:${g.principal}`, identityShape, g.principal);
    const role = node(`grant:${i}`, roleShape, g.role);
    const scope = node(`scope:${g.scope}`, scopeShape, g.scope);
    lines.push(`  ${from} --> ${role}`, `  ${role} -->|"${text(g.timing)}"| ${scope}`);
  });
  for (const identity of cluster.identities) {
    identity.defaults.forEach((d, i) => {
      const role = node(`default:${identity.key}:${i}`, roleShape, `${d.role}\n(AKS default)`);
      const scope = node(`scope:${d.scope}`, scopeShape, d.scope);
      lines.push(`  ${ids.get(`identity:${identity.key}`)} -.-> ${role}`, `  ${role} -.-> ${scope}`);
    });
  }
  return lines.join("\n");
}

/** Mermaid label text: entity codes for the characters that end or confuse a quoted label. */
export function text(label: string): string {
  return label
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/\n/g, "<br/>");
}
