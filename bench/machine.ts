import * as os from "os";

export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
  /** 1, 5 and 15 minute load averages, at the start and at the end of the run. */
  readonly loadBefore: readonly number[];
  loadAfter?: readonly number[];
}

/** What the numbers were measured on, and how busy the machine was. */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    loadBefore: os.loadavg(),
  };
}

export function formatLoad(load: readonly number[]): string {
  return load.map((l) => l.toFixed(2)).join(", ");
}
