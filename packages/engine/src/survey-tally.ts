import type * as A from "@perf/language";
import { ONE, decimalText, divide, sum } from "./decimal.js";
import { numberValue } from "./expression.js";

/** A tally's answers and the satisfaction they give: Σ count × weight ÷ Σ count. */
export interface TallyValue {
  respondents: string;
  /** null when there is no answer (PERF264). */
  satisfaction: string | null;
}

/** Decimals kept of a tally's quotient: far below any score's precision, within a literal's digits. */
const PLACES = 30;

/**
 * The tally's respondents and satisfaction; undefined when a level lacks its count or weight (a
 * parse error said so) or has a count that is not a whole number or a weight above 100% (PERF262, PERF263).
 */
export function tallyValue(t: NonNullable<A.SurveyDecl["tally"]>): TallyValue | undefined {
  if (!t.levels.length || t.levels.some((l) => !l.count || !l.weight)) return undefined;
  if (t.levels.some((l) => !validCount(l.count!) || numberValue(l.weight!).value.greaterThan(ONE))) return undefined;
  const counts = t.levels.map((l) => numberValue(l.count!).value);
  const n = sum(counts);
  if (n.isZero()) return { respondents: "0", satisfaction: null };
  const part = sum(t.levels.map((l, i) => counts[i]!.times(numberValue(l.weight!).value)));
  const q = divide(part, n);
  return { respondents: decimalText(n), satisfaction: decimalText(q.toDecimalPlaces(PLACES)) };
}

/**
 * A survey with a tally as every later phase sees it: its satisfaction and respondents are the
 * tally's, so means, weighted means, expressions and hovers need no second path. A survey that
 * also states a satisfaction keeps it (PERF261 says so).
 */
export function withTally<S extends A.SurveyDecl>(s: S): S {
  if (!s.tally || s.satisfaction || s.respondents) return s;
  const v = tallyValue(s.tally);
  if (!v || v.satisfaction === null) return s;
  const at = (text: string): A.NumberValue => ({ kind: "number", text, percent: false, range: s.tally!.range });
  return { ...s, satisfaction: at(v.satisfaction), respondents: at(v.respondents) };
}


/** A tally's count: a whole number of answers, without `%` or a unit. */
export function validCount(c: A.NumberValue): boolean {
  return !c.percent && !c.unit && numberValue(c).value.isInteger();
}
