import * as fs from "fs";
import * as path from "path";
import { replaceGeneratedTable } from "../lib/docs/identity-table";
import { replaceSecurityGrantsTable } from "../lib/docs/security-table";

// Regenerates the README's managed identity table and security grants table from the catalog (lib/catalog, and each add-on in lib/addons).
const readmePath = path.join(__dirname, "..", "README.md");
const before = fs.readFileSync(readmePath, "utf8");
const after = replaceSecurityGrantsTable(replaceGeneratedTable(before));
if (after === before) {
  process.stdout.write("README.md is up to date.\n");
} else {
  fs.writeFileSync(readmePath, after);
  process.stdout.write("README.md: regenerated the managed identity and security grants tables.\n");
}
