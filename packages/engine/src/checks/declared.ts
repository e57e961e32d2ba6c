import type { Diagnostic } from "@perf/language";
import { ZERO, decimalText, sum, type Decimal } from "../decimal.js";
import { numberValue } from "../expression.js";
import type { DeclaredTotal } from "../framework.js";
import type { ScoredNode } from "../phases/score.js";
import type { DiagnosticSink } from "../sink.js";
import { weightOf } from "./weights.js";

/** Diagnostics that change the score of the indicator owning them. */
const changesScore = (d: Diagnostic) => d.severity === "error" || d.code === "PERF030" || d.code === "PERF033";

const bySource = (a: Diagnostic, b: Diagnostic) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.offset - b.range.start.offset);

/** What a branch's declared score should be if each child's declared score (or, lacking one, its computed score) is right. */
function fromChildren(children: { declared: Decimal | null; score: Decimal | null }[]): Decimal {
  return sum(children.map((c) => c.declared ?? c.score ?? ZERO));
}

const declaredOf = (n: ScoredNode) => (n.decl.declared ? numberValue(n.decl.declared).value : null);

/**
 * PERF040: a declared score that differs from the computed one, one cause one error. The
 * mismatch is folded into its cause, as related information, when
 * - the indicator itself has an error that changes its score (an unknown fact, a score out of range…);
 * - it is a branch whose declared score is what its children declare (or compute), and an error or
 *   a mismatch below explains the difference;
 * - it is a leaf whose parent's children do not sum to the parent's weight (PERF010), and the
 *   weight that would make them sum gives the declared score.
 * The same holds for the declared total (the evaluation's, or a subject's) against the top-level indicators.
 */
export function checkDeclared(
  tree: ScoredNode[],
  total: Decimal,
  declaredTotal: DeclaredTotal | undefined,
  sink: DiagnosticSink,
  rescore: (node: ScoredNode, weight: Decimal) => Decimal | null,
): void {
  // Indexed once: the score-changing diagnostics, and the weight-sum ones, of each indicator.
  const byOwner = new Map<string, Diagnostic[]>();
  const sums = new Map<string, Diagnostic>();
  for (const d of sink.list) {
    const owner = sink.owners.get(d);
    if (owner === undefined || !sink.reported(d)) continue;
    if (changesScore(d)) {
      const list = byOwner.get(owner);
      if (list) list.push(d);
      else byOwner.set(owner, [d]);
    }
    if (d.code === "PERF010" && !sums.has(owner)) sums.set(owner, d);
  }
  const own = (n: ScoredNode) => byOwner.get(n.decl.name.text) ?? [];
  /** Where a declared value is written: an indicator's own, or a subject's `assess` (`declaredUri`). */
  const declaredAt = (n: ScoredNode) => (n.decl as { declaredUri?: string }).declaredUri ?? n.uri;
  const mismatch = (declared: Decimal, computed: Decimal, uri: string, n: { range: Diagnostic["range"] }, name: string) =>
    sink.report("PERF040", uri, n.range, { name, declared: decimalText(declared), computed: decimalText(computed) }, { computed: decimalText(computed) });

  const visit = (n: ScoredNode, parent: ScoredNode | undefined): Diagnostic[] => {
    const below = n.children.flatMap((c) => visit(c, n)).sort(bySource);
    const mine = own(n);
    const causes = [...mine, ...below];
    const declared = declaredOf(n);
    if (declared === null || n.score === null || declared.equals(n.score)) return causes;
    const d = mismatch(declared, n.score, declaredAt(n), n.decl.declared!, n.decl.title?.value ?? n.decl.name.text);
    let cause: Diagnostic | undefined = mine[0];
    if (!cause && below.length && declared.equals(fromChildren(n.children.map((c) => ({ declared: declaredOf(c), score: c.score }))))) cause = below[0];
    if (!cause && !n.children.length && parent) cause = weightCause(n, parent, declared);
    if (cause) sink.fold(d, cause);
    else causes.push(d);
    return causes;
  };

  const weightCause = (n: ScoredNode, parent: ScoredNode, declared: Decimal): Diagnostic | undefined => {
    const sumCheck = sums.get(parent.decl.name.text);
    if (!sumCheck) return undefined;
    const excess = sum(parent.decl.children.map(weightOf)).minus(weightOf(parent.decl));
    const weight = weightOf(n.decl).minus(excess);
    if (weight.lessThan(0)) return undefined;
    const s = rescore(n, weight);
    return s !== null && s.equals(declared) ? sumCheck : undefined;
  };

  const causes = tree.flatMap((n) => visit(n, undefined)).sort(bySource);
  if (!declaredTotal) return;
  const declared = numberValue(declaredTotal.value).value;
  if (declared.equals(total)) return;
  const reported = mismatch(declared, total, declaredTotal.uri, declaredTotal.value, declaredTotal.name);
  if (causes.length && declared.equals(fromChildren(tree.map((n) => ({ declared: declaredOf(n), score: n.score }))))) sink.fold(reported, causes[0]!);
}
