import { catalogue } from "@perf/language";
import type { Report } from "./model.js";

/**
 * The most table cells (header and body rows × columns, summed over the tables) a .docx or
 * .xlsx may hold. The writers build the whole document in memory: the `docx` package needs
 * about 17 KB per cell (≈ 260 MB per 1 000 leaves of a three-level tree) and ran out of
 * Node's default 4 GB heap at 20 000 leaves (313 000 cells); exceljs needs under 1 KB per
 * cell. The limits stay well below that, also where the default heap is 2 GB, and far above
 * real evaluations (the 永州 example has 1 032 cells). docs/render.md gives the figures.
 */
export const cellLimits = { docx: 50_000, xlsx: 500_000 } as const;

export type LimitedFormat = keyof typeof cellLimits;

/** The cells a report's tables print, the header rows included. */
export function reportCells(report: Report): number {
  return report.tables.reduce((n, t) => n + (t.rows.length + 1) * t.columns.length, 0);
}

/** Excel keeps at most this many characters in a cell; a longer text makes Excel "repair" the file. */
export const EXCEL_CELL_TEXT_MAX = 32_767;

/** The widest table each format holds: Word tables have at most 63 columns, Excel sheets 16 384. */
export const columnLimits = { docx: 63, xlsx: 16_384 } as const;

type LimitCode = "PERF120" | "PERF121" | "PERF122";

/** A document refused before any work starts (PERF120–PERF122), worded from the diagnostic catalogue. */
export class RenderLimitError extends Error {
  readonly hint: string;

  constructor(
    readonly code: LimitCode,
    readonly args: Record<string, string | number>,
    locale: "zh" | "en",
  ) {
    const entry = catalogue[code];
    super(locale === "en" ? entry.en(args) : entry.zh(args));
    this.hint = locale === "en" ? entry.hintEn() : entry.hintZh();
    this.name = "RenderLimitError";
  }
}

/**
 * Throws RenderLimitError when the report is too large for the format's writer, has a table
 * wider than the format holds, or (xlsx) holds a text longer than a cell can.
 */
export function checkSize(report: Report, format: LimitedFormat, limits: Record<LimitedFormat, number> = cellLimits): void {
  const cells = reportCells(report);
  if (cells > limits[format]) throw new RenderLimitError("PERF120", { format, cells, limit: limits[format] }, report.locale);
  const wide = report.tables.find((t) => t.columns.length > columnLimits[format]);
  if (wide) throw new RenderLimitError("PERF122", { table: wide.title, columns: wide.columns.length, format, limit: columnLimits[format] }, report.locale);
  if (format !== "xlsx") return;
  for (const t of report.tables)
    for (const [i, r] of t.rows.entries())
      for (const c of r.cells)
        if (!c.covered && c.text.length > EXCEL_CELL_TEXT_MAX)
          throw new RenderLimitError("PERF121", { table: t.title, row: i + 1, start: [...c.text.replace(/\s+/g, " ")].slice(0, 12).join(""), length: c.text.length, limit: EXCEL_CELL_TEXT_MAX }, report.locale);
}
