import type * as A from "@perf/language";
import type { Diagnostic } from "@perf/language";
import { isDefining, type At, type Linked } from "../model.js";
import type { DiagnosticSink } from "../sink.js";
import { check, type Check } from "./check.js";

/**
 * Unused facts (PERF080) and surveys (PERF081). A duplicate is already PERF021; a name an
 * unknown reference was probably meant to be (its "did you mean") is that PERF020's consequence.
 */
function unused(code: "PERF080" | "PERF081", d: At<A.FactDecl | A.SurveyDecl>, model: Linked, sink: DiagnosticSink) {
  if (model.used.has(d.name.text) || !isDefining(model, d)) return;
  const reported = sink.report(code, d.uri, d.name.range, { name: d.name.text });
  const cause = suggested(sink).get(d.name.text);
  if (cause) sink.fold(reported, cause);
}

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
];
