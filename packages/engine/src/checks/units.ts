import type * as A from "@perf/language";
import { evaluateExpression, isProblem, type Lookup, type Quantity } from "../expression.js";

/** Evaluates `e`; a unit mismatch (PERF060), a division by zero (PERF061) or an aggregate that cannot be computed (PERF203) is reported and gives undefined. */
export function evaluateChecked(e: A.Expression, lookup: Lookup, report: (code: "PERF060" | "PERF061" | "PERF203", range: A.Range, args?: Record<string, string>) => void): Quantity | undefined {
  const v = evaluateExpression(e, lookup);
  if (!isProblem(v)) return v;
  if (v.kind === "unit") report("PERF060", v.range, { op: v.op, left: v.left ?? "", right: v.right ?? "" });
  else if (v.kind === "divisionByZero") report("PERF061", v.range);
  else if (v.kind === "aggregate") report("PERF203", v.range, { reason: v.reason, name: v.name, fn: v.fn ?? "" });
  return undefined;
}
