import * as fs from "fs";
import * as path from "path";
import { guardrailsTable } from "../lib/checks/registry";
import { replaceGeneratedTable } from "../lib/docs/identity-table";
import { replaceNetworkGrantsTable } from "../lib/docs/network-table";

// Regenerates the README's tables: the managed identity and network grant tables from the catalog
// (lib/catalog, and each add-on in lib/addons), and the guardrail rule table from lib/checks/registry.ts.
const readmePath = path.join(__dirname, "..", "README.md");
const before = fs.readFileSync(readmePath, "utf8");
const BEGIN = "<!-- guardrails:rules -->";
const END = "<!-- /guardrails:rules -->";
let after = replaceNetworkGrantsTable(replaceGeneratedTable(before));
const begin = after.indexOf(BEGIN);
const end = after.indexOf(END);
if (begin < 0 || end < begin) throw new Error(`README.md lacks the markers ${BEGIN} ... ${END}`);
after = `${after.slice(0, begin + BEGIN.length)}\n${guardrailsTable()}\n${after.slice(end)}`;
if (after === before) {
  process.stdout.write("README.md is up to date.\n");
} else {
  fs.writeFileSync(readmePath, after);
  process.stdout.write("README.md: regenerated the managed identity, network grant and guardrail tables.\n");
}
