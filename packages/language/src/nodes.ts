import type * as A from "./ast.js";
import type { Range } from "./range.js";

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
