import { CATALOG_ROWS } from "../addons/all";
import { IDENTITY_KINDS } from "../catalog/identity-kinds";
import { CatalogRow } from "../catalog/row";
import { replaceBetweenMarkers } from "./markers";

/** Markers around the generated table in README.md. */
export const TABLE_BEGIN = "<!-- generated:addons-table (npm run docs) -->";
export const TABLE_END = "<!-- /generated:addons-table -->";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function nameCell(e: CatalogRow): string {
  const tags = [
    e.inArticle ? undefined : "beyond the article",
    e.status === "retired" ? `**retired**: use ${e.replacement}` : undefined,
    e.status === "deprecated" ? `**deprecated**: use ${e.replacement}` : undefined,
  ].filter((t) => t !== undefined);
  return `${e.name}${tags.length > 0 ? ` (${tags.join("; ")})` : ""}`;
}

function grantsCell(e: CatalogRow): string {
  if (e.identity === "none") return "none: no identity";
  if (e.grants.length === 0) return "none";
  return e.grants.map((g) => `${g.role.name} on ${g.scope}, when ${g.when}`).join("<br>");
}

/** The README's identity table, generated from the catalog. */
export function renderManagedIdentityTable(rows: readonly CatalogRow[] = CATALOG_ROWS): string {
  const lines = [
    "| Identity | Name | Use case | Default permissions (AKS) | Bring your own identity | Identity AKS creates today | Grants this library adds outside the node resource group | Enable with |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map((e) => `| ${[IDENTITY_KINDS[e.kind], nameCell(e), e.useCase, e.defaultPermissions, e.bringYourOwn, e.identity, grantsCell(e), e.enableWith].map(cell).join(" | ")} |`),
    "",
    "Notes:",
    "",
    ...rows.filter((e) => e.note !== undefined).map((e) => `- **${e.kind === "addon" || e.kind === "oss-project" ? e.name : IDENTITY_KINDS[e.kind]}**: ${e.note}`),
  ];
  return lines.join("\n");
}

/** README text with the generated table replaced; throws when the markers are missing. */
export function replaceGeneratedTable(readme: string, table = renderManagedIdentityTable()): string {
  return replaceBetweenMarkers(readme, TABLE_BEGIN, TABLE_END, table);
}
