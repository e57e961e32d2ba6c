import { ZERO, decimalText, roundHalfUp } from "../decimal.js";
import { numberValue } from "../expression.js";
import type { Deduction } from "../schema.js";
import type { Scorer } from "./method.js";

/** `deduct N "reason"` lines: the weight less every deduction; below zero is PERF012. A framework's open `judgement` is unscored until a subject assesses it. */
export const scoreJudgement: Scorer<"judgement"> = (m, ctx) => {
  // a framework's `judgement` leaf: the deductions come from each subject's `assess`
  if (m.open) return { score: null, method: { kind: "judgement", deducted: "0" }, deductions: [] };
  let deducted = ZERO;
  const deductions: Deduction[] = [];
  for (const ded of m.deductions) {
    if (!ded.amount) continue;
    const amount = numberValue(ded.amount).value;
    deducted = deducted.plus(amount);
    const reason = ded.reason?.value ?? "";
    deductions.push({ amount: decimalText(amount), reason, source: "judgement", because: { kind: "judgement", values: { reason } } });
  }
  const method = { kind: "judgement", deducted: decimalText(deducted) } as const;
  const v = roundHalfUp(ctx.weight.minus(deducted), ctx.precision);
  if (v.lessThan(0)) {
    ctx.report("PERF012", m.range, { name: ctx.name, score: decimalText(v), weight: decimalText(ctx.weight) });
    return { score: ZERO, method, deductions };
  }
  return { score: v, method, deductions };
};
