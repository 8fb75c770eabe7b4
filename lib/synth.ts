import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { AksIdentityError } from "./errors";
import { withoutTokenStackTraces } from "./private/token-stack-traces";

export interface SynthAnnotation {
  readonly stack: string;
  readonly constructPath: string;
  readonly level: "@cdktf/info" | "@cdktf/warn" | "@cdktf/error";
  readonly message: string;
}

export interface SynthResult {
  readonly exitCode: number;
  readonly stacks: string[];
  readonly annotations: SynthAnnotation[];
}

export interface SynthOptions {
  /** @default CDKTF_OUTDIR, else "cdktf.out" */
  readonly outdir?: string;
  /** Where messages go. @default process.stderr */
  readonly log?: (line: string) => void;
  /**
   * Keep cdktf's creation stack trace on every token, printed only when cdktf cannot
   * resolve one. Off by default: they cost a quarter to a third of synth time.
   * @default false
   */
  readonly tokenStackTraces?: boolean;
}

/**
 * Synthesizes an app all-or-nothing: every stack is built in a staging folder, every error
 * and warning is printed once, and only a run with no error replaces the output folder.
 * After a failed run the output folder is removed, so no pipeline can apply a stack that
 * failed its checks (or a stale one from an earlier run). A failed run also sets
 * `process.exitCode = 1`, so an app that ignores the result still fails its synth.
 */
export function synthesizeApp(build: (app: App) => void, options: SynthOptions = {}): SynthResult {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Under `cdktf synth` / `cdktf deploy` the CLI labels every line of the app's stderr [ERROR]
  // and prints each annotation from the manifest itself (@cdktf/commons logging.js,
  // cli-core synth-stack.js): a clean synth then says only its summary, on stdout.
  const underCli = options.log === undefined && isCdktfCli();
  const info = underCli ? (line: string) => process.stdout.write(`${line}\n`) : log;
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
  const shown = displayPath(outdir);
  const unsafe = unsafeOutdir(outdir);
  if (unsafe) {
    log(`ERROR the output folder ${shown} ${unsafe}; synth replaces the whole folder, so it refuses. Fix: set CDKTF_OUTDIR (or outdir) to a folder of its own, like cdktf.out.`);
    return failed({ exitCode: 1, stacks: [], annotations: [] });
  }
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  const staging = fs.mkdtempSync(`${outdir}.staging-`);
  const previousContinue = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  // Collect every stack's errors instead of stopping at the first stack with one.
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "1";
  try {
    const app = new App({ outdir: staging, stackTraces: false });
    const run = () => {
      build(app);
      app.synth();
    };
    if (options.tokenStackTraces) run();
    else withoutTokenStackTraces(run);
    const manifest = JSON.parse(fs.readFileSync(path.join(staging, "manifest.json"), "utf8")) as {
      stacks: Record<string, { annotations: Omit<SynthAnnotation, "stack">[] }>;
    };
    const annotations: SynthAnnotation[] = [];
    const seen = new Set<string>();
    for (const [stack, s] of Object.entries(manifest.stacks)) {
      for (const a of s.annotations) {
        const key = `${stack}\0${a.level}\0${a.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        annotations.push({ stack, constructPath: a.constructPath, level: a.level, message: a.message });
      }
    }
    const errors = annotations.filter((a) => a.level === "@cdktf/error");
    for (const a of underCli && errors.length === 0 ? [] : annotations) {
      const label = a.level === "@cdktf/error" ? "ERROR" : a.level === "@cdktf/warn" ? "WARNING" : "INFO";
      log(`${label} ${a.stack}: ${a.message.startsWith("[") ? a.message : `[${a.constructPath}] ${a.message}`}`);
    }
    const stacks = Object.keys(manifest.stacks);
    if (errors.length > 0) {
      removeDir(staging);
      removeDir(outdir);
      log(`Synth failed: ${errors.length} error(s) in ${new Set(errors.map((e) => e.stack)).size} stack(s); ${shown} was removed so nothing half-checked can be deployed.`);
      return failed({ exitCode: 1, stacks, annotations });
    }
    removeDir(outdir);
    fs.renameSync(staging, outdir);
    info(`Synthesized ${stacks.length} stack(s) into ${shown}: ${stacks.join(", ")}`);
    return { exitCode: 0, stacks, annotations };
  } catch (err) {
    removeDir(staging);
    removeDir(outdir);
    if (err instanceof AksIdentityError) {
      log(`ERROR ${err.message}`);
    } else {
      // Not the library's own error: one line of where it came from, not the whole trace.
      const where = err instanceof Error ? err.stack?.split("\n").find((l) => /^\s+at /.test(l) && !l.includes("node_modules") && !l.includes("node:")) : undefined;
      log(`ERROR synth failed: ${err instanceof Error ? err.message : String(err)}${where ? ` (${where.trim()})` : ""}`);
    }
    log(`Synth failed; ${shown} was removed so nothing half-checked can be deployed.`);
    return failed({ exitCode: 1, stacks: [], annotations: [] });
  } finally {
    if (previousContinue === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previousContinue;
  }
}

/** True when the cdktf (or CDK Terrain) CLI runs the app: it sets these for the app's process (cli-core synth-stack.js). */
function isCdktfCli(): boolean {
  return process.env.SYNTH_HCL_OUTPUT !== undefined && process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === "true";
}

function failed(result: SynthResult): SynthResult {
  process.exitCode = 1;
  return result;
}

/** Why replacing this folder would destroy something else, or undefined when it is safe. */
function unsafeOutdir(outdir: string): string | undefined {
  const cwd = process.cwd();
  if (outdir === path.parse(outdir).root || cwd === outdir || cwd.startsWith(`${outdir}${path.sep}`)) return "is the working folder or one of its parents";
  if (!fs.existsSync(outdir)) return undefined;
  if (!fs.statSync(outdir).isDirectory()) return "is a file";
  const entries = fs.readdirSync(outdir);
  if (entries.length > 0 && !entries.includes("manifest.json")) return "holds files but no manifest.json, so it is not a cdktf output folder";
  return undefined;
}

function displayPath(p: string): string {
  const relative = path.relative(process.cwd(), p);
  return relative === "" || relative.startsWith("..") ? p : relative;
}

function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
