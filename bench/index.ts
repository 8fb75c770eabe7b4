import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { parseArgs } from "util";
import { Case, Paths, scaleCase, SynthCaseKey, synthCases, testCaches, testCases } from "./cases";
import { compileForNode } from "./compile";
import { ScalePoint } from "./linearity";
import { describeMachine } from "./machine";
import { detectRssMethod, RssMethod, runMeasured } from "./measure";
import { renderResults, spliceResults } from "./report";
import { BenchResults, Measured } from "./results";
import { summarize } from "./stats";

const USAGE = `npm run bench [-- options]
  --write              write the results into BENCHMARK.md
  --runs N             runs per synth/import case (default 5)
  --baseline-runs N    runs of the two baseline cases, the slowest (default 3)
  --scale-runs N       runs per scale size (default 3)
  --sizes a,b,c        cluster counts (default 1,10,100,300)
  --test-runs N        runs of npm test (cold, then warm) and npm run test:e2e (default 1)
  --skip-tests         do not time the test suite
  --rss gnu-time|probe how to read peak RSS (default: GNU time if /usr/bin/time works)`;

const { values: opts } = parseArgs({
  options: {
    write: { type: "boolean", default: false },
    runs: { type: "string", default: "5" },
    "baseline-runs": { type: "string", default: "3" },
    "scale-runs": { type: "string", default: "3" },
    sizes: { type: "string", default: "1,10,100,300" },
    "test-runs": { type: "string", default: "1" },
    "skip-tests": { type: "boolean", default: false },
    rss: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number >= 1, got ${value}\n${USAGE}`);
  return n;
}

const root = path.resolve(__dirname, "..");
const outRoot = path.join(root, "bench", ".out");
const paths: Paths = { root, compiled: path.join(outRoot, "compiled") };
const log = (line: string) => process.stderr.write(`${line}\n`);

function measureCase(c: Case, method: RssMethod, outdir: string | undefined, samples: Samples): void {
  const env: NodeJS.ProcessEnv = { CHECKPOINT_DISABLE: "1" };
  if (outdir) env.CDKTF_OUTDIR = outdir;
  const r = runMeasured(c.command, c.args, { cwd: root, env, method });
  if (r.status !== 0) throw new Error(`${c.label} exited with ${r.status}:\n${r.output.slice(-4000)}`);
  samples.wall.push(r.wallMs);
  samples.cpu.push(r.cpuMs);
  samples.rss.push(r.peakRssMb);
}

interface Samples { wall: number[]; cpu: number[]; rss: number[] }
const toMeasured = (s: Samples): Measured => ({ wallMs: summarize(s.wall), cpuMs: summarize(s.cpu), rssMb: summarize(s.rss) });
const emptySamples = (): Samples => ({ wall: [], cpu: [], rss: [] });

function main(): void {
  if (opts.help) {
    log(USAGE);
    return;
  }
  const started = performance.now();
  const runs = positiveInt("runs", opts.runs);
  const baselineRuns = positiveInt("baseline-runs", opts["baseline-runs"]);
  const scaleRuns = positiveInt("scale-runs", opts["scale-runs"]);
  const testRuns = positiveInt("test-runs", opts["test-runs"]);
  const sizes = (opts.sizes ?? "").split(",").map((v) => positiveInt("sizes", v)).sort((a, b) => a - b);
  if (opts.rss !== undefined && opts.rss !== "gnu-time" && opts.rss !== "probe") throw new Error(`--rss must be gnu-time or probe\n${USAGE}`);
  const method: RssMethod = (opts.rss as RssMethod | undefined) ?? detectRssMethod();
  const machine = describeMachine();
  log(`bench: ${machine.cores} x ${machine.cpuModel}, Node ${machine.node}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, RSS via ${method}`);

  const files = compileForNode(root, paths.compiled);
  log(`bench: precompiled ${files} files into ${path.relative(root, paths.compiled)}`);
  const synthOut = (key: string) => path.join(outRoot, "synth", key);

  // Synth, baseline, floors and imports, round-robin so load spikes spread over all cases.
  const cases = synthCases(paths);
  const keys = Object.keys(cases) as SynthCaseKey[];
  const samples = Object.fromEntries(keys.map((k) => [k, emptySamples()])) as Record<SynthCaseKey, Samples>;
  const runsOf = (k: SynthCaseKey) => (k.startsWith("baseline") ? baselineRuns : runs);
  log("bench: warm-up of the app and the provider root (page cache, tsx's transform cache; not counted)");
  for (const k of ["oursTsx", "baselineNode"] as const) measureCase(cases[k], method, synthOut(k), emptySamples());
  const rounds = Math.max(runs, baselineRuns);
  for (let i = 0; i < rounds; i++) {
    log(`bench: synth and import, round ${i + 1}/${rounds}`);
    for (const k of keys) if (i < runsOf(k)) measureCase(cases[k], method, synthOut(k), samples[k]);
  }
  const synth = Object.fromEntries(keys.map((k) => [k, toMeasured(samples[k])])) as Record<SynthCaseKey, Measured>;

  // Scale: every size on the precompiled path, the largest also through tsx.
  const largest = sizes[sizes.length - 1];
  const scaleSamples = new Map(sizes.map((n) => [n, emptySamples()]));
  const tsxSamples = emptySamples();
  for (let i = 0; i < scaleRuns; i++) {
    log(`bench: scale ${sizes.join(", ")} clusters, round ${i + 1}/${scaleRuns}`);
    for (const n of sizes) measureCase(scaleCase(paths, n, false), method, synthOut("scale"), scaleSamples.get(n)!);
    measureCase(scaleCase(paths, largest, true), method, synthOut("scale-tsx"), tsxSamples);
  }
  const scale: ScalePoint[] = sizes.map((n) => ({ clusters: n, ...toMeasured(scaleSamples.get(n)!) }));
  const scaleTsx: ScalePoint = { clusters: largest, ...toMeasured(tsxSamples) };
  const resourcesPerCluster = countResources(path.join(synthOut("scale"), "stacks", "scale", "cdk.tf.json")) / largest;

  let tests: BenchResults["tests"];
  if (!opts["skip-tests"]) {
    const t = testCases();
    const cold = emptySamples();
    const warm = emptySamples();
    const e2e = emptySamples();
    for (let i = 0; i < testRuns; i++) {
      log(`bench: test suite, run ${i + 1}/${testRuns} (npm test cold, npm test warm, npm run test:e2e)`);
      for (const cache of testCaches(root)) fs.rmSync(cache, { recursive: true, force: true });
      measureCase(t.npmTestCold, method, undefined, cold);
      measureCase(t.npmTestWarm, method, undefined, warm);
      measureCase(t.e2e, method, undefined, e2e);
    }
    tests = { npmTestCold: toMeasured(cold), npmTestWarm: toMeasured(warm), e2e: toMeasured(e2e), runs: testRuns };
  }

  machine.loadAfter = os.loadavg();
  const durationS = (performance.now() - started) / 1000;
  const results: BenchResults = { machine, rssMethod: method, runs, baselineRuns, scaleRuns, synth, scale, scaleTsx, resourcesPerCluster, tests, durationS };
  const text = renderResults(results);
  process.stdout.write(`${text}\n`);
  if (opts.write) {
    const file = path.join(root, "BENCHMARK.md");
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmark\n\nRerun with `npm ci && npm run bench -- --write`.\n";
    fs.writeFileSync(file, spliceResults(current, text));
    log("bench: wrote BENCHMARK.md");
  }
}

function countResources(file: string): number {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
  return Object.values(json.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
}

try {
  main();
} catch (err) {
  log(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
