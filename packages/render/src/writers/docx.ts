import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from "docx";
import { label, sectionNumber } from "../labels.js";
import type { Report, Table } from "../model.js";
import { captions, colon, conclusion, metaLines } from "./common.js";
import { checkSize } from "../limits.js";
import { isolate, lines, safeReport } from "../text-safety.js";

// Chinese government-report typography (党政机关公文格式 GB/T 9704 habits): title in 小标宋 二号,
// headings in 黑体 三号, body in 仿宋 三号, tables in 宋体 五号/小五. Latin text in Times New Roman.
const font = (eastAsia: string) => ({ ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia, cs: "Times New Roman" });
const TITLE = { font: font("方正小标宋简体"), size: 44 }; // 二号 22pt
const HEADING = { font: font("黑体"), size: 32, color: "000000" }; // 三号 16pt
const BODY = { font: font("仿宋_GB2312"), size: 32 }; // 三号 16pt
const TABLE = { font: font("宋体"), size: 21 }; // 五号 10.5pt
const TABLE_WIDE = { font: font("宋体"), size: 18 }; // 小五 9pt

const mm = (x: number) => Math.round((x / 25.4) * 1440);
const A4 = { width: mm(210), height: mm(297) };
const margins = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const wideMargins = { top: mm(20), bottom: mm(20), left: mm(20), right: mm(20) };

const line = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const borders = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };

function paragraphs(text: string, run: object, alignment: (typeof AlignmentType)[keyof typeof AlignmentType], bold = false): Paragraph[] {
  return lines(text).map((t) => new Paragraph({ alignment, children: [new TextRun({ text: t, bold, ...run })] }));
}

/** A table with real merges: rowSpan becomes vMerge restart/continue, colSpan gridSpan. */
function docxTable(t: Table, textWidth: number): DocxTable {
  const run = t.orientation === "landscape" ? TABLE_WIDE : TABLE;
  const total = t.columns.reduce((a, c) => a + c.width, 0);
  const widths = t.columns.map((c) => Math.floor((c.width / total) * textWidth));
  const cell = (text: string, j: number, opts: { bold?: boolean; rowSpan?: number; colSpan?: number; numeric?: boolean; long?: boolean }) => {
    const span = opts.colSpan ?? 1;
    return new TableCell({
      rowSpan: opts.rowSpan,
      columnSpan: opts.colSpan,
      width: { size: widths.slice(j, j + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      verticalAlign: opts.long ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
      margins: { top: 30, bottom: 30, left: 60, right: 60 },
      children: paragraphs(text, run, opts.numeric ? AlignmentType.RIGHT : opts.long ? AlignmentType.LEFT : AlignmentType.CENTER, opts.bold),
    });
  };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.columns.map((c, j) => cell(c.header, j, { bold: true })),
  });
  const rows = t.rows.map(
    (r) =>
      new TableRow({
        cantSplit: t.orientation !== "landscape",
        children: r.cells.flatMap((c, j) =>
          c.covered
            ? []
            : [cell(c.text, j, { bold: r.kind !== "data", rowSpan: c.rowSpan, colSpan: c.colSpan, numeric: c.kind !== "text", long: t.columns[j]!.width >= 20 && r.kind === "data" })],
        ),
      }),
  );
  return new DocxTable({
    rows: [header, ...rows],
    columnWidths: widths,
    width: { size: textWidth, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders,
  });
}

function footer(): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], ...TABLE })] })],
  });
}

/** Word document: conclusion and body tables, then each wide table as an appendix on landscape pages. */
export async function toDocx(unsafe: Report): Promise<Uint8Array> {
  checkSize(unsafe, "docx");
  const report = safeReport(unsafe);
  const caps = captions(report);
  const zh = report.locale === "zh";
  const portraitWidth = A4.width - margins.left - margins.right;
  const landscapeWidth = A4.height - wideMargins.left - wideMargins.right;
  const heading = (text: string) => new Paragraph({ heading: HEADING_LEVEL, spacing: { before: 240, after: 120 }, children: [new TextRun({ text, bold: false, ...HEADING })] });
  const caption = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 100 }, keepNext: true, children: [new TextRun({ text, bold: true, ...TABLE, size: 24 })] });
  const body: (Paragraph | DocxTable)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: report.meta.title, ...TITLE })] }),
    ...metaLines(report).map(([k, v]) => new Paragraph({ children: [new TextRun({ text: `${k}${colon(report)}${v}`, ...BODY })] })),
    heading(label(report.locale, "conclusion")),
    new Paragraph({ indent: { firstLine: zh ? 640 : 0 }, children: [new TextRun({ text: conclusion(report), ...BODY })] }),
  ];
  if (report.meta.errors > 0) body.push(new Paragraph({ children: [new TextRun({ text: label(report.locale, "diagnosticsNote", { n: report.meta.errors }), ...BODY, color: "C00000" })] }));
  for (const t of report.tables.filter((t) => !t.appendix)) {
    if (t.name === "deductions") {
      body.push(heading(t.title), ...deductionProse(report, t));
      continue;
    }
    body.push(caption(caps.get(t)!), docxTable(t, portraitWidth));
    for (const n of t.notes) body.push(new Paragraph({ children: [new TextRun({ text: n, ...TABLE })] }));
  }
  const sections: ISectionOptions[] = [{ properties: { page: { size: A4, margin: margins } }, footers: { default: footer() }, children: body }];
  for (const t of report.tables.filter((t) => t.appendix)) {
    const wide = t.orientation === "landscape";
    const children: (Paragraph | DocxTable)[] = [
      new Paragraph({ children: [new TextRun({ text: label(report.locale, "appendix", { n: t.appendix! }), ...HEADING })] }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 160 }, children: [new TextRun({ text: t.title, ...HEADING, font: font("方正小标宋简体") })] }),
      docxTable(t, wide ? landscapeWidth : portraitWidth),
      ...t.notes.map((n) => new Paragraph({ children: [new TextRun({ text: n, ...TABLE })] })),
    ];
    sections.push({
      properties: {
        page: wide ? { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: wideMargins } : { size: A4, margin: margins },
      },
      footers: { default: footer() },
      children,
    });
  }
  const doc = new Document({
    creator: "perf",
    title: report.meta.title,
    styles: { default: { document: { run: { ...BODY } } } },
    sections,
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const HEADING_LEVEL = HeadingLevel.HEADING_1;

/**
 * 扣分明细 the way reports write it: "（一）项目决策总分14分，实得12.5分，扣1.5分。" then one
 * numbered paragraph per deduction, "1. 方案设计合理性扣1分：reason".
 */
function deductionProse(report: Report, t: Table): Paragraph[] {
  const zh = report.locale === "zh";
  const para = (text: string, bold = false) => new Paragraph({ indent: { firstLine: zh ? 640 : 0 }, children: [new TextRun({ text, bold, ...BODY })] });
  const out: Paragraph[] = [];
  let group = 0;
  for (const r of t.rows) {
    const [no, indicator, amount, reason] = r.cells.map((c) => c.text);
    if (r.kind === "group") out.push(para(`${sectionNumber(report.locale, ++group)}${no}${zh ? "。" : "."}`, true));
    else out.push(para(zh ? `${no}. ${isolate(indicator!)}扣${amount}分：${reason}` : `${no}. ${isolate(indicator!)} −${amount}: ${reason}`));
  }
  return out;
}
