import { label } from "../labels.js";
import type { Report, Table } from "../model.js";
import { captions, colon, conclusion, flatText, metaLines } from "./common.js";
import { lines } from "../text-safety.js";

/** GitHub-flavoured Markdown; one line per row, no padding, so a changed score is a one-line diff. */
export function toMarkdown(report: Report): string {
  const out: string[] = [`# ${escapeMd(report.meta.title)}`, ""];
  for (const [k, v] of metaLines(report)) out.push(`- ${escapeMd(k)}${colon(report)}${escapeMd(v)}`);
  out.push(`- ${label(report.locale, "conclusion")}${colon(report)}${escapeMd(conclusion(report))}`);
  if (report.meta.errors > 0) out.push("", `> ${escapeMd(label(report.locale, "diagnosticsNote", { n: report.meta.errors }))}`);
  out.push("");
  const caps = captions(report);
  for (const t of report.tables) out.push(`## ${escapeMd(caps.get(t)!)}`, "", ...tableLines(t), "");
  return out.join("\n").replace(/\n+$/, "\n");
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
