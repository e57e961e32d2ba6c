import type { Diagnostic } from "@perf/language";
import { bySource } from "@perf/language";
import { decimalText, rateText, type Decimal } from "../decimal.js";
import { dateValueText, numberText, numberValue } from "../expression.js";
import { isoOfDay } from "../dates.js";
import { factValue, type Framework, type SubjectScore } from "../framework.js";
import { findingCount } from "../checks/numbers.js";
import type { At, Linked } from "../model.js";
import type * as A from "@perf/language";
import { computedText } from "../numbers.js";
import { isAuditOnly } from "../audit.js";
import { comparisonRows } from "../subject-view.js";
import type { EvaluationResult, FactResult, FindingResult, IndicatorResult, SubjectResult, SurveyResult, TableResult, VetoResult } from "../schema.js";
import type { ScoredSubject } from "./subjects.js";

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => bySource(a, b) || a.code.localeCompare(b.code));
}

/** Who uses a fact or survey, each once, in the order of their first use. */
function usersOf(model: Linked, id: string): string[] {
  const users = model.used.get(id);
  if (users === undefined) return [];
  return users.length === 1 ? [users[0]!] : [...new Set(users)];
}

/** A fact's result; module-level, called in a loop, not a closure made per analysis (decision 0219). */
function factResult(model: Linked, f: At<A.FactDecl>): FactResult {
  const q = f.expression ? model.numbers?.computed.get(f.name.text) : factValue(f);
  const r: FactResult = { id: f.name.text, value: q ? decimalText(q.value) : null, unit: q?.unit ?? null, usedBy: usersOf(model, f.name.text), uri: f.uri, range: f.range };
  // a date: its ISO day and the text as the report writes it (decision 0180)
  if (q?.date) Object.assign(r, { value: isoOfDay(q.value.toNumber()), unit: null, date: true, text: dateValueText(q) });
  if (f.description) r.description = f.description.value;
  const expression = computedText(f);
  if (expression) Object.assign(r, { expression, computed: true });
  return r;
}

/** A finding's result, with the subject it belongs to (decision 0219, as factResult). */
function findingResult(model: Linked, ownerOf: Map<At<A.FindingDecl>, string>, f: At<A.FindingDecl>): FindingResult {
  const r: FindingResult = { id: f.name.text, on: f.on.map((o) => o.text), evidence: f.evidence.map((e) => e.value), count: findingCount(f), uri: f.uri, range: f.range };
  for (const k of findingTexts) {
    const v = f[k]?.value;
    if (v !== undefined) r[k] = v;
  }
  const subject = ownerOf.get(f) ?? (f.subject && model.symbols.get(f.subject.text)?.kind === "subject" ? f.subject.text : undefined);
  if (subject !== undefined) r.subject = subject;
  return r;
}

const surveyResult = (model: Linked) => (s: At<A.SurveyDecl>): SurveyResult => ({
  id: s.name.text,
  title: s.title?.value ?? s.name.text,
  satisfaction: s.satisfaction ? numberText(s.satisfaction) : null,
  respondents: s.respondents ? numberText(s.respondents) : null,
  usedBy: usersOf(model, s.name.text),
  uri: s.uri,
  range: s.range,
});

const vetoResult = (v: At<A.VetoDecl>): VetoResult => ({ id: v.name.text, title: v.title?.value ?? v.name.text, triggered: v.triggered?.value ?? false, grade: v.grade?.text ?? null, uri: v.uri, range: v.range });

/** A finding's texts the result copies when written, in this order. */
const findingTexts = ["title", "unit", "project", "class", "type", "issue", "description"] as const;

/** What the top level of the result shows when it is not one subject's score. */
export interface TopLevel {
  /** The framework's tree, unscored, for an evaluation with subjects or a framework alone. */
  unscored?: IndicatorResult[];
  subjects?: ScoredSubject[];
}

/** Phase 6: the result printers consume, as data only (no word depends on the locale). */
export function buildResult(model: Linked, framework: Framework, scored: SubjectScore, diagnostics: Diagnostic[], top: TopLevel = {}): EvaluationResult {
  const h = model.header?.decl;
  const ownerOf = new Map<At<A.FindingDecl>, string>();
  for (const s of model.subjects) for (const f of s.findings) ownerOf.set(f, s.decl.name.text);
  const findings: FindingResult[] = [];
  for (const f of model.findings) findings.push(findingResult(model, ownerOf, f));
  const facts: FactResult[] = [];
  for (const f of model.facts) facts.push(factResult(model, f));
  const sorted = sortDiagnostics(diagnostics);
  const first = [...model.parsed.keys()][0] ?? "untitled";
  const scoredTop = !top.unscored && framework.roots.length > 0;
  const rate = (score: Decimal) => (framework.total.isZero() ? null : rateText(score, framework.total));
  const result: EvaluationResult = {
    schemaVersion: 1,
    title: h?.title?.value ?? (!h ? model.framework?.decl.title?.value : undefined) ?? first.replace(/^.*[\\/]/, "").replace(/\.perf$/, ""),
    period: h?.period ? ("value" in h.period ? h.period.value : h.period.text) : null,
    client: h?.client?.value ?? null,
    evaluator: h?.evaluator?.value ?? null,
    subject: h?.subject?.value ?? null,
    precision: framework.precision,
    total: {
      weight: decimalText(framework.total),
      // nothing is scored: a published total only, an audit-only file, or the top level of an evaluation with subjects
      score: !isAuditOnly(model) && (scoredTop || (!top.unscored && !publishedOnly(model))) ? decimalText(scored.total) : null,
      rate: !isAuditOnly(model) && (scoredTop || (!top.unscored && !publishedOnly(model))) ? rate(scored.total) : null,
      declared: h?.declared ? numberText(h.declared) : null,
    },
    grade: top.unscored ? { name: null, vetoedBy: null } : publishedOnly(model) ? { name: publishedGrade(h, framework) ?? scored.grade.name, vetoedBy: scored.grade.vetoedBy } : scored.grade,
    grades: framework.grades,
    indicators: top.unscored ?? scored.nodes.map((n) => n.result),
    findings,
    facts,
    ...tableResults(model),
    surveys: model.surveys.map(surveyResult(model)),
    vetoes: model.vetoes.map(vetoResult),
    diagnostics: sorted,
    summary: {
      errors: sorted.filter((d) => d.severity === "error").length,
      warnings: sorted.filter((d) => d.severity === "warning").length,
      leaves: scored.leaves,
      scoredLeaves: top.unscored ? 0 : scored.scoredLeaves,
    },
  };
  if (model.framework && h?.use) result.framework = { uri: model.framework.uri, id: model.framework.decl.name?.text ?? "", title: model.framework.decl.title?.value ?? null };
  if (framework.overrides.length) result.overrides = framework.overrides;
  if (top.subjects?.length && top.unscored) {
    result.subjects = top.subjects.map((s) => subjectResult(model, framework, s, rate));
    result.comparison = comparisonRows(top.unscored, result.subjects);
  }
  return result;
}

/** The published grade when it is one of the bands (otherwise PERF163 says so and there is none). */
function publishedGrade(h: A.EvaluationHeader | undefined, framework: Framework): string | null {
  const name = h?.grade?.text;
  return name !== undefined && framework.grades.some((g) => g.name === name) ? name : null;
}

function publishedOnly(model: Linked): boolean {
  return !model.roots.length && !model.subjects.length && !!model.header?.decl.declared;
}

function subjectResult(model: Linked, framework: Framework, s: ScoredSubject, rate: (d: Decimal) => string | null): SubjectResult {
  const d = s.model.decl;
  const scored = framework.roots.length > 0;
  const counted = new Set<string>();
  for (const list of s.subject.attachments.values()) for (const a of list) counted.add(a.finding.name.text);
  for (const f of s.model.findings) counted.add(f.name.text);
  for (const f of model.findings) if (f.subject?.text === d.name.text) counted.add(f.name.text);
  const targets = s.subject.targets ? { targets: [...s.subject.targets.values()].map((t) => t.result) } : {};
  return {
    ...targets,
    id: d.name.text,
    name: d.title?.value ?? d.name.text,
    total: {
      weight: decimalText(framework.total),
      score: scored ? decimalText(s.score.total) : null,
      rate: scored ? rate(s.score.total) : null,
      declared: d.declared ? numberText(d.declared) : null,
    },
    grade: s.score.grade,
    indicators: s.score.nodes.map((n) => n.result),
    findings: model.findings.filter((f) => counted.has(f.name.text)).map((f) => f.name.text),
    facts: s.model.facts.map((f) => factResult(model, f)),
    surveys: s.model.surveys.map(surveyResult(model)),
    vetoes: s.model.vetoes.map(vetoResult),
    summary: { leaves: s.score.leaves, scoredLeaves: s.score.scoredLeaves },
  };
}

/** The tables of the result, only when there are some (results without tables stay as they were). */
function tableResults(model: Linked): { tables?: TableResult[] } {
  const numbers = model.numbers;
  if (!numbers?.tables.size) return {};
  const tables: TableResult[] = [];
  for (const t of numbers.tables.values()) {
    tables.push({
      id: t.decl.name.text,
      title: t.decl.title?.value ?? t.decl.name.text,
      columns: t.columns.map((c) => ({ id: c.id, title: c.title, type: c.type, unit: c.unit })),
      rows: t.rows.map((r) => ({ id: r.id, cells: r.cells.map((c) => c.text), values: r.cells.map((c) => (c.value ? decimalText(c.value.value) : null)), range: r.decl.range })),
      printed: numbers.printed.get(t.decl.name.text) ?? [],
      uri: t.decl.uri,
      range: t.decl.range,
    });
  }
  return { tables };
}
