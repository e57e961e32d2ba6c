import type { ComparisonRow, EvaluationResult, IndicatorResult, SubjectResult } from "./schema.js";

/**
 * Views of a result for the printers (render, diff, server): evaluations with several subjects
 * (decision 0091) carry `subjects` (one scored tree per subject) and `comparison` (every
 * indicator in tree order, one cell per subject); their top-level tree is the framework,
 * unscored. Pure functions of the result: no scoring happens here.
 */
/** A subject's result (schema `SubjectResult`). */
export type SubjectView = SubjectResult;
export type ComparisonCell = ComparisonRow["cells"][number];
export type ComparisonRowView = ComparisonRow;

/** Every node of a tree by id. */
export function nodesById(roots: IndicatorResult[]): Map<string, IndicatorResult> {
  const m = new Map<string, IndicatorResult>();
  const walk = (ns: IndicatorResult[]) => ns.forEach((n) => (m.set(n.id, n), walk(n.children)));
  walk(roots);
  return m;
}

/** The subjects of an evaluation; empty for a single-subject (classic) evaluation. */
export function subjectsOf(result: EvaluationResult): SubjectView[] {
  return result.subjects ?? [];
}

/** The comparison rows: the engine's, or built from the subjects' trees when absent. */
export function comparisonOf(result: EvaluationResult): ComparisonRowView[] {
  const subjects = subjectsOf(result);
  return result.comparison ?? comparisonRows(result.indicators.length ? result.indicators : (subjects[0]?.indicators ?? []), subjects);
}

/** Every indicator of `tree` in tree order, with each subject's score, rate and declared value beside it. */
export function comparisonRows(tree: IndicatorResult[], subjects: Pick<SubjectResult, "id" | "indicators">[]): ComparisonRowView[] {
  const byId = subjects.map((s) => nodesById(s.indicators));
  const rows: ComparisonRowView[] = [];
  const walk = (ns: IndicatorResult[]) =>
    ns.forEach((n) => {
      rows.push({
        id: n.id,
        name: n.name,
        path: n.path,
        level: n.level,
        weight: n.weight,
        cells: subjects.map((s, i) => {
          const x = byId[i]!.get(n.id);
          return { subject: s.id, score: x?.score ?? null, rate: x?.rate ?? null, declared: x?.declared ?? null };
        }),
      });
      walk(n.children);
    });
  walk(tree);
  return rows;
}

/**
 * Published total only (seed 001, "实得83分，良好"): no indicator tree and no subjects; the total
 * is what the report declared and the grade its published name. Nothing is scored. (No tree and
 * no declared total is an audit-only file, which states no score at all.)
 */
export function isPublishedTotalOnly(result: EvaluationResult): boolean {
  return result.indicators.length === 0 && subjectsOf(result).length === 0 && result.total.declared !== null;
}

/**
 * The evaluation as one subject sees it: its tree, total, grade and the findings counted for
 * it, in the shape every single-subject table builder already takes.
 */
export function subjectResult(result: EvaluationResult, s: SubjectView): EvaluationResult {
  const counted = new Set(s.findings);
  const { subjects: _s, comparison: _c, ...rest } = result;
  void _s;
  void _c;
  return {
    ...rest,
    subject: s.name,
    indicators: s.indicators,
    total: s.total,
    grade: s.grade,
    findings: result.findings.filter((f) => counted.has(f.id)),
    facts: s.facts,
    surveys: s.surveys,
    vetoes: s.vetoes,
    summary: { ...result.summary, ...s.summary },
  };
}
