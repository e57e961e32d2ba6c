import { percentText, resultWithOffsets, type EvaluationResult, type IndicatorResult } from "@perf/engine";
import type { Locale } from "@perf/language";
import { resolve } from "node:path";
import stringWidth from "string-width";
import { displayPath } from "../files.js";
import { analyzeEntry, oneEntry } from "../project.js";
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
  const target = oneEntry(paths[0]!, io.cwd, options.locale);
  if (!target) {
    io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "needOneEvaluation", { path: paths[0]! })}\n`);
    return 2;
  }
  const file = target.file;
  const shown = target.root === resolve(io.cwd, paths[0]!) ? displayPath(file, io.cwd) : paths[0]!;
  const read = readInput(file, shown, options.locale, io);
  if (!read) return 1;
  const analysis = analyzeEntry(file, read.source.text, target.root, io.cwd, options);
  const { result } = analysis;
  if (options.json) io.stdout(JSON.stringify(resultWithOffsets(analysis), null, 2) + "\n");
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

/** Rows as an aligned table: the first column left, the others right; CJK counts two columns. */
function aligned(head: string[], rows: string[][], foot: string[][]): string[] {
  const all = [head, ...rows, ...foot];
  const widths = head.map((_, c) => Math.max(...all.map((r) => stringWidth(r[c] ?? ""))));
  const fmt = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell + " ".repeat(widths[c]! - stringWidth(cell)) : " ".repeat(widths[c]! - stringWidth(cell)) + cell))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [fmt(head), rule, ...rows.map(fmt), rule, ...foot.map(fmt)];
}

type Scored = Pick<EvaluationResult, "indicators" | "total" | "grade">;

/** One tree: indicator, weight, score, rate, declared; then the total and the grade. */
function treeTable(r: Scored, locale: Locale): string[] {
  const rows: string[][] = [];
  const walk = (n: IndicatorResult) => {
    rows.push([`${"  ".repeat(n.level - 1)}${n.name}`, n.weight, n.score ?? t(locale, "unscored"), percent(n.rate), n.declared ?? ""]);
    n.children.forEach(walk);
  };
  r.indicators.forEach(walk);
  const head = [t(locale, "indicator"), t(locale, "weight"), t(locale, "score"), t(locale, "rate"), t(locale, "declared")];
  const total = [t(locale, "total"), r.total.weight, r.total.score ?? "—", percent(r.total.rate), r.total.declared ?? ""];
  return [...aligned(head, rows, [total]), "", gradeLine(r, locale)];
}

function gradeLine(r: Scored, locale: Locale): string {
  const grade = r.grade.name ?? "—";
  const veto = r.grade.vetoedBy ? t(locale, "vetoed", { name: r.grade.vetoedBy }) : "";
  return `${t(locale, "total")} ${r.total.score ?? r.total.declared ?? "—"} · ${t(locale, "grade")} ${grade}${veto}`;
}

/** Every subject's score at each indicator, side by side, with the totals and grades. */
function comparisonTable(result: EvaluationResult, locale: Locale): string[] {
  const subjects = result.subjects ?? [];
  const head = [t(locale, "indicator"), t(locale, "weight"), ...subjects.map((s) => s.name)];
  const rows = (result.comparison ?? []).map((row) => [`${"  ".repeat(row.level - 1)}${row.name}`, row.weight, ...row.cells.map((c) => c.score ?? t(locale, "unscored"))]);
  const totals = [t(locale, "total"), result.total.weight, ...subjects.map((s) => s.total.score ?? "—")];
  const grades = [t(locale, "grade"), "", ...subjects.map((s) => s.grade.name ?? "—")];
  return aligned(head, rows, [totals, grades]);
}

/**
 * The evaluation in a terminal: its tree with scores; with subjects, each subject's tree and then
 * all of them side by side; with a published total only, that total and grade.
 */
export function scoreTable(result: EvaluationResult, locale: Locale): string {
  const out = [result.title, ""];
  if (result.subjects) {
    for (const s of result.subjects) out.push(`■ ${s.name}`, "", ...treeTable(s, locale), "");
    out.push(`■ ${t(locale, "comparison")}`, "", ...comparisonTable(result, locale), "");
    return out.join("\n");
  }
  if (result.total.score === null && !result.indicators.length) {
    out.push(t(locale, "notPublished"), "", gradeLine(result, locale), "");
    return out.join("\n");
  }
  return [...out, ...treeTable(result, locale), ""].join("\n");
}
