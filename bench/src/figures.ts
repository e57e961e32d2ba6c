import type { Stats } from "./measure.js";

/** A measured figure next to its target. Ratios are what the regression check compares. */
export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: "×" | "ms" | "MiB";
  /** `value op limit` must hold; absent for figures shown for context only. */
  target?: { op: "<=" | ">=" | "<"; limit: number };
  /** Which direction is better, for the regression check (ratios only). */
  better?: "lower" | "higher";
  /** The samples behind the figure (median, min, max), and the clock they were read on. */
  stats?: Stats;
  clock?: "CPU" | "wall";
  detail?: string;
}

export function passes(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  const { op, limit } = f.target;
  return op === "<=" ? f.value <= limit : op === ">=" ? f.value >= limit : f.value < limit;
}

const fmt = (n: number, unit: Figure["unit"]): string =>
  unit === "×" ? `${n < 1 ? n.toFixed(2) : n.toFixed(1)}×` : unit === "ms" ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : `${n.toFixed(0)} MiB`;

/** The figures as a Markdown table, for docs/performance.md. */
export function markdownTable(figures: Figure[]): string {
  const rows = figures.map((f) => {
    const pass = passes(f);
    const spread = f.stats ? `${f.stats.min.toFixed(0)}…${f.stats.max.toFixed(0)} ms ${f.clock ?? ""}`.trim() : "";
    return `| ${f.label.trim().replace(/\|/g, "\\|")} | ${fmt(f.value, f.unit)} | ${f.target ? `${f.target.op} ${fmt(f.target.limit, f.unit)}` : ""} | ${pass === undefined ? "" : pass ? "PASS" : "FAIL"} | ${[spread, f.detail ?? ""].filter(Boolean).join("; ")} |`;
  });
  return ["| figure | measured | target | | runs; detail |", "| --- | ---: | --- | --- | --- |", ...rows].join("\n") + "\n";
}

export function formatFigure(f: Figure): string {
  const pass = passes(f);
  const verdict = pass === undefined ? "    " : pass ? "PASS" : "FAIL";
  const target = f.target ? `${f.target.op} ${fmt(f.target.limit, f.unit)}` : "";
  const range = f.stats ? `  [${f.stats.min.toFixed(1)}…${f.stats.max.toFixed(1)} ms${f.clock ? " " + f.clock : ""}, median ${f.stats.median.toFixed(1)} of ${f.stats.runs}]` : "";
  return `${verdict}  ${f.label.padEnd(58)} ${fmt(f.value, f.unit).padStart(10)}  ${target.padEnd(10)}${range}${f.detail ? "  " + f.detail : ""}`;
}

export interface Regression {
  id: string;
  baseline: number;
  value: number;
  /** How much worse, as a fraction of the baseline (0.3 = 30% worse). */
  worse: number;
}

/** Ratios more than `tolerance` worse than the baseline's. Figures missing on either side are skipped. */
export function regressions(figures: Figure[], baseline: Record<string, number>, tolerance = 0.25): Regression[] {
  const out: Regression[] = [];
  for (const f of figures) {
    const base = baseline[f.id];
    const value = f.value;
    if (!f.better || base === undefined || !(base > 0) || !(value > 0)) continue;
    const worse = f.better === "lower" ? value / base - 1 : base / value - 1;
    if (worse > tolerance) out.push({ id: f.id, baseline: base, value, worse });
  }
  return out;
}
