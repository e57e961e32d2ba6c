/**
 * A table read from a workbook sheet or a Word table, with merges resolved: a cell covered by a
 * merge repeats the text of the merge's first cell and names it in `master`.
 */
export interface GridCell {
  /** Text as shown (numbers as their shortest decimal), whitespace trimmed. */
  text: string;
  /** The numeric value when the cell holds a number (not a numeric-looking string). */
  num?: string;
  /** Row and column of the merge's first cell when this cell is covered by a merge. */
  master?: { row: number; col: number };
}

export interface Grid {
  /** The sheet name (xlsx) or the table's number in the document, 1-based (docx). */
  name: string;
  kind: "sheet" | "table";
  rows: GridCell[][];
}

/** Where a cell is, for a report: `Sheet1!E5` for a workbook, `表格 3 第 5 行第 2 列` for a document. */
export interface CellRef {
  grid: Grid;
  row: number;
  col: number;
}

export function columnLetter(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function formatRef(ref: CellRef, locale: "zh" | "en"): string {
  if (ref.grid.kind === "sheet") return `${ref.grid.name}!${columnLetter(ref.col)}${ref.row + 1}`;
  return locale === "en" ? `table ${ref.grid.name} row ${ref.row + 1} col ${ref.col + 1}` : `表格${ref.grid.name} 第${ref.row + 1}行第${ref.col + 1}列`;
}

export function cellAt(grid: Grid, row: number, col: number): GridCell {
  return grid.rows[row]?.[col] ?? { text: "" };
}

/** A JS number as a short exact decimal string: 12.320000000000002 → "12.32". */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Number(n.toPrecision(12)));
  if (!/e/i.test(s)) return s;
  // tiny or huge values: write them out without exponent
  return n.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(n))) + 12))).replace(/\.?0+$/, "");
}
