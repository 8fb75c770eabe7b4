import { SynthCaseKey } from "./cases";
import { ScalePoint } from "./linearity";
import { Machine } from "./machine";
import { RssMethod } from "./measure";
import { Summary } from "./stats";

/** Wall time (ms), CPU time of the process tree (ms) and peak RSS (MiB) of one case over its runs. */
export interface Measured {
  readonly wallMs: Summary;
  readonly cpuMs: Summary;
  readonly rssMb: Summary;
}

/** Everything one `npm run bench` measured. */
export interface BenchResults {
  readonly machine: Machine;
  readonly rssMethod: RssMethod;
  readonly runs: number;
  readonly baselineRuns: number;
  readonly scaleRuns: number;
  readonly synth: Record<SynthCaseKey, Measured>;
  /** Scale on the precompiled path, every size. */
  readonly scale: readonly ScalePoint[];
  /** The largest size again through tsx, as users run it. */
  readonly scaleTsx?: ScalePoint;
  /** Terraform resources in the scale stack per cluster (counted from the synthesized JSON). */
  readonly resourcesPerCluster: number;
  readonly tests?: { readonly npmTestCold: Measured; readonly npmTestWarm: Measured; readonly e2e: Measured; readonly runs: number };
  /** How long the whole bench took, seconds. */
  readonly durationS: number;
}
