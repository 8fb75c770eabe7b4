import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { synthesizeApp } from "../../lib";
import { buildExampleApp } from "../../scenarios";
import { FLAVOURS } from "../../scripts/flavours";
import { CDK_FLAVOUR, FLAVOUR_NAMES, flavourEnv, FlavourName, flavourCli, ROOT, sharedPackageOrigins } from "../flavour";
import { DOCUMENTED_DIFFERENCES, FEDERATED_CREDENTIAL_PARENT_KEYS, federatedCredentialParent, PINNED } from "../flavour-differences";
import { tsxCommand } from "../helpers";

// Both flavours installed is CI's normal state; a developer who ran only `npm ci` gets a skip that says how to install the other.
const OTHER = FLAVOUR_NAMES.find((f) => f !== CDK_FLAVOUR)!;
const otherInstalled = fs.existsSync(flavourCli(OTHER));
const inCi = process.env.CI === "true";

type Tree = Record<string, unknown>;

/** Every leaf path where two parsed JSON documents differ. */
function differences(a: unknown, b: unknown, at = ""): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (v: unknown): v is Tree => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().flatMap((k) => differences(a[k], b[k], at ? `${at}.${k}` : k));
  }
  return [at];
}

/** The synthesized files of an output folder: manifest.json and each stack's cdk.tf.json. */
function outputFiles(outdir: string): Map<string, string> {
  const stacks = fs.readdirSync(path.join(outdir, "stacks")).sort().map((s) => path.join("stacks", s, "cdk.tf.json"));
  return new Map(["manifest.json", ...stacks].map((f) => [f, fs.readFileSync(path.join(outdir, f), "utf8")]));
}

/** The example app synthesized by a flavour in its own process, and the files that process loaded. */
function synthesizeIn(flavour: FlavourName, outdir: string): string[] {
  const loaded = path.join(path.dirname(outdir), `${flavour}-loaded.json`);
  const [node, args] = tsxCommand(path.join(__dirname, "..", "fixtures", "flavour-app.ts"));
  const run = spawnSync(node, args, {
    cwd: ROOT, encoding: "utf8", env: flavourEnv(flavour, { ...process.env, CDKTF_OUTDIR: outdir, LOADED_MODULES_FILE: loaded }),
  });
  if (run.status !== 0) throw new Error(`${flavour} synth failed (exit ${run.status}): ${run.stderr}`);
  return JSON.parse(fs.readFileSync(loaded, "utf8")) as string[];
}

const describeBoth = otherInstalled ? describe : describe.skip;
if (!otherInstalled && inCi) {
  test(`the ${OTHER} flavour is installed for the cross-flavour test`, () => {
    throw new Error(`${flavourCli(OTHER)} not found: .ci/run must run npm run flavour:install before the suites.`);
  });
}

describeBoth(`the example app on ${CDK_FLAVOUR} and ${OTHER}${otherInstalled ? "" : ` (skipped: ${OTHER} is not installed; npm run flavour:install)`}`, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-flavours-"));
  const outdir = (f: FlavourName) => path.join(tmp, f, "cdktf.out");
  let loadedByOther: string[] = [];
  const files = {} as Record<FlavourName, Map<string, string>>;

  beforeAll(() => {
    // GIVEN the example app synthesized by this flavour here, and by the other in its own process
    expect(synthesizeApp(buildExampleApp, { outdir: outdir(CDK_FLAVOUR), log: () => undefined }).exitCode).toBe(0);
    loadedByOther = synthesizeIn(OTHER, outdir(OTHER));
    for (const f of FLAVOUR_NAMES) files[f] = outputFiles(outdir(f));
  }, 120_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test("write the same files, each the same configuration up to versions and the documented azurerm differences", () => {
    // WHEN each file of one is compared with the other's, parsed
    expect([...files.cdktf.keys()]).toEqual([...files.cdktn.keys()]);
    expect(files.cdktf.size).toBeGreaterThan(10);
    const undocumented: string[] = [];
    const seen = new Set<string>();
    for (const [file, text] of files.cdktf) {
      const [a, b] = [JSON.parse(text) as Tree, JSON.parse(files.cdktn.get(file)!) as Tree];
      for (const diff of differences(a, b)) {
        const documented = DOCUMENTED_DIFFERENCES.find((d) => d.file.test(file) && d.path.test(diff));
        if (documented) seen.add(documented.why + documented.path.source);
        else undocumented.push(`${file}: ${diff}`);
      }
    }
    // THEN every difference is a documented one, and every documented one still occurs
    expect(undocumented).toEqual([]);
    expect(DOCUMENTED_DIFFERENCES.filter((d) => !seen.has(d.why + d.path.source)).map((d) => d.why)).toEqual([]);
  });

  test("state the versions each flavour pins", () => {
    for (const f of FLAVOUR_NAMES) {
      expect(JSON.parse(files[f].get("manifest.json")!).version).toBe(PINNED[f].cdk);
      for (const [file, text] of files[f]) {
        if (file === "manifest.json") continue;
        const j = JSON.parse(text) as { "//": { metadata: { version: string } }; terraform: { required_providers: { azurerm: { version: string } } } };
        expect({ file, f, cdk: j["//"].metadata.version, azurerm: j.terraform.required_providers.azurerm.version }).toEqual({ file, f, ...PINNED[f] });
      }
    }
  });

  test("name a federated credential's identity as each azurerm version expects, and nothing deprecated", () => {
    // GIVEN the credentials of every stack, by address
    const credentials = (f: FlavourName) => Object.assign({}, ...[...files[f].values()].map((t) =>
      (JSON.parse(t) as { resource?: Record<string, Record<string, Tree>> }).resource?.azurerm_federated_identity_credential ?? {})) as Record<string, Tree>;
    const [cdktf, cdktn] = [credentials("cdktf"), credentials("cdktn")];
    expect(Object.keys(cdktf).length).toBeGreaterThan(0);
    expect(Object.keys(cdktn)).toEqual(Object.keys(cdktf));
    for (const [address, body] of Object.entries(cdktf)) {
      const parent = (b: Tree) => Object.fromEntries(FEDERATED_CREDENTIAL_PARENT_KEYS.filter((k) => b[k] !== undefined).map((k) => [k, b[k]]));
      // THEN the same identity: parent_id and resource_group_name on 4.55, user_assigned_identity_id alone on 4.73
      expect(parent(body)).toEqual(federatedCredentialParent(body.parent_id as string, body.resource_group_name as string, "cdktf"));
      expect({ address, ...parent(cdktn[address]) }).toEqual({ address, ...federatedCredentialParent(body.parent_id as string, "", "cdktn") });
    }
  });

  test("differ in formatting only by how empty [] and {} are written", () => {
    // cdktf writes an empty list as "[\n]"; cdktn as "[]". Apart from that both are JSON.stringify(…, null, 2).
    const collapse = (t: string) => t.replace(/\[\s+\]/g, "[]").replace(/\{\s+\}/g, "{}");
    for (const f of FLAVOUR_NAMES) {
      for (const [file, text] of files[f]) expect({ f, file, same: collapse(text) === JSON.stringify(JSON.parse(text), null, 2) }).toEqual({ f, file, same: true });
    }
  });

  test(`the ${OTHER} process loaded cdktf, the azurerm bindings and constructs from its own install only`, () => {
    // The default flavour's install is the repository's node_modules; another flavour's is its own folder.
    const home = path.dirname(FLAVOURS[OTHER].modules);
    const origins = sharedPackageOrigins(loadedByOther);
    expect(origins.length).toBeGreaterThanOrEqual(3);
    expect(origins.filter((o) => !o.endsWith(` ${home}`))).toEqual([]);
  });
});
