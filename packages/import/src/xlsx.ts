import ExcelJS from "exceljs";
import { numberText, type Grid, type GridCell } from "./grid.js";
import { ImportRefusal, limits, rezip, safeUnzip, tooManyCells } from "./limits.js";

/** Every worksheet of an .xlsx as a grid (values as shown; formulas by their cached result). */
export async function readXlsx(bytes: Uint8Array): Promise<{ grids: Grid[]; title?: string }> {
  const files = safeUnzip(bytes);
  // count rows and cells in the raw XML first: exceljs builds an object per cell
  for (const [name, data] of Object.entries(files)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const rows = count(data, "<row");
    const cells = count(data, "<c ") + count(data, "<c>") + count(data, "<c/");
    if (rows > limits.rows || cells > limits.cells) throw tooManyCells(name.replace(/^.*\//, ""), rows, cells);
  }
  const safe = rezip(files);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(safe as unknown as ExcelJS.Buffer);
  } catch {
    throw new ImportRefusal("corrupt");
  }
  const grids: Grid[] = [];
  for (const ws of wb.worksheets) {
    const rowCount = ws.actualRowCount === 0 ? 0 : ws.rowCount;
    const colCount = ws.columnCount;
    if (rowCount > limits.rows || colCount > limits.columns || rowCount * colCount > limits.cells)
      throw tooManyCells(ws.name, rowCount, rowCount * colCount);
    const rows: GridCell[][] = [];
    for (let r = 1; r <= rowCount; r++) {
      const row: GridCell[] = [];
      const xrow = ws.getRow(r);
      for (let c = 1; c <= colCount; c++) {
        const cell = xrow.getCell(c);
        const master = cell.isMerged && cell.master.address !== cell.address ? cell.master : undefined;
        const source = master ?? cell;
        const g = cellValue(source.value);
        if (master) g.master = { row: Number(master.row) - 1, col: Number(master.col) - 1 };
        row.push(g);
      }
      rows.push(row);
    }
    grids.push({ name: ws.name, kind: "sheet", rows });
  }
  return { grids, title: wb.title || undefined };
}

function cellValue(v: ExcelJS.CellValue): GridCell {
  if (v === null || v === undefined) return { text: "" };
  if (typeof v === "number") return { text: numberText(v), num: numberText(v) };
  if (typeof v === "string") return { text: v.trim() };
  if (typeof v === "boolean") return { text: v ? "TRUE" : "FALSE" };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10) };
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return { text: v.richText.map((p) => p.text).join("").trim() };
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      return result === undefined || result === null || typeof result === "object" ? { text: "" } : cellValue(result as ExcelJS.CellValue);
    }
    if ("text" in v && typeof (v as { text: unknown }).text === "string") return { text: String((v as { text: string }).text).trim() };
    if ("error" in v) return { text: String((v as ExcelJS.CellErrorValue).error) };
  }
  return { text: String(v).trim() };
}

function count(data: Uint8Array, needle: string): number {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let n = 0;
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + needle.length)) n++;
  return n;
}
