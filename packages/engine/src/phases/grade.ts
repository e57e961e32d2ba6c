import type { Range } from "@perf/language";
import { Decimal, decimalText, divide } from "../decimal.js";
import { numberValue } from "../expression.js";
import type { At, Header } from "../model.js";
import type * as A from "@perf/language";
import type { EvaluationResult, GradeBand } from "../schema.js";
import type { DiagnosticSink } from "../sink.js";

/**
 * The national framework's grades (财预〔2020〕10号) as shares of the total: 优 ≥ 90%,
 * 良 ≥ 80%, 中 ≥ 60%, 差 below. With the usual total of 100 these are 90/80/60; with
 * `total 17` and no `grades`, 17 is 优 (see docs/decisions/0052-default-grades-scale-with-the-total.md).
 */
const defaultGrades: { name: string; percent: number }[] = [
  { name: "优", percent: 90 },
  { name: "良", percent: 80 },
  { name: "中", percent: 60 },
  { name: "差", percent: 0 },
];

export interface ScaleBand {
  name: string;
  lower: Decimal;
  upper: Decimal | null;
  effectiveUpper: Decimal;
  upperInclusive: boolean;
  range?: Range;
}

/** The grade bands, lowest first, each with the upper bound it effectively has. */
export function gradeScale(header: Header | undefined, total: Decimal): ScaleBand[] {
  const decl = header?.decl.grades;
  const raw = decl
    ? decl.bands.flatMap((b) => (b.lower ? [{ name: b.name.text, lower: numberValue(b.lower).value, upper: b.upper ? numberValue(b.upper).value : null, range: b.range as Range | undefined }] : []))
    : defaultGrades.map((g) => ({ name: g.name, lower: divide(total.times(g.percent), 100), upper: null as Decimal | null, range: undefined as Range | undefined }));
  const byLower = [...raw].sort((a, b) => a.lower.comparedTo(b.lower));
  return byLower.map((b, i) => {
    const next = byLower[i + 1];
    // every key in one literal: keys written after a spread give each band a hidden class of its own (decision 0220)
    return { name: b.name, lower: b.lower, upper: b.upper, range: b.range, effectiveUpper: b.upper ?? (next ? next.lower : total), upperInclusive: !b.upper && !next };
  });
}

/** The bands as the result states them, highest first. */
export function gradeBands(scale: ScaleBand[]): GradeBand[] {
  return scale.map((b) => ({ name: b.name, lower: decimalText(b.lower), upper: decimalText(b.effectiveUpper), upperInclusive: b.upperInclusive })).reverse();
}

/**
 * Phase 5: the grade of a total, then the vetoes: the first triggered veto sets the grade
 * (its own, or the lowest) whatever the total, and each triggered one is PERF090. A total
 * of nothing (no indicator, PERF035) has no grade.
 */
export function grade(total: Decimal | null, grades: GradeBand[], vetoes: At<A.VetoDecl>[], sink: DiagnosticSink): EvaluationResult["grade"] {
  let name: string | null = null;
  for (const g of grades) {
    if (total === null) break;
    const lower = new Decimal(g.lower);
    const upper = new Decimal(g.upper);
    if (total.greaterThanOrEqualTo(lower) && (total.lessThan(upper) || (g.upperInclusive && total.equals(upper)))) {
      name = g.name;
      break;
    }
  }
  let vetoedBy: string | null = null;
  const lowest = grades[grades.length - 1]?.name ?? null;
  for (const v of vetoes) {
    if (!v.triggered?.value) continue;
    const known = v.grade && grades.some((g) => g.name === v.grade!.text);
    const vetoGrade = known ? v.grade!.text : lowest;
    sink.report("PERF090", v.uri, v.name.range, { name: v.title?.value ?? v.name.text, grade: vetoGrade ?? "" });
    if (!vetoedBy) {
      vetoedBy = v.name.text;
      name = vetoGrade;
    }
  }
  return { name, vetoedBy };
}
