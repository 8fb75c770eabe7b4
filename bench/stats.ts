/** Summary of repeated measurements: the median, with the range beside it. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(values: readonly number[]): Summary {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** Ratio of two medians, e.g. baseline / ours. */
export function ratio(numerator: Summary, denominator: Summary): number {
  return numerator.median / denominator.median;
}

/** The same summary in another unit, e.g. ms to s. */
export function scaleSummary(s: Summary, factor: number): Summary {
  return { ...s, median: s.median * factor, min: s.min * factor, max: s.max * factor };
}
