import { SynthCaseKey } from "./cases";
import { marginalGrowth, scaleSteps } from "./linearity";
import { formatLoad } from "./machine";
import { BenchResults, Measured } from "./results";
import { ratio, scaleSummary } from "./stats";
import { formatNumber, formatRatio, formatSummary, markdownTable } from "./table";
import { checkTargets } from "./targets";

export const RESULTS_START = "<!-- bench:results -->";
export const RESULTS_END = "<!-- /bench:results -->";

const LABELS: Record<SynthCaseKey, string> = {
  oursTsx: "ours: `node --import tsx main.ts` (= `npm run synth`)",
  oursNode: "ours: `node main.js` (precompiled)",
  baselineTsx: "baseline: tsx, root import + main.ts",
  baselineNode: "baseline: node, root require + main.js",
  floorTsx: "floor: tsx, `import \"cdktf\"; import \"constructs\"`",
  floorNode: "floor: node, `require(\"cdktf\"); require(\"constructs\")`",
  bareTsx: "bare tsx (empty file)",
  bareNode: "bare node (empty file)",
  importTsx: "import `lib/index.ts` (tsx)",
  importNode: "import `lib/index.js` (node, precompiled)",
};

const wall = (m: Measured) => formatSummary(m.wallMs);
const cpu = (m: Measured) => formatSummary(m.cpuMs);
const rss = (m: Measured) => formatSummary(m.rssMb);

/** The results as Markdown: the same text is printed and written to BENCHMARK.md. */
export function renderResults(r: BenchResults): string {
  const s = r.synth;
  const m = r.machine;
  const out: string[] = [];
  out.push(`Measured ${m.date} on ${m.cores} x ${m.cpuModel}, ${m.memoryGb.toFixed(1)} GB, Node ${m.node}, ${m.platform}.`);
  out.push(`Load average (1, 5, 15 min) ${formatLoad(m.loadBefore)} at the start${m.loadAfter ? `, ${formatLoad(m.loadAfter)} at the end` : ""}. ` +
    `Median of ${r.runs} runs (baselines ${r.baselineRuns}, scale ${r.scaleRuns}, tests ${r.tests?.runs ?? 0}), min-max in brackets; the bench took ${r.durationS.toFixed(0)} s. Peak RSS from ${r.rssMethod === "gnu-time" ? "GNU time (`/usr/bin/time -f %M`)" : "getrusage via a `--require` probe in every node process"}, MiB.`);
  out.push("");

  out.push("### Example app synth (every scenario stack)");
  out.push("");
  const synthRows = (["oursTsx", "oursNode", "baselineTsx", "baselineNode", "floorTsx", "floorNode", "bareTsx", "bareNode"] as const)
    .map((k) => [LABELS[k], wall(s[k]), cpu(s[k]), rss(s[k])]);
  out.push(markdownTable(["process", "wall ms", "CPU ms", "peak RSS MB"], synthRows));
  out.push("");
  out.push(markdownTable(["ratio (of medians)", "tsx path", "precompiled path", "target"], [
    ["baseline / ours, time", formatRatio(ratio(s.baselineTsx.wallMs, s.oursTsx.wallMs)), formatRatio(ratio(s.baselineNode.wallMs, s.oursNode.wallMs)), ">= 5x"],
    ["baseline / ours, peak RSS", formatRatio(ratio(s.baselineTsx.rssMb, s.oursTsx.rssMb)), formatRatio(ratio(s.baselineNode.rssMb, s.oursNode.rssMb)), "-"],
    ["ours / floor (same path), time", formatRatio(ratio(s.oursTsx.wallMs, s.floorTsx.wallMs)), formatRatio(ratio(s.oursNode.wallMs, s.floorNode.wallMs)), "<= 3x"],
    ["ours / node floor, time", formatRatio(ratio(s.oursTsx.wallMs, s.floorNode.wallMs)), formatRatio(ratio(s.oursNode.wallMs, s.floorNode.wallMs)), "<= 3x"],
    ["ours / floor (same path), peak RSS", formatRatio(ratio(s.oursTsx.rssMb, s.floorTsx.rssMb)), formatRatio(ratio(s.oursNode.rssMb, s.floorNode.rssMb)), "-"],
  ]));
  out.push("");

  out.push("### Importing the library");
  out.push("");
  const plus = (v: number) => `${v < 0 ? "" : "+"}${formatNumber(v, 0)}`;
  const above = (a: Measured, b: Measured) => [
    `${plus(a.wallMs.median - b.wallMs.median)} / ${plus(a.cpuMs.median - b.cpuMs.median)}`,
    plus(a.rssMb.median - b.rssMb.median),
  ];
  out.push(markdownTable(["process", "wall ms", "CPU ms", "peak RSS MB", "above bare: wall / CPU ms", "above bare: MB"], [
    [LABELS.importNode, wall(s.importNode), cpu(s.importNode), rss(s.importNode), ...above(s.importNode, s.bareNode)],
    ["cdktf + constructs only (node floor)", wall(s.floorNode), cpu(s.floorNode), rss(s.floorNode), ...above(s.floorNode, s.bareNode)],
    [LABELS.importTsx, wall(s.importTsx), cpu(s.importTsx), rss(s.importTsx), ...above(s.importTsx, s.bareTsx)],
    ["cdktf + constructs only (tsx floor)", wall(s.floorTsx), cpu(s.floorTsx), rss(s.floorTsx), ...above(s.floorTsx, s.bareTsx)],
  ]));
  out.push("");

  out.push(`### Scale: one stack, N clusters (${r.resourcesPerCluster} resources and 10 role assignments per cluster)`);
  out.push("");
  const steps = scaleSteps(r.scale);
  const scaleRows = r.scale.map((p, i) => [
    String(p.clusters), formatSummary(p.wallMs), p.cpuMs ? formatSummary(p.cpuMs) : "-", formatSummary(p.rssMb),
    formatNumber(steps[i].msPerCluster, 1), formatNumber(steps[i].marginalMsPerCluster, 1), formatNumber(steps[i].marginalCpuMsPerCluster, 1),
    formatNumber(steps[i].marginalMbPerCluster, 2),
  ]);
  if (r.scaleTsx) {
    const t = r.scaleTsx;
    scaleRows.push([`${t.clusters} (tsx)`, formatSummary(t.wallMs), t.cpuMs ? formatSummary(t.cpuMs) : "-", formatSummary(t.rssMb), formatNumber(t.wallMs.median / t.clusters, 1), "-", "-", "-"]);
  }
  out.push(markdownTable(["clusters", "wall ms", "CPU ms", "peak RSS MB", "wall ms / cluster", "marginal wall ms / cluster", "marginal CPU ms / cluster", "marginal MB / cluster"], scaleRows));
  const growthWall = marginalGrowth(steps, 10, "wall");
  const growthCpu = marginalGrowth(steps, 10, "cpu");
  out.push("");
  out.push(`Precompiled path unless marked. "marginal" is the cost of one more cluster between this size and the one above it. ` +
    (growthWall !== undefined ? `Linearity, the last step's marginal cost over that of the step after 10 clusters (1x is linear): ${formatRatio(growthWall)} in wall time` +
      `${growthCpu !== undefined ? `, ${formatRatio(growthCpu)} in CPU time` : ""}.` : ""));
  out.push("");

  if (r.tests) {
    out.push("### Test suite");
    out.push("");
    out.push(markdownTable(["command", "wall s", "CPU s", "peak RSS MB (largest process)"], [
      ["`npm test` cold (tsc, eslint, jest; no caches, as after a fresh clone)", formatSummary(scaleSummary(r.tests.npmTestCold.wallMs, 1 / 1000), 1), formatSummary(scaleSummary(r.tests.npmTestCold.cpuMs, 1 / 1000), 1), rss(r.tests.npmTestCold)],
      ["`npm test` warm (run again: tsc, eslint and tsx caches in place)", formatSummary(scaleSummary(r.tests.npmTestWarm.wallMs, 1 / 1000), 1), formatSummary(scaleSummary(r.tests.npmTestWarm.cpuMs, 1 / 1000), 1), rss(r.tests.npmTestWarm)],
      ["`npm run test:e2e` (the user's commands as processes; CI runs it)", formatSummary(scaleSummary(r.tests.e2e.wallMs, 1 / 1000), 1), formatSummary(scaleSummary(r.tests.e2e.cpuMs, 1 / 1000), 1), rss(r.tests.e2e)],
    ]));
    out.push("");
  }

  out.push("### Targets (reported, not asserted)");
  out.push("");
  out.push(markdownTable(["target", "measured", "met", "why not"], checkTargets(r).map((c) => [c.target, c.measured, c.met ? "yes" : "**no**", c.note])));
  return out.join("\n");
}

/** Replaces the generated part of BENCHMARK.md, keeping the hand-written analysis around it. */
export function spliceResults(document: string, results: string): string {
  const start = document.indexOf(RESULTS_START);
  const end = document.indexOf(RESULTS_END);
  const block = `${RESULTS_START}\n${results}\n${RESULTS_END}`;
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${block}\n`;
  return `${document.slice(0, start)}${block}${document.slice(end + RESULTS_END.length)}`;
}
