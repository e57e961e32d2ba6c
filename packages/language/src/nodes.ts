import type * as A from "./ast.js";
import type { Position, Range } from "./range.js";

/*
 * The AST nodes that have optional properties, each made by one object literal that names every
 * property (decision 0214). A node whose optional properties were added one by one took a chain
 * of hidden-class transitions that depended on which clauses the source had and in what order:
 * the engine read nodes of many shapes, and when no tree was alive a full collection dropped
 * those classes and the parser's optimised code with them. A literal gives every node of a kind
 * one class, which its allocation site keeps. Both builders (the fast parser and the CST
 * builder) make nodes here, so they give the same shapes and key order. An absent property is
 * `undefined`: `JSON.stringify` leaves it out, `!== undefined` and truthiness read it as before,
 * only `in` and `Object.keys` can tell.
 */

export function numberValue(text: string, percent: boolean, range: Range, unit: string | undefined): A.NumberValue {
  return { kind: "number", text, percent, range, unit };
}

/** An indicator with its head; `range` may be filled in when the body has been read. */
export function indicatorDecl(name: A.Name, title: A.StringValue | undefined, weight: A.NumberValue | undefined, range: Range, headRange: Range): A.IndicatorDecl {
  return {
    kind: "indicator",
    name,
    evidence: [],
    methods: [],
    children: [],
    range,
    headRange,
    title,
    weight,
    explain: undefined,
    criteria: undefined,
    note: undefined,
    declared: undefined,
    rows: undefined,
  };
}

export function findingDecl(name: A.Name, title: A.StringValue | undefined, on: A.Name[], range: Range): A.FindingDecl {
  return {
    kind: "finding",
    name,
    on,
    evidence: [],
    range,
    title,
    unit: undefined,
    project: undefined,
    class: undefined,
    type: undefined,
    issue: undefined,
    description: undefined,
    count: undefined,
    subject: undefined,
    rows: undefined,
  };
}

/**
 * A fact: a plain number (or its negation) without `in UNIT` is a literal fact with `value`, as
 * before computed facts existed; anything else is computed, with `expression`.
 */
export function factDecl(name: A.Name, range: Range, e: A.Expression | undefined, convert: A.Name | undefined, description: A.StringValue | undefined): A.FactDecl {
  let value: A.NumberValue | undefined;
  let negative: boolean | undefined;
  let expression: A.Expression | undefined;
  if (e?.kind === "number" && !convert) value = e;
  else if (e?.kind === "negate" && e.operand.kind === "number" && !convert) {
    value = e.operand;
    negative = true;
  } else expression = e;
  return { kind: "fact", name, range, convert, value, negative, expression, description };
}

export function deduction(range: Range, amount: A.NumberValue | undefined, reason: A.StringValue | undefined): A.Deduction {
  return { range, amount, reason };
}

export function perFinding(range: Range, each: A.NumberValue | undefined, max: A.NumberValue | undefined): Extract<A.ScoringMethod, { kind: "perFinding" }> {
  return { kind: "perFinding", range, each, max };
}

export function band(range: Range, comparator: A.Comparator | undefined, threshold: A.Expression | undefined, score: A.NumberValue | undefined): A.Band {
  return { range, comparator, threshold, score };
}

export function element(
  range: Range,
  label: A.StringValue | undefined,
  share: A.NumberValue | undefined,
  met: { value: boolean; range: Range } | undefined,
  reason: A.StringValue | undefined,
): A.Element {
  return { range, label, share, met, reason };
}

/*
 * The declarations and parts below had their optional clauses added after their literal, in an
 * order the source decided, until documents of different shapes analysed in turn showed the
 * fast parser's `file()` thrown away when such a class died with its tree (decision 0219's
 * follow-up): each is one literal now, its required properties first, as they were.
 */

export function surveyDecl(name: A.Name, range: Range, title: A.StringValue | undefined): A.SurveyDecl {
  return { kind: "survey", name, range, title, satisfaction: undefined, respondents: undefined, note: undefined, tally: undefined };
}

export function vetoDecl(name: A.Name, range: Range, title: A.StringValue | undefined): A.VetoDecl {
  return { kind: "veto", name, range, title, triggered: undefined, grade: undefined };
}

export function subjectDecl(name: A.Name, members: A.SubjectMember[], range: Range, keywordRange: Range, title: A.StringValue | undefined): A.SubjectDecl {
  return { kind: "subject", name, members, range, keywordRange, title, declared: undefined, grade: undefined };
}

export function overrideDecl(indicator: A.Name, range: Range): A.OverrideDecl {
  return { kind: "override", indicator, range, weight: undefined, rule: undefined, reason: undefined };
}

export function unitDef(name: A.Name, range: Range, equals: A.NumberValue | undefined): A.UnitDef {
  return { name, range, equals };
}

export function tableDecl(name: A.Name, columns: A.TableColumn[], rows: A.TableRow[], printed: A.PrintedTotal[], range: Range, title: A.StringValue | undefined): A.TableDecl {
  return { kind: "table", name, columns, rows, printed, range, title };
}

export function tableColumn(name: A.Name, type: A.Name, range: Range, title: A.StringValue | undefined): A.TableColumn {
  return { name, type, range, title };
}

export function printedTotal(kind: A.PrintedTotal["kind"], values: A.PrintedTotal["values"], range: Range): A.PrintedTotal {
  return { kind, values, range, name: undefined, rows: undefined, acknowledged: undefined };
}

export function assertDecl(name: A.Name, statements: A.AssertStatement[], blockEnd: Position, range: Range): A.AssertDecl {
  return { kind: "assert", name, statements, blockEnd, range, claim: undefined, acknowledged: undefined };
}

export function equalsStatement(range: Range): Extract<A.AssertStatement, { kind: "equals" }> {
  return { kind: "equals", range, expected: undefined, expression: undefined, op: undefined, right: undefined, tolerance: undefined };
}

export function targetDecl(name: A.Name, range: Range, title: A.StringValue | undefined): A.TargetDecl {
  return {
    kind: "target",
    name,
    range,
    title,
    class: undefined,
    expect: undefined,
    actual: undefined,
    tier: undefined,
    reason: undefined,
    deviation: undefined,
    acknowledged: undefined,
  };
}

export function gradeBand(name: A.Name, range: Range, lower: A.NumberValue | undefined, upper: A.NumberValue | undefined): A.GradeBand {
  return { name, range, lower, upper };
}

export function evaluationHeader(range: Range, keywordRange: Range, title: A.StringValue | undefined): A.EvaluationHeader {
  return {
    kind: "evaluation",
    range,
    keywordRange,
    title,
    period: undefined,
    client: undefined,
    evaluator: undefined,
    subject: undefined,
    total: undefined,
    precision: undefined,
    grades: undefined,
    declared: undefined,
    grade: undefined,
    use: undefined,
    evaluationKind: undefined,
    quorum: undefined,
    deviation: undefined,
  };
}

export function frameworkHeader(range: Range, keywordRange: Range, name: A.Name | undefined, title: A.StringValue | undefined): A.FrameworkHeader {
  return { kind: "framework", range, keywordRange, name, title, total: undefined, precision: undefined, grades: undefined };
}

export function assessDecl(indicator: A.Name, deductions: A.Deduction[], range: Range): A.AssessDecl {
  return { kind: "assess", indicator, deductions, evidence: [], range, score: undefined, declared: undefined, note: undefined };
}

export function tallyLevel(name: A.Name, range: Range, count: A.NumberValue | undefined, weight: A.NumberValue | undefined): A.TallyLevel {
  return { name, range, count, weight };
}

export function betweenExpect(range: Range, low: A.NumberValue | undefined, high: A.NumberValue | undefined): Extract<A.TargetExpect, { kind: "between" }> {
  return { kind: "between", range, low, high };
}

export function compareExpect(op: A.TargetOperator, range: Range, value: A.NumberValue | A.DateValue | undefined): Extract<A.TargetExpect, { kind: "compare" }> {
  return { kind: "compare", op, range, value, word: undefined, bare: undefined };
}
