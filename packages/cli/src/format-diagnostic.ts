import type { Diagnostic, LineIndex, Locale } from "@perf/language";
import stringWidth from "string-width";
import { t } from "./messages.js";

export interface Style {
  color: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

const severityColor = (d: Diagnostic) => (d.severity === "error" ? "1;31" : d.severity === "warning" ? "1;33" : "1;36");

function header(d: Diagnostic, displayPath: string, locale: Locale, style: Style): string {
  // a refusal about the whole file (its kind, size, a write) has no place in it to point at
  const whole = d.code !== "PERF110" && d.range.end.offset === 0;
  const at = whole ? "" : `:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  return `perf: ${paint(style.color, severityColor(d), `${t(locale, d.severity)}[${d.code}]`)}: ${displayPath}${at}`;
}

function withHint(lines: string[], d: Diagnostic, locale: Locale): string {
  if (d.hint) lines.push(`${t(locale, "fix")}：${d.hint}`.replace("fix：", "fix: "));
  return lines.join("\n");
}

/**
 * hledger-style: a header with severity, code and file:line:col, the source line with a
 * gutter and carets under the span, then the cause and the fix.
 */
export function formatDiagnostic(d: Diagnostic, lines: LineIndex, displayPath: string, locale: Locale, style: Style): string {
  const line = d.range.start.line;
  const col = d.range.start.character;
  const src = lines.lineText(line).replace(/\t/g, "  ");
  const gutterWidth = String(line + 1).length;
  const pad = " ".repeat(gutterWidth);
  const before = lines.lineText(line).slice(0, col).replace(/\t/g, "  ");
  const endCol = d.range.end.line === line ? d.range.end.character : lines.lineText(line).length;
  const spanText = lines.lineText(line).slice(col, Math.max(col + 1, endCol)).replace(/\t/g, "  ");
  const caretCount = Math.max(1, stringWidth(spanText));
  return withHint(
    [
      header(d, displayPath, locale, style),
      `${pad} |`,
      `${String(line + 1)} | ${truncate(src)}`,
      `${pad} | ${" ".repeat(stringWidth(before))}${paint(style.color, severityColor(d), "^".repeat(Math.min(caretCount, 120)))}`,
      d.message,
    ],
    d,
    locale,
  );
}

/** A diagnostic about a file's bytes or kind (PERF110–PERF116): no source line to quote. */
export function formatFileDiagnostic(d: Diagnostic, displayPath: string, locale: Locale, style: Style): string {
  return withHint([header(d, displayPath, locale, style), d.message], d, locale);
}

function truncate(s: string): string {
  return s.length > 200 ? s.slice(0, 200) + "…" : s;
}
