import { strFromU8 } from "fflate";
import { SaxesParser } from "saxes";
import type { Grid, GridCell } from "./grid.js";
import { ImportRefusal, limits, safeUnzip, tooManyCells } from "./limits.js";

interface RawCell {
  text: string;
  span: number;
  /** "restart" opens a vertical merge, "continue" extends the one above. */
  vmerge?: "restart" | "continue";
}

/**
 * Every top-level table of a .docx (word/document.xml) as a grid, with gridSpan (horizontal)
 * and vMerge (vertical) merges resolved. Text of nested tables is kept inside the outer cell.
 */
export function readDocx(bytes: Uint8Array): { grids: Grid[]; title?: string } {
  const files = safeUnzip(bytes, (n) => n === "word/document.xml" || n === "docProps/core.xml");
  const doc = files["word/document.xml"];
  if (!doc) throw new ImportRefusal("unknownKind");
  const tables = parseTables(strFromU8(doc));
  const grids = tables.map((rows, i) => toGrid(rows, String(i + 1)));
  const core = files["docProps/core.xml"];
  const title = core ? /<dc:title>([^<]*)<\/dc:title>/.exec(strFromU8(core))?.[1] : undefined;
  return { grids, title: title ? decodeEntities(title).trim() || undefined : undefined };
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e]!);
}

function parseTables(xml: string): RawCell[][][] {
  const parser = new SaxesParser({ xmlns: false });
  const tables: RawCell[][][] = [];
  let depth = 0; // table nesting
  let table: RawCell[][] | undefined;
  let row: RawCell[] | undefined;
  let cell: RawCell | undefined;
  let inText = false;
  let paragraphs = 0;
  let cells = 0;
  const val = (attrs: Record<string, unknown>) => {
    const v = attrs["w:val"];
    return typeof v === "string" ? v : typeof v === "object" && v && "value" in v ? String((v as { value: string }).value) : undefined;
  };
  parser.on("opentag", (tag) => {
    const name = tag.name;
    if (name === "w:tbl") {
      depth++;
      if (depth === 1) table = [];
    } else if (depth === 1 && name === "w:tr") row = [];
    else if (depth === 1 && name === "w:gridBefore" && row) {
      for (let i = Number(val(tag.attributes)) || 0; i > 0; i--) row.push({ text: "", span: 1 });
    } else if (depth === 1 && name === "w:tc") {
      cell = { text: "", span: 1 };
      paragraphs = 0;
      if (++cells > limits.cells) throw tooManyCells(`word/document.xml`, table?.length ?? 0, cells);
    } else if (depth === 1 && name === "w:gridSpan" && cell) cell.span = Math.max(1, Math.min(limits.columns, Number(val(tag.attributes)) || 1));
    else if (depth === 1 && name === "w:vMerge" && cell) cell.vmerge = val(tag.attributes) === "restart" ? "restart" : "continue";
    else if (cell && name === "w:p") {
      if (paragraphs++ > 0) cell.text += "\n";
    } else if (cell && name === "w:t") inText = true;
    else if (cell && (name === "w:br" || name === "w:cr")) cell.text += "\n";
    else if (cell && name === "w:tab") cell.text += "\t";
  });
  parser.on("text", (t) => {
    if (inText && cell) cell.text += t;
  });
  parser.on("closetag", (tag) => {
    const name = tag.name;
    if (name === "w:t") inText = false;
    else if (name === "w:tbl") {
      if (depth === 1 && table) tables.push(table);
      depth--;
    } else if (depth === 1 && name === "w:tc" && cell && row) {
      row.push(cell);
      cell = undefined;
    } else if (depth === 1 && name === "w:tr" && row && table) {
      if (table.length >= limits.rows) throw tooManyCells(`word/document.xml`, table.length, cells);
      table.push(row);
      row = undefined;
    }
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof ImportRefusal) throw e;
    throw new ImportRefusal("corrupt");
  }
  return tables;
}

function toGrid(raw: RawCell[][], name: string): Grid {
  const rows: GridCell[][] = [];
  raw.forEach((rawRow, r) => {
    const out: GridCell[] = [];
    for (const c of rawRow) {
      const col = out.length;
      const above = rows[r - 1]?.[col];
      let g: GridCell;
      if (c.vmerge === "continue" && above) {
        const m = above.master ?? { row: r - 1, col };
        g = { text: above.text, ...(above.num ? { num: above.num } : {}), master: m };
      } else g = { text: c.text.replace(/\r/g, "").trim() };
      out.push(g);
      for (let k = 1; k < c.span; k++) out.push({ text: g.text, master: g.master ?? { row: r, col } });
    }
    rows.push(out);
  });
  return { name, kind: "table", rows };
}
