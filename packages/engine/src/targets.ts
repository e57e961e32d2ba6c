import type * as A from "@perf/language";
import { acknowledge } from "@perf/language";
import { dayNumber, isValidDate, isoDate, isoOfDay } from "./dates.js";
import { Decimal, ONE, ZERO, decimalText, divide, roundHalfUp } from "./decimal.js";
import { dateValueText, expressionText, numberValue, type Lookup, type Quantity } from "./expression.js";
import { evaluateChecked } from "./checks/units.js";
import type { At, Linked, SubjectModel } from "./model.js";
import type { TargetResult } from "./schema.js";
import type { DiagnosticSink } from "./sink.js";

/** A target as judged, with the exact completion the `targets` scoring method uses. */
export interface TargetEvaluation {
  result: TargetResult;
  /** Exact completion (a fraction, not capped); for a qualitative target, undefined (its tier decides). */
  completion: Decimal | null;
  met: boolean | null;
  tier: A.TierName | null;
}

/** The default deviation threshold: an over-achievement beyond 20% says the target was set badly. */
export const DEFAULT_DEVIATION = new Decimal("0.2");

/** Units of one dimension that convert; a target's actual value is converted to its expected unit. */
const conversions: Record<string, { dimension: string; factor: Decimal }> = {
  元: { dimension: "money", factor: new Decimal(1) },
  千元: { dimension: "money", factor: new Decimal(1000) },
  万元: { dimension: "money", factor: new Decimal(10000) },
  亿元: { dimension: "money", factor: new Decimal(100000000) },
  分钟: { dimension: "time", factor: new Decimal(1) },
  小时: { dimension: "time", factor: new Decimal(60) },
  天: { dimension: "time", factor: new Decimal(1440) },
};

/** `q` in `unit`, or undefined when the units differ and do not convert. */
export function convertTo(q: Quantity, unit: string | null): Quantity | undefined {
  if (q.unit === unit) return q;
  const from = q.unit ? conversions[q.unit] : undefined;
  const to = unit ? conversions[unit] : undefined;
  if (!from || !to || from.dimension !== to.dimension) return undefined;
  return { value: divide(q.value.times(from.factor), to.factor), unit };
}

const operatorSymbols: Record<A.TargetOperator, string> = { ">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<" };

function quantityText(n: A.NumberValue): string {
  return `${n.text}${n.percent ? "%" : ""}${n.unit ? " " + n.unit : ""}`;
}

function expectedText(e: A.TargetExpect): string {
  if (e.kind === "qualitative") return e.text.value;
  if (e.kind === "between") return `${e.low ? quantityText(e.low) : "?"} ~ ${e.high ? quantityText(e.high) : "?"}`;
  const v = e.value ? (e.value.kind === "date" ? e.value.text : quantityText(e.value)) : "?";
  if (e.word) return e.word.after ? `${v}${e.word.text}` : `${e.word.text}${v}`;
  return e.bare ? v : `${operatorSymbols[e.op]}${v}`;
}

/** A computed actual value as the table shows it: in percent when the target is a percentage. */
function shownValue(q: Quantity, e: A.TargetExpect | undefined): string {
  const percent = e?.kind === "compare" ? e.value?.kind === "number" && e.value.percent : e?.kind === "between" && e.low?.percent;
  if (percent && !q.unit) return `${decimalText(q.value.times(100))}%`;
  return `${decimalText(q.value)}${q.unit ? " " + q.unit : ""}`;
}

const fraction = (d: Decimal) => decimalText(roundHalfUp(d, 4));

/**
 * Judges every target of the evaluation: met or not, completion (actual ÷ target for ≥ and >,
 * target ÷ actual for ≤ and <, not capped), deviation (completion − 1; days late for a deadline),
 * and warns (PERF240, an audit code) when the over-achievement is beyond the threshold.
 */
export function evaluateTargets(model: Linked, lookup: Lookup, sink: DiagnosticSink, subject?: SubjectModel): Map<string, TargetEvaluation> {
  const out = new Map<string, TargetEvaluation>();
  const header = model.header?.decl.deviation;
  const defaultThreshold = header ? numberValue(header).value : DEFAULT_DEVIATION;
  const judge = (t: At<A.TargetDecl>) => out.set(t.name.text, evaluateTarget(t, lookup, sink, t.deviation ? numberValue(t.deviation).value : defaultThreshold));
  const own = new Map((subject?.targets ?? []).map((t) => [t.name.text, t]));
  for (const t of model.targets) {
    if (!isDefiningTarget(t, model)) continue;
    const mine = own.get(t.name.text);
    own.delete(t.name.text);
    judge(mine ? subjectTarget(t, mine) : t);
  }
  // the subject's targets of its own, after the evaluation's
  for (const t of own.values()) judge(t);
  return out;
}

/**
 * An evaluation-wide target as one subject states it (decision 0182): what the subject's block
 * writes (its actual, tier, reason, even its own target value) replaces the evaluation's clause;
 * the rest (title, class, target value, threshold) is the evaluation's. Findings point at the subject's block.
 */
function subjectTarget(t: At<A.TargetDecl>, mine: At<A.TargetDecl>): At<A.TargetDecl> {
  const merged: At<A.TargetDecl> = { ...t, name: mine.name, range: mine.range, uri: mine.uri };
  for (const k of ["title", "class", "expect", "actual", "tier", "reason", "deviation", "acknowledged"] as const) if (mine[k] !== undefined) (merged as unknown as Record<string, unknown>)[k] = mine[k];
  return merged;
}

/** Whether `t` defines its name: a duplicate (PERF021) is not judged again. */
function isDefiningTarget(t: At<A.TargetDecl>, model: Linked): boolean {
  const s = model.symbols.get(t.name.text);
  return s?.kind === "target" && s.nameRange === t.name.range;
}

function evaluateTarget(t: At<A.TargetDecl>, lookup: Lookup, sink: DiagnosticSink, threshold: Decimal): TargetEvaluation {
  const name = t.title?.value ?? t.name.text;
  const report = (code: Parameters<DiagnosticSink["report"]>[0], range: A.Range, args: Record<string, string | number>) => sink.report(code, t.uri, range, args);
  const result: TargetResult = {
    id: t.name.text,
    name,
    class: t.class?.value ?? null,
    operator: !t.expect ? null : t.expect.kind === "compare" ? t.expect.op : t.expect.kind,
    expected: { text: t.expect ? expectedText(t.expect) : "", value: null, unit: null },
    actual: null,
    met: null,
    completion: null,
    deviation: null,
    deviationUnit: null,
    tier: t.tier?.value ?? null,
    deviationTooLarge: false,
    reason: t.reason?.value ?? null,
    acknowledged: t.acknowledged?.value ?? null,
    uri: t.uri,
    range: t.range,
  };
  const judged: TargetEvaluation = { result, completion: null, met: null, tier: t.tier?.value ?? null };
  const dates = [t.expect?.kind === "compare" && t.expect.value?.kind === "date" ? t.expect.value : undefined, t.actual?.kind === "date" ? t.actual.date : undefined];
  let invalid = false;
  for (const d of dates) {
    if (d && !isValidDate(d)) {
      report("PERF242", d.range, { date: d.text });
      invalid = true;
    }
  }

  const a = t.actual;
  let actual: Quantity | undefined;
  if (a?.kind === "text") result.actual = { text: a.text.value, value: null, unit: null };
  else if (a?.kind === "date") result.actual = { text: a.date.text, value: invalid ? null : isoDate(a.date), unit: null };
  else if (a?.kind === "expression") {
    actual = evaluateChecked(a.expression, lookup, (code, range, args) => report(code, range, args ?? {}), true);
    // `actual 完工日期`: a fact (or an expression) holding a date prints as the report writes it
    if (actual?.date) result.actual = { text: dateValueText(actual), value: isoOfDay(actual.value.toNumber()), unit: null };
    else result.actual = { text: actual && a.expression.kind !== "number" ? shownValue(actual, t.expect) : expressionText(a.expression), value: actual ? decimalText(actual.value) : null, unit: actual?.unit ?? null };
  }

  const e = t.expect;
  if (!e) {
    report("PERF243", t.name.range, { name, what: "expect" });
    return judged;
  }
  if (e.kind === "qualitative") {
    if (t.tier) judged.met = result.met = t.tier.value === "met";
    // `actual -`: the report states no outcome, so there is no tier to give
    else if (t.actual?.kind !== "none") report("PERF243", t.name.range, { name, what: "tier" });
    return judged;
  }
  if (!a || a.kind === "none") {
    // `actual -`: the report states none; the file says so, so nothing is missing
    if (!a) report("PERF243", t.name.range, { name, what: "actual" });
    return judged;
  }

  if (e.kind === "compare" && e.value?.kind === "date") {
    result.expected.value = invalid ? null : isoDate(e.value, e.op === "<=" || e.op === ">");
    if (a.kind === "expression" && !actual) return judged;
    if (a.kind !== "date" && !actual?.date) {
      report("PERF244", a.range, { name, expected: "date", actual: a.kind === "text" ? "text" : "number" });
      return judged;
    }
    if (invalid) return judged;
    // a deadline `<= 2020年11月` allows the whole month; `>= 2020年11月` starts on its first day
    const deadline = dayNumber(e.value, e.op === "<=" || e.op === ">");
    const done = a.kind === "date" ? dayNumber(a.date) : actual!.value.toNumber();
    const met = { ">=": done >= deadline, "<=": done <= deadline, "=": done === deadline, ">": done > deadline, "<": done < deadline }[e.op];
    judged.met = result.met = met;
    judged.completion = met ? ONE : ZERO;
    result.completion = decimalText(judged.completion);
    result.deviation = String(done - deadline);
    result.deviationUnit = "days";
    return judged;
  }
  if (a.kind !== "expression") {
    report("PERF244", a.range, { name, expected: "number", actual: a.kind });
    return judged;
  }
  if (!actual) return judged;
  if (actual.date) {
    report("PERF244", a.range, { name, expected: "number", actual: "date" });
    return judged;
  }

  const expectedValues = e.kind === "between" ? [e.low, e.high] : [e.value?.kind === "number" ? e.value : undefined];
  if (expectedValues.some((v) => !v)) return judged;
  const [first, second] = expectedValues.map((v) => numberValue(v!));
  const unit = first!.unit;
  result.expected.value = decimalText(first!.value);
  result.expected.unit = unit;
  const converted = convertTo(actual, unit);
  if (!converted) {
    report("PERF241", a.range, { name, expected: unit ?? "", actual: actual.unit ?? "" });
    return judged;
  }
  const v = converted.value;
  let completion: Decimal | null;
  let met: boolean;
  if (e.kind === "between") {
    const [low, high] = [first!.value, second!.value];
    met = v.gte(low) && v.lte(high);
    completion = met ? ONE : v.lt(low) ? (low.isZero() ? null : divide(v, low)) : v.isZero() ? null : divide(high, v);
  } else {
    const target = first!.value;
    met = { ">=": v.gte(target), "<=": v.lte(target), "=": v.eq(target), ">": v.gt(target), "<": v.lt(target) }[e.op];
    const lowerIsBetter = e.op === "<=" || e.op === "<";
    const [num, den] = lowerIsBetter ? [target, v] : [v, target];
    completion = den.isZero() ? (num.isZero() ? ONE : null) : divide(num, den);
  }
  judged.met = result.met = met;
  judged.completion = completion;
  if (completion) {
    result.completion = fraction(completion);
    const deviation = completion.minus(1);
    result.deviation = fraction(deviation);
    result.deviationUnit = "fraction";
    const beyond = e.kind === "compare" && e.op === "=" ? deviation.abs().gt(threshold) : deviation.gt(threshold);
    if (beyond) {
      result.deviationTooLarge = true;
      const d = report("PERF240", t.name.range, {
        name,
        actual: result.actual?.text ?? "",
        expected: result.expected.text,
        deviation: roundHalfUp(deviation.times(100), 2).toFixed(2),
        threshold: decimalText(threshold.times(100)),
      });
      if (t.acknowledged) acknowledge(d, t.acknowledged.value);
    }
  }
  return judged;
}
