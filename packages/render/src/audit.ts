import { acknowledgedReason, type AssertionStatementResult, type EvaluationResult } from "@perf/engine";
import { diagnosticText, isAuditCode } from "@perf/language";
import { GridBuilder, mergeRuns, num, text } from "./grid.js";
import { label, levelName, type LabelKey, type RenderLocale } from "./labels.js";
import type { Table } from "./model.js";

/** Whether the result has anything for the audit notes: assertions, or audit diagnostics of any kind. */
export function hasAuditNotes(result: EvaluationResult): boolean {
  return (result.assertions?.length ?? 0) > 0 || result.diagnostics.some((d) => isAuditCode(d.code));
}

/**
 * 核对事项 (audit notes): every statement of every assertion with the stated and the true value,
 * then every other audit finding (printed totals, targets…), each with its location and, when the
 * file acknowledges it, the reason. Relies only on `isAuditCode`, so codes of any branch are listed.
 */
export function auditTable(result: EvaluationResult, locale: RenderLocale): Table {
  const L = (k: LabelKey) => label(locale, k);
  const g = new GridBuilder([
    { key: "no", header: L("no"), kind: "integer", width: 4 },
    { key: "item", header: L("auditItem"), kind: "text", width: 24 },
    { key: "location", header: L("auditLocation"), kind: "text", width: 14 },
    { key: "stated", header: L("auditStated"), kind: "text", width: 18 },
    { key: "actual", header: L("auditActual"), kind: "text", width: 12 },
    { key: "verdict", header: L("auditVerdict"), kind: "text", width: 10 },
    { key: "note", header: L("auditNote"), kind: "text", width: 30 },
  ]);
  const where = (uri: string, line: number) => `${uri.replace(/^.*[\\/]/, "")}:${line + 1}`;
  let no = 0;
  for (const a of result.assertions ?? []) {
    const first = g.rows.length;
    for (const s of a.statements) {
      const verdict = s.holds === null ? L("auditUnchecked") : s.holds ? L("auditHolds") : a.acknowledged ? L("auditAcknowledged") : L("auditFalse");
      g.add("data", [
        num(String(++no), "integer"),
        text(a.claim ?? a.id),
        text(where(a.uri, s.range.start.line)),
        text(stated(s, locale)),
        text(s.actual ?? "—"),
        text(verdict),
        text(s.holds === false && a.acknowledged ? a.acknowledged : ""),
      ]);
    }
    if (g.rows.length - first > 1) mergeRuns(g, 1, first, g.rows.length - 1, () => a.id);
  }
  // audit findings that are not about a statement above (tables, targets, …)
  for (const d of result.diagnostics) {
    if (!isAuditCode(d.code) || d.code === "PERF220") continue;
    const reason = acknowledgedReason(d);
    g.add("data", [
      num(String(++no), "integer"),
      text(`${d.code} ${diagnosticText(d, locale).message}`),
      text(where(d.uri, d.range.start.line)),
      text(""),
      text(""),
      text(reason ? L("auditAcknowledged") : d.severity === "error" ? L("auditFalse") : L("auditWarning")),
      text(reason ?? ""),
    ]);
  }
  return g.table({ id: "audit", name: "audit", title: L("audit"), orientation: "landscape" });
}

function stated(s: AssertionStatementResult, locale: RenderLocale): string {
  const L = (k: LabelKey, args?: Record<string, string | number>) => label(locale, k, args);
  switch (s.kind) {
    case "level":
      return `${s.level !== undefined ? levelName(locale, s.level) : "?"} ${s.expected}`;
    case "leaves":
      return `${L("auditLeaves")} ${s.expected}`;
    case "total":
      return `${L("totalScore")} ${s.expected}`;
    case "grade":
      return `${L("grade")} ${s.expected}`;
    case "equals":
      return `${s.expression ?? ""} ${s.op ?? "="} ${s.expected}${s.tolerance ? L("auditWithin", { tolerance: s.tolerance }) : ""}`;
  }
}
