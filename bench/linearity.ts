import { Summary } from "./stats";

/** One size of the scale run: how many clusters, and the measured wall time and peak RSS. */
export interface ScalePoint {
  readonly clusters: number;
  readonly wallMs: Summary;
  /** CPU time of the process tree: the steadier figure on a busy machine. */
  readonly cpuMs?: Summary;
  readonly rssMb: Summary;
}

/** Cost per cluster between two sizes (the slope), and the average cost per cluster at a size. */
export interface ScaleStep {
  readonly clusters: number;
  /** Median wall time / clusters. Includes the fixed start-up cost, so it falls as size grows. */
  readonly msPerCluster: number;
  readonly mbPerCluster: number;
  /** (wall[n] - wall[prev]) / (n - prev): what one more cluster costs. Undefined for the first size. */
  readonly marginalMsPerCluster?: number;
  /** The same slope over CPU time, when measured. */
  readonly marginalCpuMsPerCluster?: number;
  readonly marginalMbPerCluster?: number;
}

export function scaleSteps(points: readonly ScalePoint[]): ScaleStep[] {
  const sorted = [...points].sort((a, b) => a.clusters - b.clusters);
  return sorted.map((p, i) => {
    const prev = i > 0 ? sorted[i - 1] : undefined;
    const dn = prev ? p.clusters - prev.clusters : 0;
    return {
      clusters: p.clusters,
      msPerCluster: p.wallMs.median / p.clusters,
      mbPerCluster: p.rssMb.median / p.clusters,
      marginalMsPerCluster: prev && dn > 0 ? (p.wallMs.median - prev.wallMs.median) / dn : undefined,
      marginalCpuMsPerCluster: prev && dn > 0 && p.cpuMs && prev.cpuMs ? (p.cpuMs.median - prev.cpuMs.median) / dn : undefined,
      marginalMbPerCluster: prev && dn > 0 ? (p.rssMb.median - prev.rssMb.median) / dn : undefined,
    };
  });
}

/**
 * How flat the marginal cost is from size `from` on: the last step's marginal ms per
 * cluster divided by that of the step right after `from` (with sizes 1, 10, 100, 300 and
 * from = 10: the 100->300 slope over the 10->100 slope). 1 is linear; quadratic growth
 * shows as a ratio well above 1. Undefined when there are not two such steps.
 */
export function marginalGrowth(steps: readonly ScaleStep[], from: number, metric: "wall" | "cpu" = "wall"): number | undefined {
  const start = steps.findIndex((s) => s.clusters === from);
  if (start < 0 || start + 2 >= steps.length) return undefined;
  const slope = (s: ScaleStep) => (metric === "wall" ? s.marginalMsPerCluster : s.marginalCpuMsPerCluster);
  const first = slope(steps[start + 1]);
  const last = slope(steps[steps.length - 1]);
  if (first === undefined || last === undefined || first <= 0) return undefined;
  return last / first;
}
