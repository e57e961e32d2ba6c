import { acknowledge, type Diagnostic, type DiagnosticRelated, type PrintedTotal } from "@perf/language";
import { Decimal, decimalText } from "../decimal.js";
import { numberValue, type Quantity } from "../expression.js";
import type { DiagnosticSink } from "../sink.js";
import type { RowModel, TableModel } from "../tables.js";
import type { UnitTable } from "../units.js";

/** A printed total or subtotal checked against its rows, for the result. */
export interface PrintedCheck {
  kind: "total" | "subtotal";
  name: string | null;
  rows: string[];
  values: { column: string; printed: string; computed: string | null; matches: boolean }[];
  acknowledged: string | null;
}

/** Rows listed as related information of one mismatch; the message states the sum of all of them. */
const MAX_RELATED_ROWS = 100;

/**
 * Every `printed` total and subtotal of a table against the sum of its rows, exactly. A mismatch
 * is an audit error naming both figures with the rows as related information (PERF207); when
 * the figures agree once the cells written in another unit are read in the column's unit,
 * the unit is the likely error and says so (PERF208). `acknowledged "…"` makes either information.
 */
export function checkPrinted(table: TableModel, units: UnitTable, sink: DiagnosticSink): PrintedCheck[] {
  return table.decl.printed.map((p) => checkOne(table, p, units, sink));
}

function checkOne(table: TableModel, p: PrintedTotal, units: UnitTable, sink: DiagnosticSink): PrintedCheck {
  const uri = table.decl.uri;
  const tableId = table.decl.name.text;
  let rows: RowModel[] = table.rows;
  if (p.rows) {
    rows = [];
    for (const r of p.rows) {
      const row = table.rowById.get(r.text);
      if (row) rows.push(row);
      else sink.report("PERF206", uri, r.range, { table: tableId, part: "row", name: r.text });
    }
  }
  const check: PrintedCheck = { kind: p.kind, name: p.name?.text ?? null, rows: rows.map((r) => r.id), values: [], acknowledged: p.acknowledged?.value ?? null };
  for (const v of p.values) {
    const printedText = `${v.negative ? "-" : ""}${v.value.text}${v.value.percent ? "%" : ""}${v.value.unit ? " " + v.value.unit : ""}`;
    const col = table.columnById.get(v.column.text);
    const entry = { column: v.column.text, printed: printedText, computed: null as string | null, matches: false };
    check.values.push(entry);
    if (!col) {
      sink.report("PERF206", uri, v.column.range, { table: tableId, part: "column", name: v.column.text });
      continue;
    }
    if (col.type === "text") {
      sink.report("PERF205", uri, v.column.range, { column: col.id, row: "", cell: "", reason: "column" });
      continue;
    }
    let printed: Quantity | undefined = numberValue(v.value);
    if (v.negative) printed = { value: printed.value.negated(), unit: printed.unit };
    if (col.type === "percent" && !v.value.percent && !printed.unit) printed = { value: printed.value.dividedBy(100), unit: null };
    if (col.type === "unit" && printed.unit === null && !v.value.percent) printed = { value: printed.value, unit: col.unit };
    if (printed.unit !== col.unit) printed = printed.unit && col.unit ? units.convert(printed, col.unit) : undefined;
    if (!printed) {
      sink.report("PERF060", uri, v.value.range, { op: "convert", left: v.value.unit ?? "", right: col.unit ?? "" });
      continue;
    }
    const i = table.columns.indexOf(col);
    let computed = new Decimal(0);
    let asWritten = new Decimal(0);
    const foreign: { row: RowModel; q: Quantity }[] = [];
    for (const r of rows) {
      const cell = r.cells[i];
      if (!cell?.value) continue;
      computed = computed.plus(cell.value.value);
      asWritten = asWritten.plus(cell.foreign ? cell.foreign.value : cell.value.value);
      if (cell.foreign) foreign.push({ row: r, q: cell.foreign });
    }
    entry.computed = decimalText(computed);
    entry.matches = computed.equals(printed.value);
    if (entry.matches) continue;
    const args = { table: tableId, kind: p.kind, name: p.name?.text ?? "", column: col.id, printed: printedText.replace(/ .*$/, ""), computed: decimalText(computed), unit: col.unit ?? "" };
    let d: Diagnostic;
    const cellRef = (r: RowModel) => r.cells[i]!.decl!.range;
    const related = (r: RowModel, value: string): DiagnosticRelated => ({ code: "PERF209", args: { row: r.id, column: col.id, value }, uri, range: cellRef(r) });
    if (foreign.length && asWritten.equals(printed.value)) {
      const cells = foreign.map((f) => `「${f.row.id}」${f.row.cells[i]!.text}`).join("、");
      const readAs = foreign.map((f) => `${decimalText(f.q.value)} ${col.unit}`).join("、");
      d = sink.report("PERF208", uri, v.range, { ...args, cells, readAs });
      d.related = foreign.map((f) => related(f.row, f.row.cells[i]!.text!));
    } else {
      d = sink.report("PERF207", uri, v.range, args);
      d.related = rows.filter((r) => r.cells[i]?.value).slice(0, MAX_RELATED_ROWS).map((r) => related(r, r.cells[i]!.text!));
    }
    if (p.acknowledged) acknowledge(d, p.acknowledged.value);
  }
  // an acknowledgement with nothing to acknowledge hides nothing but misleads the reader
  if (p.acknowledged && check.values.length && check.values.every((v) => v.matches))
    sink.report("PERF210", uri, p.acknowledged.range, { table: tableId, kind: p.kind, name: p.name?.text ?? "" });
  return check;
}
