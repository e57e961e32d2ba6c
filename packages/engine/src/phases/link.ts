import type * as A from "@perf/language";
import { unknownReferenceArgs } from "../checks/references.js";
import { forEachRef } from "../expression.js";
import { forEachIndicator, inputsFromSubjects, type Attachment, type Collected, type Linked } from "../model.js";
import type { DiagnosticSink } from "../sink.js";
import type { Reference, SymbolKind } from "../symbols.js";

/**
 * Phase 2: resolves every name used in a rule (facts and surveys) or a finding's `on`
 * (indicators). An unknown name is PERF020, owned by the indicator whose score it leaves open.
 * With subjects (or in a framework file alone) a rule's facts, surveys and targets come from
 * each subject: they are resolved per subject (PERF166 and PERF217 name the subject that lacks one).
 */
export function link(model: Collected, sink: DiagnosticSink): Linked {
  // Every field written out, not `{ ...model }`: a spread's hidden class, and `numbers` added by the
  // next phase, were transitions that died with the analysis, and the code compiled against them
  // with it (decision 0219; a test holds this literal to collect's fields).
  const linked: Linked = {
    parsed: model.parsed,
    header: model.header,
    roots: model.roots,
    facts: model.facts,
    surveys: model.surveys,
    findings: model.findings,
    vetoes: model.vetoes,
    units: model.units,
    tables: model.tables,
    symbols: model.symbols,
    framework: model.framework,
    subjects: model.subjects,
    overrides: model.overrides,
    assertions: model.assertions,
    targets: model.targets,
    references: [],
    used: new Map(),
    attachments: new Map(),
    numbers: undefined,
    subjectAttachments: new Map(),
  };
  // one object literal, the state of the module-level functions below (decision 0219)
  const k: Linker = {
    model,
    linked,
    sink,
    candidatesByKinds: new Map(),
    // the tree of a `use`d file that could not be loaded: its indicators are not unknown, they are missing (PERF160–PERF162, PERF170 say why)
    treeMissing: !!model.header?.decl.use && !model.roots.length,
    fromSubjects: inputsFromSubjects(model),
  };
  forEachIndicator(model.roots, linkIndicator, k);
  forEachIndicator(model.roots, linkRows, k);
  // computed facts (decision 0092): the facts, surveys and tables they are made of
  for (const f of model.facts) forEachRef(f.expression, computedName, { k, uri: f.uri, from: f.name.text });
  // performance targets: what their `actual` expressions are made of
  // (with subjects, a name in an evaluation-wide target may be each subject's fact: decision 0182)
  for (const t of model.targets) {
    if (t.actual?.kind === "expression") forEachRef(t.actual.expression, ruleName, { k, uri: t.uri, from: t.name.text });
  }
  for (const s of model.subjects) {
    for (const t of s.targets ?? []) {
      if (t.actual?.kind !== "expression") continue;
      forEachRef(t.actual.expression, (r) => {
        const own = r.path ? undefined : s.scope.get(r.name.text);
        if (own && (own.kind === "fact" || own.kind === "survey")) {
          linked.references.push({ id: r.name.text, expects: ["fact", "survey"], uri: t.uri, range: r.name.range, from: t.name.text, target: own });
          markUsed(k, `${s.decl.name.text}\u0000${r.name.text}`, t.name.text);
        } else referTo(k, r.name, r.path ? ["table"] : ["fact", "survey"], t.uri, t.name.text);
      });
    }
  }
  const ownerOf = new Map<Attachment["finding"], string>();
  for (const s of model.subjects) for (const f of s.findings) ownerOf.set(f, s.decl.name.text);
  for (const s of model.subjects) linked.subjectAttachments.set(s.decl.name.text, new Map());
  for (const f of model.findings) {
    for (const r of f.rows ?? []) referTo(k, r.table, ["table"], f.uri, f.name.text);
    if (f.subject) referTo(k, f.subject, ["subject"], f.uri, f.name.text);
    const owner = ownerOf.get(f) ?? (f.subject && model.symbols.get(f.subject.text)?.kind === "subject" ? f.subject.text : undefined);
    for (const o of f.on) {
      referTo(k, o, ["indicator"], f.uri, f.name.text);
      const forSubject = owner !== undefined ? linked.subjectAttachments.get(owner) : undefined;
      if (forSubject) attach(forSubject, f, o);
      else attach(linked.attachments, f, o);
    }
  }
  for (const s of model.subjects) for (const a of s.assessments) referTo(k, a.indicator, ["indicator"], a.uri, s.decl.name.text);
  for (const o of model.overrides) referTo(k, o.indicator, ["indicator"], o.uri, o.indicator.text);
  for (const a of model.assertions)
    for (const st of a.statements) {
      if (st.kind !== "equals") continue;
      for (const e of [st.expression, st.right]) forEachRef(e, computedName, { k, uri: a.uri, from: a.name.text });
    }
  return linked;
}

/** What link's module-level functions work with. */
interface Linker {
  model: Collected;
  linked: Linked;
  sink: DiagnosticSink;
  /** The names of each set of kinds, for the suggestion of PERF020. */
  candidatesByKinds: Map<string, string[]>;
  treeMissing: boolean;
  fromSubjects: boolean;
}

function markUsed(k: Linker, id: string, from: string): void {
  const users = k.linked.used.get(id);
  // the first user as a literal (decision 0227); a rule that names a fact twice adds its user once
  if (users === undefined) k.linked.used.set(id, [from]);
  else if (users[users.length - 1] !== from) users.push(from);
}

/** A name resolved to the symbol of one of the kinds it expects, or PERF020, owned by the indicator whose score it leaves open. */
function referTo(k: Linker, name: A.Name, expects: SymbolKind[], uri: string, from: string): void {
  const target = k.model.symbols.get(name.text);
  const found = target !== undefined && expects.includes(target.kind);
  // one literal each way, not a target added later: that hidden class would die with the analysis (decision 0219)
  const ref: Reference = found ? { id: name.text, expects, uri, range: name.range, from, target } : { id: name.text, expects, uri, range: name.range, from };
  if (found) {
    markUsed(k, name.text, from);
  } else if (k.treeMissing && expects.includes("indicator")) {
    // not reported: one cause, one error
  } else {
    const key = expects.join();
    let candidates = k.candidatesByKinds.get(key);
    if (!candidates) k.candidatesByKinds.set(key, (candidates = [...k.model.symbols.values()].filter((s) => expects.includes(s.kind)).map((s) => s.id)));
    const { args, suggestion } = unknownReferenceArgs(name.text, expects, candidates);
    k.sink.report("PERF020", uri, name.range, args, { kind: expects[0]!, ...(suggestion ? { suggestion } : {}) });
  }
  k.linked.references.push(ref);
}

/** A rule's fact, survey or target: resolved here, or left to the subjects. */
function inputOf(k: Linker, name: A.Name, expects: SymbolKind[], uri: string, from: string): void {
  const target = k.model.symbols.get(name.text);
  if (k.fromSubjects && !(target && expects.includes(target.kind))) {
    for (const s of k.model.subjects) {
      const own = s.scope.get(name.text);
      if (own && expects.includes(own.kind)) {
        k.linked.references.push({ id: name.text, expects, uri, range: name.range, from, target: own });
        markUsed(k, `${s.decl.name.text}\u0000${name.text}`, from);
      }
    }
    return;
  }
  referTo(k, name, expects, uri, from);
}

/** Where a rule's names are read from: the indicator and its document. */
interface RuleAt {
  k: Linker;
  uri: string;
  from: string;
}

/** A name in a rule's expression: a table, or a fact or survey (forEachRef's visitor). */
function ruleName(r: Extract<A.Expression, { kind: "ref" }>, at: RuleAt): void {
  if (r.path) referTo(at.k, r.name, ["table"], at.uri, at.from);
  else inputOf(at.k, r.name, ["fact", "survey"], at.uri, at.from);
}

/** A name in a computed fact or an assertion: a table, or a fact or survey resolved here (forEachRef's visitor). */
function computedName(r: Extract<A.Expression, { kind: "ref" }>, at: RuleAt): void {
  referTo(at.k, r.name, r.path ? ["table"] : ["fact", "survey"], at.uri, at.from);
}

/** The names an indicator's rules and rows read, owned by the indicator (forEachIndicator's visitor). */
function linkIndicator(d: A.IndicatorDecl, uri: string, _parent: A.IndicatorDecl | undefined, _level: number, k: Linker): void {
  const from = d.name.text;
  const saved = k.sink.enter(from);
  try {
    const at: RuleAt = { k, uri, from };
    for (const m of d.methods) {
      if (m.kind === "ratio") forEachRef(m.expression, ruleName, at);
      if (m.kind === "bands") {
        forEachRef(m.value, ruleName, at);
        for (const b of m.bands) forEachRef(b.threshold, ruleName, at);
      }
      if (m.kind === "satisfaction") for (const s of m.surveys) inputOf(k, s, ["survey"], uri, from);
      // a subject's own target, like its facts, may be named by the shared tree (PERF217 names a subject without it)
      if (m.kind === "targets") for (const t of m.targets) inputOf(k, t, ["target"], uri, from);
    }
  } finally {
    k.sink.leave(saved);
  }
}

/** The tables an indicator's `rows` name, owned by the indicator (a second walk: references keep their order). */
function linkRows(d: A.IndicatorDecl, uri: string, _parent: A.IndicatorDecl | undefined, _level: number, k: Linker): void {
  if (!d.rows?.length) return;
  const saved = k.sink.enter(d.name.text);
  try {
    for (const r of d.rows) referTo(k, r.table, ["table"], uri, d.name.text);
  } finally {
    k.sink.leave(saved);
  }
}

/** A finding's `on` name, filed under the indicator it names (module-level: see decision 0216). */
function attach(map: Map<string, Attachment[]>, f: Attachment["finding"], o: A.Name): void {
  const list = map.get(o.text);
  if (list) list.push({ finding: f, ref: o });
  else map.set(o.text, [{ finding: f, ref: o }]);
}
