import { Decimal, ONE, decimalText, divide, sum } from "../decimal.js";
import { numberText, numberValue } from "../expression.js";
import type { Method } from "../schema.js";
import { percentOf, shortfall, type Scorer } from "./method.js";

/** `satisfaction mean(a, b)` / `weighted(a, b)`: weight × the surveys' satisfaction, capped at 100%. */
export const scoreSatisfaction: Scorer<"satisfaction"> = (m, ctx) => {
  const uses = m.surveys.map((ref) => ({ ref, survey: ctx.survey(ref.text) }));
  const surveys = uses.map(({ ref, survey }) => ({
    id: ref.text,
    title: survey?.title?.value ?? ref.text,
    satisfaction: survey?.satisfaction ? numberText(survey.satisfaction) : null,
    respondents: survey?.respondents ? numberText(survey.respondents) : null,
  }));
  const open = { score: null, method: { kind: "satisfaction", aggregation: m.aggregation, surveys, value: null } as Method, deductions: [] };
  if (!uses.length || uses.some((u) => !u.survey)) return open;
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
  const rate = (u: (typeof uses)[number]) => numberValue(u.survey!.satisfaction!).value;
  // value = part ÷ whole; the score multiplies before it divides, so no quotient is rounded first
  let part: Decimal;
  let whole: Decimal;
  if (m.aggregation === "mean") {
    part = sum(uses.map(rate));
    whole = new Decimal(uses.length);
  } else {
    const n = sum(uses.map((u) => numberValue(u.survey!.respondents!).value));
    if (n.isZero()) {
      ctx.report("PERF061", m.range);
      return open;
    }
    part = sum(uses.map((u) => rate(u).times(numberValue(u.survey!.respondents!).value)));
    whole = n;
  }
  const value = divide(part, whole);
  const method: Method = { kind: "satisfaction", aggregation: m.aggregation, surveys, value: decimalText(value) };
  const score = value.greaterThanOrEqualTo(ONE) ? ctx.weight : divide(ctx.weight.times(part), whole);
  return shortfall(ctx, score, { kind: "satisfaction", values: { percent: percentOf(value) } }, method);
};
