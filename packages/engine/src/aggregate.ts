import type { AggregateName } from "@perf/language";
import { Decimal, divide } from "./decimal.js";
import type { Quantity } from "./expression.js";

export type AggregateResult =
  | { kind: "ok"; value: Quantity }
  /** min, max and mean of nothing; sum and count of nothing are 0. */
  | { kind: "empty" }
  /** Two values of different dimensions. */
  | { kind: "unit"; left: string | null; right: string | null };

/**
 * sum, count, min, max and mean of exact values, in the first value's unit: a value of another
 * unit of the same dimension is converted (`convert`), one of another dimension is an error.
 * A loop over the values: a column of 100 000 rows is one pass.
 */
export function aggregate(fn: AggregateName, values: readonly Quantity[], convert: (q: Quantity, unit: string | null) => Quantity | undefined): AggregateResult {
  if (fn === "count") return { kind: "ok", value: { value: new Decimal(values.length), unit: null } };
  if (!values.length) return fn === "sum" ? { kind: "ok", value: { value: new Decimal(0), unit: null } } : { kind: "empty" };
  const unit = values[0]!.unit;
  let total = new Decimal(0);
  let min: Decimal | undefined;
  let max: Decimal | undefined;
  for (const q of values) {
    const v = q.unit === unit ? q : convert(q, unit);
    if (!v) return { kind: "unit", left: unit, right: q.unit };
    total = total.plus(v.value);
    if (min === undefined || v.value.lessThan(min)) min = v.value;
    if (max === undefined || v.value.greaterThan(max)) max = v.value;
  }
  const value = fn === "sum" ? total : fn === "min" ? min! : fn === "max" ? max! : divide(total, values.length);
  return { kind: "ok", value: { value, unit } };
}
