import { label } from "../labels.js";
import type { Report, Table } from "../model.js";
import { captions, colon, conclusion, flatText, metaLines, tableFor } from "./common.js";
import { lines } from "../text-safety.js";

/** GitHub-flavoured Markdown; one line per row, no padding, so a changed score is a one-line diff. */
export function toMarkdown(report: Report): string {
  const out: string[] = [`# ${escapeMd(report.meta.title)}`, ""];
  for (const [k, v] of metaLines(report)) out.push(`- ${escapeMd(k)}${colon(report)}${escapeMd(v)}`);
  out.push(`- ${label(report.locale, "conclusion")}${colon(report)}${escapeMd(conclusion(report))}`);
  if (report.meta.errors > 0) out.push("", `> ${escapeMd(label(report.locale, "diagnosticsNote", { n: report.meta.errors }))}`);
  out.push("");
  const caps = captions(report);
  if (report.narrative?.source === "file") {
    out.push(...narrativeLines(report));
    for (const t of report.tables.filter((t) => t.appendix)) out.push(`## ${escapeMd(caps.get(t)!)}`, "", ...tableLines(t), "");
  } else for (const t of report.tables) out.push(`## ${escapeMd(caps.get(t)!)}`, "", ...tableLines(t), "");
  return out.join("\n").replace(/\n+$/, "\n");
}

/** The evaluation's own chapters, references resolved; tables captioned 表3-1… by chapter, 扣分明细 as prose. */
function narrativeLines(report: Report): string[] {
  const out: string[] = [];
  const counts = new Map<string, number>();
  const caption = (kind: string, chapter: number, title: string) => {
    const key = `${kind}${chapter}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return `**${kind}${chapter > 0 ? `${chapter}-` : ""}${n}　${escapeMd(title)}**`;
  };
  for (const b of report.narrative!.blocks) {
    if (b.kind === "heading") out.push(`${"#".repeat(b.level + 1)} ${escapeMd(b.text)}`, "");
    else if (b.kind === "paragraph") out.push((b.item === "bullet" ? "- " : "") + b.runs.map((r) => (r.bold ? `**${escapeMd(r.text)}**` : escapeMd(r.text))).join(""), "");
    else if (b.kind === "chart") {
      const c = report.charts.find((x) => x.id === b.chart);
      if (c) out.push(caption("图", b.chapter, c.title), "");
    } else {
      const t = tableFor(report, b);
      if (!t) continue;
      if (t.name === "deductions") {
        for (const r of t.rows) out.push(escapeMd(r.kind === "group" ? r.cells[0]!.text : `${r.cells[0]!.text}. ${r.cells[3]!.text}`), "");
        continue;
      }
      out.push(caption("表", b.chapter, t.title), "", ...tableLines(t), "");
    }
  }
  return out;
}

function tableLines(t: Table): string[] {
  const lines = [row(t.columns.map((c) => c.header)), row(t.columns.map((c) => (c.kind === "text" ? "---" : "---:")))];
  for (const r of t.rows) {
    const cells = r.cells.map((c) => escapeMd(flatText(c)));
    if (r.kind === "total" || r.kind === "subtotal" || r.kind === "group") lines.push(row(cells.map((c) => (c ? `**${c}**` : c))));
    else lines.push(row(cells));
  }
  for (const n of t.notes) lines.push("", escapeMd(n));
  return lines;
}

const row = (cells: string[]) => `| ${cells.join(" | ")} |`;

/** Escapes what GFM would read as markup or HTML; line breaks inside a cell become <br>. */
export function escapeMd(s: string): string {
  return lines(s)
    .map((line) =>
      line
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/([\\`*_[\]|#~])/g, "\\$1"),
    )
    .join("<br>");
}
