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
  /** User + system CPU time of the whole tree, ms: unlike wall time, not stretched by other load. */
  readonly cpuMs: number;
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
      argv = ["-f", "%M %U %S", "-o", rssFile, command, ...args];
    } else {
      env = { ...env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(PROBE)}`.trim() };
    }
    const start = performance.now();
    const r = spawnSync(cmd, argv, { cwd: options.cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const wallMs = performance.now() - start;
    if (r.error) throw r.error;
    const usage = parseUsage(fs.existsSync(rssFile) ? fs.readFileSync(rssFile, "utf8") : "", options.method);
    return { wallMs, cpuMs: usage.cpuMs, peakRssMb: usage.maxRssKib / 1024, status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Reads what GNU time (`%M %U %S`: KiB, user s, system s, for the whole waited-for tree)
 * or the probe (one `maxRSS-KiB cpu-µs` line per node process) wrote: the largest process's
 * peak RSS and the tree's total CPU time. GNU time may add a "Command exited" line first.
 */
export function parseUsage(text: string, method: RssMethod): { maxRssKib: number; cpuMs: number } {
  const lines = text.split("\n").map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 2 && f.every((v) => /^\d+(\.\d+)?$/.test(v)));
  if (method === "gnu-time") {
    const last = lines[lines.length - 1];
    if (!last || last.length !== 3) return { maxRssKib: 0, cpuMs: 0 };
    return { maxRssKib: Number(last[0]), cpuMs: (Number(last[1]) + Number(last[2])) * 1000 };
  }
  return {
    maxRssKib: Math.max(0, ...lines.map((f) => Number(f[0]))),
    cpuMs: lines.reduce((sum, f) => sum + Number(f[1]) / 1000, 0),
  };
}
