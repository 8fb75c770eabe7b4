import { execFileSync, spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./flavours";

/**
 * A new user's first hour, end to end, in a temporary folder: `npm pack` this repository,
 * copy examples/quickstart next to the tarball, `npm ci` from the quickstart's lock file,
 * `tsc`, `npx cdktf synth` through the real CLI, `npx aks-identity report`, and
 * `npx aks-identity plan-check` on a plan Terraform makes offline (only its built-in
 * terraform_data resource: no provider is downloaded). Each step must succeed and say what a
 * user expects; a failure throws with the step's output.
 */
export function checkQuickstart(log: (line: string) => void): void {
  const started = Date.now();
  const step = (what: string) => log(`quickstart: ${what} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "aks-quickstart-"));
  const app = path.join(work, "my-aks-app");
  const source = path.join(ROOT, "examples", "quickstart");

  // What the README says: npm pack in the repository, the quickstart copied, the tarball beside it.
  fs.cpSync(source, app, { recursive: true, filter: (f) => !/[\\/](node_modules|out|cdktf\.out)$/.test(f) && !f.endsWith(".tgz") });
  const packed = run("npm", ["pack", "--pack-destination", app], ROOT).stdout.trim().split("\n").pop()!;
  const wanted = (readJson(path.join(app, "package.json")).dependencies["cdktf-aks-identity"] as string).replace(/^file:/, "");
  if (packed !== wanted) throw new Error(`npm pack wrote ${packed}, but examples/quickstart/package.json installs ${wanted}: set it (and the lock file's entry) to file:${packed}.`);
  step(`npm pack wrote ${packed}`);

  run("npm", ["ci", "--no-audit", "--no-fund"], app);
  step("npm ci installed the quickstart from its lock file");
  run("npx", ["tsc", "-p", "."], app);
  step("tsc compiled main.ts against the packed types");

  const synth = run("npx", ["cdktf", "synth"], app);
  const synthOutput = `${synth.stdout}${synth.stderr}`;
  if (/\bERROR\b/.test(synthOutput)) throw new Error(`npx cdktf synth succeeded but printed an ERROR line:\n${synthOutput}`);
  const json = readJson(path.join(app, "cdktf.out", "stacks", "aks-prod", "cdk.tf.json"));
  const grants = Object.keys(json.resource.azurerm_role_assignment ?? {}).length;
  if (Object.keys(json.resource.azurerm_kubernetes_cluster ?? {}).length !== 1 || grants !== 5) {
    throw new Error(`cdktf.out/stacks/aks-prod/cdk.tf.json holds ${Object.keys(json.resource.azurerm_kubernetes_cluster ?? {}).length} cluster(s) and ${grants} role assignment(s); the quickstart makes 1 and 5.`);
  }
  step(`npx cdktf synth wrote cdktf.out/stacks/aks-prod (1 cluster, ${grants} role assignments), no ERROR line`);

  const report = run("npx", ["aks-identity", "report"], app).stdout;
  for (const expected of ["1 stack(s), 1 cluster(s), 5 role assignment(s).", "| Network Contributor | `azurerm_subnet.nodes` |", "before cluster", "```mermaid"]) {
    if (!report.includes(expected)) throw new Error(`npx aks-identity report does not say ${JSON.stringify(expected)}:\n${report}`);
  }
  step("npx aks-identity report listed the cluster, its identities and its 5 grants");

  const plan = offlinePlan(work);
  if (plan) {
    const clean = run("npx", ["aks-identity", "plan-check", plan.file], app, [0]).stdout;
    if (!clean.includes(plan.expect)) throw new Error(`plan-check on Terraform's own offline plan does not say ${JSON.stringify(plan.expect)}:\n${clean}`);
    step(`npx aks-identity plan-check read Terraform ${plan.version}'s offline plan: exit 0, ${plan.expect}`);
  } else {
    log("quickstart: SKIPPED (not a pass): the offline plan step needs the Terraform CLI on PATH (it plans terraform_data only, no provider download)");
  }
  // A plan with a grant the cluster needs deleted: the installed CLI must block it (exit 2).
  const blocked = run("npx", ["aks-identity", "plan-check", path.join(ROOT, "__tests__", "fixtures", "plans", "grant-deleted.json")], app, [2]).stdout;
  if (!blocked.includes("azurerm_role_assignment.subnet_network_contributor")) throw new Error(`plan-check of a deleted grant does not name it:\n${blocked}`);
  step("npx aks-identity plan-check blocked a deleted grant with exit 2");
  fs.rmSync(work, { recursive: true, force: true });
}

/**
 * Terraform's own plan JSON, made offline: apply one terraform_data resource, then plan its
 * replacement. Undefined when no Terraform CLI is on PATH.
 */
function offlinePlan(work: string): { file: string; version: string; expect: string } | undefined {
  const version = spawnSync("terraform", ["version"], { encoding: "utf8" });
  if (version.error || version.status !== 0) return undefined;
  const dir = path.join(work, "offline-plan");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "main.tf"), [
    "variable \"revision\" {",
    "  type = string",
    "}",
    "",
    "resource \"terraform_data\" \"release\" {",
    "  triggers_replace = { revision = var.revision }",
    "}",
    "",
  ].join("\n"));
  run("terraform", ["init", "-input=false", "-no-color"], dir);
  run("terraform", ["apply", "-input=false", "-no-color", "-auto-approve", "-var", "revision=1"], dir);
  run("terraform", ["plan", "-input=false", "-no-color", "-out", "p", "-var", "revision=2"], dir);
  const file = path.join(dir, "plan.json");
  fs.writeFileSync(file, run("terraform", ["show", "-json", "p"], dir).stdout);
  return { file, version: version.stdout.split("\n")[0].replace(/^Terraform /, ""), expect: "No change to an AKS cluster's identities or to the role assignments they need." };
}

/** Runs a command as a user would (no CDKTF_OUTDIR or TF_CLI_CONFIG_FILE of this machine's); throws unless its exit code is expected. */
function run(command: string, args: string[], cwd: string, exitCodes: number[] = [0]): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" };
  delete env.CDKTF_OUTDIR;
  delete env.TF_CLI_CONFIG_FILE;
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error || !exitCodes.includes(r.status ?? -1)) {
    throw new Error(`${command} ${args.join(" ")} in ${cwd} exited ${r.status ?? r.error?.message} (expected ${exitCodes.join(" or ")}):\n${r.stdout ?? ""}${r.stderr ?? ""}`);
  }
  return r;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- package.json and cdk.tf.json are read as plain JSON
function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

if (require.main === module) {
  try {
    execFileSync("npm", ["--version"], { stdio: "ignore" });
    checkQuickstart((line) => process.stdout.write(`${line}\n`));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
