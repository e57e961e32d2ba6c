import type * as A from "@perf/language";
import { check, type Check } from "./check.js";

const nameOf = (d: A.IndicatorDecl) => d.title?.value ?? d.name.text;

/** One scoring method per leaf (PERF030, PERF031), none on a branch (PERF032), findings only where they cost points (PERF070). */
export const ruleChecks: Check[] = [
  check("rules", "indicator", ({ decl: d, uri }, { sink }) => {
    // the common case, a leaf with one method or a branch with none, reports nothing: no closure for it
    if (d.children.length ? !d.methods.length : d.methods.length === 1) return;
    sink.within(d.name.text, () => {
      if (d.children.length) sink.report("PERF032", uri, d.methods[0]!.range, { name: nameOf(d) });
      else if (!d.methods.length) sink.report("PERF030", uri, d.name.range, { name: nameOf(d) });
      else sink.report("PERF031", uri, d.methods[1]!.range, { name: nameOf(d), methods: [...new Set(d.methods.map((m) => m.kind))].join(", ") });
    });
  }),
  check("rules", "finding", (f, { model, sink }) => {
    for (const o of f.on) {
      const target = model.symbols.get(o.text);
      if (target?.kind !== "indicator") continue;
      const d = target.node as A.IndicatorDecl;
      // Only a leaf with a per-finding rule turns attached findings into points.
      if (d.children.length || d.methods[0]?.kind !== "perFinding") sink.report("PERF070", f.uri, o.range, { name: nameOf(d) });
    }
  }),
];
