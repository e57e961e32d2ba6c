import { ZERO, decimalText, roundHalfUp, sum } from "../decimal.js";
import { numberValue } from "../expression.js";
import type { Deduction, Method } from "../schema.js";
import type { Scorer } from "./method.js";

/**
 * Element scoring (要素法): each criterion ①②③ is a share of the weight; the evaluator marks it
 * met or unmet; the score is the met shares, and each unmet element is one deduction of its share,
 * worded with its number, label and reason. Shares that do not sum to the weight are PERF260
 * (checks/elements.ts); the score is still the met shares, capped at the weight.
 */
export const scoreElements: Scorer<"elements"> = (m, ctx) => {
  const elements = m.elements.map((e, i) => ({
    index: i + 1,
    label: e.label?.value ?? "",
    share: e.share ? numberValue(e.share).value : ZERO,
    met: e.met?.value ?? false,
    reason: e.reason?.value ?? null,
  }));
  const met = sum(elements.filter((e) => e.met).map((e) => e.share));
  const method: Method = {
    kind: "elements",
    elements: elements.map((e) => ({ label: e.label, share: decimalText(e.share), met: e.met, reason: e.reason })),
    met: decimalText(met),
  };
  if (!elements.length || m.elements.some((e) => !e.share || !e.met)) return { score: null, method, deductions: [] };
  const score = roundHalfUp(met.greaterThan(ctx.weight) ? ctx.weight : met, ctx.precision);
  const deductions: Deduction[] = elements
    .filter((e) => !e.met && e.share.greaterThan(0))
    .map((e) => ({
      amount: decimalText(e.share),
      ...(e.reason ? { reason: e.reason } : {}),
      source: "elements",
      because: { kind: "element", values: { index: e.index, label: e.label, reason: e.reason ?? "" } },
    }));
  return { score, method, deductions };
};
