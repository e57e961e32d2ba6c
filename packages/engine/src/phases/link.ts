import type * as A from "@perf/language";
import { unknownReferenceArgs } from "../checks/references.js";
import { forEachRef } from "../expression.js";
import { forEachIndicator, type Collected, type Linked } from "../model.js";
import type { DiagnosticSink } from "../sink.js";
import type { Reference, SymbolKind } from "../symbols.js";

/**
 * Phase 2: resolves every name used in a rule (facts and surveys) or a finding's `on`
 * (indicators). An unknown name is PERF020, owned by the indicator whose score it leaves open.
 */
export function link(model: Collected, sink: DiagnosticSink): Linked {
  const linked: Linked = { ...model, references: [], used: new Map(), attachments: new Map() };
  const candidatesByKinds = new Map<string, string[]>();
  const reference = (name: A.Name, expects: SymbolKind[], uri: string, from: string) => {
    const target = model.symbols.get(name.text);
    const ref: Reference = { id: name.text, expects, uri, range: name.range, from };
    if (target && expects.includes(target.kind)) {
      ref.target = target;
      if (!linked.used.has(name.text)) linked.used.set(name.text, new Set());
      linked.used.get(name.text)!.add(from);
    } else {
      const key = expects.join();
      let candidates = candidatesByKinds.get(key);
      if (!candidates) candidatesByKinds.set(key, (candidates = [...model.symbols.values()].filter((s) => expects.includes(s.kind)).map((s) => s.id)));
      const { args, suggestion } = unknownReferenceArgs(name.text, expects, candidates);
      sink.report("PERF020", uri, name.range, args, { kind: expects[0]!, ...(suggestion ? { suggestion } : {}) });
    }
    linked.references.push(ref);
  };
  forEachIndicator(model.roots, (d, uri) =>
    sink.within(d.name.text, () => {
      const values = (e: A.Expression | undefined) => forEachRef(e, (r) => reference(r.name, ["fact", "survey"], uri, d.name.text));
      for (const m of d.methods) {
        if (m.kind === "ratio") values(m.expression);
        if (m.kind === "bands") {
          values(m.value);
          for (const b of m.bands) values(b.threshold);
        }
        if (m.kind === "satisfaction") for (const s of m.surveys) reference(s, ["survey"], uri, d.name.text);
        if (m.kind === "targets") for (const t of m.targets) reference(t, ["target"], uri, d.name.text);
      }
    }),
  );
  for (const t of model.targets) {
    if (t.actual?.kind === "expression") forEachRef(t.actual.expression, (r) => reference(r.name, ["fact", "survey"], t.uri, t.name.text));
  }
  for (const f of model.findings) {
    for (const o of f.on) {
      reference(o, ["indicator"], f.uri, f.name.text);
      const list = linked.attachments.get(o.text) ?? [];
      list.push({ finding: f, ref: o });
      linked.attachments.set(o.text, list);
    }
  }
  return linked;
}
