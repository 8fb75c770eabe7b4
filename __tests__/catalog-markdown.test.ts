import * as fs from "fs";
import * as path from "path";
import { CATALOG_ROWS, renderManagedIdentityTable, replaceGeneratedTable, TABLE_BEGIN, TABLE_END } from "../lib";

const README = path.join(__dirname, "..", "README.md");

describe("README identity table", () => {
  test("README.md matches the catalog (run `npm run docs` after changing the catalog (lib/catalog, lib/addons))", () => {
    // GIVEN: the committed README
    const readme = fs.readFileSync(README, "utf8");
    // WHEN: its generated table is regenerated from the catalog
    // THEN: nothing changes
    expect(replaceGeneratedTable(readme)).toBe(readme);
  });

  test("the table sits inside the add-ons section", () => {
    const readme = fs.readFileSync(README, "utf8");
    const section = readme.slice(readme.indexOf("<!-- section:addons -->"), readme.indexOf("<!-- /section:addons -->"));
    expect(section).toContain(TABLE_BEGIN);
    expect(section).toContain(TABLE_END);
  });

  test("has one line per catalog row, with its grants", () => {
    const table = renderManagedIdentityTable();
    const rows = table.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Identity |"));
    expect(rows).toHaveLength(CATALOG_ROWS.length);
    const agic = rows.find((r) => r.includes("| Ingress application gateway |"))!;
    expect(agic).toContain("Network Contributor on the existing gateway's resource group, when `existingGateway`<br>Reader on the existing gateway's resource group");
    expect(rows.find((r) => r.includes("| Calico |"))).toContain("| none: no identity |");
    expect(rows.find((r) => r.includes("HTTPApplicationRouting"))).toContain("(**retired**: use web application routing (`addons.webAppRouting`))");
  });

  test("detects drift: a changed catalog gives a different README", () => {
    // GIVEN: a README generated from a catalog with one grant fewer
    const readme = fs.readFileSync(README, "utf8");
    const edited = CATALOG_ROWS.map((r) => (r.key === "webAppRouting" ? { ...r, grants: [] } : r));
    // THEN: the real catalog's table no longer matches it
    const stale = replaceGeneratedTable(readme, renderManagedIdentityTable(edited));
    expect(replaceGeneratedTable(stale)).not.toBe(stale);
    expect(replaceGeneratedTable(stale)).toBe(readme);
  });

  test("escapes pipes and refuses a README without markers", () => {
    const table = renderManagedIdentityTable([{ ...CATALOG_ROWS[2], useCase: "a | b" }]);
    expect(table).toContain("a \\| b");
    expect(() => replaceGeneratedTable("# no markers")).toThrow(`README.md lacks the markers ${TABLE_BEGIN}`);
  });
});
