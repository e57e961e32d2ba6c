import type { FindingDecl } from "@perf/language";
import { Decimal, ZERO, decimalText, roundHalfUp } from "../decimal.js";
import { numberValue } from "../expression.js";
import { findingCount } from "../checks/numbers.js";
import type { Deduction } from "../schema.js";
import type { Scorer } from "./method.js";

/** `per finding deduct N [max M]`: N per case of every attached finding, 扣完为止. */
export const scorePerFinding: Scorer<"perFinding"> = (m, ctx) => {
  if (!m.each) return { score: null, method: { kind: "perFinding", each: "0", max: null, cases: 0, deducted: "0" }, deductions: [] };
  const each = numberValue(m.each).value;
  const max = m.max ? numberValue(m.max).value : null;
  const attached = ctx.attached();
  // loops and module-level functions, not callbacks made per leaf (decision 0219)
  let cases = 0;
  for (const f of attached) cases += findingCount(f);
  let deducted = each.times(cases);
  if (max && deducted.greaterThan(max)) deducted = max;
  const v = Decimal.max(ZERO, ctx.weight.minus(deducted));
  const deductions: Deduction[] = [];
  for (const f of attached) deductions.push(findingDeduction(f, each));
  return {
    score: roundHalfUp(v, ctx.precision),
    method: { kind: "perFinding", each: decimalText(each), max: max ? decimalText(max) : null, cases, deducted: decimalText(ctx.weight.minus(v)) },
    deductions,
  };
};

/** What one attached finding takes off: `each` per case. */
function findingDeduction(f: FindingDecl, each: Decimal): Deduction {
  const count = findingCount(f);
  const label = f.issue?.value ?? f.title?.value ?? f.name.text;
  return { amount: decimalText(each.times(count)), reason: label, source: "finding", findings: [f.name.text], because: { kind: "finding", values: { label, count } } };
}
