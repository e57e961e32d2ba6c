import { columnTypeOf, type TableCell, type TableColumn, type TableDecl, type TableRow } from "@perf/language";
import { numberValue, type NonNumber, type Quantity } from "./expression.js";
import type { At } from "./model.js";
import type { DiagnosticSink } from "./sink.js";
import type { UnitTable } from "./units.js";

export interface ColumnModel {
  id: string;
  title: string;
  type: "text" | "percent" | "number" | "unit";
  /** The unit of a unit column; null otherwise. */
  unit: string | null;
  decl: TableColumn;
}

export interface CellModel {
  /** As the report prints it ("320.50", "8.4 元", "99%"); null for an empty cell (`-`). */
  text: string | null;
  /** The number in the column's unit (a percent as a fraction); null for text, empty or invalid cells. */
  value: Quantity | null;
  /** The number as written, when the cell writes a unit other than its column's: 8.4 元 in a 万元 column. */
  foreign?: Quantity;
  decl?: TableCell;
}

export interface RowModel {
  id: string;
  cells: CellModel[];
  decl: TableRow;
}

export interface TableModel {
  decl: At<TableDecl>;
  columns: ColumnModel[];
  columnById: Map<string, ColumnModel>;
  rows: RowModel[];
  rowById: Map<string, RowModel>;
}

function cellText(c: TableCell): string | null {
  if (c.kind === "empty") return null;
  if (c.kind === "string") return c.value.value;
  const v = c.value;
  return `${c.negative ? "-" : ""}${v.text}${v.percent ? "%" : ""}${v.unit ? " " + v.unit : ""}`;
}

/**
 * A table's columns, and its rows with every cell typed by its column (PERF204, PERF205;
 * a name given twice is PERF021). One loop over the rows: a table of 100 000 rows is one pass.
 */
export function buildTable(decl: At<TableDecl>, units: UnitTable, sink: DiagnosticSink): TableModel {
  const model: TableModel = { decl, columns: [], columnById: new Map(), rows: [], rowById: new Map() };
  for (const c of decl.columns) {
    const word = columnTypeOf(c.type.text);
    const col: ColumnModel = { id: c.name.text, title: c.title?.value ?? c.name.text, type: word ?? "unit", unit: word ? null : c.type.text, decl: c };
    if (!word && !units.knows(c.type.text)) sink.report("PERF200", decl.uri, c.type.range, { unit: c.type.text }, { unit: c.type.text });
    if (model.columnById.has(col.id)) sink.report("PERF021", decl.uri, c.name.range, { name: col.id });
    else model.columnById.set(col.id, col);
    model.columns.push(col);
  }
  for (const r of decl.rows) {
    const row: RowModel = { id: r.name.text, cells: [], decl: r };
    if (model.rowById.has(row.id)) sink.report("PERF021", decl.uri, r.name.range, { name: row.id });
    else model.rowById.set(row.id, row);
    if (r.cells.length !== model.columns.length)
      sink.report("PERF204", decl.uri, r.name.range, { row: row.id, table: decl.name.text, cells: r.cells.length, columns: model.columns.length });
    for (let i = 0; i < model.columns.length; i++) {
      const c = r.cells[i];
      row.cells.push(c ? typedCell(c, model.columns[i]!, row.id, decl.uri, units, sink) : { text: null, value: null });
    }
    model.rows.push(row);
  }
  return model;
}

function typedCell(c: TableCell, col: ColumnModel, row: string, uri: string, units: UnitTable, sink: DiagnosticSink): CellModel {
  const cell: CellModel = { text: cellText(c), value: null, decl: c };
  if (c.kind === "empty") return cell;
  const args = { row, column: col.id, cell: c.kind === "string" ? `"${c.value.value}"` : cell.text! };
  if (c.kind === "string") {
    if (col.type !== "text") sink.report("PERF205", uri, c.range, { ...args, reason: "number" });
    return cell;
  }
  if (col.type === "text") {
    sink.report("PERF205", uri, c.range, { ...args, reason: "text" });
    return cell;
  }
  let q = numberValue(c.value);
  if (c.negative) q = { value: q.value.negated(), unit: q.unit };
  // in a percent column, 99 is 99%
  if (col.type === "percent" && !c.value.percent && !q.unit) q = { value: q.value.dividedBy(100), unit: null };
  if (col.type === "unit" && q.unit === null && !c.value.percent) q = { value: q.value, unit: col.unit };
  if (col.type === "unit" && q.unit !== col.unit) {
    const converted = q.unit && col.unit ? units.convert(q, col.unit) : undefined;
    if (!converted) {
      if (!q.unit || units.knows(q.unit)) sink.report("PERF205", uri, c.range, { ...args, reason: "unit", unit: col.unit ?? "" });
      return cell;
    }
    cell.foreign = q;
    q = converted;
  } else if (col.type !== "unit" && q.unit) {
    sink.report("PERF205", uri, c.range, { ...args, reason: "unit", unit: col.type });
    return cell;
  }
  cell.value = q;
  return cell;
}

/** What `T.X` or `T.ROW.COL` names, for the lookups of expressions. */
export function tablePart(table: TableModel, path: readonly string[]): Quantity | NonNumber | undefined {
  if (path.length === 1) {
    const col = table.columnById.get(path[0]!);
    if (col) {
      const i = table.columns.indexOf(col);
      // a text column: its cells' texts, for `count` (decision 0181)
      if (col.type === "text") return { kind: "column", values: [], text: true, texts: table.rows.map((r) => r.cells[i]?.text ?? null) };
      const values: Quantity[] = [];
      for (const r of table.rows) {
        const v = r.cells[i]?.value;
        if (v) values.push(v);
      }
      return { kind: "column", values };
    }
    return table.rowById.has(path[0]!) ? { kind: "row" } : undefined;
  }
  if (path.length === 2) {
    const row = table.rowById.get(path[0]!);
    const col = table.columnById.get(path[1]!);
    if (!row || !col) return undefined;
    const cell = row.cells[table.columns.indexOf(col)];
    if (!cell || cell.text === null) return { kind: "empty" };
    return cell.value ?? { kind: "text" };
  }
  return undefined;
}
