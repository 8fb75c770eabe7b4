import * as fs from "fs";
import * as path from "path";
import { guardrailsTable } from "../lib/checks/registry";
import { replaceGeneratedTable } from "../lib/docs/identity-table";
import { replaceBetweenMarkers } from "../lib/docs/markers";
import { replaceNetworkGrantsTable } from "../lib/docs/network-table";
import { replaceSecurityGrantsTable } from "../lib/docs/security-table";

// Regenerates the README's tables: the managed identity, network and security grant tables from the
// catalog (lib/catalog, and each add-on in lib/addons), and the guardrail rule table from lib/checks/registry.ts.
const readmePath = path.join(__dirname, "..", "README.md");
const before = fs.readFileSync(readmePath, "utf8");
const BEGIN = "<!-- guardrails:rules -->";
const END = "<!-- /guardrails:rules -->";
const after = replaceBetweenMarkers(replaceSecurityGrantsTable(replaceNetworkGrantsTable(replaceGeneratedTable(before))), BEGIN, END, guardrailsTable());
if (after === before) {
  process.stdout.write("README.md is up to date.\n");
} else {
  fs.writeFileSync(readmePath, after);
  process.stdout.write("README.md: regenerated the managed identity, network grant, security grant and guardrail tables.\n");
}
