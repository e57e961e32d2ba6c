import type * as A from "@perf/language";
import { Decimal, ZERO, decimalText, rateText, sum } from "../decimal.js";
import { numberText, type Quantity } from "../expression.js";
import { evaluateChecked } from "../checks/units.js";
import { weightOf, weightText } from "../checks/weights.js";
import type { Framework, Subject } from "../framework.js";
import type { Attachment } from "../model.js";
import { scorers, type LeafContext, type LeafScore } from "../methods/index.js";

import type { IndicatorResult } from "../schema.js";
import { DiagnosticSink } from "../sink.js";
import { ClassKeeper } from "../class-keeper.js";

/** An indicator with its computed score, kept next to its result for the checks that follow scoring. */
export interface ScoredNode {
  decl: A.IndicatorDecl;
  uri: string;
  result: IndicatorResult;
  score: Decimal | null;
  children: ScoredNode[];
}

export interface ScoredTree {
  nodes: ScoredNode[];
  byId: Map<string, IndicatorResult>;
  total: Decimal;
  leaves: number;
  scoredLeaves: number;
}

/** A leaf scored by its one method, against the subject's inputs, at a given weight. */
export function scoreLeaf(framework: Framework, subject: Subject, d: A.IndicatorDecl, uri: string, weight: Decimal, sink: DiagnosticSink): LeafScore | null {
  const m = d.methods[0];
  if (!m) return null;
  const ctx = new Leaf(framework, subject, d, uri, weight, sink, (m as { uri?: string }).uri ?? uri);
  const saved = sink.enter(d.name.text);
  try {
    return (scorers[m.kind] as (m: A.ScoringMethod, ctx: LeafContext) => LeafScore)(m, ctx);
  } finally {
    sink.leave(saved);
  }
}

/** The LeafContext of one leaf: one object per leaf, its methods on the prototype (not a closure each). */
class Leaf implements LeafContext {
  readonly name: string;
  readonly precision: number;

  constructor(
    framework: Framework,
    private readonly subject: Subject,
    readonly decl: A.IndicatorDecl,
    readonly uri: string,
    readonly weight: Decimal,
    private readonly sink: DiagnosticSink,
    /** a subject's `assess` gives the method: its diagnostics point there */
    private readonly methodUri: string,
  ) {
    this.name = decl.title?.value ?? decl.name.text;
    this.precision = framework.precision;
  }

  report(code: Parameters<LeafContext["report"]>[0], range: A.Range, args: Parameters<LeafContext["report"]>[2] = {}, data?: Record<string, string | number>, at?: string): void {
    this.sink.report(code, at ?? this.methodUri, range, args, data);
  }

  evaluate(e: A.Expression) {
    return evaluateChecked(e, this.subject.lookup, (code, range, args) => this.report(code, range, args));
  }

  convert(q: Quantity, unit: string) {
    return this.subject.lookup.convert?.(q, unit);
  }

  attached() {
    return [...new Set((this.subject.attachments.get(this.decl.name.text) ?? []).map((a) => a.finding))];
  }

  survey(id: string) {
    return this.subject.surveys.get(id);
  }

  target(id: string) {
    return this.subject.targets?.get(id);
  }

  percentInput(e: A.Expression) {
    while (e.kind === "paren") e = e.inner;
    if (e.kind === "number") return e.percent ? e : undefined;
    if (e.kind !== "ref") return undefined;
    const v = this.subject.facts.get(e.name.text)?.value ?? this.subject.surveys.get(e.name.text)?.satisfaction;
    return v?.percent ? v : undefined;
  }
}

/** Phase 4: the subject's score at every node; a branch is the sum of its rounded, scored children. */
export function scoreTree(framework: Framework, subject: Subject, sink: DiagnosticSink): ScoredTree {
  return states.use({ framework, subject, sink, byId: new Map(), leaves: 0, scoredLeaves: 0 }, scoreRoots);
}

/** The tree scored from its roots (module-level, not a closure made per analysis: decision 0216). */
function scoreRoots(s: Scoring): ScoredTree {
  const nodes = s.framework.roots.map((root) => scoreNode(s, root, root.uri, [], 1));
  const total = sum(nodes.map((n) => n.score ?? ZERO));
  return { nodes, byId: s.byId, total, leaves: s.leaves, scoredLeaves: s.scoredLeaves };
}

/** The scoring walk's state, made once per tree: its class kept between analyses (decision 0221). */
const states = new ClassKeeper<Scoring>();

/** What the scoring walk reads and counts: one object, made by one literal (decision 0214). */
interface Scoring {
  framework: Framework;
  subject: Subject;
  sink: DiagnosticSink;
  byId: Map<string, IndicatorResult>;
  leaves: number;
  scoredLeaves: number;
}

/**
 * One indicator scored, its children first. A module-level function, not a closure made by each
 * scoreTree: V8 keeps a closure's optimised code only while a closure of it lives, and this walk —
 * with the scorers inlined, the largest function of an analysis to compile (≈ 60 ms) — was
 * compiled again every few analyses (decision 0216 is the same cure for the edit's carry-over).
 */
function scoreNode(s: Scoring, d: A.IndicatorDecl, uri: string, parentPath: string[], level: number): ScoredNode {
  const name = d.title?.value ?? d.name.text;
  const path = pathTo(parentPath, name);
  const weight = weightOf(d);
  const attached = s.subject.attachments.get(d.name.text);
  const r = newResult(d.name.text, name, path, level, weightText(d), d.declared ? numberText(d.declared) : null, attached ? findingNames(attached) : [], evidenceTexts(d.evidence), uri, d.range, d.name.range);
  // the texts an indicator has, as fields after the literal (resultShapes keeps their hidden classes)
  if (d.explain) r.explain = d.explain.value;
  if (d.criteria) r.criteria = d.criteria.value;
  if (d.note) r.note = d.note.value;
  if (!s.byId.has(r.id)) s.byId.set(r.id, r);
  const node: ScoredNode = { decl: d, uri, result: r, score: null, children: [] };
  if (d.children.length) {
    // one pass over the children: their nodes, their results and the sum of the scored ones
    const nodes: ScoredNode[] = [];
    const results: IndicatorResult[] = [];
    let total: Decimal | null = null;
    for (const c of d.children) {
      const child = scoreNode(s, c, uri, path, level + 1);
      nodes.push(child);
      results.push(child.result);
      if (child.score !== null) total = (total ?? ZERO).plus(child.score);
    }
    node.children = nodes;
    r.children = results;
    r.method = { kind: "sum" };
    node.score = total;
  } else {
    s.leaves++;
    const leaf = scoreLeaf(s.framework, s.subject, d, uri, weight, s.sink);
    if (leaf) {
      r.method = leaf.method;
      r.deductions = leaf.deductions;
      node.score = leaf.score;
    }
    if (node.score !== null) s.scoredLeaves++;
  }
  if (node.score !== null) {
    r.score = decimalText(node.score);
    if (!weight.isZero()) r.rate = rateText(node.score, weight);
  }
  return node;
}

/** An indicator's result before its score, texts and children: the one literal every result is made with. */
function newResult(id: string, name: string, path: string[], level: number, weight: string, declared: string | null, findings: string[], evidence: string[], uri: string, range: A.Range, nameRange: A.Range): IndicatorResult {
  return { id, name, path, level, weight, score: null, rate: null, declared, method: { kind: "none" }, deductions: [], findings, evidence, uri, range, nameRange, children: [] };
}

/**
 * One result for each set of texts an indicator may have (指标解释, 评价标准, 评价说明), added in
 * scoreNode's order, that lives as long as the module. Each set is a hidden class reached by adding
 * fields to newResult's; nothing else holds it, so with the last result of an analysis it died at
 * the next full collection, and the scoring walk compiled against it was thrown away and compiled
 * again by the next analysis (decision 0219; leafShape below is the same cure).
 */
export const resultShapes: readonly IndicatorResult[] = [1, 2, 3, 4, 5, 6, 7].map((texts) => {
  const at = { line: 0, character: 0, offset: 0 };
  const r = newResult("", "", [], 1, "0", null, [], [], "", { start: at, end: at }, { start: at, end: at });
  if (texts & 1) r.explain = "";
  if (texts & 2) r.criteria = "";
  if (texts & 4) r.note = "";
  return r;
});

/**
 * `[...parent, name]`, as an array literal of its length down to the fourth level. A result keeps
 * its path; a spread's array is made in the young generation and copied by every collection of the
 * analysis, a literal's is pretenured with the result around it (decision 0227).
 */
function pathTo(parent: readonly string[], name: string): string[] {
  switch (parent.length) {
    case 0:
      return [name];
    case 1:
      return [parent[0]!, name];
    case 2:
      return [parent[0]!, parent[1]!, name];
    case 3:
      return [parent[0]!, parent[1]!, parent[2]!, name];
    default:
      return [...parent, name];
  }
}

/** An indicator's evidence texts; none and one as literals, as pathTo makes paths. */
function evidenceTexts(evidence: readonly A.StringValue[]): string[] {
  if (evidence.length === 0) return [];
  if (evidence.length === 1) return [evidence[0]!.value];
  return evidence.map((e) => e.value);
}

/** The findings attached to an indicator, each once, in order (not an arrow function made per indicator: decision 0219). */
function findingNames(attached: readonly Attachment[]): string[] {
  const names = new Set<string>();
  for (const a of attached) names.add(a.finding.name.text);
  return [...names];
}

/**
 * A leaf context that lives as long as the module. Every other one dies with its analysis, and
 * once none is left a full collection drops the hidden classes a Leaf is built through — and the
 * optimised code of the scorers specialised to them, compiled again by the next analysis
 * (decision 0213; the parser's instance of decision 0209 is the same cure).
 */
export const leafShape: LeafContext = new Leaf(
  { precision: 0 } as Framework,
  { id: null, facts: new Map(), surveys: new Map(), attachments: new Map(), vetoes: [], lookup: (() => undefined) as unknown as Subject["lookup"], declared: undefined, targets: undefined },
  { name: { text: "" } } as A.IndicatorDecl,
  "",
  ZERO,
  new DiagnosticSink(),
  "",
);
