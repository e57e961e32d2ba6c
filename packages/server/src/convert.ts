import type { Diagnostic as PerfDiagnostic, Range as PerfRange } from "@perf/language";
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from "vscode-languageserver";

/** perf ranges carry offsets as well; LSP wants only line and character. */
export function toRange(r: PerfRange): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** Codes whose subject is dead text: editors grey it out. */
const unnecessary = new Set(["PERF080", "PERF081"]);

/** The same diagnostic `perf check` prints, as LSP: code, source "perf", message then hint. */
export function toLspDiagnostic(d: PerfDiagnostic): Diagnostic {
  const out: Diagnostic = {
    range: toRange(d.range),
    severity: severities[d.severity],
    code: d.code,
    source: "perf",
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
  };
  if (unnecessary.has(d.code)) out.tags = [DiagnosticTag.Unnecessary];
  if (d.data) out.data = d.data;
  return out;
}
