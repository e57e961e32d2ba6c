import { diagnosticText, type Diagnostic, type LineIndex, type Locale } from "@perf/language";
import stringWidth from "string-width";
import { t } from "./messages.js";

export interface Style {
  color: boolean;
}

const paint = (on: boolean, code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

const severityColor = (d: Diagnostic) => (d.severity === "error" ? "1;31" : d.severity === "warning" ? "1;33" : "1;36");

/** How a consequence folded into its cause is introduced. */
const consequence = { zh: "连带", en: "consequence" } as const;

function header(d: Diagnostic, displayPath: string, locale: Locale, style: Style, whole = false): string {
  const at = whole ? "" : `:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  return `perf: ${paint(style.color, severityColor(d), `${t(locale, d.severity)}[${d.code}]`)}: ${displayPath}${at}`;
}

/** The message, the fix, then the consequences folded into the cause (one cause, one error), each with its location. */
function withText(lines: string[], d: Diagnostic, locale: Locale, pathOf: (uri: string) => string): string {
  const { message, hint } = diagnosticText(d, locale);
  lines.push(message);
  if (hint) lines.push(`${t(locale, "fix")}：${hint}`.replace("fix：", "fix: "));
  for (const r of d.related ?? [])
    lines.push(`  = ${consequence[locale]}${locale === "en" ? ": " : "："}${pathOf(r.uri)}:${r.range.start.line + 1}:${r.range.start.character + 1} [${r.code}] ${diagnosticText(r, locale).message}`);
  return lines.join("\n");
}

/**
 * hledger-style: a header with severity, code and file:line:col, the source line with a
 * gutter and carets under the span, then the cause and the fix, then the consequences
 * folded into it, each with its location.
 */
export function formatDiagnostic(d: Diagnostic, lines: LineIndex, displayPath: string, locale: Locale, style: Style, pathOf: (uri: string) => string = () => displayPath): string {
  const line = d.range.start.line;
  const col = d.range.start.character;
  const src = lines.lineText(line).replace(/\t/g, "  ");
  const gutterWidth = String(line + 1).length;
  const pad = " ".repeat(gutterWidth);
  const before = lines.lineText(line).slice(0, col).replace(/\t/g, "  ");
  const endCol = d.range.end.line === line ? d.range.end.character : lines.lineText(line).length;
  const spanText = lines.lineText(line).slice(col, Math.max(col + 1, endCol)).replace(/\t/g, "  ");
  const caretCount = Math.max(1, stringWidth(spanText));
  return withText(
    [
      header(d, displayPath, locale, style),
      `${pad} |`,
      `${String(line + 1)} | ${truncate(src)}`,
      `${pad} | ${" ".repeat(stringWidth(before))}${paint(style.color, severityColor(d), "^".repeat(Math.min(caretCount, 120)))}`,
    ],
    d,
    locale,
    pathOf,
  );
}

/** A diagnostic about a file's bytes or kind (PERF110–PERF116): no source line to quote. */
export function formatFileDiagnostic(d: Diagnostic, displayPath: string, locale: Locale, style: Style): string {
  // a refusal about the whole file (its kind, size, a write) has no place in it to point at;
  // undecodable bytes (PERF110) do: the first bad byte
  return withText([header(d, displayPath, locale, style, d.code !== "PERF110")], d, locale, () => displayPath);
}

function truncate(s: string): string {
  return s.length > 200 ? s.slice(0, 200) + "…" : s;
}
