import type * as A from "@perf/language";
import { Decimal, ONE, ZERO, decimalText, divide } from "../decimal.js";
import type { At } from "../model.js";
import { numberText, numberValue } from "../expression.js";
import type { Method } from "../schema.js";
import { percentOf, shortfall, type Scorer } from "./method.js";

/** `satisfaction mean(a, b)` / `weighted(a, b)`: weight × the surveys' satisfaction, capped at 100%. */
export const scoreSatisfaction: Scorer<"satisfaction"> = (m, ctx) => {
  // loops and module-level functions, not callbacks made per leaf (decision 0219)
  const uses: SurveyUse[] = [];
  let missing = false;
  for (const ref of m.surveys) {
    const survey = ctx.survey(ref.text);
    if (!survey) missing = true;
    uses.push({ ref, survey });
  }
  const surveys: SurveyRow[] = [];
  for (const u of uses) surveys.push(surveyRow(u));
  const open = { score: null, method: { kind: "satisfaction", aggregation: m.aggregation, surveys, value: null } as Method, deductions: [] };
  if (!uses.length || missing) return open;
  let incomplete = false;
  for (const { survey } of uses) {
    const s = survey!;
    // a tally that gives no satisfaction has said why (PERF262–PERF264): one cause, one error
    if (!s.satisfaction) {
      if (!s.tally) ctx.report("PERF034", s.name.range, { name: s.name.text, what: "satisfaction", keyword: "satisfaction" }, undefined, s.uri);
      incomplete = true;
    }
    if (m.aggregation === "weighted" && !s.respondents) {
      if (!s.tally) ctx.report("PERF034", s.name.range, { name: s.name.text, what: "respondents", keyword: "respondents" }, undefined, s.uri);
      incomplete = true;
    }
  }
  if (incomplete) return open;
  // value = part ÷ whole; the score multiplies before it divides, so no quotient is rounded first
  let part: Decimal = ZERO;
  let whole: Decimal;
  if (m.aggregation === "mean") {
    for (const u of uses) part = part.plus(rateOf(u));
    whole = new Decimal(uses.length);
  } else {
    let n: Decimal = ZERO;
    for (const u of uses) n = n.plus(respondentsOf(u));
    if (n.isZero()) {
      ctx.report("PERF061", m.range);
      return open;
    }
    for (const u of uses) part = part.plus(rateOf(u).times(respondentsOf(u)));
    whole = n;
  }
  const value = divide(part, whole);
  const method: Method = { kind: "satisfaction", aggregation: m.aggregation, surveys, value: decimalText(value) };
  const score = value.greaterThanOrEqualTo(ONE) ? ctx.weight : divide(ctx.weight.times(part), whole);
  return shortfall(ctx, score, { kind: "satisfaction", values: { percent: percentOf(value) } }, method);
};

interface SurveyUse {
  ref: A.Name;
  survey: At<A.SurveyDecl> | undefined;
}

type SurveyRow = { id: string; title: string; satisfaction: string | null; respondents: string | null };

function surveyRow({ ref, survey }: SurveyUse): SurveyRow {
  return {
    id: ref.text,
    title: survey?.title?.value ?? ref.text,
    satisfaction: survey?.satisfaction ? numberText(survey.satisfaction) : null,
    respondents: survey?.respondents ? numberText(survey.respondents) : null,
  };
}

/** A complete use's satisfaction and respondents (checked before they are read). */
const rateOf = (u: SurveyUse) => numberValue(u.survey!.satisfaction!).value;
const respondentsOf = (u: SurveyUse) => numberValue(u.survey!.respondents!).value;
