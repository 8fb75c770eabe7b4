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
 * failed its checks (or a stale one from an earlier run).
 */
export function synthesizeApp(build: (app: App) => void, options: SynthOptions = {}): SynthResult {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
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
    for (const a of annotations) {
      const label = a.level === "@cdktf/error" ? "ERROR" : a.level === "@cdktf/warn" ? "WARNING" : "INFO";
      log(`${label} ${a.stack}: ${a.message.startsWith("[") ? a.message : `[${a.constructPath}] ${a.message}`}`);
    }
    const errors = annotations.filter((a) => a.level === "@cdktf/error");
    const stacks = Object.keys(manifest.stacks);
    if (errors.length > 0) {
      removeDir(staging);
      removeDir(outdir);
      log(`Synth failed: ${errors.length} error(s) in ${new Set(errors.map((e) => e.stack)).size} stack(s); ${path.relative(process.cwd(), outdir) || outdir} was removed so nothing half-checked can be deployed.`);
      return { exitCode: 1, stacks, annotations };
    }
    removeDir(outdir);
    fs.renameSync(staging, outdir);
    log(`Synthesized ${stacks.length} stack(s) into ${path.relative(process.cwd(), outdir) || outdir}: ${stacks.join(", ")}`);
    return { exitCode: 0, stacks, annotations };
  } catch (err) {
    removeDir(staging);
    removeDir(outdir);
    if (err instanceof AksIdentityError) {
      log(`ERROR ${err.message}`);
    } else {
      log(`ERROR synth failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    log(`Synth failed; ${path.relative(process.cwd(), outdir) || outdir} was removed so nothing half-checked can be deployed.`);
    return { exitCode: 1, stacks: [], annotations: [] };
  } finally {
    if (previousContinue === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previousContinue;
  }
}

function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
