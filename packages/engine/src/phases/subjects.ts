import type * as A from "@perf/language";
import { placeKey } from "@perf/language";
import { forEachRef, type Lookup, type Quantity } from "../expression.js";
import { evaluateFacts } from "../numbers.js";
import { UnitTable } from "../units.js";
import { evaluateTargets } from "../targets.js";
import { lookupOf, scoreSubject, subjectLookup, type Framework, type Subject, type SubjectScore } from "../framework.js";
import { forEachIndicator, type At, type Linked, type SubjectModel } from "../model.js";
import type { DiagnosticSink } from "../sink.js";

/** A subject block scored against the framework. */
export interface ScoredSubject {
  model: SubjectModel;
  subject: Subject;
  score: SubjectScore;
}

/** An indicator as one subject sees it: the framework's, with the subject's `assess` inputs. */
type AssessedIndicator = A.IndicatorDecl & { declaredUri?: string };

const nameOf = (d: A.IndicatorDecl) => d.title?.value ?? d.name.text;
const subjectName = (s: SubjectModel) => s.decl.title?.value ?? s.decl.name.text;

/**
 * The framework's tree for one subject: each assessed indicator copied with the subject's
 * `declared`, `note` and `evidence`, and — on a judgement leaf (or a leaf without a rule) — its
 * deductions or fixed score. Deductions or a score on a computed rule or a branch are PERF167;
 * a second `assess` of the same indicator is PERF168.
 */
function assessedRoots(framework: Framework, s: SubjectModel, sink: DiagnosticSink): At<A.IndicatorDecl>[] {
  const byId = new Map<string, At<A.AssessDecl>>();
  for (const a of s.assessments) {
    if (byId.has(a.indicator.text)) sink.report("PERF168", a.uri, a.indicator.range, { subject: subjectName(s), indicator: a.indicator.text });
    else byId.set(a.indicator.text, a);
  }
  const copy = (d: A.IndicatorDecl): A.IndicatorDecl => {
    const children = d.children.map(copy);
    const a = byId.get(d.name.text);
    const out: AssessedIndicator = { ...d, children };
    const open = d.methods[0]?.kind === "judgement" && (d.methods[0] as { open?: boolean }).open;
    if (!a) {
      if (open && !d.children.length) sink.within(d.name.text, () => sink.report("PERF169", s.uri, s.decl.name.range, { subject: subjectName(s), indicator: nameOf(d), id: d.name.text }));
      return out;
    }
    if (a.declared) {
      out.declared = a.declared;
      out.declaredUri = a.uri;
    }
    if (a.note) out.note = a.note;
    if (a.evidence.length) out.evidence = [...d.evidence, ...a.evidence];
    const gives = a.deductions.length > 0 || a.score !== undefined;
    const computed = d.children.length > 0 || (d.methods.length > 0 && !open && d.methods[0]!.kind !== "fixed");
    if (gives && computed) {
      sink.within(d.name.text, () =>
        sink.report("PERF167", a.uri, a.indicator.range, { subject: subjectName(s), indicator: nameOf(d), ...(d.children.length ? { branch: 1 } : {}) }),
      );
      return out;
    }
    if (d.children.length) return out;
    if (a.score !== undefined) out.methods = [{ kind: "fixed", value: a.score, range: a.score.range, uri: a.uri } as A.ScoringMethod];
    else if (open || !d.methods.length || a.deductions.length) {
      const range = a.deductions.length ? { start: a.deductions[0]!.range.start, end: a.deductions.at(-1)!.range.end } : a.indicator.range;
      out.methods = [{ kind: "judgement", deductions: a.deductions, range, uri: a.uri } as A.ScoringMethod];
    }
    return out;
  };
  return framework.roots.map((r) => ({ ...copy(r), uri: r.uri }));
}

/**
 * PERF166: a rule's fact or survey that neither the subject nor the whole evaluation supplies;
 * PERF217: a target of `targets […]` that neither has (once per name and subject).
 */
function checkInputs(framework: Framework, model: Linked, s: SubjectModel, subject: Subject, sink: DiagnosticSink): void {
  const seen = new Set<string>();
  const need = (name: A.Name, d: A.IndicatorDecl, kind: "input" | "survey" | "target") => {
    if (seen.has(name.text)) return;
    const has = kind === "target" ? subject.targets?.has(name.text) : subject.surveys.has(name.text) || (kind === "input" && subject.facts.has(name.text));
    if (has) return;
    seen.add(name.text);
    sink.within(d.name.text, () => sink.report(kind === "target" ? "PERF217" : "PERF166", s.uri, s.decl.name.range, { subject: subjectName(s), name: name.text, indicator: nameOf(d) }));
  };
  forEachIndicator(framework.roots, (d) => {
    if (d.children.length) return;
    const m = d.methods[0];
    if (!m) return;
    if (m.kind === "ratio") forEachRef(m.expression, (r) => need(r.name, d, "input"));
    if (m.kind === "bands") {
      forEachRef(m.value, (r) => need(r.name, d, "input"));
      for (const b of m.bands) forEachRef(b.threshold, (r) => need(r.name, d, "input"));
    }
    if (m.kind === "satisfaction") for (const x of m.surveys) need(x, d, "survey");
    if (m.kind === "targets") for (const x of m.targets) need(x, d, "target");
  });
  void model;
}

/**
 * A subject's lookup: its own facts and surveys first, then the evaluation's. Its computed facts
 * (`fact 合计 = 实际支出 + 结余`) and date facts are evaluated here, in dependency order and with
 * the evaluation's units, as the numbers phase does at the top level: a cycle is PERF202, a date
 * that does not exist PERF242, a unit mismatch PERF060 — never a fact that silently has no value.
 */
function subjectFactsLookup(model: Linked, s: SubjectModel, facts: Map<string, At<A.FactDecl>>, surveys: Map<string, At<A.SurveyDecl>>, sink: DiagnosticSink): Lookup {
  const own = new Map(s.facts.map((f) => [f.name.text, f]));
  const base = subjectLookup(own, new Map(s.surveys.map((x) => [x.name.text, x])), model.numbers?.lookup ?? lookupOf(facts, surveys));
  const computed = new Map<string, Quantity | null>();
  const lookup = ((name: string) => (computed.has(name) ? computed.get(name) ?? undefined : base(name))) as Lookup;
  if (base.other) lookup.other = base.other;
  if (base.convert) lookup.convert = base.convert;
  evaluateFacts(own, computed, lookup, model.numbers?.units ?? new UnitTable(model.units ?? []), sink);
  return lookup;
}

/** Phases 4 and 5 for every subject block: its inputs joined with the evaluation's, then scored. */
export function scoreSubjects(model: Linked, framework: Framework, sink: DiagnosticSink): ScoredSubject[] {
  return model.subjects.map((s) => {
    const facts = new Map<string, At<A.FactDecl>>();
    const surveys = new Map<string, At<A.SurveyDecl>>();
    for (const f of model.facts) if (!facts.has(f.name.text)) facts.set(f.name.text, f);
    for (const x of model.surveys) if (!surveys.has(x.name.text)) surveys.set(x.name.text, x);
    for (const f of s.facts) if (!facts.has(f.name.text)) facts.set(f.name.text, f);
    for (const x of s.surveys) if (!surveys.has(x.name.text)) surveys.set(x.name.text, x);
    const subject: Subject = {
      id: s.decl.name.text,
      facts,
      surveys,
      attachments: model.subjectAttachments.get(s.decl.name.text) ?? new Map(),
      vetoes: [...model.vetoes, ...s.vetoes],
      lookup: subjectFactsLookup(model, s, facts, surveys, sink),
      declared: undefined,
      targets: undefined,
    };
    if (s.decl.declared) subject.declared = { value: s.decl.declared, uri: s.uri, name: subjectName(s) };
    // the targets as this subject states them, judged with its own facts (decision 0182)
    if (model.targets.length || s.targets?.length) subject.targets = evaluateTargets(model, subject.lookup, sink, s);
    checkInputs(framework, model, s, subject, sink);
    const from = sink.list.length;
    // resolveFramework's literal, not a spread: the hidden class the scorers are compiled against (decision 0219)
    const assessed: Framework = { header: framework.header, roots: assessedRoots(framework, s, sink), precision: framework.precision, total: framework.total, grades: framework.grades, overrides: framework.overrides };
    const score = scoreSubject(assessed, subject, sink);
    foldIntoUnknownAssess(s, sink, from);
    return { model: s, subject, score };
  });
}

/**
 * One cause, one error: an `assess` of an unknown indicator (PERF020) leaves the subject's inputs
 * short, so the judgement leaf it was meant for stays unassessed (PERF169) and the declared
 * scores above it no longer match (PERF040). Those become related information of the PERF020.
 */
function foldIntoUnknownAssess(s: SubjectModel, sink: DiagnosticSink, from: number): void {
  const names = new Set(s.assessments.map((a) => placeKey(a.indicator.range.start)));
  const cause = sink.list.find((d) => d.code === "PERF020" && d.uri === s.uri && names.has(placeKey(d.range.start)) && sink.reported(d));
  if (!cause) return;
  for (const d of sink.list.slice(from)) if ((d.code === "PERF169" || d.code === "PERF040") && sink.reported(d)) sink.fold(d, cause);
}
