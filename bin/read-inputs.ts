import * as fs from "fs";
import * as path from "path";
import { ReviewInputError } from "../lib/review/errors";
import { parseJsonText } from "../lib/review/errors";
import { JsonStackModel, parseStack } from "../lib/review/stack-model";

const CONFIG = "a Terraform JSON configuration (cdk.tf.json from `cdktf synth`, or *.tf.json)";

/**
 * The stacks under a path: a cdktf output folder (manifest.json lists the stacks), one
 * stack's folder or cdk.tf.json, or a folder of plain *.tf.json files (one configuration).
 */
export function readStacks(target: string): JsonStackModel[] {
  if (!fs.existsSync(target)) {
    throw new ReviewInputError(`${target} does not exist: run \`cdktf synth\` (here: \`npm run synth\`) first, or pass the folder or cdk.tf.json to report on.`);
  }
  if (fs.statSync(target).isFile()) return [readStack(target, stackName(target))];
  const manifest = path.join(target, "manifest.json");
  if (fs.existsSync(manifest)) {
    const json = parseJsonText(fs.readFileSync(manifest, "utf8"), manifest, "cdktf's manifest.json");
    const stacks = (json as { stacks?: Record<string, { name?: string; synthesizedStackPath?: string }> }).stacks;
    if (typeof stacks !== "object" || stacks === null) throw new ReviewInputError(`${manifest} has no "stacks": not a cdktf output folder's manifest.`);
    return Object.entries(stacks).map(([name, s]) => readStack(path.join(target, s.synthesizedStackPath ?? path.join("stacks", name, "cdk.tf.json")), s.name ?? name));
  }
  const own = path.join(target, "cdk.tf.json");
  if (fs.existsSync(own)) return [readStack(own, path.basename(path.resolve(target)))];
  const stacksDir = path.join(target, "stacks");
  if (fs.existsSync(stacksDir)) {
    return fs.readdirSync(stacksDir).sort()
      .filter((d) => fs.existsSync(path.join(stacksDir, d, "cdk.tf.json")))
      .map((d) => readStack(path.join(stacksDir, d, "cdk.tf.json"), d));
  }
  const files = fs.readdirSync(target).filter((f) => f.endsWith(".tf.json")).sort();
  if (files.length > 0) {
    // Plain Terraform: the folder's *.tf.json files are one configuration.
    const parts = files.map((f) => readStack(path.join(target, f), f));
    const resources = parts.flatMap((p) => [...p.resources]);
    return [{ name: path.basename(path.resolve(target)), resources, byAddress: new Map(resources.map((r) => [r.address, r])) }];
  }
  throw new ReviewInputError(`${target} holds no manifest.json, cdk.tf.json, stacks/ or *.tf.json: expected a cdktf output folder (default ./cdktf.out) or ${CONFIG}.`);
}

function readStack(file: string, name: string): JsonStackModel {
  if (!fs.existsSync(file)) throw new ReviewInputError(`${file} is listed in the manifest but missing: synthesize again.`);
  return parseStack(name, parseJsonText(fs.readFileSync(file, "utf8"), file, CONFIG), file);
}

function stackName(file: string): string {
  const base = path.basename(file);
  return base === "cdk.tf.json" ? path.basename(path.dirname(path.resolve(file))) : base.replace(/\.tf\.json$|\.json$/, "");
}
