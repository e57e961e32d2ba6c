import { label } from "../labels.js";
import type { Report, Table } from "../model.js";
import type { NarrativeBlock, Run } from "../narrative/document.js";
import { chartSvg, fontStack } from "./charts.js";
import { alignsAsNumber, captionGap, captionPrefix, captions, colon, conclusion, metaLines, reportTitle, tableFor, type CaptionKind } from "./common.js";
import { lines, safeReport } from "../text-safety.js";
import { rootChart } from "./root-chart.js";
import { closingGroupAt, columnWidths, isValueText, wraps } from "./column-widths.js";

const serif = `"FangSong","仿宋","STFangsong","SimSun","宋体","Songti SC","Noto Serif CJK SC","Source Han Serif SC",serif`;

/** Every text the HTML writer prints goes through this. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const css = `
@page { size: A4 portrait; margin: 18mm 15mm; }
@page wide { size: A4 landscape; margin: 15mm 12mm; }
* { box-sizing: border-box; }
body { font-family: ${serif}; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 1100px; padding: 16px; line-height: 1.5; }
h1 { font-family: ${fontStack}; font-size: 18pt; text-align: center; margin: 0.5em 0; }
h2 { font-family: ${fontStack}; font-size: 13pt; margin: 1.4em 0 0.5em; break-after: avoid; page-break-after: avoid; }
ul.meta { list-style: none; padding: 0; }
.warning { border-left: 4px solid #c60; padding: 4px 8px; background: #fff4e5; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1em; font-size: 9pt; }
th, td { border: 0.5pt solid #000; padding: 2px 4px; vertical-align: middle; unicode-bidi: isolate; }
td { text-align: center; }
th { background: #eef1f5; font-family: ${fontStack}; font-weight: bold; text-align: center; }
td.num { text-align: right; white-space: nowrap; }
th .nobr { white-space: nowrap; }
td.value { white-space: nowrap; }
td.long { text-align: left; vertical-align: top; }
tr.total td, tr.subtotal td { font-weight: bold; }
tr.group td { font-weight: bold; background: #f6f6f6; }
thead { display: table-header-group; break-inside: avoid; break-after: avoid; }
thead tr.unit th { border: none; background: none; font-family: ${serif}; font-weight: normal; text-align: right; padding: 0 0 2px; }
tr { break-inside: avoid; }
.chart { margin: 1em auto; width: fit-content; max-width: 100%; break-inside: avoid; }
.chart svg { max-width: 100%; height: auto; }
section.wide { page: wide; break-before: page; }
nav.toc { margin: 1em 0 2em; break-after: page; }
nav.toc h2 { text-align: center; }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc li.l2 { padding-left: 2em; }
nav.toc a { color: inherit; text-decoration: none; }
h2.chapter { font-size: 15pt; break-before: auto; }
h3, h4 { font-family: ${fontStack}; font-size: 11.5pt; margin: 1em 0 0.4em; break-after: avoid; page-break-after: avoid; }
p.text { text-indent: 2em; margin: 0.4em 0; text-align: justify; }
p.item { margin: 0.3em 0 0.3em 2em; }
p.deduction { margin: 0.3em 0; text-indent: 2em; }
p.deduction.head { font-weight: bold; }
span.n { white-space: nowrap; }
figcaption { text-align: center; font-family: ${fontStack}; font-size: 10pt; }
p.note { font-size: 9pt; color: #444; }
@media print { body { max-width: none; padding: 0; } }
`;

/** One self-contained, print-ready page: inline CSS and SVG charts, no script, no network. */
export function toHtml(unsafe: Report): string {
  const report = safeReport(unsafe);
  const lang = report.locale === "zh" ? "zh-CN" : "en";
  const caps = captions(report);
  const out: string[] = [
    "<!DOCTYPE html>",
    `<html lang="${lang}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(reportTitle(report))}</title>`,
    `<style>${css}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(reportTitle(report))}</h1>`,
    '<ul class="meta">',
    ...metaLines(report).map(([k, v]) => `<li>${escapeHtml(k)}${colon(report)}${escapeHtml(v)}</li>`),
    `<li><strong>${escapeHtml(label(report.locale, "conclusion"))}${colon(report)}${escapeHtml(conclusion(report))}</strong></li>`,
    "</ul>",
  ];
  if (report.meta.errors > 0) out.push(`<p class="warning">${escapeHtml(label(report.locale, "diagnosticsNote", { n: report.meta.errors }))}</p>`);
  if (report.narrative?.source === "file") {
    out.push(...narrativeHtml(report), "</body>", "</html>", "");
    return out.join("\n");
  }
  let chartsPlaced = false;
  for (const t of report.tables) {
    const wide = t.orientation === "landscape";
    out.push(...tableSection(t, caps.get(t)!, report.locale, wide));
    if (t.name === "summary" && !chartsPlaced) {
      chartsPlaced = true;
      for (const c of report.charts) out.push(`<figure class="chart" id="chart-${c.id}">${chartSvg(c)}</figure>`);
    }
    out.push("</section>");
  }
  if (!chartsPlaced && report.tables.some((t) => t.name === "scores"))
    for (const c of report.charts) out.push(`<figure class="chart" id="chart-${c.id}">${chartSvg(c)}</figure>`);
  out.push("</body>", "</html>", "");
  return out.join("\n");
}

/** A table as a section of its own: caption, table, notes, and a root's chart; the caller closes the section (a summary may add charts). */
function tableSection(t: Table, caption: string, locale: "zh" | "en", wide = false): string[] {
  const out = [`<section id="${escapeHtml(t.id)}"${wide ? ' class="wide"' : ""}>`, `<h2>${escapeHtml(caption)}</h2>`, tableHtml(t, locale)];
  for (const n of t.notes) out.push(`<p class="note">${escapeHtml(n)}</p>`);
  const rc = rootChart(t, locale);
  if (rc) out.push(`<figure class="chart" id="chart-${escapeHtml(t.id)}">${chartSvg(rc)}</figure>`);
  return out;
}

/**
 * The evaluation's own chapters (NAME.report.md, references resolved) with a table of contents,
 * tables captioned by chapter (表3-1…), 扣分明细 as prose, the charts it names, then the appendices.
 * Same blocks as the Word report; every number of the prose is kept on one line.
 */
function narrativeHtml(report: Report): string[] {
  const blocks = report.narrative!.blocks;
  const zh = report.locale === "zh";
  const ids = new Map<NarrativeBlock, string>();
  let h1 = 0;
  let sub = 0;
  for (const b of blocks)
    if (b.kind === "heading") {
      if (b.level === 1) [h1, sub] = [h1 + 1, 0];
      else sub++;
      ids.set(b, b.level === 1 ? `ch-${h1}` : `ch-${h1}-${sub}`);
    }
  const toc = blocks.filter((b): b is Extract<NarrativeBlock, { kind: "heading" }> => b.kind === "heading" && b.level <= 2);
  const caps = captions(report);
  const out: string[] = [];
  if (toc.length)
    out.push(
      '<nav class="toc">',
      `<h2>${zh ? "目　录" : "Contents"}</h2>`,
      "<ol>",
      ...toc.map((b) => `<li class="l${b.level}"><a href="#${ids.get(b)}">${escapeHtml(b.text)}</a></li>`),
      // the appendices, named as the Word report's 目录 names them
      ...report.tables.filter((t) => t.appendix).map((t) => `<li class="l1"><a href="#${escapeHtml(t.id)}">${escapeHtml(caps.get(t)!)}</a></li>`),
      "</ol>",
      "</nav>",
    );
  const counts = new Map<string, number>();
  const number = (kind: CaptionKind, chapter: number) => {
    const n = (counts.get(kind + chapter) ?? 0) + 1;
    counts.set(kind + chapter, n);
    return `${captionPrefix(kind, report.locale, chapter)}${n}${captionGap(report.locale)}`;
  };
  for (const b of blocks) {
    switch (b.kind) {
      case "heading": {
        const tag = b.level === 1 ? 'h2 class="chapter"' : `h${b.level + 1}`;
        out.push(`<${tag} id="${ids.get(b)}">${prose([{ text: b.text }])}</${tag.split(" ")[0]}>`);
        break;
      }
      case "paragraph":
        out.push(`<p class="${b.item ? "item" : "text"}">${b.item === "bullet" ? "• " : ""}${prose(b.runs)}</p>`);
        break;
      case "table": {
        const t = tableFor(report, b);
        if (!t) break;
        if (t.name === "deductions") {
          for (const r of t.rows)
            out.push(r.kind === "group" ? `<p class="deduction head">${prose([{ text: r.cells[0]!.text }])}</p>` : `<p class="deduction">${prose([{ text: `${r.cells[0]!.text}. ${r.cells[3]!.text}` }])}</p>`);
          break;
        }
        out.push(...tableSection(t, number("table", b.chapter) + t.title, report.locale), "</section>");
        break;
      }
      case "chart": {
        const c = report.charts.find((x) => x.id === b.chart);
        if (c) out.push(`<figure class="chart" id="chart-${c.id}">${chartSvg(c)}<figcaption>${escapeHtml(number("figure", b.chapter) + c.title)}</figcaption></figure>`);
        break;
      }
    }
  }
  for (const t of report.tables.filter((x) => x.appendix)) out.push(...tableSection(t, caps.get(t)!, report.locale, t.orientation === "landscape"), "</section>");
  return out;
}

/** Prose runs, escaped, with every number ("82.46", "95.91%", "5191.10万元"'s digits) kept on one line. */
function prose(runs: Run[]): string {
  return runs
    .map((r) => {
      const t = r.text
        .split(/(\d[\d,.]*%?)/)
        .map((part, i) => (i % 2 ? `<span class="n">${escapeHtml(part)}</span>` : escapeHtml(part)))
        .join("");
      return r.bold ? `<strong>${t}</strong>` : t;
    })
    .join("");
}

/** The unit line above a table of points, repeated with the header rows on every printed page. */
const unitText = { zh: "单位：分", en: "Unit: points" };

/** The tables whose numbers are points: they carry the unit line. */
const POINTS_TABLES: ReadonlySet<Table["name"]> = new Set(["scores", "summary", "comparison", "roots", "deductions"]);

function tableHtml(t: Table, locale: "zh" | "en"): string {
  // the Word report's widths (by content: a column with no text gets no share), as fractions of
  // the page's 1 068 px at 9 pt with 4 px of padding a side, in twips
  const widths = columnWidths(t, 16_020, 180, 120);
  const total = widths.reduce((a, b) => a + b, 0);
  // as in Word: sentences read from the left and the top, names and short texts are centred
  const long = t.columns.map((c, j) => c.kind === "text" && (c.width >= 20 || wraps(t, j, widths[j]!, 180, 120)));
  const cols = widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join("");
  // the tables of points; a data table's numbers are money or counts, in the unit its title gives
  const points = POINTS_TABLES.has(t.name) && t.columns.some((c) => c.kind === "decimal");
  const unit = points ? `<tr class="unit"><th colspan="${t.columns.length}">${escapeHtml(unitText[locale])}</th></tr>` : "";
  const head = `<thead>${unit}<tr>${t.columns.map((c) => `<th scope="col">${headerHtml(c.header)}</th>`).join("")}</tr></thead>`;
  const body = t.rows
    .map((r) => {
      const cells = r.cells
        .map((c, j) => {
          if (c.covered) return "";
          const attrs = [
            c.rowSpan ? ` rowspan="${c.rowSpan}"` : "",
            c.colSpan ? ` colspan="${c.colSpan}"` : "",
            alignsAsNumber(t, j, c) ? ' class="num"' : long[j] && r.kind === "data" ? ' class="long"' : t.columns[j]!.values && isValueText(c.text) ? ' class="value"' : "",
          ].join("");
          return `<td${attrs}>${lines(escapeHtml(c.text)).join("<br>")}</td>`;
        })
        .join("");
      return `<tr class="${r.kind}">${cells}</tr>`;
    })
    .join("\n");
  return `<table><colgroup>${cols}</colgroup>${head}\n<tbody>\n${body}\n</tbody></table>`;
}

/** A header whose closing parenthesis group ("（万元）") wraps as one piece, if the header wraps. */
function headerHtml(header: string): string {
  const at = closingGroupAt(header);
  if (at < 0) return escapeHtml(header);
  return `${escapeHtml(header.slice(0, at))}<span class="nobr">${escapeHtml(header.slice(at))}</span>`;
}
