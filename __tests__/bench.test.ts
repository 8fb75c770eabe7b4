import { Testing } from "cdktf";
import { buildScaleApp } from "../bench/apps/scale";
import { marginalGrowth, ScalePoint, scaleSteps } from "../bench/linearity";
import { parseUsage } from "../bench/measure";
import { RESULTS_END, RESULTS_START, spliceResults } from "../bench/report";
import { median, ratio, scaleSummary, Summary, summarize } from "../bench/stats";
import { formatRatio, formatSummary, markdownTable } from "../bench/table";

// The benchmark's pure parts: its numbers are only as good as these.
const one = (v: number): Summary => ({ median: v, min: v, max: v, runs: 1 });
const point = (clusters: number, wallMs: number, rssMb = 100, cpuMs?: number): ScalePoint =>
  ({ clusters, wallMs: one(wallMs), rssMb: one(rssMb), cpuMs: cpuMs === undefined ? undefined : one(cpuMs) });

describe("stats", () => {
  it("takes the middle value of an odd count and the mean of the two middle values of an even count", () => {
    // GIVEN unsorted samples
    const odd = [30, 10, 20];
    const even = [4, 1, 3, 2];
    // WHEN / THEN
    expect(median(odd)).toBe(20);
    expect(median(even)).toBe(2.5);
    // AND the caller's array is not reordered
    expect(odd).toEqual([30, 10, 20]);
  });

  it("summarizes median, min, max and run count, and refuses an empty list", () => {
    // GIVEN five runs with one outlier
    const s = summarize([105, 98, 400, 101, 99]);
    // THEN the median ignores the outlier and the range shows it
    expect(s).toEqual({ median: 101, min: 98, max: 400, runs: 5 });
    expect(() => median([])).toThrow("median of an empty list");
  });

  it("divides medians for ratios and rescales every field of a summary", () => {
    // GIVEN a baseline and ours
    const base = summarize([4000, 4200, 3900]);
    const ours = summarize([1000, 800, 1100]);
    // THEN
    expect(ratio(base, ours)).toBe(4);
    expect(scaleSummary(base, 1 / 1000)).toEqual({ median: 4, min: 3.9, max: 4.2, runs: 3 });
  });
});

describe("table", () => {
  it("pads columns, right-aligns numeric ones and left-aligns text", () => {
    // GIVEN rows of text and numbers
    const t = markdownTable(["case", "wall ms"], [["ours", "950 (900-1000)"], ["baseline", "4100"]]);
    // THEN every line has the same width and the numeric column is right-aligned
    expect(t.split("\n")).toEqual([
      "| case     |        wall ms |",
      "|----------|---------------:|",
      "| ours     | 950 (900-1000) |",
      "| baseline |           4100 |",
    ]);
  });

  it("rejects a row with the wrong number of cells", () => {
    expect(() => markdownTable(["a", "b"], [["1"]])).toThrow("row has 1 cells, expected 2: 1");
  });

  it("formats a summary as median (min-max), a single run without a range, and ratios", () => {
    expect(formatSummary({ median: 1234.4, min: 1100.2, max: 1500.9, runs: 5 })).toBe("1234 (1100-1501)");
    expect(formatSummary({ median: 1.25, min: 1.25, max: 1.25, runs: 1 }, 1)).toBe("1.3");
    expect(formatRatio(3.456)).toBe("3.46x");
    expect(formatRatio(11.81)).toBe("11.8x");
  });
});

describe("linearity", () => {
  it("computes cost per cluster and the marginal cost between sizes", () => {
    // GIVEN 400 ms of start-up and 20 ms and 0.5 MB per cluster, given out of order
    const steps = scaleSteps([point(100, 2400, 150), point(1, 420, 100.5), point(10, 600, 105)]);
    // THEN the sizes come back sorted, the first has no marginal cost, the others the slope
    expect(steps.map((s) => s.clusters)).toEqual([1, 10, 100]);
    expect(steps[0].marginalMsPerCluster).toBeUndefined();
    expect(steps[1].marginalMsPerCluster).toBeCloseTo(20);
    expect(steps[2].marginalMsPerCluster).toBeCloseTo(20);
    expect(steps[2].marginalMbPerCluster).toBeCloseTo(0.5);
    expect(steps[2].msPerCluster).toBe(24);
  });

  it("reads 1x for linear growth and well above 1x for quadratic growth", () => {
    // GIVEN linear cost 400 + 20 n, and quadratic cost 400 + 0.1 n^2
    const sizes = [1, 10, 100, 300];
    const linear = scaleSteps(sizes.map((n) => point(n, 400 + 20 * n)));
    const quadratic = scaleSteps(sizes.map((n) => point(n, 400 + 0.1 * n * n)));
    // THEN the 100->300 slope over the 10->100 slope tells them apart
    expect(marginalGrowth(linear, 10)).toBeCloseTo(1);
    expect(marginalGrowth(quadratic, 10)).toBeCloseTo(40 / 11);
  });

  it("judges linearity on CPU time when asked, apart from a noisy wall time", () => {
    // GIVEN wall times stretched by load at 300 clusters, and linear CPU times
    const steps = scaleSteps([point(1, 400, 100, 390), point(10, 600, 100, 570), point(100, 2400, 100, 2370), point(300, 9000, 100, 6370)]);
    // THEN
    expect(steps[3].marginalCpuMsPerCluster).toBeCloseTo(20);
    expect(marginalGrowth(steps, 10, "cpu")).toBeCloseTo(1);
    expect(marginalGrowth(steps, 10, "wall")).toBeCloseTo(33 / 20);
  });

  it("has no linearity figure without two steps after the starting size", () => {
    expect(marginalGrowth(scaleSteps([point(1, 400), point(10, 500), point(100, 1000)]), 10)).toBeUndefined();
    expect(marginalGrowth(scaleSteps([point(1, 400), point(100, 1000), point(300, 2000)]), 10)).toBeUndefined();
  });
});

describe("usage parsing", () => {
  it("reads GNU time's KiB and user + system seconds, after a 'Command exited' line", () => {
    expect(parseUsage("71968 0.24 0.03\n", "gnu-time")).toEqual({ maxRssKib: 71968, cpuMs: 270 });
    expect(parseUsage("Command exited with non-zero status 1\n65000 1.50 0.25\n", "gnu-time")).toEqual({ maxRssKib: 65000, cpuMs: 1750 });
    expect(parseUsage("", "gnu-time")).toEqual({ maxRssKib: 0, cpuMs: 0 });
  });

  it("takes the largest RSS and the sum of CPU over the probe's processes", () => {
    // GIVEN tsx's parent and child process each reporting
    expect(parseUsage("80000 150000\n150000 1200000\n", "probe")).toEqual({ maxRssKib: 150000, cpuMs: 1350 });
  });
});

describe("BENCHMARK.md", () => {
  it("replaces only the generated block and keeps the analysis around it", () => {
    // GIVEN a document with hand-written text around an old result block
    const doc = `# Benchmark\n\nintro\n\n${RESULTS_START}\nold table\n${RESULTS_END}\n\n## Findings\nkept\n`;
    // WHEN new results are spliced in
    const out = spliceResults(doc, "new table");
    // THEN
    expect(out).toBe(`# Benchmark\n\nintro\n\n${RESULTS_START}\nnew table\n${RESULTS_END}\n\n## Findings\nkept\n`);
  });

  it("appends a block to a document that has none", () => {
    expect(spliceResults("# Benchmark\n", "t")).toBe(`# Benchmark\n\n${RESULTS_START}\nt\n${RESULTS_END}\n`);
  });
});

describe("the scale app", () => {
  it("gives each cluster two identities and ten role assignments", () => {
    // GIVEN the scale stack with two clusters
    const stack = buildScaleApp(Testing.app(), 2);
    // WHEN synthesized
    const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, { principal_id?: string; role_definition_name?: string }>> };
    // THEN
    expect(Object.keys(json.resource.azurerm_kubernetes_cluster)).toHaveLength(2);
    expect(Object.keys(json.resource.azurerm_user_assigned_identity)).toHaveLength(4);
    const grants = Object.values(json.resource.azurerm_role_assignment);
    expect(grants).toHaveLength(20);
    // AND per cluster: three AcrPull for the kubelet identity, seven grants for the control plane
    const of = (identity: RegExp) => grants.filter((g) => identity.test(g.principal_id ?? "")).map((g) => g.role_definition_name).sort();
    expect(of(/^\$\{azurerm_user_assigned_identity\.kubelet-0_[0-9A-F]+\.principal_id\}$/)).toEqual(["AcrPull", "AcrPull", "AcrPull"]);
    expect(of(/^\$\{azurerm_user_assigned_identity\.cp-0_[0-9A-F]+\.principal_id\}$/)).toEqual([
      "Contributor", "Managed Identity Operator", "Network Contributor", "Network Contributor", "Network Contributor", "Network Contributor", "Private DNS Zone Contributor",
    ]);
  });
});
