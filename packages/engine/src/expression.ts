import type * as A from "@perf/language";
import { aggregateOf } from "@perf/language";
import { aggregate } from "./aggregate.js";
import { Decimal, divide } from "./decimal.js";

/** A value with its unit; `%` values are plain fractions (unit null). */
export interface Quantity {
  value: Decimal;
  unit: string | null;
}

export type ExpressionProblem =
  /** Unlike units (null: none) met by an operation; the words are the catalogue's (PERF060). */
  | { kind: "unit"; op: "add" | "subtract" | "multiply" | "divide" | "convert"; left: string | null; right: string | null; range: A.Range }
  | { kind: "divisionByZero"; range: A.Range }
  /** An aggregate or table reference that cannot be computed (PERF203's reasons). */
  | { kind: "aggregate"; reason: "unknownFunction" | "column" | "row" | "text" | "empty" | "noValues"; name: string; fn?: string; range: A.Range }
  | { kind: "unresolved" };

export function numberValue(n: A.NumberValue): Quantity {
  const v = new Decimal(n.text);
  return { value: n.percent ? v.dividedBy(100) : v, unit: n.percent ? null : (n.unit ?? null) };
}

/** What a name stands for beyond a number: a table column (for aggregates), a row, a text or empty cell. */
export type NonNumber = { kind: "column"; values: Quantity[] } | { kind: "row" } | { kind: "text" } | { kind: "empty" };

/**
 * Looks a name up (`a`, or `T.ROW.COL` joined with dots). The optional members come with the
 * numbers phase (decision 0092): table columns and cells, and conversion between units of a
 * dimension (元/万元, 分钟/小时, declared units), so `5 万元 + 3000 元` is 5.3 万元.
 */
export type Lookup = ((name: string) => Quantity | undefined) & {
  other?: (name: string) => NonNumber | undefined;
  /** `q` in `unit`, or undefined when they are of different dimensions. */
  convert?: (q: Quantity, unit: string) => Quantity | undefined;
};

/** The name of a reference as lookups know it: `a`, `T.COL`, `T.ROW.COL`. */
export function refName(e: Extract<A.Expression, { kind: "ref" }>): string {
  return e.path ? [e.name, ...e.path].map((n) => n.text).join(".") : e.name.text;
}

/** `r` in the unit of `l` when they differ but convert. */
function alike(l: Quantity, r: Quantity, lookup: Lookup): Quantity | undefined {
  if (l.unit === r.unit) return r;
  if (l.unit === null || r.unit === null) return undefined;
  return lookup.convert?.(r, l.unit);
}

/** Evaluates exactly, or returns the first problem met. */
export function evaluateExpression(e: A.Expression, lookup: Lookup): Quantity | ExpressionProblem {
  switch (e.kind) {
    case "number":
      return numberValue(e);
    case "ref": {
      const name = refName(e);
      const v = lookup(name);
      if (v) return v;
      const other = lookup.other?.(name);
      if (other) return { kind: "aggregate", reason: other.kind, name, range: e.range };
      return { kind: "unresolved" };
    }
    case "call":
      return evaluateCall(e, lookup);
    case "paren":
      return evaluateExpression(e.inner, lookup);
    case "negate": {
      const v = evaluateExpression(e.operand, lookup);
      return isProblem(v) ? v : { value: v.value.negated(), unit: v.unit };
    }
    case "binary": {
      const l = evaluateExpression(e.left, lookup);
      if (isProblem(l)) return l;
      const r = evaluateExpression(e.right, lookup);
      if (isProblem(r)) return r;
      switch (e.op) {
        case "+":
        case "-": {
          const same = alike(l, r, lookup);
          if (!same) return { kind: "unit", op: e.op === "+" ? "add" : "subtract", left: l.unit, right: r.unit, range: e.range };
          return { value: e.op === "+" ? l.value.plus(same.value) : l.value.minus(same.value), unit: l.unit };
        }
        case "*":
          if (l.unit && r.unit) return { kind: "unit", op: "multiply", left: l.unit, right: r.unit, range: e.range };
          return { value: l.value.times(r.value), unit: l.unit ?? r.unit };
        case "/":
          if (r.value.isZero()) return { kind: "divisionByZero", range: e.right.range };
          if (r.unit && l.unit !== r.unit) {
            // the dividend in the divisor's unit: 3000 元 / 5 万元 = 0.06
            const dividend = l.unit ? alike(r, l, lookup) : undefined;
            if (!dividend) return { kind: "unit", op: "divide", left: l.unit, right: r.unit, range: e.range };
            return { value: divide(dividend.value, r.value), unit: null };
          }
          return { value: divide(l.value, r.value), unit: r.unit ? null : l.unit };
      }
    }
  }
}

/** An aggregate: every argument is a value, or a table column standing for its numbers. */
function evaluateCall(e: Extract<A.Expression, { kind: "call" }>, lookup: Lookup): Quantity | ExpressionProblem {
  const fn = aggregateOf(e.fn.text);
  if (!fn) return { kind: "aggregate", reason: "unknownFunction", name: e.fn.text, range: e.fn.range };
  const values: Quantity[] = [];
  for (const arg of e.args) {
    if (arg.kind === "ref" && arg.path?.length === 1) {
      const other = lookup.other?.(refName(arg));
      if (other?.kind === "column") {
        values.push(...other.values);
        continue;
      }
    }
    const v = evaluateExpression(arg, lookup);
    if (isProblem(v)) return v;
    values.push(v);
  }
  const result = aggregate(fn, values, (q, unit) => (q.unit === unit ? q : q.unit && unit ? lookup.convert?.(q, unit) : undefined));
  if (result.kind === "ok") return result.value;
  if (result.kind === "empty") return { kind: "aggregate", reason: "noValues", name: e.fn.text, fn: e.fn.text, range: e.range };
  return { kind: "unit", op: "add", left: result.left, right: result.right, range: e.range };
}

export function isProblem(v: Quantity | ExpressionProblem): v is ExpressionProblem {
  return (v as ExpressionProblem).kind !== undefined;
}

/** Source-like text of an expression, for results and hovers. */
export function expressionText(e: A.Expression): string {
  switch (e.kind) {
    case "number":
      return `${e.text}${e.percent ? "%" : ""}${e.unit ? " " + e.unit : ""}`;
    case "ref":
      return refName(e);
    case "call":
      return `${e.fn.text}(${e.args.map(expressionText).join(", ")})`;
    case "paren":
      return `(${expressionText(e.inner)})`;
    case "negate":
      return `-${expressionText(e.operand)}`;
    case "binary":
      return `${expressionText(e.left)} ${e.op} ${expressionText(e.right)}`;
  }
}

export function forEachRef(e: A.Expression | undefined, f: (ref: Extract<A.Expression, { kind: "ref" }>) => void): void {
  if (!e) return;
  if (e.kind === "ref") f(e);
  else if (e.kind === "paren") forEachRef(e.inner, f);
  else if (e.kind === "negate") forEachRef(e.operand, f);
  else if (e.kind === "call") for (const a of e.args) forEachRef(a, f);
  else if (e.kind === "binary") {
    forEachRef(e.left, f);
    forEachRef(e.right, f);
  }
}
