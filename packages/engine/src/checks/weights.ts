import type * as A from "@perf/language";
import type { Diagnostic } from "@perf/language";
import { ZERO, decimalText, sum, type Decimal } from "../decimal.js";
import { numberText, numberValue } from "../expression.js";
import { check, type Check } from "./check.js";

export function weightOf(d: A.IndicatorDecl): Decimal {
  return d.weight ? numberValue(d.weight).value : ZERO;
}

/** `decimalText(weightOf(d))`, one string per literal within an analysis. */
export function weightText(d: A.IndicatorDecl): string {
  return d.weight ? numberText(d.weight) : "0";
}

/**
 * PERF010 (children do not sum to a branch's weight) and PERF011 (roots do not sum to the
 * total), one cause one error: a mismatch that disappears once each mismatched child is given
 * the sum of its own children is a consequence, folded into the first such child's PERF010.
 */
const weightSums = check("weights", "evaluation", (header, { framework, sink }) => {
  const found = new Map<A.IndicatorDecl, Diagnostic>();
  /** The weight a node would have if every mismatch below were resolved at its cause. */
  const settled = (d: A.IndicatorDecl): Decimal => (found.has(d) ? sum(d.children.map(settled)) : weightOf(d));
  const firstBelow = (ds: A.IndicatorDecl[]) => ds.map((c) => found.get(c)).find((x) => x !== undefined);
  const visit = (d: A.IndicatorDecl, uri: string) => {
    for (const c of d.children) visit(c, uri);
    if (!d.children.length || !d.weight) return;
    const weight = weightOf(d);
    const childSum = sum(d.children.map(weightOf));
    if (childSum.equals(weight)) return;
    const diagnostic = sink.within(d.name.text, () =>
      sink.report("PERF010", uri, d.weight!.range, { name: d.title?.value ?? d.name.text, weight: decimalText(weight), sum: decimalText(childSum) }, { sum: decimalText(childSum) }),
    );
    const cause = firstBelow(d.children);
    // The children's own mismatches explain this one: the branch's weight is right.
    if (cause && sum(d.children.map(settled)).equals(weight)) sink.fold(diagnostic, cause);
    else found.set(d, diagnostic);
  };
  const roots = framework.roots;
  for (const r of roots) visit(r, r.uri);
  if (!roots.length) return;
  const total = framework.total;
  const s = sum(roots.map(weightOf));
  if (s.equals(total)) return;
  const where = header?.decl.total ? { uri: header.uri, range: header.decl.total.range } : header ? { uri: header.uri, range: header.decl.keywordRange } : { uri: roots[0]!.uri, range: roots[0]!.name.range };
  const d = sink.report("PERF011", where.uri, where.range, { sum: decimalText(s), total: decimalText(total) }, { sum: decimalText(s) });
  const cause = firstBelow(roots);
  if (cause && sum(roots.map(settled)).equals(total)) sink.fold(d, cause);
});

export const weightChecks: Check[] = [
  check("weights", "indicator", ({ decl, uri }, { sink }) => {
    if (!decl.weight) sink.within(decl.name.text, () => sink.report("PERF013", uri, decl.name.range, { name: decl.title?.value ?? decl.name.text }));
  }),
  weightSums,
];

