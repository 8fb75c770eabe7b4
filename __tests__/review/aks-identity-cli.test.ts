import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../bin/aks-identity-cli";
import { SCENARIOS } from "../../scenarios";
import { synthesizedExampleApp } from "../helpers";
import { PLANS, SECRETS } from "./plan-fixtures";

async function run(argv: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, ...(stdin !== undefined ? { stdin: () => stdin } : {}) });
  return { code, out, err };
}

// GIVEN: the example app synthesized into a cdktf.out folder, as `npm run synth` does
const exampleOut = synthesizedExampleApp();

describe("every command's output", () => {
  test("ends with exactly one newline, in Markdown and JSON, so a shell prompt or a concatenated comment starts on its own line", async () => {
    const plan = path.join(PLANS, "cluster-delete.json");
    const outputs = [
      await run(["report", exampleOut()]),
      await run(["report", exampleOut(), "--format", "json"]),
      await run(["plan-check", plan]),
      await run(["plan-check", plan, "--format", "json"]),
      await run(["diff", exampleOut(), exampleOut()]),
      await run(["diff", exampleOut(), exampleOut(), "--format", "json"]),
    ];
    for (const r of outputs) {
      expect(r.out.length).toBeGreaterThan(20);
      expect(r.out.endsWith("\n")).toBe(true);
      expect(r.out.endsWith("\n\n")).toBe(false);
    }
  });
});

describe("aks-identity report", () => {
  test("reads every stack of a cdktf.out folder and prints tables and a diagram per cluster", async () => {
    const r = await run(["report", exampleOut()]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    // One cluster per scenario stack; the grant count is read from the synthesized JSON itself.
    const stacks = Object.keys(SCENARIOS).length;
    const grants = fs.readdirSync(path.join(exampleOut(), "stacks")).reduce((n, s) => n + Object.keys(
      JSON.parse(fs.readFileSync(path.join(exampleOut(), "stacks", s, "cdk.tf.json"), "utf8")).resource?.azurerm_role_assignment ?? {}).length, 0);
    expect(grants).toBeGreaterThan(stacks);
    expect(r.out).toContain(`${stacks} stack(s), ${stacks} cluster(s), ${grants} role assignment(s).`);
    expect(r.out.match(/^#### Identities$/gm)).toHaveLength(stacks);
    expect(r.out.match(/^#### Role assignments$/gm)).toHaveLength(stacks);
    expect(r.out.match(/^```mermaid$/gm)).toHaveLength(stacks);
    expect(r.out).toContain("| Network Contributor | `azurerm_subnet.mySubnet` | control plane (azurerm_user_assigned_identity.myIdentity_4E98E044) | before cluster |");
  });

  test("--format json gives the same facts", async () => {
    const r = await run(["report", exampleOut(), "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const udr = json.stacks.find((s: { name: string }) => s.name === "byo-control-plane-identity-udr");
    expect(udr.clusters[0].grants.map((g: { role: string; scope: string; timing: string }) => [g.role, g.scope, g.timing])).toEqual([
      ["Network Contributor", "azurerm_route_table.myRouteTable", "before cluster"],
      ["Network Contributor", "azurerm_subnet.mySubnet", "before cluster"],
    ]);
  });

  test("one stack's cdk.tf.json, or its folder, works too", async () => {
    const file = path.join(exampleOut(), "stacks", "system-assigned", "cdk.tf.json");
    expect((await run(["report", file])).out).toContain("## Stack `system-assigned`");
    expect((await run(["report", path.dirname(file)])).out).toContain("## Stack `system-assigned`");
  });

  test("a missing folder or bad --format exits 1 with a message", async () => {
    expect(await run(["report", path.join(exampleOut(), "nope")])).toEqual({ code: 1, out: "", err: `aks-identity report: ${path.join(exampleOut(), "nope")} does not exist: run \`npx cdktf synth\` (or \`npx cdktn synth\`) in your app's folder first, or pass the folder or cdk.tf.json to report on.\n` });
    expect((await run(["report", exampleOut(), "--format", "yaml"])).err).toBe("aks-identity report: --format \"yaml\" is not known: use markdown or json.\n");
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

describe("folder mode reads what Terraform reads", () => {
  let tf: string;
  beforeEach(() => { tf = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-tf-")); });
  afterEach(() => fs.rmSync(tf, { recursive: true, force: true }));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(tf, name), text);

  test("native .tf files are read, and an override file changes the grant it overrides instead of adding one", async () => {
    // GIVEN a cluster in HCL, a grant in JSON, and an override that moves the grant to the subscription
    write("main.tf", `
resource "azurerm_kubernetes_cluster" "c" {
  name = "c"
  identity { type = "SystemAssigned" }
}
resource "azurerm_role_assignment" "net" {
  scope                = azurerm_subnet.s.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_kubernetes_cluster.c.identity[0].principal_id
}
module "network" { source = "./network" }
`);
    write("grants.tf.json", JSON.stringify({ resource: { azurerm_role_assignment: { pull: { scope: "${azurerm_container_registry.r.id}", role_definition_name: "AcrPull", principal_id: "${azurerm_kubernetes_cluster.c.kubelet_identity[0].object_id}" } } } }));
    write("zz_override.tf.json", JSON.stringify({ resource: { azurerm_role_assignment: { net: { scope: "/subscriptions/00000000-0000-0000-0000-000000000000", description: "moved by an override" } } } }));
    write("terraform.tfvars", "secret = \"x\"\n");
    // WHEN
    const r = await run(["report", tf, "--format", "json"]);
    // THEN one configuration: two grants (the override changes one, adds none), the override's scope applied
    expect(r.err).toBe("");
    const [stack] = JSON.parse(r.out).stacks;
    expect(stack.clusters[0].grants.map((g: { address: string; scope: string; reason: string }) => [g.address, g.scope, g.reason])).toEqual([
      ["azurerm_role_assignment.pull", "azurerm_container_registry.r", ""],
      ["azurerm_role_assignment.net", "/subscriptions/00000000-0000-0000-0000-000000000000", "moved by an override"],
    ]);
    expect(stack.otherGrants).toEqual([]);
    // and it says what it did not read
    const md = (await run(["report", tf])).out;
    expect(md).toContain("**Not read**: Terraform reads these, this report did not:");
    expect(md).toContain("- module calls (module.network): their sources are not read, so grants made inside them are not in this report");
    expect(md).toContain("- variable values from \\*.tfvars files and TF_VAR\\_ variables (each variable's default is used)");
    expect(md).toContain("- (read and applied as Terraform does: override files zz_override.tf.json)");
  });

  test("an override of nothing, a resource declared twice, or invalid HCL is refused, as Terraform refuses it", async () => {
    write("main.tf.json", JSON.stringify({ resource: { azurerm_role_assignment: { a: { scope: "/x", role_definition_name: "Reader", principal_id: "p" } } } }));
    write("override.tf.json", JSON.stringify({ resource: { azurerm_role_assignment: { b: { scope: "/y" } } } }));
    expect((await run(["report", tf])).err).toBe(`aks-identity report: override.tf.json overrides azurerm_role_assignment.b, which no primary file declares; Terraform refuses an override of nothing.\n`);
    fs.rmSync(path.join(tf, "override.tf.json"));
    write("more.tf", "resource \"azurerm_role_assignment\" \"a\" {\n  scope = \"/z\"\n}\n");
    expect((await run(["report", tf])).err).toBe("aks-identity report: azurerm_role_assignment.a is declared in main.tf.json and again in more.tf; Terraform refuses a duplicate (use an override file to change it).\n");
    write("more.tf", "resource \"azurerm_role_assignment\" \"b\" {\n  scope = \"hunter2-secret\" \n");
    const bad = await run(["report", tf]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^aks-identity report: .*more\.tf is not valid HCL: parse config: \[more\.tf:/);
    expect(bad.err).not.toContain("hunter2");
  });
});

describe("repeated JSON keys: refused, never read as JSON.parse would (keeping the last)", () => {
  test("a grant hidden by a second \"azurerm_role_assignment\" key is an error naming the key and line", async () => {
    // GIVEN two azurerm_role_assignment keys: JSON.parse keeps only the second, Terraform plans both
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-dup-"));
    const file = path.join(dir, "main.tf.json");
    fs.writeFileSync(file, `{"resource": {\n "azurerm_role_assignment": {"owner": {"scope": "/", "role_definition_name": "Owner", "principal_id": "p"}},\n "azurerm_role_assignment": {"reader": {"scope": "/x", "role_definition_name": "Reader", "principal_id": "p"}}\n}}`);
    const r = await run(["report", file]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`aks-identity report: ${file} gives the key "azurerm_role_assignment" twice in the same object (resource, second at line 3). JSON.parse would keep only the last, but Terraform reads both, so this tool refuses rather than report less than Terraform plans. Write each key once (merge the two objects).\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the CLI's inputs: standard input, special files, deep JSON, secrets", () => {
  test("--help exits 0 for each subcommand and prints its usage", async () => {
    for (const cmd of ["report", "plan-check", "diff"]) {
      const r = await run([cmd, "--help"]);
      expect([r.code, r.err]).toEqual([0, ""]);
      expect(r.out).toContain(`aks-identity ${cmd} `);
    }
  });

  test("plan-check - reads the plan from standard input", async () => {
    const r = await run(["plan-check", "-"], fs.readFileSync(path.join(PLANS, "grant-deleted.json"), "utf8"));
    expect(r.code).toBe(2);
    expect(r.out).toContain("Grant the cluster needs is deleted");
  });

  test("a folder, /dev/null or a FIFO is a clear error, never a stack trace or a hang", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-special-"));
    const fifo = path.join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    expect(await run(["plan-check", dir])).toEqual({ code: 1, out: "", err: `aks-identity plan-check: ${dir} is a folder, not a file.\n` });
    expect(await run(["plan-check", fifo])).toEqual({ code: 1, out: "", err: `aks-identity plan-check: ${fifo} is a named pipe (FIFO), not a regular file.\n` });
    expect(await run(["plan-check", "/dev/null"])).toEqual({ code: 1, out: "", err: "aks-identity plan-check: /dev/null is a character device, not a regular file.\n" });
    expect(await run(["report", "/dev/null"])).toEqual({ code: 1, out: "", err: "aks-identity report: /dev/null is a character device, not a file or folder: pass a cdktf output folder, a cdk.tf.json, or a Terraform folder.\n" });
    expect(await run(["report", fifo])).toEqual({ code: 1, out: "", err: `aks-identity report: ${fifo} is a named pipe (FIFO), not a file or folder: pass a cdktf output folder, a cdk.tf.json, or a Terraform folder.\n` });
    const empty = path.join(dir, "empty");
    fs.mkdirSync(empty);
    expect((await run(["report", empty])).err).toContain(`aks-identity report: ${empty} holds no manifest.json, cdk.tf.json, stacks/, *.tf or *.tf.json`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("JSON nested 5,000 deep is refused by both commands, without a stack overflow", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-deep-"));
    const deep = path.join(dir, "deep.json");
    fs.writeFileSync(deep, `{"format_version": "1.2", "resource_changes": [], "resource": ${"[".repeat(5000)}${"]".repeat(5000)}}`);
    for (const cmd of ["report", "plan-check"]) {
      const r = await run([cmd, deep]);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`aks-identity ${cmd}: ${deep} nests 5001 levels deep; Terraform configurations and plans nest far less (this tool reads up to 256). Expected ${cmd === "report" ? "a Terraform JSON configuration (cdk.tf.json from `cdktf synth`, or *.tf.json)" : "the output of `terraform show -json <planfile>` (a JSON plan, format_version 1.x)"}.\n`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the not-JSON error never quotes the file: a .tfvars or .env passed by mistake holds secrets", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-secret-"));
    const tfvars = path.join(dir, "prod.tfvars");
    fs.writeFileSync(tfvars, "client_secret = \"s3cr3t-from-tfvars\"\n");
    const r = await run(["plan-check", tfvars]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`aks-identity plan-check: ${tfvars} is not JSON: it does not start with "{" (its content is not shown, in case it holds secrets). Expected the output of \`terraform show -json <planfile>\` (a JSON plan, format_version 1.x). It looks like a .tfvars or .env file (name = value), which may hold secrets: check which file was passed.\n`);
    // a JSON-ish file with a syntax error: V8's message quotes the text, the tool's does not
    const env = path.join(dir, "creds.json");
    fs.writeFileSync(env, "{\"client_secret\": s3cr3t-in-json}");
    const j = await run(["plan-check", env]);
    expect(j.code).toBe(1);
    expect(j.err).not.toContain("s3cr3t");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
