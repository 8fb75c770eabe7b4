import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CDK_FLAVOUR, flavourEnv, flavourCli, ROOT } from "../flavour";
import { KUBELET_MESSAGE } from "../fixtures/messages";
import { fileTempFolder } from "../helpers";

// Apps synthesized through the flavour's CLI (cdktf, or cdktn on the Node it needs), as
// `cdktf synth` runs cdktf.json's app.

const FIXTURES = path.join(__dirname, "..", "fixtures");
const FIXTURE = path.join(FIXTURES, "invalid-kubelet-app.ts");

const tmp = fileTempFolder("aks-identity-cli-synth-");

function tmpDir(): string {
  return fs.mkdtempSync(path.join(tmp(), "project-"));
}

describe(`${CDK_FLAVOUR} synth`, () => {
  const env = (): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" };
    delete e.CDKTF_OUTDIR;
    return e;
  };

  test(`${CDK_FLAVOUR} synth CLI: exits non-zero with the message, leaving no cdktf.out`, () => {
    // GIVEN a cdktf project whose app is that fixture
    const cwd = tmpDir();
    fs.writeFileSync(path.join(cwd, "cdktf.json"), JSON.stringify({
      language: "typescript",
      app: `${path.join(ROOT, "node_modules", ".bin", "tsx")} ${FIXTURE}`,
      terraformProviders: [],
      terraformModules: [],
      context: {},
    }));
    // WHEN the flavour's CLI (cdktf, or cdktn on the Node it needs) synthesizes it
    const run = spawnSync(flavourCli(), ["synth"], { cwd, env: flavourEnv(CDK_FLAVOUR, env()), encoding: "utf8" });
    // THEN
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${CDK_FLAVOUR} encountered an error while synthesizing`);
    expect(run.stderr).toContain(KUBELET_MESSAGE);
    expect(fs.readdirSync(cwd)).toEqual(["cdktf.json"]);
  }, 90_000);

  test(`${CDK_FLAVOUR} synth CLI on a valid app: no [ERROR] line, each warning once, the summary on stdout`, () => {
    // GIVEN a cdktf project whose app synthesizes with one warning
    const cwd = tmpDir();
    fs.writeFileSync(path.join(cwd, "cdktf.json"), JSON.stringify({
      language: "typescript",
      app: `${path.join(ROOT, "node_modules", ".bin", "tsx")} ${path.join(FIXTURES, "warning-app.ts")}`,
      terraformProviders: [],
      terraformModules: [],
      context: {},
    }));
    // WHEN the real CLI synthesizes it (TF_CLI_CONFIG_FILE may name a missing file on some machines,
    // which makes the CLI's own terraform calls print [ERROR] lines that are not the app's)
    const e = env();
    delete e.TF_CLI_CONFIG_FILE;
    const run = spawnSync(flavourCli(), ["synth"], { cwd, env: flavourEnv(CDK_FLAVOUR, e), encoding: "utf8" });
    // THEN it succeeds; the CLI prints the warning from the manifest once, and nothing is labelled ERROR
    expect(run.status).toBe(0);
    const out = `${run.stdout}\n${run.stderr}`;
    expect(out).not.toContain("[ERROR]");
    expect(out.match(/AKSID004/g) ?? []).toHaveLength(1);
    expect(run.stdout).toContain("WARN [legacy/myManagedCluster/Resource]: [legacy/myManagedCluster/Resource] AKSID004");
    expect(run.stdout).toContain("Synthesized 1 stack(s) into cdktf.out: legacy");
  }, 120_000);
});
