import type * as A from "@perf/language";
import type { Diagnostic } from "@perf/language";
import { forEachRef } from "../expression.js";
import { isDefining, type At, type Linked, type SubjectModel } from "../model.js";
import type { DiagnosticSink } from "../sink.js";
import { check, type Check } from "./check.js";

/**
 * Unused facts (PERF080) and surveys (PERF081). A duplicate is already PERF021; a name an
 * unknown reference was probably meant to be (its "did you mean") is that PERF020's consequence.
 */
function unused(code: "PERF080" | "PERF081", d: At<A.FactDecl | A.SurveyDecl>, model: Linked, sink: DiagnosticSink) {
  if (model.used.has(d.name.text) || !isDefining(model, d) || treeMissing(model)) return;
  const reported = sink.report(code, d.uri, d.name.range, { name: d.name.text });
  const cause = suggested(sink).get(d.name.text);
  if (cause) sink.fold(reported, cause);
}

/**
 * A subject's own facts and surveys (PERF080, PERF081 as at the top level): used when a rule of
 * the framework reads them for this subject, when a rule reads the name at the top level (the
 * subject's own value comes first), or when another of its facts is computed from them. Nothing
 * is said while the framework's tree is missing: that error is the one cause (PERF160–PERF162, PERF170).
 */
function unusedInSubjects(model: Linked, sink: DiagnosticSink) {
  if (treeMissing(model)) return;
  for (const s of model.subjects) {
    const fromFacts = new Set<string>();
    for (const f of s.facts) forEachRef(f.expression, (r) => fromFacts.add(r.name.text));
    const used = (name: string) => model.used.has(`${s.decl.name.text}\u0000${name}`) || model.used.has(name) || fromFacts.has(name);
    for (const f of s.facts) if (ownDefinition(s, f) && !used(f.name.text)) sink.report("PERF080", f.uri, f.name.range, { name: f.name.text });
    for (const x of s.surveys) if (ownDefinition(s, x) && !used(x.name.text)) sink.report("PERF081", x.uri, x.name.range, { name: x.name.text });
  }
}

const ownDefinition = (s: SubjectModel, d: { name: A.Name }) => s.scope.get(d.name.text)?.nameRange === d.name.range;

/** An evaluation whose `use`d tree did not load: nothing can be told used or not. */
const treeMissing = (model: Linked) => !!model.header?.decl.use && !model.roots.length;

/** Unknown references by the name they suggest; every PERF020 is reported by link, before the checks run. */
const suggestions = new WeakMap<DiagnosticSink, Map<string, Diagnostic>>();
function suggested(sink: DiagnosticSink): Map<string, Diagnostic> {
  let m = suggestions.get(sink);
  if (!m) {
    m = new Map();
    for (const x of sink.list) if (x.code === "PERF020" && typeof x.data?.suggestion === "string" && !m.has(x.data.suggestion)) m.set(x.data.suggestion, x);
    suggestions.set(sink, m);
  }
  return m;
}

export const unusedChecks: Check[] = [
  check("unused", "fact", (f, { model, sink }) => unused("PERF080", f, model, sink)),
  check("unused", "survey", (s, { model, sink }) => unused("PERF081", s, model, sink)),
  check("unused", "evaluation", (_, { model, sink }) => unusedInSubjects(model, sink)),
];
