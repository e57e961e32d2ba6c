import type * as A from "@perf/language";
import { aggregateOf } from "@perf/language";
import { aggregate } from "./aggregate.js";
import { addMonths, dateText, dayNumber, isValidDate } from "./dates.js";
import { Decimal, decimalText, divide, literal, literalText } from "./decimal.js";

/** A value with its unit; `%` values are plain fractions (unit null). */
export interface Quantity {
  value: Decimal;
  unit: string | null;
  /** A date (decision 0180): `value` is its day number and `unit` is `DATE_UNIT`, so code that does not know dates meets a unit it cannot convert. */
  date?: DateMark;
}

/** How a date value was written, so it prints as the report writes it. */
export interface DateMark {
  /** The literal as written; absent on a computed date (`完工 + 3 个月`). */
  text?: string;
  /** Written `2020年11月20日` (true) or `2020-11-20`: a computed date prints in its first operand's style. */
  zh: boolean;
  /** `2020年11月底`: the month's last day, kept at month end by month arithmetic. */
  endOfMonth: boolean;
}

/** The unit a date value carries (never a unit of the unit table): decision 0180. */
export const DATE_UNIT = "日期";

export type ExpressionProblem =
  /** Unlike units (null: none) met by an operation; the words are the catalogue's (PERF060). */
  | { kind: "unit"; op: "add" | "subtract" | "multiply" | "divide" | "convert"; left: string | null; right: string | null; range: A.Range }
  | { kind: "divisionByZero"; range: A.Range }
  /** An aggregate or table reference that cannot be computed (PERF203's reasons). */
  | { kind: "aggregate"; reason: "unknownFunction" | "column" | "row" | "text" | "empty" | "noValues"; name: string; fn?: string; range: A.Range }
  /** A date that does not exist (PERF242). */
  | { kind: "invalidDate"; text: string; range: A.Range }
  /** An operation dates do not take (decision 0180): PERF211 date + date, PERF212 × ÷ − or an aggregate of dates, PERF213 a date with a quantity that is not a duration. */
  | { kind: "date"; code: "PERF211" | "PERF212" | "PERF213"; op: "add" | "subtract" | "multiply" | "divide" | "negate" | "aggregate"; left: string; right: string; range: A.Range }
  /** A duration in days met one in months (PERF214), or one that is not whole days or months added to a date (PERF215). */
  | { kind: "duration"; code: "PERF214" | "PERF215"; left: string; right: string; range: A.Range }
  /** `count(T.C = "…")` on what is not one text column, or another aggregate with a filter (PERF216). */
  | { kind: "filter"; fn: string; range: A.Range }
  | { kind: "unresolved" };

export function numberValue(n: A.NumberValue): Quantity {
  return { value: literal(n.text, n.percent), unit: n.percent ? null : (n.unit ?? null) };
}

/** `decimalText(numberValue(n).value)`, the same string for the same literal within an analysis. */
export function numberText(n: A.NumberValue): string {
  return literalText(n.text, n.percent);
}

/**
 * What a name stands for beyond a number: a table column (for aggregates), a row, a text or empty
 * cell. A column lists its numbers and its cells' texts (null for `-`); a text column has no numbers.
 */
export type NonNumber = { kind: "column"; values: Quantity[]; texts?: (string | null)[]; text?: boolean } | { kind: "row" } | { kind: "text" } | { kind: "empty" };

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
      if (other) return { kind: "aggregate", reason: other.kind === "column" && other.text ? "text" : other.kind, name, range: e.range };
      return { kind: "unresolved" };
    }
    case "call":
      return evaluateCall(e, lookup);
    case "paren":
      return evaluateExpression(e.inner, lookup);
    case "date":
      return dateValue(e);
    case "negate": {
      const v = evaluateExpression(e.operand, lookup);
      if (!isProblem(v) && v.date) return { kind: "date", code: "PERF212", op: "negate", left: DATE_UNIT, right: "", range: e.range };
      return isProblem(v) ? v : { value: v.value.negated(), unit: v.unit };
    }
    case "binary": {
      const l = evaluateExpression(e.left, lookup);
      if (isProblem(l)) return l;
      const r = evaluateExpression(e.right, lookup);
      if (isProblem(r)) return r;
      if (l.date || r.date) return dateArithmetic(e, l, r, lookup);
      switch (e.op) {
        case "+":
        case "-": {
          const same = alike(l, r, lookup);
          if (!same && daysAndMonths(l.unit, r.unit)) return { kind: "duration", code: "PERF214", left: l.unit!, right: r.unit!, range: e.range };
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

/**
 * An aggregate: every argument is a value, or a table column standing for its numbers. `count`
 * of a text column counts its non-empty cells, `count(T.C = "已完成")` the cells equal to the text
 * (decision 0181); any other aggregate of a text column is PERF203.
 */
function evaluateCall(e: Extract<A.Expression, { kind: "call" }>, lookup: Lookup): Quantity | ExpressionProblem {
  const fn = aggregateOf(e.fn.text);
  if (!fn) return { kind: "aggregate", reason: "unknownFunction", name: e.fn.text, range: e.fn.range };
  if (e.where) {
    const arg = e.args.length === 1 ? e.args[0]! : undefined;
    const other = fn === "count" && arg?.kind === "ref" && arg.path?.length === 1 ? lookup.other?.(refName(arg)) : undefined;
    if (other?.kind !== "column" || !other.text) return { kind: "filter", fn: e.fn.text, range: e.range };
    const want = e.where.value;
    return { value: new Decimal(other.texts!.filter((t) => t === want).length), unit: null };
  }
  const values: Quantity[] = [];
  let texts = 0;
  for (const arg of e.args) {
    if (arg.kind === "ref" && arg.path?.length === 1) {
      const name = refName(arg);
      const other = lookup.other?.(name);
      if (other?.kind === "column") {
        if (other.text) {
          if (fn !== "count") return { kind: "aggregate", reason: "text", name, fn: e.fn.text, range: arg.range };
          texts += other.texts!.filter((t) => t !== null).length;
        } else values.push(...other.values);
        continue;
      }
    }
    const v = evaluateExpression(arg, lookup);
    if (isProblem(v)) return v;
    values.push(v);
  }
  if (fn === "count") return { value: new Decimal(values.length + texts), unit: null };
  if (values.some((v) => v.date)) return { kind: "date", code: "PERF212", op: "aggregate", left: e.fn.text, right: DATE_UNIT, range: e.range };
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
    case "date":
      return e.text;
    case "ref":
      return refName(e);
    case "call":
      return `${e.fn.text}(${e.args.map(expressionText).join(", ")}${e.where ? ` = "${e.where.value}"` : ""})`;
    case "paren":
      return `(${expressionText(e.inner)})`;
    case "negate":
      return `-${expressionText(e.operand)}`;
    case "binary":
      return `${expressionText(e.left)} ${e.op} ${expressionText(e.right)}`;
  }
}

/** Every name an expression reads, in order; `ctx` is handed to each call of `f` (see forEachIndicator). */
export function forEachRef<C = undefined>(e: A.Expression | undefined, f: (ref: Extract<A.Expression, { kind: "ref" }>, ctx: C) => void, ctx?: C): void {
  if (!e) return;
  if (e.kind === "ref") f(e, ctx as C);
  else if (e.kind === "paren") forEachRef(e.inner, f, ctx);
  else if (e.kind === "negate") forEachRef(e.operand, f, ctx);
  else if (e.kind === "call") for (const a of e.args) forEachRef(a, f, ctx);
  else if (e.kind === "binary") {
    forEachRef(e.left, f, ctx);
    forEachRef(e.right, f, ctx);
  }
}

/** A date literal as a value: its day number; a date that does not exist is PERF242. */
export function dateValue(d: A.DateValue): Quantity | ExpressionProblem {
  if (!isValidDate(d)) return { kind: "invalidDate", text: d.text, range: d.range };
  return { value: new Decimal(dayNumber(d)), unit: DATE_UNIT, date: { text: d.text, zh: !d.text.includes("-"), endOfMonth: d.endOfMonth } };
}

/**
 * The text of a date value as the report writes it: the literal, or a computed date in its
 * operand's style — `2021年2月底 + 1 个月` is 2021年3月底, `+ 3 天` a day (2021年3月3日).
 */
export function dateValueText(q: Quantity): string {
  return q.date?.text ?? dateText(q.value.toNumber(), q.date?.zh ?? true, q.date?.endOfMonth ?? false);
}

/** Units of durations in days and in months: they never convert into each other (decision 0180). */
const dayUnits = new Set(["天", "小时", "分钟"]);
const monthUnits = new Set(["月", "个月", "年"]);

/** Whether one unit measures days and the other calendar months. */
export function daysAndMonths(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  return (dayUnits.has(a) && monthUnits.has(b)) || (monthUnits.has(a) && dayUnits.has(b));
}

/** Built-in durations as [days or months, multiplier, divisor], for a lookup without the unit table. */
const durations: Record<string, readonly ["天" | "月", number, number]> = { 天: ["天", 1, 1], 小时: ["天", 1, 24], 分钟: ["天", 1, 1440], 月: ["月", 1, 1], 个月: ["月", 1, 1], 年: ["月", 12, 1] };

/** A duration as whole days or whole calendar months; "fraction" when it is not whole; undefined when it is not a duration. */
function durationOf(q: Quantity, lookup: Lookup): { days: number } | { months: number } | "fraction" | undefined {
  if (!q.unit || q.date) return undefined;
  for (const unit of ["天", "月"] as const) {
    const b = durations[q.unit];
    const v = lookup.convert?.(q, unit)?.value ?? (b && b[0] === unit ? divide(q.value.times(b[1]), b[2]) : undefined);
    if (!v) continue;
    if (!v.isInteger()) return "fraction";
    return unit === "天" ? { days: v.toNumber() } : { months: v.toNumber() };
  }
  return undefined;
}

/**
 * `+ − × ÷` with a date on either side (decision 0180): date − date is days (天); date ± whole days
 * or whole calendar months is a date; anything else is a coded error with the expression's range.
 */
function dateArithmetic(e: Extract<A.Expression, { kind: "binary" }>, l: Quantity, r: Quantity, lookup: Lookup): Quantity | ExpressionProblem {
  const unitOf = (q: Quantity) => (q.date ? DATE_UNIT : q.unit ?? "");
  const problem = (code: "PERF211" | "PERF212" | "PERF213", op: "add" | "subtract" | "multiply" | "divide") => ({ kind: "date" as const, code, op, left: unitOf(l), right: unitOf(r), range: e.range });
  if (e.op === "*" || e.op === "/") return problem("PERF212", e.op === "*" ? "multiply" : "divide");
  if (l.date && r.date) return e.op === "-" ? { value: l.value.minus(r.value), unit: "天" } : problem("PERF211", "add");
  // a date minus a duration, or either order of date plus duration; never duration − date
  if (e.op === "-" && !l.date) return problem("PERF213", "subtract");
  const [date, duration] = l.date ? [l, r] : [r, l];
  const d = durationOf(duration, lookup);
  if (!d) return problem("PERF213", e.op === "+" ? "add" : "subtract");
  if (d === "fraction") return { kind: "duration", code: "PERF215", left: unitOf(date), right: `${decimalText(duration.value)} ${duration.unit}`, range: e.range };
  const sign = e.op === "-" ? -1 : 1;
  const from = date.value.toNumber();
  const day = "days" in d ? from + sign * d.days : addMonths(from, sign * d.months, date.date!.endOfMonth);
  return { value: new Decimal(day), unit: DATE_UNIT, date: { zh: date.date!.zh, endOfMonth: "months" in d && date.date!.endOfMonth } };
}
