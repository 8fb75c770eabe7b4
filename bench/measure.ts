import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";

/**
 * How peak RSS is read. Both come from the OS's getrusage: GNU time reports the largest
 * process it waited for; the probe makes each node process report its own on exit.
 */
export type RssMethod = "gnu-time" | "probe";

export interface RunResult {
  readonly wallMs: number;
  /** Peak resident set size of the largest process in the tree, MiB. */
  readonly peakRssMb: number;
  readonly status: number | null;
  readonly output: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly method: RssMethod;
}

const GNU_TIME = "/usr/bin/time";
const PROBE = path.join(__dirname, "probe", "max-rss.js");

/** GNU time (Debian package `time`) when it works here, else the node probe. */
export function detectRssMethod(): RssMethod {
  if (!fs.existsSync(GNU_TIME)) return "probe";
  const r = spawnSync(GNU_TIME, ["-f", "%M", process.execPath, "-e", ""], { encoding: "utf8" });
  return r.status === 0 && /^\d+\s*$/m.test(r.stderr) ? "gnu-time" : "probe";
}

/**
 * Runs one command to completion and times it from outside: wall time around the whole
 * child process (start-up, loading, synth, exit), peak RSS from the OS.
 */
export function runMeasured(command: string, args: readonly string[], options: RunOptions): RunResult {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-rss-"));
  const rssFile = path.join(scratch, "rss");
  try {
    let env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    let cmd = command;
    let argv = [...args];
    if (options.method === "gnu-time") {
      cmd = GNU_TIME;
      argv = ["-f", "%M", "-o", rssFile, command, ...args];
    } else {
      env = { ...env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(PROBE)}`.trim() };
    }
    const start = performance.now();
    const r = spawnSync(cmd, argv, { cwd: options.cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const wallMs = performance.now() - start;
    if (r.error) throw r.error;
    const kib = fs.existsSync(rssFile)
      ? Math.max(0, ...fs.readFileSync(rssFile, "utf8").split("\n").map((l) => l.trim()).filter((l) => /^\d+$/.test(l)).map(Number))
      : 0;
    return { wallMs, peakRssMb: kib / 1024, status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
