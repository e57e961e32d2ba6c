import { nodesById, percentText, subjectsOf, type Analysis, type IndicatorResult, type SubjectView } from "@perf/engine";

/** One subject's result at one indicator. */
export interface SubjectScore {
  subject: SubjectView;
  node: IndicatorResult | undefined;
}

const cache = new WeakMap<Analysis, Map<string, IndicatorResult>[]>();

/**
 * Every subject's result for an indicator id, in the order the subjects are written; empty for
 * an evaluation without subject blocks. Indexed once per analysis.
 */
export function subjectScores(analysis: Analysis, id: string): SubjectScore[] {
  const subjects = subjectsOf(analysis.result);
  if (!subjects.length) return [];
  let maps = cache.get(analysis);
  if (!maps) cache.set(analysis, (maps = subjects.map((s) => nodesById(s.indicators))));
  return subjects.map((subject, i) => ({ subject, node: maps![i]!.get(id) }));
}

/** "市数据局 5.5 · 市大数据中心 5": every subject's score at one indicator, as inlay hints and lenses show it. */
export function scoresLine(scores: SubjectScore[], unscored: string): string {
  return scores.map((s) => `${s.subject.name} ${s.node?.score ?? unscored}`).join(" · ");
}

/** "市数据局 86.98 · 良": a subject's total and grade. */
export function subjectTotal(s: SubjectView, unscored: string): string {
  return `${s.name} ${s.total.score ?? unscored}${s.grade.name ? ` · ${s.grade.name}` : ""}`;
}

/** "91.67%" or "" for no rate. */
export const rateOf = (r: string | null | undefined) => (r == null ? "" : percentText(r));
