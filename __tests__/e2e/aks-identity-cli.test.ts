import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../flavour";
import { synthesizedExampleApp } from "../helpers";
import { PLANS } from "../review/plan-fixtures";

// The aks-identity command run as npm runs a package bin: node on the JS shim, which loads the
// TypeScript through tsx in this repository (an installed package runs its compiled dist/).

const bin = path.join(ROOT, "bin", "aks-identity.js");
const node = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input, timeout: 60_000 });

// GIVEN: the example app synthesized into a cdktf.out folder, as `npm run synth` does
const exampleOut = synthesizedExampleApp();

describe("the installed command (bin/aks-identity.js)", () => {
  test("runs the TypeScript through tsx: report prints tables, plan-check exits 2 on a blocking finding", async () => {
    // WHEN: run as npm runs a package bin, with node on the JS shim
    const report = execFileSync(process.execPath, [bin, "report", exampleOut()], { encoding: "utf8" });
    expect(report).toContain("| Managed Identity Operator |");
    const check = spawnSync(process.execPath, [bin, "plan-check", path.join(PLANS, "grant-deleted.json")], { encoding: "utf8" });
    expect(check.status).toBe(2);
    expect(check.stdout).toContain("Grant the cluster needs is deleted");
    // THEN: package.json points npm at that shim
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).bin).toEqual({ "aks-identity": "bin/aks-identity.js" });
  });
});

describe("the CLI as a process", () => {
  test("plan-check - reads the plan from standard input, through a pipe", () => {
    const p = node(["plan-check", "-"], fs.readFileSync(path.join(PLANS, "cluster-replace.json"), "utf8"));
    expect(p.status).toBe(2);
    expect(p.stdout).toContain("Cluster replaced");
  });

  test("a closed stdout (| head -1) ends quietly: no EPIPE, no stack trace", () => {
    // GIVEN a report far longer than a pipe's buffer, read by head -1
    const r = spawnSync("bash", ["-c", `"${process.execPath}" "${bin}" report "${exampleOut()}" | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { encoding: "utf8", timeout: 60_000 });
    expect(r.stdout).toBe("# AKS identity report\n");
    expect(r.stderr).toBe("status 0\n");
  });
});
