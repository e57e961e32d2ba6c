import { label } from "../labels.js";
import type { Report, Table } from "../model.js";
import { chartSvg, fontStack } from "./charts.js";
import { captions, colon, conclusion, metaLines } from "./common.js";
import { lines, safeReport } from "../text-safety.js";
import { rootChart } from "./root-chart.js";

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
th { background: #eef1f5; font-family: ${fontStack}; font-weight: bold; text-align: center; }
td.num { text-align: right; white-space: nowrap; }
td.long { text-align: left; vertical-align: top; }
tr.total td, tr.subtotal td { font-weight: bold; }
tr.group td { font-weight: bold; background: #f6f6f6; }
thead { display: table-header-group; break-inside: avoid; break-after: avoid; }
thead tr.unit th { border: none; background: none; font-family: ${serif}; font-weight: normal; text-align: right; padding: 0 0 2px; }
tr { break-inside: avoid; }
.chart { margin: 1em auto; width: fit-content; max-width: 100%; break-inside: avoid; }
.chart svg { max-width: 100%; height: auto; }
section.wide { page: wide; break-before: page; }
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
    `<title>${escapeHtml(report.meta.title)}</title>`,
    `<style>${css}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(report.meta.title)}</h1>`,
    '<ul class="meta">',
    ...metaLines(report).map(([k, v]) => `<li>${escapeHtml(k)}${colon(report)}${escapeHtml(v)}</li>`),
    `<li><strong>${escapeHtml(label(report.locale, "conclusion"))}${colon(report)}${escapeHtml(conclusion(report))}</strong></li>`,
    "</ul>",
  ];
  if (report.meta.errors > 0) out.push(`<p class="warning">${escapeHtml(label(report.locale, "diagnosticsNote", { n: report.meta.errors }))}</p>`);
  let chartsPlaced = false;
  for (const t of report.tables) {
    const wide = t.orientation === "landscape";
    out.push(`<section id="${escapeHtml(t.id)}"${wide ? ' class="wide"' : ""}>`, `<h2>${escapeHtml(caps.get(t)!)}</h2>`, tableHtml(t, report.locale));
    for (const n of t.notes) out.push(`<p class="note">${escapeHtml(n)}</p>`);
    const rc = rootChart(t, report.locale);
    if (rc) out.push(`<figure class="chart" id="chart-${escapeHtml(t.id)}">${chartSvg(rc)}</figure>`);
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

/** The unit line above a table of points, repeated with the header rows on every printed page. */
const unitText = { zh: "单位：分", en: "Unit: points" };

function tableHtml(t: Table, locale: "zh" | "en"): string {
  const widths = t.columns.reduce((a, c) => a + c.width, 0);
  const cols = t.columns.map((c) => `<col style="width:${((c.width / widths) * 100).toFixed(1)}%">`).join("");
  const points = t.columns.some((c) => c.kind === "decimal");
  const unit = points ? `<tr class="unit"><th colspan="${t.columns.length}">${escapeHtml(unitText[locale])}</th></tr>` : "";
  const head = `<thead>${unit}<tr>${t.columns.map((c) => `<th scope="col">${escapeHtml(c.header)}</th>`).join("")}</tr></thead>`;
  const body = t.rows
    .map((r) => {
      const cells = r.cells
        .map((c, j) => {
          if (c.covered) return "";
          const attrs = [
            c.rowSpan ? ` rowspan="${c.rowSpan}"` : "",
            c.colSpan ? ` colspan="${c.colSpan}"` : "",
            c.kind !== "text" ? ' class="num"' : t.columns[j]!.width >= 20 ? ' class="long"' : "",
          ].join("");
          return `<td${attrs}>${lines(escapeHtml(c.text)).join("<br>")}</td>`;
        })
        .join("");
      return `<tr class="${r.kind}">${cells}</tr>`;
    })
    .join("\n");
  return `<table><colgroup>${cols}</colgroup>${head}\n<tbody>\n${body}\n</tbody></table>`;
}
