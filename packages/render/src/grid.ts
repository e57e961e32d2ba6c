import type { Cell, CellKind, Column, Formula, Row, RowKind, Table } from "./model.js";

export const text = (t: string | null | undefined): Cell => ({ text: t ?? "", kind: "text" });

export const num = (value: string | null, kind: CellKind = "decimal", empty = ""): Cell =>
  value === null ? { text: empty, kind } : { text: value, kind, value };

/** Grows a table row by row and turns merges into anchor + covered cells. */
export class GridBuilder {
  readonly rows: Row[] = [];

  constructor(readonly columns: Column[]) {}

  add(kind: RowKind, cells: Cell[]): number {
    if (cells.length !== this.columns.length) throw new Error(`row of ${cells.length} cells in a table of ${this.columns.length} columns`);
    this.rows.push({ kind, cells });
    return this.rows.length - 1;
  }

  /** Merges the block starting at (row, col); the anchor keeps its text, the others are covered. */
  merge(row: number, col: number, rowSpan: number, colSpan = 1): void {
    if (rowSpan <= 1 && colSpan <= 1) return;
    const anchor = this.rows[row]!.cells[col]!;
    if (rowSpan > 1) anchor.rowSpan = rowSpan;
    if (colSpan > 1) anchor.colSpan = colSpan;
    for (let r = row; r < row + rowSpan; r++)
      for (let c = col; c < col + colSpan; c++) {
        if (r === row && c === col) continue;
        this.rows[r]!.cells[c] = { text: anchor.text, kind: anchor.kind, covered: true, anchor: [row, col] };
      }
  }

  formula(row: number, col: number, f: Formula): void {
    this.rows[row]!.cells[col]!.formula = f;
  }

  table(t: Omit<Table, "columns" | "rows" | "notes"> & { notes?: string[] }): Table {
    return { ...t, columns: this.columns, rows: this.rows, notes: t.notes ?? [] };
  }
}

/** Merges runs of equal, non-empty text in one column over consecutive rows sharing `scope`. */
export function mergeRuns(g: GridBuilder, col: number, from: number, to: number, scope: (row: number) => string): void {
  let start = from;
  for (let r = from + 1; r <= to + 1; r++) {
    const same =
      r <= to &&
      g.rows[r]!.cells[col]!.text !== "" &&
      g.rows[r]!.cells[col]!.text === g.rows[start]!.cells[col]!.text &&
      scope(r) === scope(start);
    if (!same) {
      g.merge(start, col, r - start);
      start = r;
    }
  }
}
