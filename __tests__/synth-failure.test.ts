import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { synthesizeApp } from "../lib";

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-synth-")); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
// synthesizeApp sets process.exitCode on failure; on a 2-core machine jest runs in band, so reset it or the run itself exits 1.
afterEach(() => { process.exitCode = undefined; });

/** Every cdk.tf.json under a folder: what a pipeline would `terraform apply`. */
function deployable(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith("cdk.tf.json"));
}

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
