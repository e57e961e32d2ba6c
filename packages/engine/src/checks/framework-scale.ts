import type * as A from "@perf/language";
import { keywordSpellings } from "@perf/language";
import { decimalText } from "../decimal.js";
import { numberValue } from "../expression.js";
import { gradeBands, gradeScale } from "../phases/grade.js";
import type { GradeBand } from "../schema.js";
import { check, type Check } from "./check.js";

const bandsText = (bands: GradeBand[]) => bands.map((b) => `${b.name} ≥ ${b.lower}`).join("; ");

/**
 * PERF171 (decision 0102): an evaluation with a framework takes the framework's total, precision
 * and grades; the same clause in the evaluation's own header is ignored, so it is reported at the
 * clause, with the framework's value (or that it is the same). The range is the whole clause when
 * its keyword is found, which is what the quick fix removes.
 */
export const frameworkScaleChecks: Check[] = [
  check("framework", "evaluation", (_, { model, framework, sink }) => {
    const h = model.header;
    const f = model.framework;
    if (!h || !f) return;
    const path = h.decl.use?.path.value ?? f.uri.replace(/^.*[\\/]/, "");
    const text = model.parsed.get(h.uri)?.lines;
    const report = (clause: "total" | "precision" | "grades", range: A.Range, same: boolean, value: string, whole: boolean) =>
      sink.report("PERF171", h.uri, range, { clause, path, same: same ? 1 : 0, framework: value }, whole ? { whole: 1 } : undefined);
    /** `total 100`: from its keyword (`total`/`总分`) to the value, when only spaces stand between. */
    const clauseOf = (value: A.NumberValue, keyword: "Total" | "Precision"): { range: A.Range; whole: boolean } => {
      if (!text) return { range: value.range, whole: false };
      const start = text.offsetOf(value.range.start);
      let at = start;
      while (at > 0 && /\s/.test(text.text[at - 1]!)) at--;
      const word = keywordSpellings[keyword].find((k) => text.text.slice(at - k.length, at) === k);
      if (!word || at === start) return { range: value.range, whole: false };
      return { range: text.range(at - word.length, text.offsetOf(value.range.end)), whole: true };
    };
    const d = h.decl;
    if (d.total) {
      const { range, whole } = clauseOf(d.total, "Total");
      report("total", range, numberValue(d.total).value.equals(framework.total), decimalText(framework.total), whole);
    }
    if (d.precision) {
      const { range, whole } = clauseOf(d.precision, "Precision");
      report("precision", range, Number(d.precision.text) === framework.precision, String(framework.precision), whole);
    }
    if (d.grades) {
      const own = gradeBands(gradeScale(h, framework.total));
      report("grades", d.grades.range, JSON.stringify(own) === JSON.stringify(framework.grades), bandsText(framework.grades), true);
    }
  }),
];
