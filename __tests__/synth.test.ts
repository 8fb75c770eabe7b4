import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Annotations, App, TerraformOutput, TerraformStack } from "cdktf";
import { AksCluster } from "../lib";
import { synthesizeApp } from "../lib/synth";
import { UserAssignedManagedIdentity } from "../lib/identities/user-assigned-managed-identity";
import { KUBELET_MESSAGE } from "./fixtures/messages";


function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-synth-"));
}

function stackWith(app: App, id: string, extra?: (s: TerraformStack) => void): TerraformStack {
  const s = new TerraformStack(app, id);
  new AzurermProvider(s, "azurerm", { features: [{}] });
  new TerraformOutput(s, "hello", { value: id });
  extra?.(s);
  return s;
}

/** The outdir and its siblings (staging folders must not be left behind). */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

// synthesizeApp sets process.exitCode on failure; keep it from failing the jest run itself.
beforeEach(() => { process.exitCode = undefined; });
afterAll(() => { process.exitCode = undefined; });

describe("synthesizeApp", () => {
  test("writes every stack and replaces a stale output folder", () => {
    // GIVEN a stale output from an earlier run
    const dir = tmpDir();
    const outdir = path.join(dir, "cdktf.out");
    fs.mkdirSync(path.join(outdir, "stacks", "old"), { recursive: true });
    fs.writeFileSync(path.join(outdir, "manifest.json"), "{}");
    const log: string[] = [];
    // WHEN
    const result = synthesizeApp((app) => { stackWith(app, "a"); stackWith(app, "b"); }, { outdir, log: (l) => log.push(l) });
    // THEN
    expect(result).toEqual({ exitCode: 0, stacks: ["a", "b"], annotations: [] });
    expect(process.exitCode).toBeUndefined();
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["a", "b"]);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "a", "cdk.tf.json"), "utf8")).output.hello.value).toBe("a");
    expect(leftovers(dir)).toEqual(["cdktf.out"]);
    expect(log).toEqual([`Synthesized 2 stack(s) into ${outdir}: a, b`]); // outside the working folder: shown absolute
  });

  test("prints warnings once each and still succeeds", () => {
    const dir = tmpDir();
    const log: string[] = [];
    const result = synthesizeApp((app) => {
      stackWith(app, "w", (s) => new AksCluster(s, "aks", { resourceGroup: { name: "rg", location: "westus2" }, network: { dockerBridgeCidr: "172.17.0.1/16" } }));
    }, { outdir: path.join(dir, "out"), log: (l) => log.push(l) });
    expect(result.exitCode).toBe(0);
    expect(result.annotations.map((a) => a.level)).toEqual(["@cdktf/warn"]);
    expect(log.filter((l) => l.startsWith("WARNING w: [w/aks] network.dockerBridgeCidr"))).toHaveLength(1);
  });

  test("an error annotation in any stack fails the run and removes the output folder", () => {
    // GIVEN an earlier good run
    const dir = tmpDir();
    const outdir = path.join(dir, "cdktf.out");
    synthesizeApp((app) => { stackWith(app, "a"); }, { outdir, log: () => undefined });
    expect(fs.existsSync(outdir)).toBe(true);
    const log: string[] = [];
    const before = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    // WHEN two stacks report errors
    const result = synthesizeApp((app) => {
      stackWith(app, "a", (s) => Annotations.of(s).addError("first problem"));
      stackWith(app, "b", (s) => Annotations.of(s).addError("second problem"));
    }, { outdir, log: (l) => log.push(l) });
    // THEN every error is reported, nothing is left to deploy, and the environment is restored
    expect(result.exitCode).toBe(1);
    expect(process.exitCode).toBe(1);
    expect(result.annotations.map((a) => [a.stack, a.level, a.message])).toEqual([
      ["a", "@cdktf/error", "first problem"],
      ["b", "@cdktf/error", "second problem"],
    ]);
    expect(log).toContain("ERROR a: [a] first problem");
    expect(log).toContain("ERROR b: [b] second problem");
    expect(log[log.length - 1]).toMatch(/^Synth failed: 2 error\(s\) in 2 stack\(s\); .*cdktf\.out was removed/);
    expect(leftovers(dir)).toEqual([]);
    expect(process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS).toBe(before);
  });

  test("a constructor error fails the run with the library's message", () => {
    const dir = tmpDir();
    const log: string[] = [];
    const result = synthesizeApp((app) => {
      const stack = stackWith(app, "invalid");
      const kubelet = new UserAssignedManagedIdentity(stack, "myKubeletIdentity", { resourceGroupName: "myResourceGroup", location: "westus2" });
      new AksCluster(stack, "myManagedCluster", { kubeletIdentity: kubelet });
    }, { outdir: path.join(dir, "cdktf.out"), log: (l) => log.push(l) });
    expect(result).toEqual({ exitCode: 1, stacks: [], annotations: [] });
    expect(process.exitCode).toBe(1);
    expect(log[0]).toBe(`ERROR ${KUBELET_MESSAGE}`);
    expect(leftovers(dir)).toEqual([]);
  });

  test("any other error is reported as a failed synth", () => {
    const dir = tmpDir();
    const log: string[] = [];
    const result = synthesizeApp(() => { throw new Error("boom"); }, { outdir: path.join(dir, "cdktf.out"), log: (l) => log.push(l) });
    expect(result.exitCode).toBe(1);
    // The frame as Node prints it: `Object.<anonymous> (file:line:col)` or `<anonymous> (file:line:col)`.
    expect(log[0]).toMatch(/^ERROR synth failed: boom \(at .*synth\.test\.ts:\d+:\d+\)+$/);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe("synthesizeApp output folder guard", () => {
  test.each([["the working folder", "."], ["a parent of it", ".."]])("refuses %s, which it would delete", (_what, rel) => {
    // GIVEN a project folder inside a throwaway folder (so a missing guard only deletes that)
    const dir = tmpDir();
    const project = path.join(dir, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "main.ts"), "// keep me");
    const previous = process.cwd();
    const log: string[] = [];
    process.chdir(project);
    try {
      // WHEN
      const result = synthesizeApp((app) => { stackWith(app, "a"); }, { outdir: rel, log: (l) => log.push(l) });
      // THEN nothing is deleted
      expect(result.exitCode).toBe(1);
      expect(log[0]).toContain("is the working folder or one of its parents");
      expect(log[0]).toContain("Fix: set CDKTF_OUTDIR (or outdir) to a folder of its own, like cdktf.out.");
    } finally {
      process.chdir(previous);
    }
    expect(fs.readFileSync(path.join(project, "main.ts"), "utf8")).toBe("// keep me");
    expect(leftovers(dir)).toEqual(["project"]);
  });
});
