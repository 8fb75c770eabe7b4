import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "@cdktn/hcl2json";
import { synthesizeApp } from "../../lib";
import { buildExampleApp, SCENARIOS } from "../../scenarios";
import { CDK_FLAVOUR, flavourEnv, flavourCli, ROOT } from "../flavour";

// The HCL exit: `cdktf synth --hcl` (`cdktn synth --hcl` on CDK Terrain) writes each stack as
// native Terraform (cdk.tf). Parsed back with @cdktn/hcl2json it must be the configuration the
// JSON synth writes, so leaving CDK loses nothing.

type Tree = Record<string, unknown>;
const isObject = (v: unknown): v is Tree => typeof v === "object" && v !== null && !Array.isArray(v);
/** `provider` and `depends_on` hold references: "x.y" in JSON, x.y (parsed as "${x.y}") or "x.y" in HCL. */
const reference = (v: unknown) => (typeof v === "string" ? v.replace(/^\$\{(.*)\}$/, "$1") : v);

/**
 * One form for both documents: HCL blocks parse as lists of one object where the JSON has the
 * object; provisioners group by type in HCL (`provisioner.local-exec[]`) and list in JSON
 * (`provisioner[].local-exec`); a variable's type is an expression ("${string}") in HCL;
 * cdktf's "//" metadata is JSON only (metadata.json beside cdk.tf).
 */
function canonical(value: unknown, key = ""): unknown {
  if (key === "variable" && isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([name, v]) => {
      const body = canonical(v) as Tree;
      return [name, body.type === undefined ? body : { ...body, type: reference(body.type) }];
    }));
  }
  if (key === "provisioner") {
    const entries = Array.isArray(value)
      ? value.flatMap((p) => Object.entries(p as Tree))
      : Object.entries(value as Tree).flatMap(([type, bodies]) => (bodies as unknown[]).map((b) => [type, b] as const));
    return entries.map(([type, body]) => ({ [type]: canonical(body) }));
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => (key === "depends_on" ? reference(v) : canonical(v)));
    return items.length === 1 && isObject(items[0]) ? items[0] : items;
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.keys(value).filter((k) => k !== "//").sort().map((k) => [k, canonical(value[k], k)]));
  }
  return key === "provider" ? reference(value) : value;
}

describe(`${CDK_FLAVOUR} synth --hcl of the example app`, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aks-identity-hcl-"));
  const hclDir = path.join(tmp, "hcl");
  const jsonDir = path.join(tmp, "json");
  const hclOf = (stack: string) => fs.readFileSync(path.join(hclDir, "stacks", stack, "cdk.tf"), "utf8");

  beforeAll(() => {
    // GIVEN the example app synthesized through the flavour's CLI as HCL, and as JSON
    const cli = spawnSync(flavourCli(), ["synth", "--hcl", "--output", hclDir], { cwd: ROOT, env: flavourEnv(CDK_FLAVOUR), encoding: "utf8" });
    if (cli.status !== 0) throw new Error(`${CDK_FLAVOUR} synth --hcl failed (exit ${cli.status}):\n${cli.stdout}${cli.stderr}`);
    expect(synthesizeApp(buildExampleApp, { outdir: jsonDir, log: () => undefined }).exitCode).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test.each(Object.keys(SCENARIOS))("%s: cdk.tf parses back to the configuration of cdk.tf.json", async (stack) => {
    // WHEN the HCL is parsed back
    const fromHcl = await parse("cdk.tf", hclOf(stack));
    const fromJson = JSON.parse(fs.readFileSync(path.join(jsonDir, "stacks", stack, "cdk.tf.json"), "utf8"));
    // THEN it is the same configuration
    expect(canonical(fromHcl)).toEqual(canonical(fromJson));
  });

  test("references the library writes are bare, as Terraform expects in HCL", () => {
    // Quoted, Terraform 1.11 warns "Quoted references are deprecated" at every plan.
    expect(hclOf("pod-identity-exception")).toMatch(/^ {2}provider = kubernetes\.myManagedCluster$/m);
    expect(hclOf("pod-identity-exception")).not.toContain("provider = \"kubernetes.");
    expect(hclOf("migrate-to-user-assigned")).toMatch(/^ {2}depends_on = \[azurerm_kubernetes_cluster\.myManagedCluster_3120B930\]$/m);
  });

  test("the canonical form tells different configurations apart", async () => {
    // GIVEN one stack's HCL with a changed value, and one with a block left out
    const text = hclOf("workload-identity");
    const json = canonical(JSON.parse(fs.readFileSync(path.join(jsonDir, "stacks", "workload-identity", "cdk.tf.json"), "utf8")));
    const changed = text.replace("api://AzureADTokenExchange", "api://elsewhere");
    const dropped = text.replace(/^resource "azurerm_role_assignment"[\s\S]*?^}$/m, "");
    // THEN neither passes for the original
    expect(changed).not.toBe(text);
    expect(dropped).not.toBe(text);
    expect(canonical(await parse("cdk.tf", changed))).not.toEqual(json);
    expect(canonical(await parse("cdk.tf", dropped))).not.toEqual(json);
  });
});
