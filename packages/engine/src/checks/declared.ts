import type { Diagnostic } from "@perf/language";
import { bySource } from "@perf/language";
import { ZERO, decimalText, sum, type Decimal } from "../decimal.js";
import { numberValue } from "../expression.js";
import type { DeclaredTotal } from "../framework.js";
import type { ScoredNode } from "../phases/score.js";
import type { DiagnosticSink } from "../sink.js";
import { weightOf } from "./weights.js";

/** Diagnostics that change the score of the indicator owning them. */
const changesScore = (d: Diagnostic) => d.severity === "error" || d.code === "PERF030" || d.code === "PERF033";

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
  const c: Declared = { byOwner, sums, sink, rescore };
  const causes: Diagnostic[] = [];
  // loops, not push(...): a subtree may hold more causes than a call has room for arguments
  for (const n of tree) for (const x of visit(c, n, undefined)) causes.push(x);
  causes.sort(bySource);
  if (!declaredTotal) return;
  const declared = numberValue(declaredTotal.value).value;
  if (declared.equals(total)) return;
  const reported = mismatch(sink, declared, total, declaredTotal.uri, declaredTotal.value, declaredTotal.name);
  if (causes.length && declared.equals(fromChildren(tree.map((n) => ({ declared: declaredOf(n), score: n.score }))))) sink.fold(reported, causes[0]!);
}

/** What the walk of checkDeclared works with: module-level functions over one object, not closures made per analysis (decision 0219). */
interface Declared {
  /** The score-changing diagnostics of each indicator. */
  byOwner: Map<string, Diagnostic[]>;
  /** The weight-sum diagnostic (PERF010) of each indicator. */
  sums: Map<string, Diagnostic>;
  sink: DiagnosticSink;
  rescore: (node: ScoredNode, weight: Decimal) => Decimal | null;
}

/** Where a declared value is written: an indicator's own, or a subject's `assess` (`declaredUri`). */
const declaredAt = (n: ScoredNode) => (n.decl as { declaredUri?: string }).declaredUri ?? n.uri;

function mismatch(sink: DiagnosticSink, declared: Decimal, computed: Decimal, uri: string, n: { range: Diagnostic["range"] }, name: string): Diagnostic {
  return sink.report("PERF040", uri, n.range, { name, declared: decimalText(declared), computed: decimalText(computed) }, { computed: decimalText(computed) });
}

/** A node's mismatch, folded into its cause or returned among the causes above it, with those of its subtree. */
function visit(c: Declared, n: ScoredNode, parent: ScoredNode | undefined): Diagnostic[] {
  let below = none;
  for (const child of n.children) {
    const found = visit(c, child, n);
    if (!found.length) continue;
    if (below === none) below = [];
    for (const x of found) below.push(x);
  }
  if (below.length > 1) below.sort(bySource);
  const mine = c.byOwner.get(n.decl.name.text) ?? none;
  // most indicators have no cause at all: the shared empty list, never written to, stands for them
  const causes = !mine.length && !below.length ? none : mine.concat(below);
  const declared = declaredOf(n);
  if (declared === null || n.score === null || declared.equals(n.score)) return causes;
  const d = mismatch(c.sink, declared, n.score, declaredAt(n), n.decl.declared!, n.decl.title?.value ?? n.decl.name.text);
  let cause: Diagnostic | undefined = mine[0];
  if (!cause && below.length && declared.equals(fromChildren(n.children.map((x) => ({ declared: declaredOf(x), score: x.score }))))) cause = below[0];
  if (!cause && !n.children.length && parent) cause = weightCause(c, n, parent, declared);
  if (cause) {
    c.sink.fold(d, cause);
    return causes;
  }
  if (causes === none) return [d];
  causes.push(d);
  return causes;
}

/** The causes of a subtree without any: shared, so never pushed to (visit copies it first). */
const none: Diagnostic[] = [];

function weightCause(c: Declared, n: ScoredNode, parent: ScoredNode, declared: Decimal): Diagnostic | undefined {
  const sumCheck = c.sums.get(parent.decl.name.text);
  if (!sumCheck) return undefined;
  const excess = sum(parent.decl.children.map(weightOf)).minus(weightOf(parent.decl));
  const weight = weightOf(n.decl).minus(excess);
  if (weight.lessThan(0)) return undefined;
  const s = c.rescore(n, weight);
  return s !== null && s.equals(declared) ? sumCheck : undefined;
}
