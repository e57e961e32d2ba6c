import { label } from "../labels.js";
import type { Cell, Report, Table } from "../model.js";
import { isolate } from "../text-safety.js";

/** 表1…/附件1… captions, numbered in report order (body tables and appendices separately). */
export function captions(report: Report): Map<Table, string> {
  const out = new Map<Table, string>();
  let n = 0;
  for (const t of report.tables) {
    const prefix = t.appendix ? label(report.locale, "appendix", { n: t.appendix }) : label(report.locale, "tableNo", { n: ++n });
    out.set(t, `${prefix}${colon(report)}${t.title}`);
  }
  return out;
}

/** The text a printer without merges shows: vertical merges repeat nothing (blank), like the report. */
export function flatText(cell: Cell): string {
  return cell.covered ? "" : cell.text;
}

/** The fill-down text for machine-readable output: vertically covered cells repeat their anchor. */
export function filledText(table: Table, row: number, col: number): string {
  const cell = table.rows[row]!.cells[col]!;
  if (!cell.covered) return cell.text;
  return cell.anchor && cell.anchor[1] === col ? cell.text : "";
}

/** "：" in Chinese text, ": " in English. */
export function colon(report: Report): string {
  return report.locale === "zh" ? "：" : ": ";
}

export function conclusion(report: Report): string {
  const m = report.meta;
  if (m.totalScore === null) return label(report.locale, "noScore");
  const grade = isolate(m.grade ?? "—") + (m.vetoedBy ? label(report.locale, "vetoed", { name: isolate(m.vetoedBy) }) : "");
  return label(report.locale, "conclusionText", { score: m.totalScore, weight: m.totalWeight, grade });
}

export function metaLines(report: Report): [string, string][] {
  const m = report.meta;
  const lines: [string, string | null][] = [
    [label(report.locale, "period"), m.period],
    [label(report.locale, "subject"), m.subject],
    [label(report.locale, "client"), m.client],
    [label(report.locale, "evaluator"), m.evaluator],
  ];
  return lines.filter((l): l is [string, string] => !!l[1]);
}
