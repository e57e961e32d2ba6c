import { diagnosticTags, diagnosticText, type Diagnostic as PerfDiagnostic, type Locale, type Range as PerfRange } from "@perf/language";
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from "vscode-languageserver";

/** perf ranges carry offsets as well; LSP wants only line and character. */
export function toRange(r: PerfRange): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const tags = { unnecessary: DiagnosticTag.Unnecessary, deprecated: DiagnosticTag.Deprecated } as const;

/**
 * The same diagnostic `perf check` prints, as LSP: code, source "perf", message then hint in
 * the editor's language, the catalogue's tags, and the consequences folded into it as related information.
 */
export function toLspDiagnostic(d: PerfDiagnostic, locale: Locale = "zh"): Diagnostic {
  const { message, hint } = diagnosticText(d, locale);
  // an acknowledged audit finding (information) shows the file's reason instead of how to fix it
  const reason = d.data?.acknowledged;
  const out: Diagnostic = {
    range: toRange(d.range),
    severity: severities[d.severity],
    code: d.code,
    source: "perf",
    message: typeof reason === "string" ? `${message}\n${locale === "en" ? "acknowledged: " : "已知："}${reason}` : hint ? `${message}\n${hint}` : message,
  };
  const t = diagnosticTags(d.code);
  if (t.length) out.tags = t.map((x) => tags[x]);
  if (d.related?.length)
    out.relatedInformation = d.related.map((r) => ({ location: { uri: r.uri, range: toRange(r.range) }, message: `[${r.code}] ${diagnosticText(r, locale).message}` }));
  if (d.data) out.data = d.data;
  return out;
}
