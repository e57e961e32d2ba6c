import { Decimal, ZERO, decimalText, roundHalfUp } from "../decimal.js";
import { numberValue } from "../expression.js";
import { shortfall, type Scorer } from "./method.js";

/** `score N`: a score given by judgement; outside [0, weight] is PERF012 and clamps. */
export const scoreFixed: Scorer<"fixed"> = (m, ctx) => {
  if (!m.value) return { score: null, method: { kind: "fixed", value: null }, deductions: [] };
  const v = roundHalfUp(numberValue(m.value).value, ctx.precision);
  const method = { kind: "fixed", value: decimalText(v) } as const;
  if (v.lessThan(0) || v.greaterThan(ctx.weight)) {
    ctx.report("PERF012", m.value.range, { name: ctx.name, score: decimalText(v), weight: decimalText(ctx.weight) });
    return { score: Decimal.max(ZERO, Decimal.min(ctx.weight, v)), method, deductions: [] };
  }
  return shortfall(ctx, v, { kind: "fixed", values: {} }, method);
};
