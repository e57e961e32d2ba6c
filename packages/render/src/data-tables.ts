import type { EvaluationResult, TableResult } from "@perf/engine";
import { GridBuilder, num, text } from "./grid.js";
import { label, type RenderLocale } from "./labels.js";
import type { Cell, Column, Table } from "./model.js";

/** The evaluation's tables (decision 0092), from the result's `tables` (absent before they existed). */
export function dataTables(result: EvaluationResult, locale: RenderLocale): Table[] {
  return (result.tables ?? []).map((t) => dataTable(t, locale));
}

/**
 * One table as the report prints it: its caption, a column per declared column with the unit in
 * the header (unless the caption states it), the rows' cells as written, then the printed
 * totals and subtotals as printed. In a spreadsheet those are SUM formulas over their rows, so
 * the sheet recomputes what the report only printed; a printed figure that differs from its
 * rows is noted under the table with both figures.
 */
export function dataTable(t: TableResult, locale: RenderLocale): Table {
  const L = (k: "total" | "subtotal") => label(locale, k);
  const columns: Column[] = t.columns.map((c) => {
    const unit = c.type === "unit" && c.unit && !t.title.includes(c.unit) ? `（${c.unit}）` : "";
    const kind = c.type === "text" ? "text" : c.type === "percent" ? "percent" : "decimal";
    const longest = Math.max(c.title.length, ...t.rows.slice(0, 200).map((r) => r.cells[t.columns.indexOf(c)]?.length ?? 0));
    return { key: c.id, header: c.title + unit, kind, width: Math.min(40, Math.max(6, longest + 2)) };
  });
  const g = new GridBuilder(columns);
  const rowIndex = new Map<string, number>();
  for (const r of t.rows) {
    const cells = t.columns.map((c, i): Cell => {
      const printed = r.cells[i] ?? null;
      const value = r.values[i] ?? null;
      // a cell written in another unit than its column's (8.4 元 in 万元) stays text, as printed
      if (c.type === "text" || value === null || (c.type === "unit" && printed !== null && /\s/.test(printed))) return text(printed);
      return { ...num(value, columns[i]!.kind), text: printed ?? "" };
    });
    rowIndex.set(r.id, g.add("data", cells));
  }
  const notes: string[] = [];
  const labelColumn = Math.max(0, t.columns.findIndex((c) => c.type === "text"));
  // subtotals before the total, as a report prints them, whatever order the file declares them in
  for (const p of [...t.printed].sort((a, b) => Number(a.kind === "total") - Number(b.kind === "total"))) {
    const rows = p.rows.flatMap((id) => (rowIndex.has(id) ? [rowIndex.get(id)!] : []));
    // a table without columns (a broken declaration the checker reports) has no row to print a total in
    if (!t.columns.length) break;
    const cells = t.columns.map((): Cell => text(""));
    cells[labelColumn] = text(p.kind === "total" ? L("total") : `${L("subtotal")}${p.name ? ` ${p.name}` : ""}`);
    for (const v of p.values) {
      const i = t.columns.findIndex((c) => c.id === v.column);
      if (i < 0 || v.computed === null) continue;
      cells[i] = { ...num(v.computed, columns[i]!.kind), text: v.printed, formula: { kind: "sum", rows } };
      if (!v.matches) {
        const what = p.kind === "total" ? L("total") : `${L("subtotal")}${p.name ? ` ${p.name}` : ""}`;
        const col = t.columns[i]!.title;
        notes.push(
          locale === "zh"
            ? `注：原表${what}「${col}」印为 ${v.printed}，各行相加为 ${v.computed}${p.acknowledged ? `（${p.acknowledged}）` : ""}。`
            : `Note: the printed ${what.toLowerCase()} of '${col}' is ${v.printed}; the rows add up to ${v.computed}${p.acknowledged ? ` (${p.acknowledged})` : ""}.`,
        );
      }
    }
    g.add(p.kind, cells);
  }
  return g.table({ id: `table-${t.id}`, name: "data", title: t.title, orientation: t.columns.length > 6 ? "landscape" : "portrait", notes });
}
