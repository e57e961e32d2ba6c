import type * as A from "@perf/language";
import { Decimal, ONE, ZERO, decimalText, divide } from "../decimal.js";
import { expressionText } from "../expression.js";
import { percentOf, shortfall, type Scorer } from "./method.js";

/**
 * `ratio a / b`: weight × ratio, the ratio capped to [0, 100%]. A quotient above 100% is
 * over-fulfilment and simply capped; a rate written as a percentage above 100% is PERF037.
 */
export const scoreRatio: Scorer<"ratio"> = (m, ctx) => {
  const expression = m.expression ? expressionText(m.expression) : "";
  const open = { score: null, method: { kind: "ratio", expression, ratio: null, capped: false }, deductions: [] } as const;
  if (!m.expression) return { ...open, deductions: [] };
  const q = ctx.evaluate(m.expression);
  if (!q) return { ...open, deductions: [] };
  if (q.unit) {
    ctx.report("PERF060", m.expression.range, { op: "ratio", left: q.unit, right: "" });
    return { ...open, deductions: [] };
  }
  const capped = q.value.greaterThan(ONE);
  const input = ctx.percentInput(m.expression);
  if (capped && input) ctx.report("PERF037", m.expression.range, { name: ctx.name, value: `${input.text}%` });
  const ratio = Decimal.max(ZERO, Decimal.min(ONE, q.value));
  const method = { kind: "ratio", expression, ratio: decimalText(q.value), capped } as const;
  return shortfall(ctx, ratio.eq(q.value) ? weightTimes(m.expression, ctx, ratio) : ctx.weight.times(ratio), { kind: "ratio", values: { expression, percent: percentOf(q.value) } }, method);
};

/**
 * weight × (a / b) for a top-level quotient, computed as (weight × a) / b so that the quotient is
 * not rounded to 34 digits before the weight multiplies it (a score on a rounding half stays
 * exact); any other expression as weight × its value.
 */
function weightTimes(e: A.Expression, ctx: Parameters<Scorer<"ratio">>[1], ratio: Decimal): Decimal {
  if (e.kind === "binary" && e.op === "/") {
    const a = ctx.evaluate(e.left);
    const b = ctx.evaluate(e.right);
    if (a && b && !b.value.isZero() && a.unit === b.unit) return divide(ctx.weight.times(a.value), b.value);
  }
  return ctx.weight.times(ratio);
}
