import { parse, type IndicatorDecl } from "@perf/language";
import { describe, expect, it } from "vitest";
import { Decimal } from "../src/decimal.js";
import { evaluateExpression, isProblem } from "../src/expression.js";
import { scorers, type LeafContext, type LeafScore } from "../src/methods/index.js";
import { deductionText } from "../src/wording.js";

/** A leaf's first method scored by its scorer alone, with a stub context: the methods depend on nothing else. */
function score(weight: string, body: string, values: Record<string, string> = {}, precision = 2) {
  const decl = parse(`indicator a weight ${weight} { ${body} }`).ast.declarations[0] as IndicatorDecl;
  const reported: string[] = [];
  const ctx: LeafContext = {
    decl,
    uri: "x.perf",
    name: "a",
    weight: new Decimal(weight),
    precision,
    report: (code) => void reported.push(code),
    evaluate: (e) => {
      const v = evaluateExpression(e, (n) => (values[n] !== undefined ? { value: new Decimal(values[n]), unit: null } : undefined));
      return isProblem(v) ? undefined : v;
    },
    attached: () => [],
    survey: () => undefined,
    percentInput: () => undefined,
    target: () => undefined,
  };
  const m = decl.methods[0]!;
  const r = (scorers[m.kind] as (m: unknown, c: LeafContext) => LeafScore)(m, ctx);
  return { score: r.score?.toFixed() ?? null, method: r.method, reasons: r.deductions.map((d) => `${d.amount} ${deductionText(d, "zh")}`), reported };
}

describe("one scorer per method", () => {
  it("fixed: rounds to the precision and clamps out of range (PERF012)", () => {
    expect(score("5", "score 4.456")).toMatchObject({ score: "4.46", reasons: ["0.54 酌情评分"] });
    expect(score("5", "score 6")).toMatchObject({ score: "5", reported: ["PERF012"] });
  });

  it("deduct: the weight less each line, not below zero", () => {
    expect(score("4", 'deduct 0.3 "甲"; deduct 0.2 "乙"')).toMatchObject({ score: "3.5", reasons: ["0.3 甲", "0.2 乙"] });
    expect(score("1", 'deduct 2 "多"')).toMatchObject({ score: "0", reported: ["PERF012"] });
  });

  it("ratio: weight × ratio, capped at 100%, its shortfall worded from data", () => {
    expect(score("2", "ratio s / t", { s: "5191.10", t: "5412.69" })).toMatchObject({ score: "1.92", reasons: ["0.08 s / t = 95.91%，得分 = 分值 × 比率"] });
    expect(score("4", "ratio s / t", { s: "2", t: "1" })).toMatchObject({ score: "4", method: { capped: true }, reasons: [] });
  });

  it("per finding: nothing attached costs nothing", () => {
    expect(score("6", "per finding deduct 0.5 max 2")).toMatchObject({ score: "6", method: { kind: "perFinding", cases: 0 } });
  });

  it("bands: the first band met; none met is PERF033 and scores 0", () => {
    expect(score("5", "bands v { >= 0.95: 100%; >= 0.9: 60%; else: 0 }", { v: "0.93" })).toMatchObject({ score: "3", reasons: ["2 v 满足 >= 0.9"] });
    expect(score("5", "bands v { >= 0.95: 5 }", { v: "0.5" })).toMatchObject({ score: "0", reported: ["PERF033"], reasons: ["5 v 不落在任何分档"] });
  });

  it("satisfaction: an unknown survey leaves the leaf unscored", () => {
    expect(score("10", "satisfaction mean(s)")).toMatchObject({ score: null, method: { kind: "satisfaction", value: null } });
  });
});
