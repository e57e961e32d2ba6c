import type { Report, Table } from "../model.js";
import { captions, filledText } from "./common.js";

const BOM = "\uFEFF";

/**
 * UTF-8 CSV with a BOM (Excel then reads Chinese correctly), CRLF rows. One table: a plain
 * header + rows file. Several: each block starts with a one-cell caption row, blocks are
 * separated by an empty line. Vertically merged cells repeat their value (fill-down) so every
 * row stands alone.
 */
export function toCsv(report: Report): string {
  const caps = captions(report);
  const single = report.tables.length === 1;
  const blocks = report.tables.map((t) => [...(single ? [] : [csvRow([caps.get(t)!])]), ...tableRows(t)].join("\r\n"));
  return BOM + blocks.join("\r\n\r\n") + "\r\n";
}

function tableRows(t: Table): string[] {
  return [csvRow(t.columns.map((c) => c.header)), ...t.rows.map((r, i) => csvRow(r.cells.map((c, j) => cellText(filledText(t, i, j), c.kind !== "text"))))];
}

function cellText(s: string, isNumber: boolean): string {
  return isNumber && /^-?\d+(\.\d+)?%?$/.test(s) ? s : neutralise(s);
}

/** Spreadsheet formula injection: a cell starting with = + - @ (or tab/CR) gets a leading '. */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvRow(cells: string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
}
