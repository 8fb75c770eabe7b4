import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { synthesizeApp } from "../lib";

const ROOT = path.resolve(__dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const FIXTURE = path.join(__dirname, "fixtures", "failing-app.ts");

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-synth-")); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
// synthesizeApp sets process.exitCode on failure; on a 2-core machine jest runs in band, so reset it or the run itself exits 1.
afterEach(() => { process.exitCode = undefined; });

/** Runs an app the way `npm run synth` does (tsx <app>), in its own process. */
function run(app: string, outdir: string, env: Record<string, string> = {}, cwd = ROOT) {
  const r = spawnSync(TSX, [app], { cwd, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1", ...env }, timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
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

describe("failed synth (child processes, fixture app with one good and one bad stack)", () => {
  test("a thrown AksIdentityError: exit 1, the message once, no trace, and the earlier good output removed", () => {
    // GIVEN an output folder from an earlier good run
    const outdir = path.join(tmp, "throw", "cdktf.out");
    expect(run(FIXTURE, outdir, { FIXTURE_MODE: "ok" }).status).toBe(0);
    expect(deployable(outdir).sort()).toEqual([path.join("stacks", "bad", "cdk.tf.json"), path.join("stacks", "good", "cdk.tf.json")]);
    // WHEN the bad stack throws in a constructor
    const r = run(FIXTURE, outdir, { FIXTURE_MODE: "throw" });
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
    const outdir = path.join(tmp, "annotations", "cdktf.out");
    const r = run(FIXTURE, outdir, { FIXTURE_MODE: "both" });
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
    const outdir = path.join(tmp, "crash", "cdktf.out");
    const r = run(FIXTURE, outdir, { FIXTURE_MODE: "crash" });
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
    const a = path.join(tmp, "a", "cdktf.out");
    const b = path.join(tmp, "b", "cdktf.out");
    fs.mkdirSync(path.join(tmp, "elsewhere"));
    expect(run(path.join(ROOT, "main.ts"), a).status).toBe(0);
    expect(run(path.join(ROOT, "main.ts"), b, {}, path.join(tmp, "elsewhere")).status).toBe(0);
    // THEN every file is the same, byte for byte
    const fa = files(a);
    const fb = files(b);
    expect([...fb.keys()]).toEqual([...fa.keys()]);
    expect(fa.size).toBeGreaterThan(8);
    for (const [f, content] of fa) expect({ f, same: content.equals(fb.get(f)!) }).toEqual({ f, same: true });
    // and nothing in them depends on where they were made
    for (const [f, content] of fa) expect({ f, absolute: content.toString().includes(tmp) || content.toString().includes(ROOT) }).toEqual({ f, absolute: false });
  }, 120_000);
});

describe("synthesizeApp refuses to replace a folder that is not its own", () => {
  const build = (app: App) => {
    const s = new TerraformStack(app, "s");
    new AzurermProvider(s, "azurerm", { features: [{}] });
  };

  test("a folder with other files and no manifest.json is kept", () => {
    // GIVEN an outdir pointing at a folder of the user's files
    const dir = path.join(tmp, "precious");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "notes.txt"), "keep me");
    const lines: string[] = [];
    // WHEN synthesized into it
    const result = synthesizeApp(build, { outdir: dir, log: (l) => lines.push(l) });
    // THEN it fails and the files survive
    expect(result.exitCode).toBe(1);
    expect(fs.readFileSync(path.join(dir, "notes.txt"), "utf8")).toBe("keep me");
    expect(lines.join("\n")).toContain("holds files but no manifest.json, so it is not a cdktf output folder");
    expect(lines.join("\n")).toContain("Fix: set CDKTF_OUTDIR (or outdir) to a folder of its own");
  });

  test("a previous cdktf output folder is replaced", () => {
    // GIVEN an earlier cdktf output with a stack that no longer exists
    const dir = path.join(tmp, "previous");
    fs.mkdirSync(path.join(dir, "stacks", "old"), { recursive: true });
    fs.writeFileSync(path.join(dir, "manifest.json"), "{}");
    fs.writeFileSync(path.join(dir, "stacks", "old", "cdk.tf.json"), "{}");
    // WHEN synthesized into it / THEN only the new stack is there to apply
    const result = synthesizeApp(build, { outdir: dir, log: () => undefined });
    expect(result.exitCode).toBe(0);
    expect(deployable(dir)).toEqual([path.join("stacks", "s", "cdk.tf.json")]);
  });
});
