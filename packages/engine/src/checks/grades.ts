import { decimalText } from "../decimal.js";
import { gradeScale } from "../phases/grade.js";
import { check, type Check } from "./check.js";

/** Declared grade bands cover 0 to the total without gap (PERF050) or overlap (PERF051); a veto names a known grade (PERF091). */
export const gradeChecks: Check[] = [
  check("grades", "evaluation", (header, { framework, sink }) => {
    const decl = header?.decl.grades;
    if (!header || !decl) return;
    const bands = gradeScale(header, framework.total);
    if (!bands.length) return;
    const at = (b: (typeof bands)[number]) => b.range ?? decl.range;
    if (bands[0]!.lower.greaterThan(0)) sink.report("PERF050", header.uri, at(bands[0]!), { from: "0", to: decimalText(bands[0]!.lower) });
    for (let i = 0; i + 1 < bands.length; i++) {
      const a = bands[i]!;
      const b = bands[i + 1]!;
      if (a.lower.equals(b.lower) || a.effectiveUpper.greaterThan(b.lower)) sink.report("PERF051", header.uri, at(b), { a: a.name, b: b.name });
      else if (a.effectiveUpper.lessThan(b.lower)) sink.report("PERF050", header.uri, at(b), { from: decimalText(a.effectiveUpper), to: decimalText(b.lower) });
    }
    const top = bands[bands.length - 1]!;
    if (top.upper && top.upper.lessThan(framework.total)) sink.report("PERF050", header.uri, at(top), { from: decimalText(top.upper), to: decimalText(framework.total) });
  }),
  check("grades", "veto", (v, { framework, sink }) => {
    const names = framework.grades.map((g) => g.name);
    if (v.grade && !names.includes(v.grade.text)) sink.report("PERF091", v.uri, v.grade.range, { name: v.grade.text, grades: names.join("、") });
  }),
];
