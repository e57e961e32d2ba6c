import type * as A from "@perf/language";
import { bySource } from "@perf/language";
import { checkDeclared } from "./checks/declared.js";
import { precisionOf } from "./checks/numbers.js";
import { weightOf } from "./checks/weights.js";
import { Decimal, decimalText } from "./decimal.js";
import { dateValue, isProblem, numberValue, type Lookup, type Quantity } from "./expression.js";
import { publishedTotalOnly, type At, type Attachment, type Header, type Linked } from "./model.js";
import { grade, gradeBands, gradeScale } from "./phases/grade.js";
import { scoreLeaf, scoreTree, type ScoredTree } from "./phases/score.js";
import type { EvaluationResult, GradeBand, OverrideResult } from "./schema.js";
import { DiagnosticSink } from "./sink.js";
import type { TargetEvaluation } from "./targets.js";

/**
 * What is resolved once and shared by every subject scored with it: the indicator tree with
 * its weights and rules (after the evaluation's overrides), the total, the precision and the grade bands.
 */
export interface Framework {
  /** Where total, precision and grades are written: the framework file's header, or the evaluation's. */
  header: Header | undefined;
  roots: At<A.IndicatorDecl>[];
  precision: number;
  total: Decimal;
  grades: GradeBand[];
  /** The evaluation's overrides of the framework's weights and rules, as applied. */
  overrides: OverrideResult[];
}

/** A declared total and where it is written (the evaluation's header, or a subject block). */
export interface DeclaredTotal {
  value: A.NumberValue;
  uri: string;
  /** The name PERF040 shows ("" for the evaluation's total). */
  name: string;
}

/**
 * One unit scored against a framework: its facts, surveys, findings (attached by indicator id)
 * and vetoes. A single-file evaluation is a framework plus one implicit subject.
 */
export interface Subject {
  id: string | null;
  facts: Map<string, At<A.FactDecl>>;
  surveys: Map<string, At<A.SurveyDecl>>;
  attachments: Map<string, Attachment[]>;
  vetoes: At<A.VetoDecl>[];
  lookup: Lookup;
  /**
   * The total the subject declares, checked against the computed one (PERF040). Written in every
   * literal that makes a Subject (undefined when there is none), as `targets`: a field added
   * later makes a hidden class that dies with the subject, and the scorers compiled against it
   * were thrown away at each full collection (decision 0219).
   */
  declared: DeclaredTotal | undefined;
  /** Performance targets as judged, for `targets [A, B]`. */
  targets: Map<string, TargetEvaluation> | undefined;
}

/** A subject's scores: the tree, the total and the grade. */
export interface SubjectScore extends ScoredTree {
  grade: EvaluationResult["grade"];
}

/** The framework header written as the header the grade and precision checks read. */
function scaleHeader(model: Linked): Header | undefined {
  const f = model.framework;
  if (!f) return model.header;
  const decl: A.EvaluationHeader = { kind: "evaluation", range: f.decl.range, keywordRange: f.decl.keywordRange };
  if (f.decl.title) decl.title = f.decl.title;
  if (f.decl.total) decl.total = f.decl.total;
  if (f.decl.precision) decl.precision = f.decl.precision;
  if (f.decl.grades) decl.grades = f.decl.grades;
  return { decl, uri: f.uri };
}

export function resolveFramework(model: Linked, sink: DiagnosticSink): Framework {
  const header = scaleHeader(model);
  const total = header?.decl.total ? numberValue(header.decl.total).value : new Decimal(100);
  const { roots, overrides } = applyOverrides(model, sink);
  // one literal with every field, header too when there is none (decision 0219)
  return { header, roots, precision: precisionOf(header, sink), total, grades: gradeBands(gradeScale(header, total)), overrides };
}

const ruleText = (m: A.ScoringMethod | undefined): string => m?.kind ?? "none";

/**
 * The framework's tree with the evaluation's `override`s applied (a copy of each changed
 * indicator and its ancestors); each override is listed as PERF165 so `perf check` shows it.
 */
function applyOverrides(model: Linked, sink: DiagnosticSink): { roots: At<A.IndicatorDecl>[]; overrides: OverrideResult[] } {
  const overrides: OverrideResult[] = [];
  if (!model.overrides.length) return { roots: model.roots, overrides };
  const byId = new Map<string, At<A.OverrideDecl>[]>();
  for (const o of model.overrides) {
    const list = byId.get(o.indicator.text) ?? [];
    list.push(o);
    byId.set(o.indicator.text, list);
  }
  const change = (d: A.IndicatorDecl): A.IndicatorDecl => {
    const children = d.children.map(change);
    let out: A.IndicatorDecl = children.some((c, i) => c !== d.children[i]) ? { ...d, children } : d;
    for (const o of byId.get(d.name.text) ?? []) {
      const reason = o.reason?.value ?? "";
      if (o.weight) {
        const from = decimalText(weightOf(out));
        out = { ...out, weight: o.weight };
        const to = decimalText(weightOf(out));
        overrides.push({ indicator: d.name.text, what: "weight", from, to, reason, uri: o.uri, range: o.range });
        sink.report("PERF165", o.uri, o.range, { indicator: d.title?.value ?? d.name.text, what: "weight", from, to, reason });
      }
      if (o.rule) {
        const from = ruleText(out.methods[0]);
        out = { ...out, methods: [o.rule] };
        const to = ruleText(o.rule);
        overrides.push({ indicator: d.name.text, what: "rule", from, to, reason, uri: o.uri, range: o.range });
        sink.report("PERF165", o.uri, o.range, { indicator: d.title?.value ?? d.name.text, what: "rule", from, to, reason });
      }
    }
    return out;
  };
  const roots = model.roots.map((r) => {
    const c = change(r);
    return c === r ? r : { ...c, uri: r.uri };
  });
  // listed in the order they are written
  overrides.sort(bySource);
  return { roots, overrides };
}

export function factValue(f: A.FactDecl): Quantity | undefined {
  // a date fact (`fact 完工 = 2020年11月20日`) is a value too; one that does not exist is reported where it is evaluated
  if (f.expression?.kind === "date") {
    const d = dateValue(f.expression);
    return isProblem(d) ? undefined : d;
  }
  if (!f.value) return undefined;
  const q = numberValue(f.value);
  return f.negative ? { value: q.value.negated(), unit: q.unit } : q;
}

/** A lookup of facts (their value) and surveys (their satisfaction). */
/**
 * A subject's lookup: its own facts and surveys first, then the evaluation's (computed facts,
 * tables and units included, through the numbers phase's lookup when there is one).
 */
export function subjectLookup(own: Map<string, At<A.FactDecl>>, ownSurveys: Map<string, At<A.SurveyDecl>>, evaluation: Lookup): Lookup {
  const mine = lookupOf(own, ownSurveys);
  const lookup = ((name: string) => (own.has(name) || ownSurveys.has(name) ? mine(name) : evaluation(name))) as Lookup;
  if (evaluation.other) lookup.other = evaluation.other;
  if (evaluation.convert) lookup.convert = evaluation.convert;
  return lookup;
}

export function lookupOf(facts: Map<string, At<A.FactDecl>>, surveys: Map<string, At<A.SurveyDecl>>): Lookup {
  return (name) => {
    const f = facts.get(name);
    if (f) return factValue(f);
    const sat = surveys.get(name)?.satisfaction;
    return sat ? numberValue(sat) : undefined;
  };
}

/** The one subject a single-file evaluation has: every fact, survey, finding and veto of the model. */
export function implicitSubject(model: Linked): Subject {
  // the defining declarations, as collect already copied them with their document (no second copy)
  const facts = new Map<string, At<A.FactDecl>>();
  const surveys = new Map<string, At<A.SurveyDecl>>();
  for (const f of model.facts) if (defines(model, "fact", f)) facts.set(f.name.text, f);
  for (const s of model.surveys) if (defines(model, "survey", s)) surveys.set(s.name.text, s);
  // declared and targets in the literal, as every Subject is made (decision 0219)
  const subject: Subject = { id: null, facts, surveys, attachments: model.attachments, vetoes: model.vetoes, lookup: model.numbers?.lookup ?? lookupOf(facts, surveys), declared: undefined, targets: undefined };
  const declared = model.header?.decl.declared;
  // a published total only is the report's word, not a sum to check
  if (declared && !publishedTotalOnly(model)) subject.declared = { value: declared, uri: model.header!.uri, name: model.header!.decl.title?.value ?? "" };
  return subject;
}

/** `d` is the declaration its name's symbol stands for. */
function defines(model: Linked, kind: "fact" | "survey", d: { name: A.Name }): boolean {
  const s = model.symbols.get(d.name.text);
  return s?.kind === kind && s.nameRange === d.name.range;
}

/** Phases 4 and 5 for one subject: score the tree, check declared scores, grade the total. */
export function scoreSubject(framework: Framework, subject: Subject, sink: DiagnosticSink): SubjectScore {
  const tree = scoreTree(framework, subject, sink);
  const quiet = new DiagnosticSink(sink.strict);
  checkDeclared(tree.nodes, tree.total, subject.declared, sink, (n, weight) => scoreLeaf(framework, subject, n.decl, n.uri, weight, quiet)?.score ?? null);
  // the new key first: written after the spread, it made each subject's score a hidden class of its own (decision 0220)
  return { grade: grade(framework.roots.length ? tree.total : null, framework.grades, subject.vetoes, sink), ...tree };
}
