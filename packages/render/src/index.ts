import type { EvaluationResult } from "@perf/engine";
import { buildReport, type BuildOptions } from "./build.js";
import { toCsv } from "./writers/csv.js";
import { toDocx } from "./writers/docx.js";
import { toHtml } from "./writers/html.js";
import { toMarkdown } from "./writers/markdown.js";
import { toXlsx } from "./writers/xlsx.js";

export * from "./model.js";
export { buildReport, rateText, tableNames, scoreSheet, summaryTable, rootTable, deductionTable, findingTable, targetTables, type BuildOptions } from "./build.js";
export { dataTable, dataTables } from "./data-tables.js";
export { auditTable, hasAuditNotes } from "./audit.js";
export { parseGrouping, summaryBlocks, type Grouping } from "./grouping.js";
export { RenderOptionError, NarrativeError } from "./errors.js";
export { resolveNarrative, type Narrative, type NarrativeBlock, type Run } from "./narrative/document.js";
export { scanReferences, resolveReference, type Reference, type Resolved, type TableRef } from "./narrative/references.js";
export { defaultNarrative } from "./narrative/default.js";
export { deductionProse, deductionParagraphs, leafDeductions, rootHead, sentence, type DeductionItem, type RootDeductions } from "./wording.js";
export { cellLimits, checkSize, columnLimits, EXCEL_CELL_TEXT_MAX, reportCells, RenderLimitError, type LimitedFormat } from "./limits.js";
export type { RenderLocale } from "./labels.js";
export { toCsv, neutralise } from "./writers/csv.js";
export { toDocx, type DocxOptions } from "./writers/docx.js";
export { reportTitle } from "./writers/common.js";
export { chartPng } from "./writers/chart-png.js";
export { applyTemplate, TemplateError } from "./writers/docx-template.js";
export { columnWidths } from "./writers/column-widths.js";
export { toHtml, escapeHtml } from "./writers/html.js";
export { toMarkdown, escapeMd } from "./writers/markdown.js";
export { toXlsx, columnLetter, sheetName, sheetRef } from "./writers/xlsx.js";
export { chartSvg } from "./writers/charts.js";

export const formats = ["md", "html", "docx", "xlsx", "csv", "json"] as const;
export type Format = (typeof formats)[number];

/** md, html, csv and json are text; docx and xlsx are bytes. */
export const textFormats: ReadonlySet<Format> = new Set(["md", "html", "csv", "json"]);

/**
 * Renders the engine's result in one format. JSON is the result itself (it already validates
 * against the schema); every other format prints the table model.
 */
export async function render(result: EvaluationResult, format: Format, options: BuildOptions = {}): Promise<string | Uint8Array> {
  if (format === "json") return JSON.stringify(result, null, 2) + "\n";
  const report = buildReport(result, options);
  switch (format) {
    case "md":
      return toMarkdown(report);
    case "html":
      return toHtml(report);
    case "csv":
      return toCsv(report);
    case "docx":
      return toDocx(report, { date: options.date, template: options.template });
    case "xlsx":
      return toXlsx(report);
  }
}
export { findChromium, htmlToPdf, PdfEngineError, type HtmlPdfOptions } from "./writers/html-pdf.js";
