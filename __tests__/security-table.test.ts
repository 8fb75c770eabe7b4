import * as fs from "fs";
import * as path from "path";
import { renderSecurityGrantsTable, replaceSecurityGrantsTable, SECURITY_TABLE_BEGIN, SECURITY_TABLE_END } from "../lib";

const README = path.join(__dirname, "..", "README.md");

describe("README security grants table", () => {
  test("README.md matches the catalog (run `npm run docs` after changing it)", () => {
    // GIVEN the committed README WHEN its security table is regenerated THEN nothing changes
    const readme = fs.readFileSync(README, "utf8");
    expect(replaceSecurityGrantsTable(readme)).toBe(readme);
  });

  test("lists every grant and access policy of the security features, each with its source", () => {
    // GIVEN / WHEN
    const rows = renderSecurityGrantsTable().split("\n").slice(2);
    // THEN 12 rows (KMS 3, disk encryption 2, Kubernetes access 5, web app routing 2), each citing the docs or az
    expect(rows.map((r) => r.split(" | ").slice(0, 2).join(" | "))).toEqual([
      "| KMS etcd encryption | Key Vault Crypto User",
      "| KMS etcd encryption | access policy (keys Encrypt, Decrypt)",
      "| KMS etcd encryption | Key Vault Contributor",
      "| Disk encryption set | Reader",
      "| Disk encryption set | Key Vault Crypto Service Encryption User",
      "| Entra ID: Kubernetes access | Azure Kubernetes Service RBAC Reader",
      "| Entra ID: Kubernetes access | Azure Kubernetes Service RBAC Writer",
      "| Entra ID: Kubernetes access | Azure Kubernetes Service RBAC Admin",
      "| Entra ID: Kubernetes access | Azure Kubernetes Service RBAC Cluster Admin",
      "| Entra ID: Kubernetes access | Azure Kubernetes Service Cluster User Role",
      "| Web app routing certificates | Key Vault Secrets User",
      "| Web app routing certificates | access policy (secrets Get; certificates Get)",
    ]);
    for (const r of rows) expect(r).toMatch(/\| (aks-docs articles\/aks\/|azure-cli acs\/)[^|]+ \|$/);
  });

  test("drift is detected, and a README without markers is refused", () => {
    const readme = fs.readFileSync(README, "utf8");
    const stale = replaceSecurityGrantsTable(readme, "| stale |");
    expect(replaceSecurityGrantsTable(stale)).toBe(readme);
    expect(readme.indexOf(SECURITY_TABLE_BEGIN)).toBeLessThan(readme.indexOf(SECURITY_TABLE_END));
    expect(() => replaceSecurityGrantsTable("# none")).toThrow(`README.md lacks the markers ${SECURITY_TABLE_BEGIN}`);
  });
});
