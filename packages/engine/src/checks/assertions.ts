import { acknowledge, isAuditCode, type Args, type Diagnostic } from "@perf/language";
import type * as A from "@perf/language";
import { Decimal, decimalText, roundHalfUp } from "../decimal.js";
import { DATE_UNIT, dateValueText, daysAndMonths, expressionText, numberValue, type Quantity } from "../expression.js";
import type { Framework, Subject, SubjectScore } from "../framework.js";
import { forEachIndicator, type At, type Linked } from "../model.js";
import type { AssertionResult, AssertionStatementResult } from "../schema.js";
import type { DiagnosticSink } from "../sink.js";
import { evaluateChecked } from "./units.js";

/** What a statement computes: a value to compare, or nothing (already reported, or PERF221). */
interface Outcome {
  holds: boolean | null;
  actual: string | null;
  args: Args;
}

/**
 * Checks every `assert` after scoring (it may state the total and the grade). A false statement is
 * PERF220 (an audit finding) at the statement, naming the true value; `acknowledged "…"` turns it
 * into information with the reason. A statement that cannot be checked is PERF221.
 */
export function checkAssertions(model: Linked, framework: Framework, scored: SubjectScore, subject: Subject, sink: DiagnosticSink): AssertionResult[] {
  if (!model.assertions.length) return [];
  const perLevel = new Map<number, number>();
  let leaves = 0;
  forEachIndicator(framework.roots, (d, _uri, _parent, level) => {
    perLevel.set(level, (perLevel.get(level) ?? 0) + 1);
    if (!d.children.length) leaves++;
  });
  const hasTotal = framework.roots.length > 0;
  // by offset across the documents, as before positions lost theirs (decision 0225): the first cited stays the same
  const offsetOf = (d: Diagnostic) => model.parsed.get(d.uri)?.lines.offsetOf(d.range.start) ?? 0;
  const scoringErrors = sink.diagnostics().filter((d) => d.severity === "error" && !isAuditCode(d.code)).sort((x, y) => offsetOf(x) - offsetOf(y));
  return model.assertions.map((a) => {
    const levels = a.statements.flatMap((st) =>
      st.kind === "level" && st.level && st.expected && levelOf(st.level) !== undefined ? [`${levelOf(st.level)}:${perLevel.get(levelOf(st.level)!) ?? 0}:${st.expected.text}`] : [],
    );
    const statements = a.statements.map((st): AssertionStatementResult => {
      const base: Args = { id: a.name.text, statement: st.kind, expected: expectedText(st) };
      if (st.kind === "level") base.level = st.level ? st.level.text : "";
      if (st.kind === "equals") {
        base.expression = st.expression ? expressionText(st.expression) : "";
        if (st.op) base.op = st.op;
        if (st.tolerance) base.tolerance = valueText(st.tolerance);
      }
      const o = outcome(st, a, base);
      if (typeof o.args.expected === "string") base.expected = o.args.expected;
      if (o.holds === false) {
        const args: Args = { ...base, ...o.args, actual: o.actual ?? "" };
        if (st.kind === "level" && levels.length) args.levels = levels.join(";");
        const d = sink.report("PERF220", a.uri, st.range, args);
        if (a.acknowledged) acknowledge(d, a.acknowledged.value);
        // one cause, one error: a total or grade computed from a tree with errors is their consequence
        const cause = st.kind === "total" || st.kind === "grade" ? scoringErrors[0] : undefined;
        if (cause) sink.fold(d, cause);
      }
      const r: AssertionStatementResult = { kind: st.kind, expected: base.expected as string, actual: o.actual, holds: o.holds, range: st.range };
      if (st.kind === "level" && st.level && levelOf(st.level) !== undefined) r.level = levelOf(st.level)!;
      if (typeof base.expression === "string") r.expression = base.expression;
      if (typeof base.tolerance === "string") r.tolerance = base.tolerance;
      if (typeof base.op === "string") r.op = base.op as A.AssertOperator;
      return r;
    });
    const holds = statements.some((s) => s.holds === false) ? false : statements.every((s) => s.holds === true) ? true : null;
    return {
      id: a.name.text,
      claim: a.claim?.value ?? null,
      holds,
      acknowledged: a.acknowledged?.value ?? null,
      statements,
      uri: a.uri,
      range: a.range,
    };
  });

  function unchecked(a: At<A.AssertDecl>, st: A.AssertStatement, base: Args, reason: string): Outcome {
    sink.report("PERF221", a.uri, st.range, { ...base, reason });
    return { holds: null, actual: null, args: {} };
  }

  function outcome(st: A.AssertStatement, a: At<A.AssertDecl>, base: Args): Outcome {
    switch (st.kind) {
      case "level": {
        if (!st.level || !st.expected) return { holds: null, actual: null, args: {} };
        const level = levelOf(st.level);
        if (level === undefined) return unchecked(a, st, base, "level");
        const n = perLevel.get(level) ?? 0;
        return { holds: new Decimal(st.expected.text).equals(n) && !st.expected.percent, actual: String(n), args: {} };
      }
      case "leaves":
        if (!st.expected) return { holds: null, actual: null, args: {} };
        return { holds: new Decimal(st.expected.text).equals(leaves) && !st.expected.percent, actual: String(leaves), args: {} };
      case "total": {
        if (!st.expected) return { holds: null, actual: null, args: {} };
        if (!hasTotal) return unchecked(a, st, base, "noTotal");
        return { holds: numberValue(st.expected).value.equals(scored.total), actual: decimalText(scored.total), args: {} };
      }
      case "grade": {
        if (!st.expected) return { holds: null, actual: null, args: {} };
        if (!hasTotal) return unchecked(a, st, base, "noTotal");
        const name = scored.grade.name;
        return { holds: name === st.expected.text, actual: name, args: {} };
      }
      case "equals": {
        if (!st.expression || (!st.expected && !st.right)) return { holds: null, actual: null, args: {} };
        const report = (code: Parameters<DiagnosticSink["report"]>[0], range: A.Range, args?: Args) => void sink.report(code, a.uri, range, args);
        const got = evaluateChecked(st.expression, subject.lookup, report, true);
        const stated = st.right ? evaluateChecked(st.right, subject.lookup, report, true) : numberValue(st.expected!);
        if (!got || !stated) return { holds: null, actual: null, args: {} };
        // a right side that is not a literal shows its value: 计划（2020年11月30日）
        const args: Args = st.right && st.right.kind !== "date" ? { expected: `${expressionText(st.right)}（${valueOf(stated)}）` } : {};
        // units are compared as written (400.5 万元 is not 400.5 元): a statement states the figure the report prints
        const want = stated;
        if (got.unit !== want.unit || !!got.date !== !!want.date) {
          if (daysAndMonths(got.unit, stated.unit)) sink.report("PERF214", a.uri, st.range, { left: got.unit!, right: stated.unit! });
          else sink.report("PERF060", a.uri, st.range, { op: "compare", left: got.date ? DATE_UNIT : got.unit ?? "", right: stated.date ? DATE_UNIT : stated.unit ?? "" });
          return { holds: null, actual: null, args: {} };
        }
        const tolerance = st.tolerance ? numberValue(st.tolerance).value : new Decimal(0);
        const diff = got.value.minus(want.value);
        const holds = { "=": diff.abs().lte(tolerance), "<=": diff.lte(tolerance), ">=": diff.gte(tolerance.negated()), "<": diff.lt(tolerance), ">": diff.gt(tolerance.negated()) }[st.op ?? "="];
        return { holds, actual: got.date || !st.expected ? valueOf(got) : shown(got, st.expected), args };
      }
    }
  }
}

/** A level written as a whole number from 1, or undefined. */
function levelOf(v: A.NumberValue): number | undefined {
  if (v.percent || v.unit || !/^\d+$/.test(v.text)) return undefined;
  const n = Number(v.text);
  return n >= 1 && n <= 100 ? n : undefined;
}

function valueText(v: A.NumberValue): string {
  return `${v.text}${v.percent ? "%" : ""}${v.unit ? " " + v.unit : ""}`;
}

/** A computed value as text: a date as the report writes it, a number with its unit. */
function valueOf(q: Quantity): string {
  return q.date ? dateValueText(q) : `${decimalText(q.value)}${q.unit ? " " + q.unit : ""}`;
}

function expectedText(st: A.AssertStatement): string {
  if (st.kind === "grade") return st.expected?.text ?? "";
  if (st.kind === "equals" && st.right) return expressionText(st.right);
  return st.expected ? valueText(st.expected) : "";
}

/**
 * The computed value as the statement writes its own: a percentage when it states one, with two
 * more decimals than it prints (so 95.9062% shows why 95.91% holds within 0.01%), else the exact
 * value cut at four more decimals than stated (a quotient may not end).
 */
function shown(q: Quantity, expected: A.NumberValue): string {
  const places = (expected.text.split(".")[1]?.length ?? 0) + (expected.percent ? 2 : 4);
  if (expected.percent) return `${decimalText(roundHalfUp(q.value.times(100), places))}%`;
  const v = q.value.decimalPlaces() > places ? roundHalfUp(q.value, places) : q.value;
  return `${decimalText(v)}${q.unit ? " " + q.unit : ""}`;
}

/** Acknowledged audit diagnostics keep their reason in `data.acknowledged`. */
export function acknowledgedReason(d: Diagnostic): string | undefined {
  const r = d.data?.acknowledged;
  return typeof r === "string" ? r : undefined;
}
