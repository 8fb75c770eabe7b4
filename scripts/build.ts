import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { FLAVOURS, FlavourName, flavourSpecifierTransformer, foreignSpecifiers, isFlavour, moduleSpecifiers, ROOT } from "./flavours";

/**
 * Compiles lib/ and bin/ for one flavour into `outDir`: type-checked against that flavour's
 * install (its tsconfig.build*.json), with module specifiers rewritten so the cdktn package
 * requires cdktn, never cdktf. The sources stay as they are. Fails on a type error, or if
 * anything in the output still names another flavour's package or `#flavour`.
 */
export function buildFlavour(flavour: FlavourName, outDir: string): string[] {
  const configPath = path.join(ROOT, FLAVOURS[flavour].buildTsconfig);
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { outDir, noEmit: false }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(formatDiagnostics([d])); },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  if (parsed.errors.length > 0) throw new Error(formatDiagnostics(parsed.errors));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const errors = ts.getPreEmitDiagnostics(program);
  if (errors.length > 0) throw new Error(`${flavour}: type errors\n${formatDiagnostics(errors)}`);
  fs.rmSync(outDir, { recursive: true, force: true });
  const written: string[] = [];
  const result = program.emit(undefined, (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(file);
  }, undefined, false, { after: [flavourSpecifierTransformer<ts.SourceFile>(flavour)], afterDeclarations: [flavourSpecifierTransformer<ts.SourceFile | ts.Bundle>(flavour)] });
  if (result.emitSkipped || result.diagnostics.length > 0) throw new Error(`${flavour}: emit failed\n${formatDiagnostics(result.diagnostics)}`);
  const stray = written.flatMap((file) => foreignSpecifiers(flavour, moduleSpecifiers(fs.readFileSync(file, "utf8"), file)).map((s) => `${path.relative(outDir, file)}: ${s}`));
  if (stray.length > 0) throw new Error(`${flavour}: the output names modules of no flavour or another one:\n${stray.join("\n")}`);
  return written;
}

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => "\n" });
}

if (require.main === module) {
  const [flavour, outDir] = process.argv.slice(2);
  if (!flavour || !isFlavour(flavour) || !outDir) {
    process.stderr.write(`usage: tsx scripts/build.ts <${Object.keys(FLAVOURS).join("|")}> <outDir>\n`);
    process.exit(2);
  }
  try {
    const files = buildFlavour(flavour, path.resolve(outDir));
    process.stdout.write(`${flavour}: compiled ${files.length} files into ${outDir}\n`);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
