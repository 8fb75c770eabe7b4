import { Summary } from "./stats";

/** A Markdown table with padded columns, so it reads the same in a terminal and in BENCHMARK.md. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  for (const row of rows) {
    if (row.length !== headers.length) throw new Error(`row has ${row.length} cells, expected ${headers.length}: ${row.join(" | ")}`);
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+~]?[0-9.,]+/.test(r[i]) || r[i] === "-"));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

/** "1234 (1180-1300)": median with the range of the runs; a single run shows no range. */
export function formatSummary(s: Summary, digits = 0): string {
  const f = (v: number) => v.toFixed(digits);
  return s.runs > 1 ? `${f(s.median)} (${f(s.min)}-${f(s.max)})` : f(s.median);
}

export function formatRatio(r: number): string {
  return `${r.toFixed(r < 10 ? 2 : 1)}x`;
}

export function formatNumber(v: number | undefined, digits = 1): string {
  return v === undefined || !Number.isFinite(v) ? "-" : v.toFixed(digits);
}
