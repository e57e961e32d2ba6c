import type * as A from "@perf/language";
import { Decimal, ZERO, decimalText, roundHalfUp } from "../decimal.js";
import { expressionText, numberValue } from "../expression.js";
import type { Method } from "../schema.js";
import { shortfall, type Scorer } from "./method.js";

/** `bands v { >= t: s; …; else: s }`: the first band met gives its score (a % score is a share of the weight). */
export const scoreBands: Scorer<"bands"> = (m, ctx) => {
  const expression = m.value ? expressionText(m.value) : "";
  // a loop and a module-level function, not a callback made per leaf (decision 0219)
  const bands: { condition: string; score: string }[] = [];
  for (const b of m.bands) bands.push(bandRow(b));
  const open = (): { score: null; method: Method; deductions: [] } => ({ score: null, method: { kind: "bands", expression, value: null, unit: null, matched: null, bands }, deductions: [] });
  if (!m.value) return open();
  const q = ctx.evaluate(m.value);
  if (!q) return open();
  let matched: number | null = null;
  for (let i = 0; i < m.bands.length && matched === null; i++) {
    const b = m.bands[i]!;
    if (!b.comparator || !b.threshold) {
      matched = i;
      break;
    }
    let t = ctx.evaluate(b.threshold);
    if (!t) return open();
    // a threshold in another unit of the value's dimension compares converted (5000 万元 against 50000000 元)
    if (t.unit !== q.unit && t.unit && q.unit) t = ctx.convert?.(t, q.unit) ?? t;
    if (t.unit !== q.unit) {
      ctx.report("PERF060", b.threshold.range, { op: "compare", left: q.unit ?? "", right: t.unit ?? "" });
      return open();
    }
    const c = q.value.comparedTo(t.value);
    const ok = b.comparator === ">=" ? c >= 0 : b.comparator === ">" ? c > 0 : b.comparator === "<=" ? c <= 0 : c < 0;
    if (ok) matched = i;
  }
  const method: Method = { kind: "bands", expression, value: decimalText(q.value), unit: q.unit, matched, bands };
  if (matched === null) {
    ctx.report("PERF033", m.range, { name: ctx.name, value: decimalText(q.value) });
    return shortfall(ctx, ZERO, { kind: "bandsUnmatched", values: { expression } }, method);
  }
  const s = m.bands[matched]!.score;
  if (!s) return { score: null, method, deductions: [] };
  const points = s.percent ? ctx.weight.times(numberValue(s).value) : numberValue(s).value;
  if (points.lessThan(0) || points.greaterThan(ctx.weight)) {
    ctx.report("PERF012", s.range, { name: ctx.name, score: decimalText(points), weight: decimalText(ctx.weight) });
    return { score: Decimal.max(ZERO, Decimal.min(ctx.weight, roundHalfUp(points, ctx.precision))), method, deductions: [] };
  }
  return shortfall(ctx, points, { kind: "bands", values: { expression, condition: bands[matched]!.condition } }, method);
};

function bandRow(b: A.Band): { condition: string; score: string } {
  return {
    condition: b.comparator && b.threshold ? `${b.comparator} ${expressionText(b.threshold)}` : "else",
    score: b.score ? `${b.score.text}${b.score.percent ? "%" : ""}` : "",
  };
}
