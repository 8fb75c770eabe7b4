import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { flavourSpecifierTransformer } from "../scripts/flavours";

/** The sources the measured apps load: the library, the scenarios, main.ts and bench/apps. */
const SOURCES = ["lib", "scenarios", "bench/apps", "main.ts"];

/**
 * The precompiled path: every source transpiled file by file to CommonJS (what `tsc`
 * emits, without type checking), under `outDir` mirroring the repository layout, so
 * `node <outDir>/main.js` runs the same app without the tsx loader. `#flavour` is resolved to
 * the cdktf flavour's module, as the build does. Returns the file count.
 */
export function compileForNode(root: string, outDir: string): number {
  const config = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const compilerOptions: ts.CompilerOptions = { ...options, declaration: false, sourceMap: false, noEmit: false };
  fs.rmSync(outDir, { recursive: true, force: true });
  let count = 0;
  for (const source of SOURCES.flatMap((s) => tsFiles(path.join(root, s)))) {
    const out = path.join(outDir, path.relative(root, source)).replace(/\.ts$/, ".js");
    const { outputText } = ts.transpileModule(fs.readFileSync(source, "utf8"), { compilerOptions, fileName: source, transformers: { after: [flavourSpecifierTransformer<ts.SourceFile>("cdktf")] } });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, outputText);
    count++;
  }
  return count;
}

function tsFiles(p: string): string[] {
  if (!fs.existsSync(p)) return [];
  if (fs.statSync(p).isFile()) return p.endsWith(".ts") && !p.endsWith(".d.ts") ? [p] : [];
  return fs.readdirSync(p).sort().flatMap((name) => tsFiles(path.join(p, name)));
}
