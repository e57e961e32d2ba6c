import { Decimal, deductionText, elementNumber, subjectResult, subjectsOf, type EvaluationResult, type FindingResult, type IndicatorResult, type Method } from "@perf/engine";

/** Before and after of one value. */
export interface Change<T> {
  old: T;
  new: T;
}

/** Why a leaf's score moved. */
export type Cause =
  | { kind: "findingAdded"; finding: string; cases: number }
  | { kind: "findingRemoved"; finding: string; cases: number }
  | { kind: "findingCount"; finding: string; old: number; new: number }
  | { kind: "deductionAdded"; amount: string; reason: string }
  | { kind: "deductionRemoved"; amount: string; reason: string }
  | { kind: "deductionEdited"; reason: string; old: string; new: string }
  | { kind: "factChanged"; fact: string; old: string | null; new: string | null; unit: string | null }
  | { kind: "surveyChanged"; survey: string; old: string | null; new: string | null };

/** The scoring rule, without the values it computed: what an author edits. */
export interface Rule {
  kind: Method["kind"];
  /** e.g. "实际支出 / 到位资金", "0.2 max 2", "mean(a, b)", "90%: 4; else: 0". */
  detail: string;
}

export interface NodeSnapshot {
  weight: string;
  score: string | null;
  rule: Rule;
  /** Indicators in the subtree, itself included. */
  size: number;
}

export interface NodeDiff {
  status: "added" | "removed" | "changed";
  id: string;
  /** Set when the indicator was renamed: its id before. */
  oldId?: string;
  /** Set when the indicator moved to another parent: its path before. */
  movedFrom?: string[];
  name: string;
  /** Display names from the root. */
  path: string[];
  level: number;
  leaf: boolean;
  weight?: Change<string>;
  rule?: Change<Rule>;
  score?: Change<string | null> & { delta: string | null };
  declared?: Change<string | null>;
  /** Text fields that changed: name, explain, criteria, note, evidence. */
  text: string[];
  causes: Cause[];
  /** The node itself, for added and removed ones. */
  snapshot?: NodeSnapshot;
}

export interface FindingDiff {
  status: "added" | "removed" | "changed";
  id: string;
  oldId?: string;
  title?: string;
  on: string[];
  count: number;
  onChange?: Change<string[]>;
  countChange?: Change<number>;
  /** Text fields that changed (unit, project, type, issue, description, evidence …). */
  text: string[];
}

export interface ValueDiff {
  status: "added" | "removed" | "changed";
  kind: "fact" | "survey" | "veto";
  id: string;
  value: Change<string | null>;
}

export interface EvaluationDiff {
  title: Change<string>;
  /** Header fields that changed: title, period, client, evaluator, subject, precision, grades. */
  header: string[];
  nodes: NodeDiff[];
  findings: FindingDiff[];
  values: ValueDiff[];
  /** Null when nothing is scored at the top (several subjects, a published total only). */
  total: Change<string | null> & { delta: string | null; weight: Change<string> };
  grade: Change<string | null>;
  vetoedBy: Change<string | null>;
  counts: DiffCounts;
  changed: boolean;
  /**
   * With several subjects: what the change does to every subject (its scores, total and grade).
   * The framework's own changes (weights, rules, texts) are in `nodes`, once for all subjects.
   */
  subjects?: SubjectDiff[];
}

export interface SubjectDiff {
  status: "added" | "removed" | "changed";
  id: string;
  name: string;
  /** Indicators whose score (or declared score) changed for this subject, with their causes. */
  nodes: NodeDiff[];
  /** Facts, surveys and vetoes of this subject that changed. */
  values: ValueDiff[];
  total: Change<string | null> & { delta: string | null };
  grade: Change<string | null>;
  vetoedBy: Change<string | null>;
  changed: boolean;
}

export interface DiffCounts {
  weights: number;
  rules: number;
  scores: number;
  indicatorsAdded: number;
  indicatorsRemoved: number;
  indicatorsRenamed: number;
  indicatorsMoved: number;
  deductions: number;
  findingsAdded: number;
  findingsRemoved: number;
  findingsChanged: number;
  facts: number;
  surveys: number;
  vetoes: number;
  texts: number;
  header: number;
}

export function ruleOf(m: Method): Rule {
  switch (m.kind) {
    case "fixed":
      return { kind: m.kind, detail: "" }; // the value is the score: a change shows as a score change
    case "ratio":
      return { kind: m.kind, detail: m.expression };
    case "perFinding":
      return { kind: m.kind, detail: m.each + (m.max !== null ? ` max ${m.max}` : "") };
    case "bands":
      return { kind: m.kind, detail: `${m.expression} { ${m.bands.map((b) => `${b.condition}: ${b.score}`).join("; ")} }` };
    case "satisfaction":
      return { kind: m.kind, detail: `${m.aggregation}(${m.surveys.map((s) => s.id).join(", ")})` };
    case "elements":
      // 要素法: each criterion's share and mark, so a criterion turned unmet shows as a rule change
      return { kind: m.kind, detail: m.elements.map((e, i) => `${elementNumber(i + 1)}${e.share}${e.met ? "✓" : "✗"}`).join(" ") };
    default:
      return { kind: m.kind, detail: "" };
  }
}

const sameRule = (a: Rule, b: Rule) => a.kind === b.kind && a.detail === b.detail;

/** Differences that are numerically equal ("2" and "2.0") are no change. */
function sameNumber(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new Decimal(a).eq(b);
}

function delta(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  return new Decimal(b).minus(a).toFixed();
}

function flatten(nodes: IndicatorResult[], out = new Map<string, IndicatorResult>()): Map<string, IndicatorResult> {
  for (const n of nodes) {
    out.set(n.id, n);
    flatten(n.children, out);
  }
  return out;
}

function size(n: IndicatorResult): number {
  return 1 + n.children.reduce((s, c) => s + size(c), 0);
}

/** What an author wrote for a node, without ids, names and positions: equal content means a rename. */
function content(n: IndicatorResult): string {
  return JSON.stringify([n.weight, ruleOf(n.method), n.explain, n.criteria, n.note, n.evidence, n.declared, n.deductions.filter((d) => d.source === "judgement").map((d) => [d.amount, d.reason]), n.children.length]);
}

function findingContent(f: FindingResult): string {
  return JSON.stringify([f.title, f.unit, f.project, f.class, f.type, f.issue, f.description, f.evidence, f.count]);
}

/**
 * Compares two results of the same evaluation. Indicators are matched by id; an id that
 * disappears while an indicator with the same content appears at the same place is a rename.
 */
export function diffResults(before: EvaluationResult, after: EvaluationResult): EvaluationDiff {
  const oldNodes = flatten(before.indicators);
  const newNodes = flatten(after.indicators);

  // Renames, top-down: among the unmatched children of matched parents, same index and same content.
  const renamed = new Map<string, string>(); // new id → old id
  const renamedOld = new Set<string>();
  const pairChildren = (oldKids: IndicatorResult[], newKids: IndicatorResult[]) => {
    newKids.forEach((n, i) => {
      const o = oldKids[i];
      if (!o || newNodes.has(o.id) || oldNodes.has(n.id) || renamedOld.has(o.id)) return;
      if (content(o) === content(n)) {
        renamed.set(n.id, o.id);
        renamedOld.add(o.id);
      }
    });
  };
  const walkPairs = (oldKids: IndicatorResult[], newKids: IndicatorResult[]) => {
    pairChildren(oldKids, newKids);
    for (const n of newKids) {
      const o = oldNodes.get(renamed.get(n.id) ?? n.id);
      if (o) walkPairs(o.children, n.children);
    }
  };
  walkPairs(before.indicators, after.indicators);
  const parents = (roots: IndicatorResult[]) => {
    const out = new Map<string, string>();
    const walk = (n: IndicatorResult) => n.children.forEach((c) => (out.set(c.id, n.id), walk(c)));
    roots.forEach(walk);
    return out;
  };
  const oldParents = parents(before.indicators);
  const newParents = parents(after.indicators);
  const oldOf = (n: IndicatorResult) => oldNodes.get(renamed.get(n.id) ?? n.id);
  const newIdOf = (oldId: string) => {
    for (const [n, o] of renamed) if (o === oldId) return n;
    return oldId;
  };

  const oldFindings = new Map(before.findings.map((f) => [f.id, f]));
  const newFindings = new Map(after.findings.map((f) => [f.id, f]));
  const findingRenamed = new Map<string, string>();
  const goneFindings = before.findings.filter((f) => !newFindings.has(f.id));
  for (const f of after.findings) {
    if (oldFindings.has(f.id)) continue;
    const twin = goneFindings.find((o) => findingContent(o) === findingContent(f) && ![...findingRenamed.values()].includes(o.id));
    if (twin) findingRenamed.set(f.id, twin.id);
  }
  const oldFinding = (id: string) => oldFindings.get(findingRenamed.get(id) ?? id);
  const newFindingId = (oldId: string) => {
    for (const [n, o] of findingRenamed) if (o === oldId) return n;
    return oldId;
  };

  const oldFacts = new Map(before.facts.map((f) => [f.id, f]));
  const oldSurveys = new Map(before.surveys.map((s) => [s.id, s]));

  const causesOf = (o: IndicatorResult, n: IndicatorResult): Cause[] => {
    const causes: Cause[] = [];
    if (n.children.length || o.children.length) return causes;
    // Findings counted by a per-finding rule.
    const oldF = new Set(o.findings.map(newFindingId));
    const newF = new Set(n.findings);
    for (const id of newF) {
      const nf = newFindings.get(id);
      if (!oldF.has(id)) causes.push({ kind: "findingAdded", finding: id, cases: nf?.count ?? 1 });
      else {
        const of = oldFinding(id);
        if (of && nf && of.count !== nf.count) causes.push({ kind: "findingCount", finding: id, old: of.count, new: nf.count });
      }
    }
    for (const id of oldF) if (!newF.has(id)) causes.push({ kind: "findingRemoved", finding: id, cases: oldFinding(id)?.count ?? 1 });
    // Judgement lines, matched by reason.
    const oldD = o.deductions.filter((d) => d.source === "judgement");
    const newD = n.deductions.filter((d) => d.source === "judgement");
    const used = new Set<number>();
    for (const d of newD) {
      const reason = deductionText(d);
      const i = oldD.findIndex((x, k) => !used.has(k) && deductionText(x) === reason);
      if (i === -1) causes.push({ kind: "deductionAdded", amount: d.amount, reason });
      else {
        used.add(i);
        if (!sameNumber(oldD[i]!.amount, d.amount)) causes.push({ kind: "deductionEdited", reason, old: oldD[i]!.amount, new: d.amount });
      }
    }
    oldD.forEach((d, k) => {
      if (!used.has(k)) causes.push({ kind: "deductionRemoved", amount: d.amount, reason: deductionText(d) });
    });
    // Facts the rule reads.
    for (const f of after.facts) {
      if (!f.usedBy.includes(n.id)) continue;
      const of = oldFacts.get(f.id);
      if (of && (!sameNumber(of.value, f.value) || of.unit !== f.unit)) causes.push({ kind: "factChanged", fact: f.id, old: of.value, new: f.value, unit: f.unit });
    }
    if (n.method.kind === "satisfaction") {
      for (const s of n.method.surveys) {
        const os = oldSurveys.get(s.id);
        if (os && !sameNumber(os.satisfaction, s.satisfaction)) causes.push({ kind: "surveyChanged", survey: s.id, old: os.satisfaction, new: s.satisfaction });
      }
    }
    return causes;
  };

  const nodes: NodeDiff[] = [];
  const counts: DiffCounts = {
    weights: 0, rules: 0, scores: 0, indicatorsAdded: 0, indicatorsRemoved: 0, indicatorsRenamed: renamed.size, indicatorsMoved: 0, deductions: 0,
    findingsAdded: 0, findingsRemoved: 0, findingsChanged: 0, facts: 0, surveys: 0, vetoes: 0, texts: 0, header: 0,
  };
  const snapshot = (n: IndicatorResult): NodeSnapshot => ({ weight: n.weight, score: n.score, rule: ruleOf(n.method), size: size(n) });
  const base = (n: IndicatorResult, status: NodeDiff["status"]): NodeDiff => ({ status, id: n.id, name: n.name, path: n.path, level: n.level, leaf: !n.children.length, text: [], causes: [] });

  const visit = (oldKids: IndicatorResult[], newKids: IndicatorResult[]) => {
    for (const n of newKids) {
      const o = oldOf(n);
      if (!o) {
        nodes.push({ ...base(n, "added"), snapshot: snapshot(n) });
        counts.indicatorsAdded += size(n);
        continue;
      }
      const d = base(n, "changed");
      if (o.id !== n.id) d.oldId = o.id;
      const oldParent = oldParents.get(o.id);
      const newParent = newParents.get(n.id);
      if ((oldParent === undefined ? undefined : newIdOf(oldParent)) !== newParent) {
        d.movedFrom = o.path;
        counts.indicatorsMoved++;
      }
      if (!sameNumber(o.weight, n.weight)) {
        d.weight = { old: o.weight, new: n.weight };
        counts.weights++;
      }
      const ro = ruleOf(o.method);
      const rn = ruleOf(n.method);
      if (!sameRule(ro, rn)) {
        d.rule = { old: ro, new: rn };
        counts.rules++;
      }
      if (!sameNumber(o.score, n.score)) {
        d.score = { old: o.score, new: n.score, delta: delta(o.score, n.score) };
        counts.scores++;
      }
      if (!sameNumber(o.declared, n.declared)) d.declared = { old: o.declared, new: n.declared };
      if (o.name !== n.name && o.id === n.id) d.text.push("name");
      for (const k of ["explain", "criteria", "note"] as const) if ((o[k] ?? "") !== (n[k] ?? "")) d.text.push(k);
      if (JSON.stringify(o.evidence) !== JSON.stringify(n.evidence)) d.text.push("evidence");
      counts.texts += d.text.length;
      d.causes = causesOf(o, n);
      counts.deductions += d.causes.filter((c) => c.kind.startsWith("deduction")).length;
      if (d.weight || d.rule || d.score || d.declared || d.text.length || d.oldId || d.movedFrom || d.causes.length) nodes.push(d);
      visit(o.children, n.children);
    }
    const kept = new Set(newKids.map((n) => oldOf(n)?.id));
    for (const o of oldKids) {
      if (kept.has(o.id) || newNodes.has(o.id) || renamedOld.has(o.id)) continue;
      nodes.push({ ...base(o, "removed"), snapshot: snapshot(o) });
      counts.indicatorsRemoved += size(o);
    }
  };
  visit(before.indicators, after.indicators);

  const findings: FindingDiff[] = [];
  for (const f of after.findings) {
    const o = oldFinding(f.id);
    const base: FindingDiff = { status: "changed", id: f.id, on: f.on, count: f.count, text: [] };
    if (f.title !== undefined) base.title = f.title;
    if (!o) {
      findings.push({ ...base, status: "added" });
      counts.findingsAdded++;
      continue;
    }
    if (o.id !== f.id) base.oldId = o.id;
    const oldOn = o.on.map(newIdOf);
    if (JSON.stringify(oldOn) !== JSON.stringify(f.on)) base.onChange = { old: o.on, new: f.on };
    if (o.count !== f.count) base.countChange = { old: o.count, new: f.count };
    for (const k of ["title", "unit", "project", "class", "type", "issue", "description"] as const) if ((o[k] ?? "") !== (f[k] ?? "")) base.text.push(k);
    if (JSON.stringify(o.evidence) !== JSON.stringify(f.evidence)) base.text.push("evidence");
    if (base.oldId || base.onChange || base.countChange || base.text.length) {
      findings.push(base);
      counts.findingsChanged++;
    }
  }
  const keptFindings = new Set(after.findings.map((f) => oldFinding(f.id)?.id));
  for (const o of before.findings) {
    if (keptFindings.has(o.id)) continue;
    const d: FindingDiff = { status: "removed", id: o.id, on: o.on, count: o.count, text: [] };
    if (o.title !== undefined) d.title = o.title;
    findings.push(d);
    counts.findingsRemoved++;
  }

  const values: ValueDiff[] = [];
  const compare = <T extends { id: string }>(kind: ValueDiff["kind"], olds: T[], news: T[], show: (x: T) => string | null, equal: (a: T, b: T) => boolean) => {
    const om = new Map(olds.map((x) => [x.id, x]));
    const nm = new Map(news.map((x) => [x.id, x]));
    for (const n of news) {
      const o = om.get(n.id);
      if (!o) values.push({ status: "added", kind, id: n.id, value: { old: null, new: show(n) } });
      else if (!equal(o, n)) values.push({ status: "changed", kind, id: n.id, value: { old: show(o), new: show(n) } });
    }
    for (const o of olds) if (!nm.has(o.id)) values.push({ status: "removed", kind, id: o.id, value: { old: show(o), new: null } });
  };
  const withUnit = (v: string | null, u: string | null) => (v === null ? null : u ? `${v} ${u}` : v);
  compare("fact", before.facts, after.facts, (f) => withUnit(f.value, f.unit), (a, b) => sameNumber(a.value, b.value) && a.unit === b.unit);
  compare("survey", before.surveys, after.surveys, (s) => s.satisfaction, (a, b) => sameNumber(a.satisfaction, b.satisfaction) && sameNumber(a.respondents, b.respondents));
  compare("veto", before.vetoes, after.vetoes, (v) => String(v.triggered), (a, b) => a.triggered === b.triggered && a.grade === b.grade);
  counts.facts = values.filter((v) => v.kind === "fact").length;
  counts.surveys = values.filter((v) => v.kind === "survey").length;
  counts.vetoes = values.filter((v) => v.kind === "veto").length;

  const header: string[] = [];
  for (const k of ["title", "period", "client", "evaluator", "subject", "precision"] as const) if (before[k] !== after[k]) header.push(k);
  if (JSON.stringify(before.grades) !== JSON.stringify(after.grades)) header.push("grades");
  counts.header = header.length;

  // An audit-only evaluation has no score; diffs compare it as 0.
  const total = {
    old: before.total.score as string | null,
    new: after.total.score as string | null,
    delta: delta(before.total.score, after.total.score),
    weight: { old: before.total.weight, new: after.total.weight },
  };
  const grade = { old: before.grade.name, new: after.grade.name };
  const vetoedBy = { old: before.grade.vetoedBy, new: after.grade.vetoedBy };
  const subjects = diffSubjects(before, after);
  for (const s of subjects ?? []) counts.scores += s.nodes.filter((n) => n.score).length;
  const changed =
    nodes.length > 0 ||
    findings.length > 0 ||
    values.length > 0 ||
    header.length > 0 ||
    !sameNumber(total.old, total.new) ||
    grade.old !== grade.new ||
    vetoedBy.old !== vetoedBy.new ||
    !sameNumber(total.weight.old, total.weight.new) ||
    !!subjects?.some((s) => s.changed);
  const out: EvaluationDiff = { title: { old: before.title, new: after.title }, header, nodes, findings, values, total, grade, vetoedBy, counts, changed };
  if (subjects) out.subjects = subjects;
  return out;
}

/** What of a node's change is the subject's own: its score, declared score and their causes. */
function subjectSide(n: NodeDiff): NodeDiff {
  const { weight: _w, rule: _r, oldId: _o, movedFrom: _m, ...own } = n;
  void [_w, _r, _o, _m];
  return { ...own, text: [] };
}

/**
 * Every subject's side of a change: the subject's view of both results compared like two
 * evaluations, keeping what is the subject's own (scores with their causes, its facts and
 * surveys, total, grade); weights, rules and texts are the framework's and reported once.
 */
function diffSubjects(before: EvaluationResult, after: EvaluationResult): SubjectDiff[] | undefined {
  const olds = subjectsOf(before);
  const news = subjectsOf(after);
  if (!olds.length && !news.length) return undefined;
  const out: SubjectDiff[] = [];
  const side = (s: ReturnType<typeof subjectsOf>[number] | undefined) => ({ score: s?.total.score ?? null, grade: s?.grade.name ?? null, vetoedBy: s?.grade.vetoedBy ?? null });
  for (const n of news) {
    const o = olds.find((x) => x.id === n.id);
    const a = side(o);
    const b = side(n);
    const d: SubjectDiff = {
      status: o ? "changed" : "added",
      id: n.id,
      name: n.name,
      nodes: [],
      values: [],
      total: { old: a.score, new: b.score, delta: delta(a.score, b.score) },
      grade: { old: a.grade, new: b.grade },
      vetoedBy: { old: a.vetoedBy, new: b.vetoedBy },
      changed: !o,
    };
    if (o) {
      const inner = diffResults(subjectResult(before, o), subjectResult(after, n));
      d.nodes = inner.nodes.filter((x) => x.status === "changed" && (x.score || x.declared || x.causes.length)).map(subjectSide);
      d.values = inner.values;
      d.changed = d.nodes.length > 0 || d.values.length > 0 || !sameNumber(a.score, b.score) || a.grade !== b.grade || a.vetoedBy !== b.vetoedBy;
    }
    out.push(d);
  }
  for (const o of olds) {
    if (news.some((x) => x.id === o.id)) continue;
    const a = side(o);
    out.push({ status: "removed", id: o.id, name: o.name, nodes: [], values: [], total: { old: a.score, new: null, delta: null }, grade: { old: a.grade, new: null }, vetoedBy: { old: a.vetoedBy, new: null }, changed: true });
  }
  return out;
}
