import ExcelJS from "exceljs";
import type { Cell, Formula, Report, Table } from "../model.js";
import { captions } from "./common.js";
import { checkSize } from "../limits.js";
import { safeReport } from "../text-safety.js";

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
function formulaText(f: Formula, col: number, row: number): string {
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

function value(cell: Cell): ExcelJS.CellValue {
  if (cell.value === undefined || cell.kind === "text") return cell.text;
  return Number(cell.value);
}

/** One sheet per table: title row, frozen header row, merges, number formats, SUM formulas. */
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
  const printTitles: DefinedName[] = [];
  report.tables.forEach((t, i) => {
    const name = sheetName(caps.get(t)!, taken);
    addSheet(wb, t, caps.get(t)!, name);
    printTitles.push({ name: "_xlnm.Print_Titles", ranges: [`${sheetRef(name)}!$${HEADER_ROW}:$${HEADER_ROW}`], localSheetId: i });
  });
  addDefinedNames(wb, printTitles);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

function addSheet(wb: ExcelJS.Workbook, t: Table, caption: string, name: string): void {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: t.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  ws.columns = t.columns.map((c) => ({ key: c.key, width: Math.max(6, c.width * 2) }));
  const n = t.columns.length;
  ws.getCell(1, 1).value = caption;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  if (n > 1) ws.mergeCells(1, 1, 1, n);
  t.columns.forEach((c, j) => {
    const cell = ws.getCell(HEADER_ROW, j + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEF1F5" } };
    cell.border = border;
  });
  t.rows.forEach((r, i) => {
    const excelRow = i + FIRST_ROW;
    r.cells.forEach((c, j) => {
      const cell = ws.getCell(excelRow, j + 1);
      cell.border = border;
      const long = t.columns[j]!.width >= 20;
      cell.alignment = { vertical: long ? "top" : "middle", horizontal: c.kind === "text" ? (long ? "left" : "center") : "right", wrapText: true };
      if (r.kind !== "data") cell.font = { bold: true };
      if (c.covered) return;
      if (c.formula) cell.value = { formula: formulaText(c.formula, j, i), result: c.value === undefined ? undefined : Number(c.value) } as ExcelJS.CellFormulaValue;
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
  t.notes.forEach((note, k) => (ws.getCell(FIRST_ROW + t.rows.length + 1 + k, 1).value = note));
}
