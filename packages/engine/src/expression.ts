import type * as A from "@perf/language";
import { Decimal, divide } from "./decimal.js";

/** A value with its unit; `%` values are plain fractions (unit null). */
export interface Quantity {
  value: Decimal;
  unit: string | null;
}

export type ExpressionProblem =
  /** Unlike units (null: none) met by an operation; the words are the catalogue's (PERF060). */
  | { kind: "unit"; op: "add" | "subtract" | "multiply" | "divide"; left: string | null; right: string | null; range: A.Range }
  | { kind: "divisionByZero"; range: A.Range }
  | { kind: "unresolved" };

export function numberValue(n: A.NumberValue): Quantity {
  const v = new Decimal(n.text);
  return { value: n.percent ? v.dividedBy(100) : v, unit: n.percent ? null : (n.unit ?? null) };
}

export type Lookup = (name: string) => Quantity | undefined;

/** Evaluates exactly, or returns the first problem met. */
export function evaluateExpression(e: A.Expression, lookup: Lookup): Quantity | ExpressionProblem {
  switch (e.kind) {
    case "number":
      return numberValue(e);
    case "ref":
      return lookup(e.name.text) ?? { kind: "unresolved" };
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
        case "-":
          if (l.unit !== r.unit)
            return { kind: "unit", op: e.op === "+" ? "add" : "subtract", left: l.unit, right: r.unit, range: e.range };
          return { value: e.op === "+" ? l.value.plus(r.value) : l.value.minus(r.value), unit: l.unit };
        case "*":
          if (l.unit && r.unit) return { kind: "unit", op: "multiply", left: l.unit, right: r.unit, range: e.range };
          return { value: l.value.times(r.value), unit: l.unit ?? r.unit };
        case "/":
          if (r.value.isZero()) return { kind: "divisionByZero", range: e.right.range };
          if (r.unit && l.unit !== r.unit) return { kind: "unit", op: "divide", left: l.unit, right: r.unit, range: e.range };
          return { value: divide(l.value, r.value), unit: r.unit ? null : l.unit };
      }
    }
  }
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
      return e.name.text;
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
  else if (e.kind === "binary") {
    forEachRef(e.left, f);
    forEachRef(e.right, f);
  }
}
