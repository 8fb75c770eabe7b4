import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FLAVOUR_NAMES, flavourEnv, FLAVOURS, FlavourName, flavourSpecifier, isFlavour, rewriteSourceSpecifiers, ROOT } from "./flavours";
import { packFlavour } from "./pack";

/**
 * A user's fresh app on one flavour, built from the packed tarball: an empty folder gets the
 * tarball, the flavour's peers (with the `overrides` entry CDK Terrain needs) and TypeScript
 * from the registry; the example scenarios, importing the package by name, are compiled with
 * `tsc` against the packed .d.ts and synthesized by the flavour's own CLI (cdktn on Node 22).
 * Every stack must equal, byte for byte, what this repository synthesizes on that flavour.
 */
export function checkConsumer(flavour: FlavourName, log: (line: string) => void): void {
  const started = Date.now();
  const tarball = packFlavour(flavour, path.join(ROOT, "build", "packages"));
  const app = fs.mkdtempSync(path.join(os.tmpdir(), `aks-identity-${flavour}-app-`));
  const pkg = FLAVOURS[flavour].package.name ?? readJson(path.join(ROOT, "package.json")).name;
  writeJson(path.join(app, "package.json"), {
    name: `fresh-${flavour}-app`,
    private: true,
    dependencies: { [pkg]: `file:${tarball}`, ...peerVersions(flavour) },
    devDependencies: { typescript: devVersion("typescript"), "@types/node": devVersion("@types/node") },
    ...overrides(flavour),
  });
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app);
  log(`${flavour}: installed ${path.basename(tarball)} and its peers into ${app} (${seconds(started)})`);

  // The example app, as a user would write it: the package by name, the flavour's own imports.
  const toApp = (specifier: string, file: string) => {
    if (specifier === "../lib" || specifier === "./lib") return pkg;
    return flavourSpecifier(flavour, specifier, file);
  };
  for (const file of ["main.ts", ...fs.readdirSync(path.join(ROOT, "scenarios")).map((f) => path.join("scenarios", f))]) {
    const target = path.join(app, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, rewriteSourceSpecifiers(fs.readFileSync(path.join(ROOT, file), "utf8"), (s) => toApp(s, path.join(ROOT, file)), file));
  }
  writeJson(path.join(app, "tsconfig.json"), {
    compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node", strict: true, esModuleInterop: true, types: ["node"], outDir: "out", rootDir: "." },
    include: ["main.ts", "scenarios/**/*.ts"],
  });
  writeJson(path.join(app, "cdktf.json"), { language: "typescript", app: "node out/main.js", terraformProviders: [], terraformModules: [], context: {} });
  run(path.join(app, "node_modules", ".bin", "tsc"), ["-p", "."], app);
  log(`${flavour}: tsc compiled the scenarios against the packed types (${seconds(started)})`);

  const cli = path.join(ROOT, FLAVOURS[flavour].cli);
  const env = flavourEnv(flavour);
  delete env.CDKTF_OUTDIR;
  const synth = spawnSync(cli, ["synth"], { cwd: app, env, encoding: "utf8" });
  if (synth.status !== 0 || /\bERROR\b/.test(synth.stderr)) throw new Error(`${flavour}: ${path.basename(cli)} synth in ${app} failed (exit ${synth.status}):\n${synth.stdout}${synth.stderr}`);

  // The same app from this repository's sources, on the same flavour.
  const expected = fs.mkdtempSync(path.join(os.tmpdir(), `aks-identity-${flavour}-source-`));
  run(process.execPath, ["--import", "tsx", "main.ts"], ROOT, { ...flavourEnv(flavour), CDKTF_OUTDIR: expected });
  const stacks = fs.readdirSync(path.join(expected, "stacks")).sort();
  const got = fs.readdirSync(path.join(app, "cdktf.out", "stacks")).sort();
  if (got.join() !== stacks.join()) throw new Error(`${flavour}: the fresh app synthesized ${got.join(", ")}; the repository ${stacks.join(", ")}`);
  const differ = stacks.filter((s) => !fs.readFileSync(path.join(app, "cdktf.out", "stacks", s, "cdk.tf.json")).equals(fs.readFileSync(path.join(expected, "stacks", s, "cdk.tf.json"))));
  if (differ.length > 0) throw new Error(`${flavour}: the fresh app's cdk.tf.json differs from the repository's for ${differ.join(", ")} (${app}, ${expected})`);
  log(`${flavour}: ${path.basename(cli)} synth of the fresh app wrote ${stacks.length} stacks, each byte-identical to the repository's (${seconds(started)})`);
  fs.rmSync(app, { recursive: true, force: true });
  fs.rmSync(expected, { recursive: true, force: true });
}

/** The peers at the versions this repository installs for the flavour (a user's pins). */
function peerVersions(flavour: FlavourName): Record<string, string> {
  const installed = { ...installManifest(flavour).dependencies, ...installManifest(flavour).devDependencies } as Record<string, string>;
  const peers: Record<string, string> = FLAVOURS[flavour].package.peerDependencies ?? readJson(path.join(ROOT, "package.json")).peerDependencies;
  return Object.fromEntries(Object.keys(peers).map((name) => [name, installed[name]]));
}

function overrides(flavour: FlavourName): Record<string, unknown> {
  const o = installManifest(flavour).overrides;
  return o ? { overrides: o } : {};
}

function installManifest(flavour: FlavourName): Record<string, Record<string, unknown>> {
  return readJson(path.join(ROOT, path.dirname(FLAVOURS[flavour].modules), "package.json"));
}

function devVersion(name: string): string {
  return readJson(path.join(ROOT, "package.json")).devDependencies[name];
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  try {
    execFileSync(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    throw new Error(`${path.basename(command)} ${args.join(" ")} in ${cwd} failed (exit ${e.status}):\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- package.json files are read as plain JSON
function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(0)} s`;
}

if (require.main === module) {
  const flavours = process.argv.slice(2).length > 0 ? process.argv.slice(2) : FLAVOUR_NAMES;
  const unknown = flavours.filter((f) => !isFlavour(f));
  if (unknown.length > 0) {
    process.stderr.write(`unknown flavour(s) ${unknown.join(", ")}; usage: tsx scripts/consumer-check.ts [${FLAVOUR_NAMES.join("|")}...]\n`);
    process.exit(2);
  }
  try {
    for (const flavour of flavours as FlavourName[]) checkConsumer(flavour, (line) => process.stdout.write(`${line}\n`));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
