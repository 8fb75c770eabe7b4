import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../bin/aks-identity-cli";
import { synthesizeApp } from "../../lib/synth";
import { buildExampleApp, SCENARIOS } from "../../scenarios";
import { PLANS, SECRETS } from "./plan-fixtures";

const ROOT = path.join(__dirname, "..", "..");

async function run(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, ...(stdin !== undefined ? { stdin: () => stdin } : {}) });
  return { code, out, err };
}

let outdir: string;
beforeAll(() => {
  // GIVEN: the example app synthesized into a cdktf.out folder, as `npm run synth` does
  outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-")), "cdktf.out");
  expect(synthesizeApp(buildExampleApp, { outdir, log: () => undefined }).exitCode).toBe(0);
});
afterAll(() => fs.rmSync(path.dirname(outdir), { recursive: true, force: true }));

describe("aks-identity report", () => {
  test("reads every stack of a cdktf.out folder and prints tables and a diagram per cluster", async () => {
    const r = await run(["report", outdir]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    // One cluster per scenario stack; the grant count is read from the synthesized JSON itself.
    const stacks = Object.keys(SCENARIOS).length;
    const grants = fs.readdirSync(path.join(outdir, "stacks")).reduce((n, s) => n + Object.keys(
      JSON.parse(fs.readFileSync(path.join(outdir, "stacks", s, "cdk.tf.json"), "utf8")).resource?.azurerm_role_assignment ?? {}).length, 0);
    expect(grants).toBeGreaterThan(stacks);
    expect(r.out).toContain(`${stacks} stack(s), ${stacks} cluster(s), ${grants} role assignment(s).`);
    expect(r.out.match(/^#### Identities$/gm)).toHaveLength(stacks);
    expect(r.out.match(/^#### Role assignments$/gm)).toHaveLength(stacks);
    expect(r.out.match(/^```mermaid$/gm)).toHaveLength(stacks);
    expect(r.out).toContain("| Network Contributor | `azurerm_subnet.mySubnet` | control plane (azurerm_user_assigned_identity.myIdentity_4E98E044) | before cluster |");
  });

  test("--format json gives the same facts", async () => {
    const r = await run(["report", outdir, "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const udr = json.stacks.find((s: { name: string }) => s.name === "byo-control-plane-identity-udr");
    expect(udr.clusters[0].grants.map((g: { role: string; scope: string; timing: string }) => [g.role, g.scope, g.timing])).toEqual([
      ["Network Contributor", "azurerm_route_table.myRouteTable", "before cluster"],
      ["Network Contributor", "azurerm_subnet.mySubnet", "before cluster"],
    ]);
  });

  test("one stack's cdk.tf.json, or its folder, works too", async () => {
    const file = path.join(outdir, "stacks", "system-assigned", "cdk.tf.json");
    expect((await run(["report", file])).out).toContain("## Stack `system-assigned`");
    expect((await run(["report", path.dirname(file)])).out).toContain("## Stack `system-assigned`");
  });

  test("a missing folder or bad --format exits 1 with a message", async () => {
    expect(await run(["report", path.join(outdir, "nope")])).toEqual({ code: 1, out: "", err: `aks-identity report: ${path.join(outdir, "nope")} does not exist: run \`cdktf synth\` (here: \`npm run synth\`) first, or pass the folder or cdk.tf.json to report on.\n` });
    expect((await run(["report", outdir, "--format", "yaml"])).err).toBe("aks-identity report: --format \"yaml\" is not known: use markdown or json.\n");
  });
});

describe("aks-identity plan-check", () => {
  const expected: [string, number, string][] = [
    ["cluster-replace.json", 2, "Cluster replaced"],
    ["cluster-delete.json", 2, "Cluster deleted"],
    ["kubelet-identity-change.json", 2, "Kubelet identity changed"],
    ["mi-to-sp.json", 2, "Managed identity → service principal"],
    ["control-plane-identity-swap.json", 0, "Control-plane identity swapped"],
    ["sp-to-mi.json", 0, "Service principal → managed identity (in place)"],
    ["grant-deleted.json", 2, "Grant the cluster needs is deleted"],
    ["tenant-change.json", 0, "Identity moved to another tenant"],
    ["no-identity-change.json", 0, "No change to an AKS cluster's identities"],
    ["terraform-data-replace.json", 0, "| `terraform_data.cluster` | delete, create | `triggers_replace` |"],
  ];
  test.each(expected)("%s -> exit %d, prints %s", async (fixture, code, text) => {
    const r = await run(["plan-check", path.join(PLANS, fixture)]);
    expect(r.code).toBe(code);
    expect(r.out).toContain(text);
    for (const secret of SECRETS) expect(r.out + r.err).not.toContain(secret);
  });

  test("--allow-replace acknowledges the replacement; it can be given more than once", async () => {
    const r = await run(["plan-check", path.join(PLANS, "kubelet-identity-change.json"), "--allow-replace", "azurerm_kubernetes_cluster.aks", "--allow-replace", "azurerm_kubernetes_cluster.other"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("> Note: `azurerm_kubernetes_cluster.other` was allowed");
  });

  test.each([
    ["malformed/not-json.txt", "is not JSON: it does not start with \"{\" (its content is not shown, in case it holds secrets)."],
    ["malformed/truncated.json", "is truncated: the JSON stops in the middle of a value after 1500 bytes"],
    ["malformed/wrong-format-version.json", "has format_version \"2.0\"; this tool reads format 1.x"],
  ])("malformed %s -> exit 1 and says what is wrong", async (fixture, message) => {
    const r = await run(["plan-check", path.join(PLANS, fixture)]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain(`aks-identity plan-check: ${path.join(PLANS, fixture)} ${message}`);
  });

  test("--format json gives the findings and the exit code as data", async () => {
    const r = await run(["plan-check", path.join(PLANS, "grant-deleted.json"), "--format", "json"]);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out);
    expect(json.exitCode).toBe(2);
    expect(json.findings.map((f: { kind: string; address: string }) => [f.kind, f.address])).toEqual([["grant-deleted", "azurerm_role_assignment.subnet_network_contributor"]]);
  });

  test("a missing file, no file or an unknown option exits 1", async () => {
    expect((await run(["plan-check", "/nonexistent/plan.json"])).err).toBe("aks-identity plan-check: cannot read /nonexistent/plan.json: it does not exist.\n");
    expect((await run(["plan-check"])).code).toBe(1);
    expect((await run(["plan-check", "p.json", "--force"])).err).toContain("Unknown option '--force'");
    expect((await run(["frobnicate"])).err).toContain("aks-identity: unknown command \"frobnicate\".");
  });
});

describe("the installed command (bin/aks-identity.js)", () => {
  test("runs the TypeScript through tsx: report prints tables, plan-check exits 2 on a blocking finding", async () => {
    // WHEN: run as npm runs a package bin, with node on the JS shim
    const bin = path.join(ROOT, "bin", "aks-identity.js");
    const report = execFileSync(process.execPath, [bin, "report", outdir], { encoding: "utf8" });
    expect(report).toContain("| Managed Identity Operator |");
    const check = spawnSync(process.execPath, [bin, "plan-check", path.join(PLANS, "grant-deleted.json")], { encoding: "utf8" });
    expect(check.status).toBe(2);
    expect(check.stdout).toContain("Grant the cluster needs is deleted");
    // THEN: package.json points npm at that shim
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).bin).toEqual({ "aks-identity": "bin/aks-identity.js" });
  });
});
