import { diagnosticText, type Diagnostic, type LineIndex, type Locale } from "@perf/language";
import stringWidth from "string-width";
import { t } from "./messages.js";

export interface Style {
  color: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** How a consequence folded into its cause is introduced. */
const consequence = { zh: "连带", en: "consequence" } as const;

/**
 * hledger-style: a header with severity, code and file:line:col, the source line with a
 * gutter and carets under the span, then the cause and the fix, then the consequences
 * folded into it (one cause, one error), each with its location.
 */
export function formatDiagnostic(d: Diagnostic, lines: LineIndex, displayPath: string, locale: Locale, style: Style, pathOf: (uri: string) => string = () => displayPath): string {
  const { message, hint } = diagnosticText(d, locale);
  const sev = t(locale, d.severity);
  const sevColor = d.severity === "error" ? "1;31" : d.severity === "warning" ? "1;33" : "1;36";
  const line = d.range.start.line;
  const col = d.range.start.character;
  const header = `perf: ${paint(style.color, sevColor, `${sev}[${d.code}]`)}: ${displayPath}:${line + 1}:${col + 1}`;
  const src = lines.lineText(line).replace(/\t/g, "  ");
  const gutterWidth = String(line + 1).length;
  const pad = " ".repeat(gutterWidth);
  const before = lines.lineText(line).slice(0, col).replace(/\t/g, "  ");
  const endCol = d.range.end.line === line ? d.range.end.character : lines.lineText(line).length;
  const spanText = lines.lineText(line).slice(col, Math.max(col + 1, endCol)).replace(/\t/g, "  ");
  const caretCount = Math.max(1, stringWidth(spanText));
  const out = [
    header,
    `${pad} |`,
    `${String(line + 1)} | ${truncate(src)}`,
    `${pad} | ${" ".repeat(stringWidth(before))}${paint(style.color, sevColor, "^".repeat(Math.min(caretCount, 120)))}`,
    message,
  ];
  if (hint) out.push(`${t(locale, "fix")}：${hint}`.replace("fix：", "fix: "));
  for (const r of d.related ?? [])
    out.push(`  = ${consequence[locale]}${locale === "en" ? ": " : "："}${pathOf(r.uri)}:${r.range.start.line + 1}:${r.range.start.character + 1} [${r.code}] ${diagnosticText(r, locale).message}`);
  return out.join("\n");
}

function truncate(s: string): string {
  return s.length > 200 ? s.slice(0, 200) + "…" : s;
}
