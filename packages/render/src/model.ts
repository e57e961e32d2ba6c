import type { NarrativeBlock } from "./narrative/document.js";

/**
 * The table model: what every writer prints. Built from an `EvaluationResult` only
 * (build.ts); writers are thin printers of it and never look at the result themselves
 * (except the JSON writer, which prints the result as is).
 *
 * Every row has exactly one cell per column, so the grid is rectangular: a cell covered by
 * a merge is present with `covered: true` and points at its anchor's text, so printers that
 * cannot merge (Markdown, CSV) still know what the cell means.
 */
export type CellKind = "text" | "decimal" | "percent" | "integer";

export type Formula =
  /** SUM of this column over the given body rows (indices into `Table.rows`). */
  | { kind: "sum"; rows: number[] }
  /** This row's `num` column divided by its `den` column (得分率 = 得分 ÷ 权重). */
  | { kind: "ratio"; num: number; den: number }
  /**
   * One indicator's weight or score as the score sheet (附件1) holds it: a spreadsheet points at
   * that sheet's cell (a branch's score is the SUM of its leaves there), so the workbook has one
   * source of truth. Without the score sheet in the report, the cell keeps its value.
   */
  | { kind: "node"; node: string; field: "weight" | "score" };

export interface Cell {
  /** What is printed: "82.46", "95.91%", "项目决策". */
  text: string;
  kind: CellKind;
  /** Exact value of a number cell as a decimal string; a percent holds the fraction ("0.9591"). */
  value?: string;
  rowSpan?: number;
  colSpan?: number;
  /** Hidden under a merge anchored at `anchor` = [row, column]; `text` repeats the anchor's text. */
  covered?: boolean;
  anchor?: [number, number];
  /** How a spreadsheet recomputes this cell; other writers print `text`. */
  formula?: Formula;
  /** On the score sheet's name cells: the id of the indicator the cell names (see Formula "node"). */
  node?: string;
}

export type RowKind = "data" | "subtotal" | "total" | "group";

export interface Row {
  kind: RowKind;
  cells: Cell[];
}

export interface Column {
  key: string;
  header: string;
  kind: CellKind;
  /** Relative width in characters, for docx/xlsx/html. */
  width: number;
  /**
   * A text column whose short cells are values ("≥1200 台", "≤2020年11月底", "1640 台"): each such
   * cell is measured like a number, so the column is wide enough that no value wraps.
   */
  values?: boolean;
}

export type TableName = "scores" | "summary" | "comparison" | "roots" | "deductions" | "findings" | "targets" | "data" | "audit";

export interface Table {
  /** Stable id, also the --table selector: scores, summary, root-1 … root-n, deductions, findings, targets, table-ID (data tables); with subjects comparison and scores-1 … scores-n. */
  id: string;
  name: TableName;
  title: string;
  columns: Column[];
  rows: Row[];
  /** 评分表 and 问题清单 are wide: landscape pages in print. */
  orientation: "portrait" | "landscape";
  /** Printed as an appendix (附件N) rather than in the body. */
  appendix?: number;
  /** Short lines printed under the table. */
  notes: string[];
}

export interface ChartSeries {
  name: string;
  /** Exact decimals as strings; charts convert to numbers for drawing only. */
  values: string[];
}

export interface Chart {
  id: "rates" | "roots";
  title: string;
  /** "percent" values are fractions (0.9591) drawn as 0–100 %. */
  unit: "percent" | "points";
  categories: string[];
  series: ChartSeries[];
}

export interface SubjectMeta {
  id: string;
  name: string;
  totalWeight: string;
  totalScore: string | null;
  totalDeclared: string | null;
  grade: string | null;
  vetoedBy: string | null;
}

export interface ReportMeta {
  title: string;
  period: string | null;
  client: string | null;
  evaluator: string | null;
  subject: string | null;
  totalWeight: string;
  /** Null when nothing is scored: a published total only, or an evaluation of several subjects. */
  totalScore: string | null;
  /** The total the published report states (`declared`). */
  totalDeclared: string | null;
  /** No indicator tree: the report published its total and grade, not its scoring table (未公布评分表). */
  published: boolean;
  /** No tree, no published total, but tables, targets or assertions: the file states no score by design. */
  auditOnly: boolean;
  /** Every subject's total and grade, in source order; empty for a single-subject evaluation. */
  subjects: SubjectMeta[];
  grade: string | null;
  vetoedBy: string | null;
  errors: number;
  warnings: number;
  leaves: number;
}

export interface Report {
  locale: "zh" | "en";
  /**
   * The report's chapters: the evaluation's own narrative (NAME.report.md, source "file") or the
   * generated chapters 三 and 四 (source "default"). Tables and charts it names are in `tables`
   * and `charts`.
   */
  narrative?: { source: "file" | "default"; blocks: NarrativeBlock[] };
  meta: ReportMeta;
  tables: Table[];
  charts: Chart[];
}
