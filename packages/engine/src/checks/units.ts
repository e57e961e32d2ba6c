import type * as A from "@perf/language";
import { evaluateExpression, isProblem, type Lookup, type Quantity } from "../expression.js";

export type ExpressionCode = "PERF060" | "PERF061" | "PERF203" | "PERF211" | "PERF212" | "PERF213" | "PERF214" | "PERF215" | "PERF216" | "PERF242";

/**
 * Evaluates `e`; a unit mismatch (PERF060), a division by zero (PERF061), an aggregate that cannot
 * be computed (PERF203), an operation dates do not take (PERF211–PERF215), a bad count filter
 * (PERF216) or a date that does not exist (PERF242) is reported and gives undefined. A date is a
 * value only where `dates` allows one (facts, targets, assertions); elsewhere it is PERF212.
 */
export function evaluateChecked(e: A.Expression, lookup: Lookup, report: (code: ExpressionCode, range: A.Range, args?: Record<string, string>) => void, dates = false): Quantity | undefined {
  const v = evaluateExpression(e, lookup);
  if (!isProblem(v)) {
    if (v.date && !dates) {
      report("PERF212", e.range, { op: "number", name: e.kind === "ref" ? e.name.text : "" });
      return undefined;
    }
    return v;
  }
  if (v.kind === "unit") report("PERF060", v.range, { op: v.op, left: v.left ?? "", right: v.right ?? "" });
  else if (v.kind === "divisionByZero") report("PERF061", v.range);
  else if (v.kind === "aggregate") report("PERF203", v.range, { reason: v.reason, name: v.name, fn: v.fn ?? "" });
  else if (v.kind === "invalidDate") report("PERF242", v.range, { date: v.text });
  else if (v.kind === "date") report(v.code, v.range, { op: v.op, left: v.left, right: v.right });
  else if (v.kind === "duration") report(v.code, v.range, { left: v.left, right: v.right });
  else if (v.kind === "filter") report("PERF216", v.range, { fn: v.fn });
  return undefined;
}
