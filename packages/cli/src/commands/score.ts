import { analyze, percentText, type EvaluationResult, type IndicatorResult } from "@perf/engine";
import type { Locale } from "@perf/language";
import stringWidth from "string-width";
import { readInput } from "../read-source.js";
import type { CliIO, CommonOptions } from "../io.js";
import { t } from "../messages.js";

export interface ScoreOptions extends CommonOptions {
  json: boolean;
}

export function runScore(paths: string[], options: ScoreOptions, io: CliIO): number {
  if (paths.length !== 1) {
    io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "needOneFile")}\n`);
    return 2;
  }
  const file = paths[0]!.startsWith("/") ? paths[0]! : `${io.cwd}/${paths[0]}`;
  const read = readInput(file, paths[0]!, options.locale, io);
  if (!read) return 1;
  const { result } = analyze([{ uri: file, text: read.source.text }], options);
  if (options.json) io.stdout(JSON.stringify(result, null, 2) + "\n");
  else io.stdout(scoreTable(result, options.locale));
  if (result.summary.errors > 0) {
    io.stderr(`perf: ${t(options.locale, "hasErrors", { n: result.summary.errors })}\n`);
    return 1;
  }
  return 0;
}

function percent(rate: string | null): string {
  return rate === null ? "" : percentText(rate);
}

/** The tree as an aligned table: indicator, weight, score, rate, declared. */
export function scoreTable(result: EvaluationResult, locale: Locale): string {
  const rows: string[][] = [];
  const walk = (n: IndicatorResult) => {
    rows.push([`${"  ".repeat(n.level - 1)}${n.name}`, n.weight, n.score ?? t(locale, "unscored"), percent(n.rate), n.declared ?? ""]);
    n.children.forEach(walk);
  };
  result.indicators.forEach(walk);
  const head = [t(locale, "indicator"), t(locale, "weight"), t(locale, "score"), t(locale, "rate"), t(locale, "declared")];
  const total = [t(locale, "total"), result.total.weight, result.total.score ?? "—", percent(result.total.rate), result.total.declared ?? ""];
  const all = [head, ...rows, total];
  const widths = head.map((_, c) => Math.max(...all.map((r) => stringWidth(r[c]!))));
  const fmt = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell + " ".repeat(widths[c]! - stringWidth(cell)) : " ".repeat(widths[c]! - stringWidth(cell)) + cell))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  const grade = result.grade.name ?? "—";
  const veto = result.grade.vetoedBy ? t(locale, "vetoed", { name: result.grade.vetoedBy }) : "";
  return [result.title, "", fmt(head), rule, ...rows.map(fmt), rule, fmt(total), "", `${t(locale, "total")} ${result.total.score ?? "—"} · ${t(locale, "grade")} ${grade}${veto}`, ""].join("\n");
}
