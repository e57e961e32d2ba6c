import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SimpleField,
  Table as DocxTable,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlign,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
  type ParagraphChild,
} from "docx";
import { label } from "../labels.js";
import type { Chart, Report, Table } from "../model.js";
import type { Run } from "../narrative/document.js";
import { alignsAsNumber, captionGap, captionLabel, captionPrefix, captions, colon, conclusion, metaLines, reportTitle, tableFor, type CaptionKind } from "./common.js";
import { chartPng } from "./chart-png.js";
import { columnWidths, headerLines, rowLines, wraps } from "./column-widths.js";
import { checkSize } from "../limits.js";
import { applyTemplate } from "./docx-template.js";
import { lines, safeReport } from "../text-safety.js";

// Chinese government-report typography (GB/T 9704 habits) with fonts every Windows and WPS
// install has: title and headings in 黑体 (SimHei), body in 仿宋 (FangSong), tables in 宋体
// (SimSun). Not 仿宋_GB2312 or 方正小标宋简体: Windows 10/11 lacks them. Latin text in Times New
// Roman; the eastAsia hint makes Word pick the Chinese font for Chinese characters.
const font = (eastAsia: string) => ({ ascii: "Times New Roman", hAnsi: "Times New Roman", eastAsia, cs: "Times New Roman" });
const TITLE = { font: font("黑体"), size: 44 }; // 二号 22pt
const HEADING1 = { font: font("黑体"), size: 32, color: "000000" }; // 三号 16pt
const HEADING2 = { font: font("楷体"), size: 32, color: "000000", bold: true }; // 三号 16pt
const BODY = { font: font("仿宋"), size: 32 }; // 三号 16pt
const TABLE = { font: font("宋体"), size: 21 }; // 五号 10.5pt
const TABLE_WIDE = { font: font("宋体"), size: 18 }; // 小五 9pt
const CAPTION = { font: font("黑体"), size: 24 }; // 小四 12pt

const mm = (x: number) => Math.round((x / 25.4) * 1440);
const A4 = { width: mm(210), height: mm(297) };
const margins = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const wideMargins = { top: mm(20), bottom: mm(20), left: mm(20), right: mm(20) };
const CELL_MARGIN = 60;
/**
 * A landscape table's rows of at most this many lines do not break across pages: a fragment of
 * one or two lines under a repeated header reads badly, and keeping taller rows whole leaves a
 * page's foot empty (永州's 评分表 grew by a page at ten).
 */
const SHORT_ROW_LINES = 4;

const line = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const borders = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };
const bodySpacing = { line: 560, lineRule: LineRuleType.EXACT }; // 28pt, 公文 line pitch

function paragraphs(text: string, run: object, alignment: (typeof AlignmentType)[keyof typeof AlignmentType], bold = false): Paragraph[] {
  return lines(text).map((t) => new Paragraph({ alignment, children: [new TextRun({ text: t, bold, ...run })] }));
}

/**
 * A table with real merges: rowSpan becomes vMerge restart/continue, colSpan gridSpan. Column
 * widths come from the content (column-widths.ts): a number column is as wide as its widest
 * number in the widest fallback font, so "82.46" never wraps to "82.4/6".
 */
function docxTable(t: Table, textWidth: number): DocxTable {
  const run = t.orientation === "landscape" ? TABLE_WIDE : TABLE;
  const widths = columnWidths(t, textWidth, run.size * 10, CELL_MARGIN * 2);
  // text that fills several lines reads from the left and the top, as a paragraph does
  const long = t.columns.map((c, j) => c.kind === "text" && (c.width >= 20 || wraps(t, j, widths[j]!, run.size * 10, CELL_MARGIN * 2)));
  const cell = (text: string, j: number, opts: { bold?: boolean; rowSpan?: number; colSpan?: number; numeric?: boolean; long?: boolean }) => {
    const span = opts.colSpan ?? 1;
    return new TableCell({
      rowSpan: opts.rowSpan,
      columnSpan: opts.colSpan,
      width: { size: widths.slice(j, j + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
      verticalAlign: opts.long ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
      margins: { top: 30, bottom: 30, left: CELL_MARGIN, right: CELL_MARGIN },
      children: paragraphs(text, run, opts.numeric ? AlignmentType.RIGHT : opts.long ? AlignmentType.LEFT : AlignmentType.CENTER, opts.bold),
    });
  };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.columns.map((c, j) => cell(headerLines(c.header, widths[j]!, run.size * 10, CELL_MARGIN * 2), j, { bold: true })),
  });
  const rows = t.rows.map(
    (r, i) =>
      new TableRow({
        // a landscape row may be taller than a page (a 评分表 leaf with long texts), so it may
        // split; a short one stays whole, not two lines on one page and the last on the next
        cantSplit: t.orientation !== "landscape" || rowLines(t, i, widths, run.size * 10, CELL_MARGIN * 2) <= SHORT_ROW_LINES,
        children: r.cells.flatMap((c, j) =>
          c.covered
            ? []
            : [cell(c.text, j, { bold: r.kind !== "data", rowSpan: c.rowSpan, colSpan: c.colSpan, numeric: alignsAsNumber(t, j, c), long: long[j]! && r.kind === "data" })],
        ),
      }),
  );
  return new DocxTable({
    rows: [header, ...rows],
    columnWidths: widths,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders,
  });
}

function footer(): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], ...TABLE })] })],
  });
}

/**
 * A Word caption: "表3-1　title" where 1 is a `SEQ 表` field, so Word's 插入表目录 (TOC \c "表")
 * lists it. The first caption of a chapter carries `\r 1` (restart at 1) besides `\s 1` (restart
 * at each Heading 1): LibreOffice ignores `\s` and recomputes the fields, so without `\r` it
 * printed 表4-2 for the first table of chapter 四. Paragraph style "Caption".
 */
function caption(kind: CaptionKind, locale: "zh" | "en", chapter: number, n: number, title: string): Paragraph {
  return new Paragraph({
    style: "Caption",
    keepNext: true,
    children: [
      new TextRun(captionPrefix(kind, locale, chapter)),
      new SimpleField(`SEQ ${captionLabel(kind, locale)} \\* ARABIC${chapter > 0 ? " \\s 1" : ""}${n === 1 ? " \\r 1" : ""}`, String(n)),
      new TextRun(`${captionGap(locale)}${title}`),
    ],
  });
}

/** Body, heading and caption runs carry no direct font or size: the styles do, so a template's styles apply. */
function runsOf(runs: Run[]): ParagraphChild[] {
  return runs.map((r) => new TextRun({ text: r.text, bold: r.bold }));
}

export interface DocxOptions {
  /** Printed on the cover ("2026年11月"); the writer never reads the clock. */
  date?: string;
  /** A firm's .docx whose styles, header/footer and cover replace ours (docx-template.ts). */
  template?: Uint8Array;
}

/**
 * The whole report as Word: a cover (title, client, evaluator, date), a table of contents and a
 * 表目录 (fields Word fills in), the chapters of the narrative with Heading 1/2 styles, tables with
 * chapter-numbered captions, the charts as PNG images, 扣分明细 as numbered prose, then 附件1
 * 评分表 and 附件2 问题清单 on their own (landscape) sections.
 */
export async function toDocx(unsafe: Report, options: DocxOptions = {}): Promise<Uint8Array> {
  checkSize(unsafe, "docx");
  const report = safeReport(unsafe);
  const zh = report.locale === "zh";
  const L = (k: Parameters<typeof label>[1], a?: Record<string, string | number>) => label(report.locale, k, a);
  const portraitWidth = A4.width - margins.left - margins.right;
  const landscapeWidth = A4.height - wideMargins.left - wideMargins.right;
  const title = reportTitle(report);

  const cover: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 1200 }, children: coverTitleLines(title, report.locale).map((text, i) => new TextRun({ text, break: i > 0 ? 1 : undefined, bold: true, ...TITLE })) }),
    ...metaLines(report).map(
      ([k, v]) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: `${k}${colon(report)}${v}`, ...BODY })] }),
    ),
  ];
  if (options.date) cover.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 600 }, children: [new TextRun({ text: options.date, ...BODY })] }));

  const heading = (text: string, level: 1 | 2 | 3) =>
    new Paragraph({
      heading: level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
      keepNext: true,
      spacing: { before: level === 1 ? 240 : 120, after: 120 },
      children: [new TextRun(text)],
    });
  const para = (children: ParagraphChild[], indent = true, keepNext = false) =>
    new Paragraph({ indent: indent && zh ? { firstLine: 640 } : undefined, spacing: bodySpacing, alignment: AlignmentType.JUSTIFIED, keepNext, children });

  const toc: (Paragraph | TableOfContents)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: zh ? "目　录" : "Contents", ...HEADING1 })] }),
    new TableOfContents(zh ? "目录" : "Contents", { hyperlink: true, headingStyleRange: "1-2" }),
  ];
  // 表目录: a TOC field over the SEQ 表 captions, with today's entries so readers that do not update fields show them
  const tableCaptions = tableCaptionTitles(report);
  if (tableCaptions.length)
    toc.push(
      new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: zh ? "表　目" : "Tables", ...HEADING1 })] }),
      new TableOfContents(zh ? "表目录" : "Tables", { hyperlink: true, captionLabelIncludingNumbers: captionLabel("table", report.locale), cachedEntries: tableCaptions.map((title) => ({ title, level: 1 })) }),
    );

  const body: (Paragraph | DocxTable)[] = [];
  if (report.meta.errors > 0) body.push(para([new TextRun({ text: L("diagnosticsNote", { n: report.meta.errors }), color: "C00000" })]));
  const blocks = report.narrative?.blocks ?? [];
  const tableNo = new Map<number, number>();
  const figureNo = new Map<number, number>();
  const next = (m: Map<number, number>, chapter: number) => {
    const n = (m.get(chapter) ?? 0) + 1;
    m.set(chapter, n);
    return n;
  };
  if (!blocks.some((b) => b.kind === "heading" && b.level === 1)) body.push(para([new TextRun(conclusion(report))]));
  for (const b of blocks) {
    switch (b.kind) {
      case "heading":
        body.push(heading(b.text, b.level));
        break;
      case "paragraph":
        body.push(para(runsOf(b.runs), b.item !== "ordered" && b.item !== "bullet"));
        break;
      case "table": {
        const t = tableFor(report, b);
        if (!t) break;
        if (t.name === "deductions") {
          // a head ("（二）项目过程总分16分…") stays on the page of its first item, as a heading does
          body.push(...deductionParagraphsOf(t).map((p) => para([new TextRun({ text: p.text, bold: p.head })], true, p.head)));
          break;
        }
        body.push(caption("table", report.locale, b.chapter, next(tableNo, b.chapter), t.title), docxTable(t, portraitWidth));
        for (const n of t.notes) body.push(new Paragraph({ children: [new TextRun({ text: n, ...TABLE })] }));
        break;
      }
      case "chart": {
        const chart = report.charts.find((c) => c.id === b.chart);
        if (!chart) break;
        body.push(...(await chartParagraphs(chart, portraitWidth)), caption("figure", report.locale, b.chapter, next(figureNo, b.chapter), chart.title));
        break;
      }
    }
  }

  const section = (children: (Paragraph | DocxTable | TableOfContents)[], wide = false): ISectionOptions => ({
    properties: { page: wide ? { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: wideMargins } : { size: A4, margin: margins } },
    footers: { default: footer() },
    children,
  });
  const sections: ISectionOptions[] = [
    { properties: { page: { size: A4, margin: margins }, verticalAlign: VerticalAlign.TOP }, children: cover },
    section(toc),
    section(body),
  ];
  // "附件1：项目绩效评价指标体系评分表", one heading as the seed reports write it, so that the 目录
  // says what each appendix is (it listed "附件1", "附件2", "附件3"); HTML, Markdown and xlsx name them so too
  const appendixNames = captions(report);
  for (const t of report.tables.filter((t) => t.appendix)) {
    const wide = t.orientation === "landscape";
    sections.push(
      section(
        [
          heading(appendixNames.get(t)!, 1),
          docxTable(t, wide ? landscapeWidth : portraitWidth),
          ...t.notes.map((n) => new Paragraph({ children: [new TextRun({ text: n, ...TABLE })] })),
        ],
        wide,
      ),
    );
  }
  const doc = new Document({
    creator: "perf",
    title,
    features: { updateFields: true },
    styles: {
      // outline levels written out: Word knows its heading styles by name, LibreOffice only by
      // level, and a 目录 (TOC \o "1-2") it updates lists no paragraph without one
      default: { document: { run: { ...BODY } }, heading1: { run: HEADING1, paragraph: { outlineLevel: 0 } }, heading2: { run: HEADING2, paragraph: { outlineLevel: 1 } } },
      paragraphStyles: [
        // TOC entries one size smaller than the body, so the 目录 of a seven-chapter report fits a page
        { id: "TOC1", name: "toc 1", basedOn: "Normal", next: "Normal", run: { ...BODY, size: 28 }, paragraph: { spacing: { before: 60, after: 60 } } },
        { id: "TOC2", name: "toc 2", basedOn: "Normal", next: "Normal", run: { ...BODY, size: 28 }, paragraph: { indent: { left: 560 }, spacing: { before: 40, after: 40 } } },
        // the 表目录's entries (Word's and LibreOffice's name for them), as the 目录's
        { id: "TableofFigures", name: "table of figures", basedOn: "Normal", next: "Normal", run: { ...BODY, size: 28 }, paragraph: { spacing: { before: 60, after: 60 } } },
        { id: "Caption", name: "caption", basedOn: "Normal", next: "Normal", quickFormat: true, run: CAPTION, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 200, after: 100 } } },
      ],
    },
    sections,
  });
  const bytes = new Uint8Array(await Packer.toBuffer(doc));
  return options.template ? applyTemplate(bytes, options.template, coverFields(report, title, options.date)) : bytes;
}

/** What a template's cover may ask for: {{标题}} {{委托单位}} {{评价机构}} {{年度}} {{日期}} (and English names). */
function coverFields(report: Report, title: string, date: string | undefined): Record<string, string> {
  const m = report.meta;
  const f: Record<string, string> = { 标题: title, 委托单位: m.client ?? "", 评价机构: m.evaluator ?? "", 年度: m.period ?? "", 日期: date ?? "", 总分: m.totalScore ?? m.totalDeclared ?? "", 等级: m.grade ?? "" };
  return { ...f, title: f.标题!, client: f.委托单位!, evaluator: f.评价机构!, period: f.年度!, date: f.日期!, total: f.总分!, grade: f.等级! };
}

/**
 * The cover's title in lines: a Chinese title longer than a line of 二号 (18 characters) breaks
 * before its report name, "…运维项目" / "绩效评价报告", as report covers are set, not wherever the
 * line ends ("…项目绩效" / "评价报告").
 */
export function coverTitleLines(title: string, locale: "zh" | "en"): string[] {
  if (locale !== "zh" || [...title].length <= 18) return [title];
  const m = /^(.+?)((?:绩效)?评价(?:结果)?报告)$/u.exec(title);
  return m && [...m[1]!].length >= 4 ? [m[1]!, m[2]!] : [title];
}

/** "表3-1　绩效评价得分情况表" … in document order, numbered like the captions. */
function tableCaptionTitles(report: Report): string[] {
  const n = new Map<number, number>();
  const out: string[] = [];
  for (const b of report.narrative?.blocks ?? []) {
    if (b.kind !== "table") continue;
    const t = tableFor(report, b);
    if (!t || t.name === "deductions") continue;
    const k = (n.get(b.chapter) ?? 0) + 1;
    n.set(b.chapter, k);
    out.push(`${captionPrefix("table", report.locale, b.chapter)}${k}${captionGap(report.locale)}${t.title}`);
  }
  return out;
}


/** 扣分明细 as prose from its table rows (wording.ts wrote the sentences): heads, then "1. …". */
function deductionParagraphsOf(t: Table): { text: string; head: boolean }[] {
  return t.rows.map((r) => (r.kind === "group" ? { text: r.cells[0]!.text, head: true } : { text: `${r.cells[0]!.text}. ${r.cells[3]!.text}`, head: false }));
}

async function chartParagraphs(chart: Chart, textWidth: number): Promise<Paragraph[]> {
  const { png, width, height } = await chartPng(chart);
  // twips → pixels at 96 dpi for the image size, at most the text width
  const maxPx = Math.floor(textWidth / 15);
  const w = Math.min(maxPx, width);
  const h = Math.round((height * w) / width);
  return [new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [new ImageRun({ type: "png", data: png, transformation: { width: w, height: h }, altText: { name: chart.title, title: chart.title, description: chart.title } })] })];
}
