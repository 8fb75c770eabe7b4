import { CONTROL_PLANE_NETWORK_GRANTS } from "../catalog/control-plane-network";
import { LEAST_PRIVILEGE_FOR } from "../catalog/least-privilege";
import { CatalogGrant } from "../catalog/row";
import { replaceBetweenMarkers } from "./markers";

/** Markers around the generated table in README.md. */
export const NETWORK_TABLE_BEGIN = "<!-- generated:network-grants (npm run docs) -->";
export const NETWORK_TABLE_END = "<!-- /generated:network-grants -->";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The README's table of the control plane's network grants, generated from the catalog. */
export function renderNetworkGrantsTable(grants: readonly CatalogGrant[] = Object.values(CONTROL_PLANE_NETWORK_GRANTS)): string {
  return [
    "| grant | role | scope | asked for by | least-privilege alternative (`leastPrivilegeRoles`) | source |",
    "|---|---|---|---|---|---|",
    ...grants.map((g) => {
      const custom = LEAST_PRIVILEGE_FOR[g.id];
      return `| ${[`\`${g.id}\``, g.role.name, g.scope, g.when, custom ? custom.actions.map((a) => `\`${a}\``).join(", ") : "none documented", g.source].map(cell).join(" | ")} |`;
    }),
  ].join("\n");
}

/** README text with the generated table replaced; throws when the markers are missing. */
export function replaceNetworkGrantsTable(readme: string, table = renderNetworkGrantsTable()): string {
  return replaceBetweenMarkers(readme, NETWORK_TABLE_BEGIN, NETWORK_TABLE_END, table);
}
