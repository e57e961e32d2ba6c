import type { Diagnostic } from "@perf/language";
import { decimalText, divide, roundHalfUp } from "../decimal.js";
import { numberValue } from "../expression.js";
import { factValue, type Framework, type SubjectScore } from "../framework.js";
import { findingCount } from "../checks/numbers.js";
import type { Linked } from "../model.js";
import { isAuditOnly } from "../audit.js";
import type { EvaluationResult, FindingResult } from "../schema.js";

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code)));
}

/** Phase 6: the result printers consume, as data only (no word depends on the locale). */
export function buildResult(model: Linked, framework: Framework, scored: SubjectScore, diagnostics: Diagnostic[]): EvaluationResult {
  const h = model.header?.decl;
  const findings: FindingResult[] = model.findings.map((f) => {
    const r: FindingResult = { id: f.name.text, on: f.on.map((o) => o.text), evidence: f.evidence.map((e) => e.value), count: findingCount(f), uri: f.uri, range: f.range };
    for (const k of ["title", "unit", "project", "class", "type", "issue", "description"] as const) {
      const v = f[k]?.value;
      if (v !== undefined) r[k] = v;
    }
    return r;
  });
  const sorted = sortDiagnostics(diagnostics);
  const first = [...model.parsed.keys()][0] ?? "untitled";
  return {
    schemaVersion: 1,
    title: h?.title?.value ?? first.replace(/^.*[\\/]/, "").replace(/\.perf$/, ""),
    period: h?.period ? ("value" in h.period ? h.period.value : h.period.text) : null,
    client: h?.client?.value ?? null,
    evaluator: h?.evaluator?.value ?? null,
    subject: h?.subject?.value ?? null,
    precision: framework.precision,
    total: {
      weight: decimalText(framework.total),
      score: isAuditOnly(model) ? null : decimalText(scored.total),
      rate: framework.total.isZero() || isAuditOnly(model) ? null : decimalText(roundHalfUp(divide(scored.total, framework.total), 4)),
      declared: h?.declared ? decimalText(numberValue(h.declared).value) : null,
    },
    grade: scored.grade,
    grades: framework.grades,
    indicators: scored.nodes.map((n) => n.result),
    findings,
    facts: model.facts.map((f) => {
      const q = factValue(f);
      const r = { id: f.name.text, value: q ? decimalText(q.value) : null, unit: q?.unit ?? null, usedBy: [...(model.used.get(f.name.text) ?? [])], uri: f.uri, range: f.range };
      return f.description ? { ...r, description: f.description.value } : r;
    }),
    surveys: model.surveys.map((s) => ({
      id: s.name.text,
      title: s.title?.value ?? s.name.text,
      satisfaction: s.satisfaction ? decimalText(numberValue(s.satisfaction).value) : null,
      respondents: s.respondents ? decimalText(numberValue(s.respondents).value) : null,
      usedBy: [...(model.used.get(s.name.text) ?? [])],
      uri: s.uri,
      range: s.range,
    })),
    vetoes: model.vetoes.map((v) => ({ id: v.name.text, title: v.title?.value ?? v.name.text, triggered: v.triggered?.value ?? false, grade: v.grade?.text ?? null, uri: v.uri, range: v.range })),
    diagnostics: sorted,
    summary: {
      errors: sorted.filter((d) => d.severity === "error").length,
      warnings: sorted.filter((d) => d.severity === "warning").length,
      leaves: scored.leaves,
      scoredLeaves: scored.scoredLeaves,
    },
  };
}
