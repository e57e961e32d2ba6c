import type * as A from "@perf/language";
import { samePosition } from "@perf/language";
import { decimalText, type Decimal } from "../decimal.js";
import type { EvaluationResult, GradeBand } from "../schema.js";
import { DiagnosticSink } from "../sink.js";
import { grade } from "./grade.js";

/**
 * A published grade (`grade NAME` in the header or a subject block) is one of the bands
 * (PERF163) and the one the total falls in — or the one a triggered veto set (PERF164). `total`
 * is the computed total, or the declared one when nothing is scored (a published total only).
 * One cause, one error: when the grade is the band of the declared total and that total is
 * already a mismatch (PERF040), the grade follows from it: related information of that PERF040.
 */
export function checkPublishedGrade(name: A.Name, uri: string, total: Decimal | null, computed: EvaluationResult["grade"] | null, grades: GradeBand[], sink: DiagnosticSink, declared?: Decimal): void {
  if (!grades.some((g) => g.name === name.text)) {
    sink.report("PERF163", uri, name.range, { name: name.text, grades: grades.map((g) => g.name).join("、") });
    return;
  }
  if (total === null) return;
  const band = computed?.name ?? grade(total, grades, [], sink).name;
  if (band === null || band === name.text) return;
  const d = sink.report("PERF164", uri, name.range, { name: name.text, total: decimalText(total), band });
  if (!declared || declared.equals(total) || computed?.vetoedBy || grade(declared, grades, [], new DiagnosticSink()).name !== name.text) return;
  const mismatch = sink.list.find((x) => x.code === "PERF040" && x.uri === uri && x.args.declared === decimalText(declared) && x.args.computed === decimalText(total));
  if (!mismatch) return;
  // the mismatch may itself be a consequence (of an unknown assess, a weight error): then so is this
  const at = mismatch.range.start;
  const cause = sink.reported(mismatch) ? mismatch : sink.list.find((x) => sink.reported(x) && x.related?.some((r) => r.code === "PERF040" && r.uri === uri && samePosition(r.range.start, at)));
  if (cause) sink.fold(d, cause);
}
