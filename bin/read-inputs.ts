import * as fs from "fs";
import * as path from "path";
import { ReviewInputError } from "../lib/review/errors";
import { parseJsonText } from "../lib/review/errors";
import { JsonStackModel, parseStack } from "../lib/review/stack-model";
import { ConfigFile, isOverrideFile, mergeConfiguration } from "../lib/terraform-json/configuration";
import { isObject, JsonObject } from "../lib/terraform-json/blocks";

const CONFIG = "a Terraform JSON configuration (cdk.tf.json from `cdktf synth`, or *.tf.json)";

/**
 * The stacks under a path: a cdktf output folder (manifest.json lists the stacks), one
 * stack's folder or cdk.tf.json, or a Terraform folder (its *.tf and *.tf.json files are one
 * configuration, override files applied as Terraform applies them).
 */
export async function readStacks(target: string): Promise<JsonStackModel[]> {
  const kind = kindOf(target);
  if (kind === "missing") {
    throw new ReviewInputError(`${target} does not exist: run \`npx cdktf synth\` (or \`npx cdktn synth\`) in your app's folder first, or pass the folder or cdk.tf.json to report on.`);
  }
  if (kind === "file") {
    if (target.endsWith(".tf")) return [await readTerraformFolder([target], path.basename(target))];
    return [readStack(target, stackName(target))];
  }
  if (kind !== "directory") throw new ReviewInputError(`${target} is ${kind}, not a file or folder: pass a cdktf output folder, a cdk.tf.json, or a Terraform folder.`);
  const manifest = path.join(target, "manifest.json");
  if (kindOf(manifest) === "file") {
    const json = parseJsonText(readRegularFile(manifest), manifest, "cdktf's manifest.json");
    const stacks = (json as { stacks?: Record<string, { name?: string; synthesizedStackPath?: string }> }).stacks;
    if (typeof stacks !== "object" || stacks === null) throw new ReviewInputError(`${manifest} has no "stacks": not a cdktf output folder's manifest.`);
    return Object.entries(stacks).map(([name, s]) => readStack(path.join(target, s.synthesizedStackPath ?? path.join("stacks", name, "cdk.tf.json")), s.name ?? name));
  }
  const own = path.join(target, "cdk.tf.json");
  if (kindOf(own) === "file") return [readStack(own, path.basename(path.resolve(target)))];
  const stacksDir = path.join(target, "stacks");
  if (kindOf(stacksDir) === "directory") {
    return fs.readdirSync(stacksDir).sort()
      .filter((d) => kindOf(path.join(stacksDir, d, "cdk.tf.json")) === "file")
      .map((d) => readStack(path.join(stacksDir, d, "cdk.tf.json"), d));
  }
  const files = fs.readdirSync(target).filter((f) => /\.tf(\.json)?$/.test(f)).sort().map((f) => path.join(target, f));
  if (files.length > 0) return [await readTerraformFolder(files, path.basename(path.resolve(target)))];
  throw new ReviewInputError(`${target} holds no manifest.json, cdk.tf.json, stacks/, *.tf or *.tf.json: expected a cdktf output folder (default ./cdktf.out) or ${CONFIG}.`);
}

/** What is at a path, without following it into a read that could block (a FIFO) or fail late (a folder). */
export function kindOf(p: string): "missing" | "file" | "directory" | string {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw new ReviewInputError(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
  if (st.isFile()) return "file";
  if (st.isDirectory()) return "directory";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/** The text of a regular file; anything else (folder, device, FIFO) is a clear error, never a stack trace or a hang. */
export function readRegularFile(p: string): string {
  const kind = kindOf(p);
  if (kind === "missing") throw new ReviewInputError(`cannot read ${p}: it does not exist.`);
  if (kind === "directory") throw new ReviewInputError(`${p} is a folder, not a file.`);
  if (kind !== "file") throw new ReviewInputError(`${p} is ${kind}, not a regular file.`);
  try {
    return fs.readFileSync(p, "utf8");
  } catch (err) {
    throw new ReviewInputError(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
}

function readStack(file: string, name: string): JsonStackModel {
  if (kindOf(file) === "missing") throw new ReviewInputError(`${file} is listed in the manifest but missing: synthesize again.`);
  return parseStack(name, parseJsonText(readRegularFile(file), file, CONFIG, { refuseDuplicateKeys: true }), file);
}

/** A plain Terraform folder (or one .tf file): every *.tf and *.tf.json, overrides merged in. */
async function readTerraformFolder(files: readonly string[], name: string): Promise<JsonStackModel> {
  const configs: ConfigFile[] = [];
  for (const file of files) {
    const base = path.basename(file);
    if (kindOf(file) !== "file") throw new ReviewInputError(`${file} is ${kindOf(file)}, not a regular file; Terraform would read it as configuration.`);
    const json = base.endsWith(".tf.json") ? parseJsonText(readRegularFile(file), file, CONFIG, { refuseDuplicateKeys: true }) : await parseHcl(file);
    if (!isObject(json)) throw new ReviewInputError(`${file}: expected a Terraform JSON configuration (an object), got ${Array.isArray(json) ? "an array" : typeof json}.`);
    configs.push({ name: base, json });
  }
  const merged = mergeConfiguration(configs, (message) => new ReviewInputError(message));
  const overrides = configs.filter((c) => isOverrideFile(c.name)).map((c) => c.name);
  const dir = path.dirname(files[0]);
  const notRead = [
    "variable values from *.tfvars files and TF_VAR_ variables (each variable's default is used)",
    ...subfolders(dir, files.length),
  ];
  const stack = parseStack(name, merged, dir, notRead);
  return overrides.length > 0 ? { ...stack, notRead: [...(stack.notRead ?? []), `(read and applied as Terraform does: override files ${overrides.join(", ")})`] } : stack;
}

function subfolders(dir: string, count: number): string[] {
  if (count === 1 && !fs.statSync(dir).isDirectory()) return [];
  const dirs = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith(".")).map((d) => d.name);
  return dirs.length > 0 ? [`sub-folders (${dirs.join(", ")}): Terraform reads them only as modules a module block calls`] : [];
}

/** A native .tf file as Terraform JSON, by the same HCL parser CDK Terrain uses (@cdktn/hcl2json). */
async function parseHcl(file: string): Promise<JsonObject> {
  const text = readRegularFile(file);
  const { parse } = await import("@cdktn/hcl2json");
  try {
    return await parse(path.basename(file), text) as JsonObject;
  } catch (err) {
    // The parser's message names the file, line and column, never the file's content.
    const message = String(err instanceof Error ? err.message : err).split("\n")[0].slice(0, 300);
    throw new ReviewInputError(`${file} is not valid HCL: ${message}`);
  }
}

function stackName(file: string): string {
  const base = path.basename(file);
  return base === "cdk.tf.json" ? path.basename(path.dirname(path.resolve(file))) : base.replace(/\.tf\.json$|\.json$/, "");
}
