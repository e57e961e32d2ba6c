import type * as A from "@perf/language";
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
  const cause = sink.list.find((x) => x.code === "PERF020" && x.data?.suggestion === d.name.text);
  if (cause) sink.fold(reported, cause);
}

export const unusedChecks: Check[] = [
  check("unused", "fact", (f, { model, sink }) => unused("PERF080", f, model, sink)),
  check("unused", "survey", (s, { model, sink }) => unused("PERF081", s, model, sink)),
];
