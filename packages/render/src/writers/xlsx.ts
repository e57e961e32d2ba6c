import ExcelJS from "exceljs";
import type { Cell, Formula, Report, Table } from "../model.js";
import { alignsAsNumber, captions } from "./common.js";
import { checkSize } from "../limits.js";
import { safeReport } from "../text-safety.js";
import { columnPx, FONT_SIZE, heightFor, lineCount, MARGIN_IN, printLayout, TITLE_SIZE, valueWidth } from "./xlsx-layout.js";
import { closingGroupAt, isValueText, sparse } from "./column-widths.js";

const HEADER_ROW = 2;
const FIRST_ROW = 3;
const fixedDate = new Date(Date.UTC(2000, 0, 1));

/** Column letter of a 0-based column: 0 → A, 26 → AA. */
export function columnLetter(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** SUM over body rows, contiguous runs written as ranges: SUM(I3:I5,I8). */
function formulaText(f: Exclude<Formula, { kind: "node" }>, col: number, row: number): string {
  if (f.kind === "ratio") {
    const n = `${columnLetter(f.num)}${row + FIRST_ROW}`;
    const d = `${columnLetter(f.den)}${row + FIRST_ROW}`;
    return `IF(${d}=0,"",${n}/${d})`;
  }
  const L = columnLetter(col);
  const rows = [...f.rows].sort((a, b) => a - b).map((r) => r + FIRST_ROW);
  const parts: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    parts.push(i === j ? `${L}${rows[i]}` : `${L}${rows[i]}:${L}${rows[j]}`);
    i = j + 1;
  }
  return `SUM(${parts.join(",") || "0"})`;
}

/** Excel's rules for a sheet name: no []:*?/\\, at most 31 UTF-16 units, no apostrophe first or last. */
const SHEET_NAME_MAX = 31;
const RESERVED_SHEET_NAME = "history";

/** The first `max` UTF-16 units of `s`, never cutting a surrogate pair. */
function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  return /[\uD800-\uDBFF]/.test(s[max - 1]!) ? s.slice(0, max - 1) : s.slice(0, max);
}

const trimApostrophes = (s: string) => s.replace(/^'+|'+$/g, "");

/**
 * A legal, unique sheet name from a caption: the characters Excel forbids dropped, clipped to
 * 31 units, no apostrophe at either end, not "History" (reserved), and unique ignoring case
 * after clipping ("… 2", "… 3" replace the end of the name when two captions clip alike).
 */
export function sheetName(caption: string, taken: Set<string>): string {
  const base = trimApostrophes(clip(trimApostrophes(caption.replace(/[[\]:*?/\\]/g, "")), SHEET_NAME_MAX)) || "Sheet";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === RESERVED_SHEET_NAME; i++) {
    const suffix = ` ${i}`;
    name = trimApostrophes(clip(base, SHEET_NAME_MAX - suffix.length)) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** A sheet name as formulas and defined names spell it: always quoted, apostrophes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

interface DefinedName {
  name: string;
  ranges: string[];
  localSheetId: number;
}

/**
 * exceljs 4.4 writes a sheet's print titles as '<name>'!$2:$2 without doubling the apostrophes
 * in the name, which breaks the reference. The titles are added to the workbook's defined names
 * here instead, through the model exceljs serialises.
 */
function addDefinedNames(wb: ExcelJS.Workbook, names: DefinedName[]): void {
  const model = Object.getOwnPropertyDescriptor(ExcelJS.Workbook.prototype, "model")!.get!;
  Object.defineProperty(wb, "model", {
    get() {
      const m = model.call(this) as { definedNames: unknown[] };
      return { ...m, definedNames: [...m.definedNames, ...names] };
    },
  });
}

const thin = { style: "thin" as const, color: { argb: "FF000000" } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
/** 宋体 (SimSun) by its Chinese name, as Chinese Excel writes it; charset 134 (GB2312) lets Excel and WPS fall back to another Chinese font where it is missing. */
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: "宋体", family: 3, charset: 134, size: FONT_SIZE, ...extra });

function value(cell: Cell): ExcelJS.CellValue {
  if (cell.value === undefined || cell.kind === "text") return cell.text;
  return Number(cell.value);
}

/** Where the score sheet holds each indicator: its weight cell and the range of its leaves' scores. */
interface NodeCells {
  sheet: string;
  weight: Map<string, string>;
  score: Map<string, string>;
}

function nodeCells(t: Table, sheet: string): NodeCells {
  const scoreCol = columnLetter(t.columns.findIndex((c) => c.key === "score"));
  const weight = new Map<string, string>();
  const score = new Map<string, string>();
  t.rows.forEach((r, i) =>
    r.cells.forEach((c, j) => {
      if (!c.node || c.covered) return;
      const first = i + FIRST_ROW;
      const last = first + (c.rowSpan ?? 1) - 1;
      weight.set(c.node, `${columnLetter(j + 1)}${first}`);
      score.set(c.node, first === last ? `${scoreCol}${first}` : `${scoreCol}${first}:${scoreCol}${last}`);
    }),
  );
  return { sheet: sheetRef(sheet), weight, score };
}

/** A node formula as a reference into the score sheet, or null when the sheet does not hold the node. */
function nodeFormula(f: Extract<Formula, { kind: "node" }>, cells: NodeCells | null): string | null {
  const at = cells?.[f.field].get(f.node);
  if (!cells || !at) return null;
  return f.field === "weight" ? `${cells.sheet}!${at}` : `SUM(${cells.sheet}!${at})`;
}

/**
 * One sheet per table: title row, frozen header row, merges, number formats, SUM formulas,
 * row heights from the texts, and print setup. The summary and per-root sheets take their
 * weights and scores from the score sheet (附件1) by formula, so editing a leaf there updates
 * every sheet when the workbook recalculates.
 */
export async function toXlsx(unsafe: Report): Promise<Uint8Array> {
  checkSize(unsafe, "xlsx");
  const report = safeReport(unsafe);
  const wb = new ExcelJS.Workbook();
  wb.creator = "perf";
  wb.created = fixedDate;
  wb.modified = fixedDate;
  wb.title = report.meta.title;
  // the cached results are the engine's; recalculating on open proves the formulas agree
  wb.calcProperties.fullCalcOnLoad = true;
  const caps = captions(report);
  const taken = new Set<string>();
  const names = report.tables.map((t) => sheetName(caps.get(t)!, taken));
  const scores = report.tables.findIndex((t) => t.name === "scores");
  const cells = scores < 0 ? null : nodeCells(report.tables[scores]!, names[scores]!);
  const definedNames: DefinedName[] = [];
  report.tables.forEach((t, i) => {
    const titles = addSheet(wb, t, caps.get(t)!, names[i]!, cells, report.locale);
    definedNames.push({ name: "_xlnm.Print_Titles", ranges: titles.map((r) => `${sheetRef(names[i]!)}!${r}`), localSheetId: i });
  });
  addDefinedNames(wb, definedNames);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** The columns a sheet keeps in view: on the score sheet the indicator names and weights of every level. */
const frozenColumns = (t: Table) => (t.name === "scores" ? t.columns.filter((c) => /^(level|weight)\d+$/.test(c.key)).length : 0);

/** The width `px` at the body's size that holds as much caption text as `px` at the title's. */
const titlePx = (px: number) => (px * FONT_SIZE) / TITLE_SIZE;

/**
 * A caption too long for its table's width, broken before its closing parenthesis group
 * ("…费用构成" / "（单位：万元）") when that group fits on a line; else as it is, for the cell to
 * wrap. The measure is the widest fallback font's, so the part before may still wrap in it.
 */
export function captionLines(caption: string, px: number): string {
  if (lineCount(caption, titlePx(px), true) <= 1) return caption;
  const at = closingGroupAt(caption);
  if (at < 0) return caption;
  const tail = caption.slice(at);
  return lineCount(tail, titlePx(px), true) <= 1 ? `${caption.slice(0, at)}\n${tail}` : caption;
}

/** Adds the sheet; returns its print titles (rows, and columns when it prints across pages). */
function addSheet(wb: ExcelJS.Workbook, t: Table, caption: string, name: string, nodes: NodeCells | null, locale: "zh" | "en"): string[] {
  const n = t.columns.length;
  // a column of values ("≤2020年11月底") is as wide as its widest value, and not narrowed to fit the page
  const values = t.columns.map((c, j) => {
    let widest = 0;
    if (!c.values) return widest;
    // a loop, not Math.max(...): a table of 100 000 rows would overflow the stack with a spread
    for (const r of t.rows) {
      const cell = r.cells[j]!;
      if (!cell.covered && (cell.colSpan ?? 1) === 1 && isValueText(cell.text)) widest = Math.max(widest, valueWidth(cell.text));
    }
    return widest;
  });
  // a text column with no text in any row (a 问题清单 without 问题描述) is as wide as its header
  const empty = t.columns.map((c, j) => c.kind === "text" && t.rows.every((r) => r.cells[j]!.covered || r.cells[j]!.text.trim() === ""));
  // and one written in fewer than a quarter of the rows asks for half its longest text, as in Word (decision 0231)
  const few = t.columns.map((c, j) => {
    if (c.kind !== "text" || empty[j] || !sparse(t, j)) return 0;
    let longest = 0;
    for (const r of t.rows) if (!r.cells[j]!.covered) longest = Math.max(longest, valueWidth(r.cells[j]!.text));
    return Math.max(6, valueWidth(c.header), Math.ceil(longest / 2));
  });
  const layout = printLayout(
    t.columns.map((c, j) => (empty[j] ? Math.max(6, valueWidth(c.header)) : few[j] ? Math.min(few[j]!, c.width * 2) : Math.max(6, c.width * 2, values[j]!))),
    t.columns.map((c) => c.width >= 20),
    t.columns.map((c, j) => c.kind === "text" && values[j] === 0),
    t.orientation,
  );
  const xSplit = frozenColumns(t);
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW, xSplit }],
    pageSetup: {
      paperSize: 9,
      orientation: layout.orientation,
      margins: { left: MARGIN_IN, right: MARGIN_IN, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      horizontalCentered: true,
      ...(layout.fit === null ? { fitToPage: false, scale: 100 } : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
    },
    headerFooter: { oddFooter: locale === "zh" ? "&C第 &P 页，共 &N 页" : "&CPage &P of &N" },
  });
  ws.columns = t.columns.map((c, j) => ({ key: c.key, width: layout.widths[j]! }));
  const tableWidth = layout.widths.reduce((a, w) => a + columnPx(w), 0);
  const title = ws.getCell(1, 1);
  title.value = captionLines(caption, tableWidth);
  title.font = font({ bold: true, size: TITLE_SIZE });
  // a caption wider than a narrow table wraps inside it, as Calc and Excel print only the merged cells
  title.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  if (n > 1) ws.mergeCells(1, 1, 1, n);
  t.columns.forEach((c, j) => {
    const cell = ws.getCell(HEADER_ROW, j + 1);
    cell.value = c.header;
    cell.font = font({ bold: true });
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEF1F5" } };
    cell.border = border;
  });
  t.rows.forEach((r, i) => {
    const excelRow = i + FIRST_ROW;
    r.cells.forEach((c, j) => {
      // a covered cell takes its anchor's style when merged (exceljs shares the style object
      // between them, so styling it here would restyle the anchor)
      if (c.covered) return;
      const cell = ws.getCell(excelRow, j + 1);
      cell.border = border;
      const long = t.columns[j]!.width >= 20;
      // a merge over several rows may straddle a page break: Calc draws a centred text where the
      // middle of the whole merge falls, on the next page under the repeated header row
      const top = long || (c.rowSpan ?? 1) > 1;
      cell.alignment = { vertical: top ? "top" : "middle", horizontal: alignsAsNumber(t, j, c) ? "right" : long ? "left" : "center", wrapText: true };
      cell.font = font(r.kind !== "data" ? { bold: true } : {});
      const result = c.value === undefined ? undefined : Number(c.value);
      const formula = !c.formula ? null : c.formula.kind === "node" ? nodeFormula(c.formula, nodes) : formulaText(c.formula, j, i);
      if (formula) cell.value = { formula, result } as ExcelJS.CellFormulaValue;
      else cell.value = value(c);
      if (c.kind === "decimal") cell.numFmt = "0.00";
      else if (c.kind === "percent") cell.numFmt = "0.00%";
      else if (c.kind === "integer") cell.numFmt = "0";
    });
    r.cells.forEach((c, j) => {
      if (c.covered) return;
      if ((c.rowSpan ?? 1) > 1 || (c.colSpan ?? 1) > 1) ws.mergeCells(excelRow, j + 1, excelRow + (c.rowSpan ?? 1) - 1, j + 1 + (c.colSpan ?? 1) - 1);
    });
  });
  const heights = rowHeights(t, layout.widths);
  // a note reads across the table's width, wrapped there, as under the Word table
  t.notes.forEach((note, k) => {
    const row = FIRST_ROW + t.rows.length + 1 + k;
    if (t.columns.length > 1) ws.mergeCells(row, 1, row, t.columns.length);
    const cell = ws.getCell(row, 1);
    cell.value = note;
    cell.font = font();
    cell.alignment = { vertical: "top", horizontal: "left", wrapText: true };
    ws.getRow(row).height = heightFor(lineCount(note, tableWidth));
  });
  ws.getRow(1).height = heightFor(lineCount(String(title.value), titlePx(tableWidth), true), Math.ceil(TITLE_SIZE * 1.45));
  ws.getRow(HEADER_ROW).height = heights.header;
  heights.body.forEach((h, i) => (ws.getRow(i + FIRST_ROW).height = h));
  const titles = [`$${HEADER_ROW}:$${HEADER_ROW}`];
  if (layout.fit === null && xSplit > 0) titles.unshift(`$A:$${columnLetter(xSplit - 1)}`);
  return titles;
}

/**
 * Heights of the header and body rows: each row fits its one-row cells; a cell merged over
 * several rows gets the lines it needs spread over those rows (the deficit added evenly).
 */
export function rowHeights(t: Table, widths: number[]): { header: number; body: number[] } {
  const px = (j: number, span: number) => widths.slice(j, j + span).reduce((a, w) => a + columnPx(w), 0);
  const header = heightFor(Math.max(1, ...t.columns.map((c, j) => lineCount(c.header, px(j, 1), true))));
  const body = t.rows.map(() => heightFor(1));
  const tall: { row: number; span: number; need: number }[] = [];
  t.rows.forEach((r, i) =>
    r.cells.forEach((c, j) => {
      if (c.covered || c.text === "") return;
      const need = heightFor(lineCount(c.text, px(j, c.colSpan ?? 1), r.kind !== "data"));
      const span = c.rowSpan ?? 1;
      if (span === 1) body[i] = Math.max(body[i]!, need);
      else tall.push({ row: i, span, need });
    }),
  );
  for (const { row, span, need } of tall) {
    const have = body.slice(row, row + span).reduce((a, h) => a + h, 0);
    if (have >= need) continue;
    const add = Math.ceil(((need - have) / span) * 4) / 4;
    for (let k = row; k < row + span; k++) body[k] = body[k]! + add;
  }
  return { header, body };
}
