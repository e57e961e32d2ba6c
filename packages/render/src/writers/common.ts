import { label } from "../labels.js";
import type { Cell, Report, Table } from "../model.js";
import type { NarrativeBlock } from "../narrative/document.js";
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

/**
 * Whether a cell is set as a number (to the right): a number, or a text in one cell of a column
 * of numbers — a value printed in another unit ("8.4 元" in 万元) lines up with the figures above
 * and below it. A text spanning several columns (a heading row of 扣分明细 that starts in 序号) is not.
 */
export function alignsAsNumber(table: Table, col: number, cell: Cell): boolean {
  return cell.kind !== "text" || (table.columns[col]!.kind !== "text" && (cell.colSpan ?? 1) === 1);
}

/** "：" in Chinese text, ": " in English. */
export function colon(report: Report): string {
  return report.locale === "zh" ? "：" : ": ";
}

/**
 * The one sentence of the conclusion: the total and grade; every subject's with several subjects;
 * the published total and "评分表未公布" without a tree; never "0 分 差" for nothing scored.
 */
export function conclusion(report: Report): string {
  const m = report.meta;
  const L = (k: Parameters<typeof label>[1], a?: Record<string, string | number>) => label(report.locale, k, a);
  const gradeOf = (name: string | null, vetoedBy: string | null) => isolate(name ?? "—") + (vetoedBy ? L("vetoed", { name: isolate(vetoedBy) }) : "");
  if (m.subjects.length) {
    const parts = m.subjects.map((s) => L("conclusionSubject", { name: isolate(s.name), score: s.totalScore ?? L("unscored"), weight: s.totalWeight, grade: gradeOf(s.grade, s.vetoedBy) }));
    return report.locale === "zh" ? `${parts.join("；")}。` : `${parts.join("; ")}.`;
  }
  if (m.totalScore === null) {
    if (m.totalDeclared !== null) return L("conclusionPublished", { score: m.totalDeclared, weight: m.totalWeight, grade: gradeOf(m.grade, m.vetoedBy) });
    return m.auditOnly ? L("noScore") : L("conclusionUnscored", { weight: m.totalWeight });
  }
  return L("conclusionText", { score: m.totalScore, weight: m.totalWeight, grade: gradeOf(m.grade, m.vetoedBy) });
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

/** The table a narrative's table block names: one of the report's tables, or a root's by index. */
export function tableFor(report: Report, b: Extract<NarrativeBlock, { kind: "table" }>): Table | undefined {
  if (b.table.name === "root") {
    const id = `root-${b.table.index + 1}`;
    return report.tables.find((t) => t.id === id);
  }
  const name = b.table.name;
  return report.tables.find((t) => t.name === name);
}

/**
 * "…绩效评价报告": the evaluation's title completed to the report's name, without saying any of
 * it twice: a title that ends in 报告 is kept, one that ends in 评价 or 评价结果 gets 报告, one
 * that ends in 绩效 gets 评价报告 ("…项目绩效评价" is not "…项目绩效评价绩效评价报告").
 */
export function reportTitle(report: Report): string {
  const t = report.meta.title.trimEnd();
  if (report.locale === "en") {
    if (/(report|报告)$/i.test(t)) return t;
    // a Chinese title that already names the evaluation ("…项目绩效评价") is not said twice in English
    if (/评价(结果)?$/.test(t)) return `${t}: report`;
    return /evaluation( results?)?$/i.test(t) ? `${t} report` : `${t}: performance evaluation report`;
  }
  if (/报告$/.test(t)) return t;
  if (/评价(结果)?$/.test(t)) return `${t}报告`;
  if (/绩效$/.test(t)) return `${t}评价报告`;
  return `${t}绩效评价报告`;
}

export type CaptionKind = "table" | "figure";

/** A caption's label, which is also its `SEQ` identifier in Word: 表 and 图, or Table and Figure. */
export function captionLabel(kind: CaptionKind, locale: "zh" | "en"): string {
  return locale === "en" ? (kind === "table" ? "Table" : "Figure") : kind === "table" ? "表" : "图";
}

/** What comes before a caption's number: "表3-", "Table 3-" ("表", "Table " outside chapters). */
export function captionPrefix(kind: CaptionKind, locale: "zh" | "en", chapter: number): string {
  const label = captionLabel(kind, locale);
  return `${locale === "en" ? `${label} ` : label}${chapter > 0 ? `${chapter}-` : ""}`;
}

/** Between a caption's number and its title: an ideographic space in Chinese, a space in English. */
export function captionGap(locale: "zh" | "en"): string {
  return locale === "en" ? " " : "\u3000";
}
