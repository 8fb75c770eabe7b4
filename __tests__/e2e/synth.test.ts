import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "../flavour";
import { KUBELET_MESSAGE } from "../fixtures/messages";
import { fileTempFolder, tsxCommand } from "../helpers";

// Apps synthesized as users synthesize them, each in its own process, through tsx as
// `npm run synth` runs main.ts (through the flavour's CLI: cdktf-cli.test.ts).

const FIXTURES = path.join(__dirname, "..", "fixtures");
const FIXTURE = path.join(FIXTURES, "invalid-kubelet-app.ts");

const tmp = fileTempFolder("aks-identity-synth-");

function tmpDir(): string {
  return fs.mkdtempSync(path.join(tmp(), "run-"));
}

/** Runs an app the way `npm run synth` does (node --import tsx <app>), in its own process. */
function run(app: string, outdir: string, env: Record<string, string> = {}, cwd = ROOT, ...args: string[]) {
  const [node, argv] = tsxCommand(app, ...args);
  const r = spawnSync(node, argv, { cwd, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1", ...env }, timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, stderr: r.stderr };
}

/** Every cdk.tf.json under a folder: what a pipeline would `terraform apply`. */
function deployable(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith("cdk.tf.json"));
}

function files(dir: string): Map<string, Buffer> {
  return new Map((fs.readdirSync(dir, { recursive: true }) as string[]).sort()
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

const count = (text: string, part: string) => text.split(part).length - 1;
const NO_TRACE = /^\s+at .+:\d+:\d+\)?$/m;

describe("an invalid app through the real synth path", () => {
  const env = (): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" };
    delete e.CDKTF_OUTDIR;
    return e;
  };

  test("tsx main path: exits non-zero naming the construct, the prop and the fix, leaving no cdktf.out", () => {
    // GIVEN a user's app with a kubelet identity and a system-assigned control plane
    const cwd = tmpDir();
    // WHEN it runs the way `npm run synth` runs main.ts
    const [node, args] = tsxCommand(FIXTURE);
    const run = spawnSync(node, args, { cwd, env: env(), encoding: "utf8" });
    // THEN
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`ERROR ${KUBELET_MESSAGE}`);
    expect(run.stderr).toContain("Synth failed; cdktf.out was removed");
    expect(fs.readdirSync(cwd)).toEqual([]);
  }, 60_000);

  test("an app that ignores synthesizeApp's result still exits non-zero", () => {
    const cwd = tmpDir();
    const [node, args] = tsxCommand(path.join(FIXTURES, "ignores-result-app.ts"));
    const run = spawnSync(node, args, { cwd, env: env(), encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("ERROR [prod/aks] identity.servicePrincipal.clientSecret: received \"<a literal string, not shown>\".");
    expect(run.stderr).not.toContain("hunter2");
    expect(fs.readdirSync(cwd)).toEqual([]);
  }, 60_000);
});

describe("failed synth (child processes, fixture app with one good and one bad stack)", () => {
  const FAILING = path.join(FIXTURES, "failing-app.ts");

  test("a thrown AksIdentityError: exit 1, the message once, no trace, and the earlier good output removed", () => {
    // GIVEN an output folder from an earlier good run
    const outdir = path.join(tmp(), "throw", "cdktf.out");
    expect(run(FAILING, outdir, { FIXTURE_MODE: "ok" }).status).toBe(0);
    expect(deployable(outdir).sort()).toEqual([path.join("stacks", "bad", "cdk.tf.json"), path.join("stacks", "good", "cdk.tf.json")]);
    // WHEN the bad stack throws in a constructor
    const r = run(FAILING, outdir, { FIXTURE_MODE: "throw" });
    // THEN the process fails, says what and how to fix it once, and leaves nothing to apply
    expect(r.status).toBe(1);
    expect(count(r.output, "[bad/aks] location: received \"West US 2\"")).toBe(1);
    expect(r.output).toContain("Fix: rename it to fit, e.g. \"westus2\".");
    expect(r.output).toMatch(/Synth failed; .*cdktf\.out was removed so nothing half-checked can be deployed\./);
    expect(r.output).not.toMatch(NO_TRACE);
    expect(deployable(path.dirname(outdir))).toEqual([]);
  }, 120_000);

  test("error annotations in two stacks: exit 1, each message once per stack, warnings shown, nothing written", () => {
    // GIVEN two stacks with error annotations (as guardrail Aspects add), WHEN synthesized
    const outdir = path.join(tmp(), "annotations", "cdktf.out");
    const r = run(FAILING, outdir, { FIXTURE_MODE: "both" });
    // THEN both are reported (synth does not stop at the first), each once, and nothing can be applied
    expect(r.status).toBe(1);
    expect(count(r.output, "ERROR bad: [bad/aks] AKS999: the fixture's rule failed. Fix: nothing, it is a fixture.")).toBe(1);
    expect(count(r.output, "ERROR bad-too: [bad-too] AKS999: the fixture's rule failed.")).toBe(1);
    expect(count(r.output, "AKS999")).toBe(2);
    expect(count(r.output, "WARNING bad: [bad/aks] AKS998: a fixture warning.")).toBe(1);
    expect(r.output).toContain("Synth failed: 2 error(s) in 2 stack(s)");
    expect(r.output).not.toMatch(NO_TRACE);
    expect(deployable(path.dirname(outdir))).toEqual([]);
  }, 120_000);

  test("a bug in the app's own code: exit 1, its message and where, not a wall of trace", () => {
    // GIVEN an app whose own code throws a TypeError, WHEN synthesized
    const outdir = path.join(tmp(), "crash", "cdktf.out");
    const r = run(FAILING, outdir, { FIXTURE_MODE: "crash" });
    // THEN it fails with the message and the app's line, and writes nothing
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/ERROR synth failed: Cannot read properties of null \(reading 'name'\) \(at .*failing-app\.ts:\d+:\d+\)/);
    expect(r.output).not.toMatch(NO_TRACE);
    expect(deployable(path.dirname(outdir))).toEqual([]);
  }, 120_000);
});

describe("synth output is deterministic across processes", () => {
  test("the example app synthesized twice, from different folders into different outdirs, gives byte-identical trees", () => {
    // GIVEN two processes with different CDKTF_OUTDIR and working folders
    const a = path.join(tmp(), "a", "cdktf.out");
    const b = path.join(tmp(), "b", "cdktf.out");
    fs.mkdirSync(path.join(tmp(), "elsewhere"));
    expect(run(path.join(ROOT, "main.ts"), a).status).toBe(0);
    expect(run(path.join(ROOT, "main.ts"), b, {}, path.join(tmp(), "elsewhere")).status).toBe(0);
    // THEN every file is the same, byte for byte
    const fa = files(a);
    const fb = files(b);
    expect([...fb.keys()]).toEqual([...fa.keys()]);
    expect(fa.size).toBeGreaterThan(8);
    for (const [f, content] of fa) expect({ f, same: content.equals(fb.get(f)!) }).toEqual({ f, same: true });
    // and nothing in them depends on where they were made
    for (const [f, content] of fa) expect({ f, absolute: content.toString().includes(tmp()) || content.toString().includes(ROOT) }).toEqual({ f, absolute: false });
  }, 120_000);
});

describe("synth with guardrails, through the real synthesizer", () => {
  const APP = path.join(__dirname, "..", "checks", "fixtures", "guardrail-app.ts");
  const runApp = (mode: string) => {
    const outdir = path.join(tmpDir(), "cdktf.out");
    const r = run(APP, outdir, {}, ROOT, mode);
    return { status: r.status, stderr: r.stderr, outdir };
  };

  test("an error exits 1, prints the message, and leaves no output to deploy", () => {
    // WHEN: the app grants AcrPull to the control-plane identity
    const r = runApp("error");
    // THEN
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ERROR guardrails: \[guardrails\/aks\/AcrPullWrong\/Resource\] AKSID008 principal_id: received "\$\{azurerm_kubernetes_cluster\.aks_[0-9A-F]+\.identity\[0\]\.principal_id\}"\. AcrPull is granted to the control-plane identity of azurerm_kubernetes_cluster\.aks_[0-9A-F]+, but its kubelet identity pulls images, so pulls fail with 401\. Fix: grant AcrPull to the kubelet identity/);
    expect(r.stderr).toContain("Synth failed: 1 error(s) in 1 stack(s)");
    expect(fs.existsSync(r.outdir)).toBe(false);
  }, 60_000);

  test("a warning is printed and synth goes on", () => {
    const r = runApp("warning");
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("WARNING guardrails: [guardrails/aks/Resource] AKSID005 default_node_pool.vnet_subnet_id");
    expect(fs.existsSync(path.join(r.outdir, "stacks/guardrails/cdk.tf.json"))).toBe(true);
  }, 60_000);
});
