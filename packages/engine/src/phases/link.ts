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
  const linked: Linked = { ...model, references: [], used: new Map(), attachments: new Map(), subjectAttachments: new Map() };
  const candidatesByKinds = new Map<string, string[]>();
  const use = (id: string, from: string) => {
    if (!linked.used.has(id)) linked.used.set(id, new Set());
    linked.used.get(id)!.add(from);
  };
  // the tree of a `use`d file that could not be loaded: its indicators are not unknown, they are missing (PERF160–PERF162, PERF170 say why)
  const treeMissing = !!model.header?.decl.use && !model.roots.length;
  const reference = (name: A.Name, expects: SymbolKind[], uri: string, from: string) => {
    const target = model.symbols.get(name.text);
    const ref: Reference = { id: name.text, expects, uri, range: name.range, from };
    if (target && expects.includes(target.kind)) {
      ref.target = target;
      use(name.text, from);
    } else if (treeMissing && expects.includes("indicator")) {
      // not reported: one cause, one error
    } else {
      const key = expects.join();
      let candidates = candidatesByKinds.get(key);
      if (!candidates) candidatesByKinds.set(key, (candidates = [...model.symbols.values()].filter((s) => expects.includes(s.kind)).map((s) => s.id)));
      const { args, suggestion } = unknownReferenceArgs(name.text, expects, candidates);
      sink.report("PERF020", uri, name.range, args, { kind: expects[0]!, ...(suggestion ? { suggestion } : {}) });
    }
    linked.references.push(ref);
  };
  const fromSubjects = inputsFromSubjects(model);
  /** A rule's fact, survey or target: resolved here, or left to the subjects. */
  const input = (name: A.Name, expects: SymbolKind[], uri: string, from: string) => {
    const target = model.symbols.get(name.text);
    if (fromSubjects && !(target && expects.includes(target.kind))) {
      for (const s of model.subjects) {
        const own = s.scope.get(name.text);
        if (own && expects.includes(own.kind)) {
          linked.references.push({ id: name.text, expects, uri, range: name.range, from, target: own });
          use(`${s.decl.name.text}\u0000${name.text}`, from);
        }
      }
      return;
    }
    reference(name, expects, uri, from);
  };
  forEachIndicator(model.roots, (d, uri) =>
    sink.within(d.name.text, () => {
      const values = (e: A.Expression | undefined) =>
        forEachRef(e, (r) => (r.path ? reference(r.name, ["table"], uri, d.name.text) : input(r.name, ["fact", "survey"], uri, d.name.text)));
      for (const m of d.methods) {
        if (m.kind === "ratio") values(m.expression);
        if (m.kind === "bands") {
          values(m.value);
          for (const b of m.bands) values(b.threshold);
        }
        if (m.kind === "satisfaction") for (const s of m.surveys) input(s, ["survey"], uri, d.name.text);
        // a subject's own target, like its facts, may be named by the shared tree (PERF217 names a subject without it)
        if (m.kind === "targets") for (const t of m.targets) input(t, ["target"], uri, d.name.text);
      }
    }),
  );
  forEachIndicator(model.roots, (d, uri) => {
    if (d.rows?.length) sink.within(d.name.text, () => d.rows!.forEach((r) => reference(r.table, ["table"], uri, d.name.text)));
  });
  // computed facts (decision 0092): the facts, surveys and tables they are made of
  for (const f of model.facts) forEachRef(f.expression, (r) => reference(r.name, r.path ? ["table"] : ["fact", "survey"], f.uri, f.name.text));
  // performance targets: what their `actual` expressions are made of
  // (with subjects, a name in an evaluation-wide target may be each subject's fact: decision 0182)
  for (const t of model.targets) {
    if (t.actual?.kind === "expression") forEachRef(t.actual.expression, (r) => (r.path ? reference(r.name, ["table"], t.uri, t.name.text) : input(r.name, ["fact", "survey"], t.uri, t.name.text)));
  }
  for (const s of model.subjects) {
    for (const t of s.targets ?? []) {
      if (t.actual?.kind !== "expression") continue;
      forEachRef(t.actual.expression, (r) => {
        const own = r.path ? undefined : s.scope.get(r.name.text);
        if (own && (own.kind === "fact" || own.kind === "survey")) {
          linked.references.push({ id: r.name.text, expects: ["fact", "survey"], uri: t.uri, range: r.name.range, from: t.name.text, target: own });
          use(`${s.decl.name.text}\u0000${r.name.text}`, t.name.text);
        } else reference(r.name, r.path ? ["table"] : ["fact", "survey"], t.uri, t.name.text);
      });
    }
  }
  const ownerOf = new Map<Attachment["finding"], string>();
  for (const s of model.subjects) for (const f of s.findings) ownerOf.set(f, s.decl.name.text);
  for (const s of model.subjects) linked.subjectAttachments.set(s.decl.name.text, new Map());
  for (const f of model.findings) {
    for (const r of f.rows ?? []) reference(r.table, ["table"], f.uri, f.name.text);
    if (f.subject) reference(f.subject, ["subject"], f.uri, f.name.text);
    const owner = ownerOf.get(f) ?? (f.subject && model.symbols.get(f.subject.text)?.kind === "subject" ? f.subject.text : undefined);
    for (const o of f.on) {
      reference(o, ["indicator"], f.uri, f.name.text);
      const forSubject = owner !== undefined ? linked.subjectAttachments.get(owner) : undefined;
      if (forSubject) attach(forSubject, f, o);
      else attach(linked.attachments, f, o);
    }
  }
  for (const s of model.subjects) for (const a of s.assessments) reference(a.indicator, ["indicator"], a.uri, s.decl.name.text);
  for (const o of model.overrides) reference(o.indicator, ["indicator"], o.uri, o.indicator.text);
  for (const a of model.assertions)
    for (const st of a.statements) {
      if (st.kind !== "equals") continue;
      for (const e of [st.expression, st.right]) forEachRef(e, (r) => reference(r.name, r.path ? ["table"] : ["fact", "survey"], a.uri, a.name.text));
    }
  return linked;
}

/** A finding's `on` name, filed under the indicator it names (module-level: see decision 0216). */
function attach(map: Map<string, Attachment[]>, f: Attachment["finding"], o: A.Name): void {
  const list = map.get(o.text);
  if (list) list.push({ finding: f, ref: o });
  else map.set(o.text, [{ finding: f, ref: o }]);
}
