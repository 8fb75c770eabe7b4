import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { buildFlavour } from "./build";
import { FLAVOUR_NAMES, FLAVOURS, FlavourName, isFlavour, ROOT } from "./flavours";

/**
 * The package.json a flavour publishes: the repository's, with the flavour's name, description,
 * peers and engines (flavours/flavours.json), and without what only this repository uses.
 */
export function flavourManifest(flavour: FlavourName): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<string, unknown>;
  delete manifest.scripts;
  delete manifest.devDependencies;
  return { ...manifest, ...FLAVOURS[flavour].package };
}

/**
 * Stages one flavour's package (its dist, package.json and the files package.json lists) in
 * build/stage/<flavour> and runs `npm pack` there. Returns the tarball's path.
 */
export function packFlavour(flavour: FlavourName, destination: string): string {
  const stage = path.join(ROOT, "build", "stage", flavour);
  fs.rmSync(stage, { recursive: true, force: true });
  buildFlavour(flavour, path.join(stage, "dist"));
  const manifest = flavourManifest(flavour);
  fs.writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const file of (manifest.files as string[]).filter((f) => !f.startsWith("dist/"))) {
    fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(stage, file));
  }
  fs.mkdirSync(destination, { recursive: true });
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", destination], { cwd: stage, encoding: "utf8" });
  const [packed] = JSON.parse(out) as { filename: string }[];
  return path.join(destination, packed.filename);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const destination = path.resolve(args[0] ?? "build/packages");
  const flavours = args.length > 1 ? args.slice(1) : FLAVOUR_NAMES;
  const unknown = flavours.filter((f) => !isFlavour(f));
  if (unknown.length > 0) {
    process.stderr.write(`unknown flavour(s) ${unknown.join(", ")}; usage: tsx scripts/pack.ts [destination] [${FLAVOUR_NAMES.join("|")}...]\n`);
    process.exit(2);
  }
  try {
    for (const flavour of flavours as FlavourName[]) process.stdout.write(`${flavour}: ${path.relative(process.cwd(), packFlavour(flavour, destination))}\n`);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
