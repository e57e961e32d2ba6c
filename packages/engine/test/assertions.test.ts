import { readFileSync } from "node:fs";
import { join } from "node:path";
import { diagnosticText, isAuditCode } from "@perf/language";
import { describe, expect, it } from "vitest";
import { analyzeText, EvaluationResultSchema } from "../src/index.js";

/** Two roots of weight 50: a (one leaf a1, fixed 40) and b (leaves b1 30 of 30, b2 15 of 20) → total 85 of 100, 良. */
const tree = `evaluation "t" { total 100; grades { 优 >= 90; 良 >= 80; 中 >= 60; 差 >= 0 } }
fact 到位资金 = 5412.69 万元
fact 实际支出 = 5191.10 万元
fact 一期 = 320.50 万元
fact 二期 = 80 万元
indicator a weight 50 { indicator a1 weight 50 { score 40 } }
indicator b weight 50 {
  indicator b1 weight 30 { score 30 }
  indicator b2 weight 20 { score 15 }
}
`;

function check(statements: string, ack = "") {
  const text = `${tree}assert x "claim" { ${statements} }${ack}\n`;
  const { result } = analyzeText(text, "t.perf");
  expect(() => EvaluationResultSchema.parse(result)).not.toThrow();
  const audit = result.diagnostics.filter((d) => d.code === "PERF220");
  // facts the statements do not name stay unused (PERF080): left out of `others`
  return { result, audit, assertion: result.assertions![0]!, others: result.diagnostics.filter((d) => d.code !== "PERF220" && d.code !== "PERF080") };
}

describe("assert statements", () => {
  it("counts indicators per level: 2 roots and 3 leaves at level 2", () => {
    const ok = check("indicators level 1 = 2; indicators level 2 = 3");
    expect(ok.audit).toEqual([]);
    expect(ok.assertion.holds).toBe(true);
    expect(ok.assertion.statements.map((s) => [s.expected, s.actual, s.holds])).toEqual([
      ["2", "2", true],
      ["3", "3", true],
    ]);
    const bad = check("indicators level 1 = 2; indicators level 2 = 4");
    expect(bad.audit).toHaveLength(1);
    expect(bad.audit[0]!.severity).toBe("error");
    expect(bad.audit[0]!.range.start.line).toBe(10);
    expect(bad.audit[0]!.args).toMatchObject({ actual: "3", expected: "4", levels: "1:2:2;2:3:4" });
    expect(diagnosticText(bad.audit[0]!, "zh").message).toBe("核对「x」不成立：二级指标 4 个，实际为 3（各级指标数：一级 2 ✓，二级 3（称 4）✗）");
    expect(diagnosticText(bad.audit[0]!, "en").message).toBe("assertion 'x' is false: 4 indicators at level 2, but the true value is 3 (indicators per level: level 1 2 ✓, level 2 3 (claimed 4) ✗)");
    expect(bad.assertion.holds).toBe(false);
  });

  it("counts leaves (a1, b1, b2)", () => {
    expect(check("leaves = 3").audit).toEqual([]);
    expect(check("leaves = 4").audit[0]!.args).toMatchObject({ actual: "3" });
  });

  it("checks the stated total and grade against 40 + 30 + 15 = 85, 良", () => {
    expect(check("total = 85; grade = 良").audit).toEqual([]);
    const bad = check("total = 85.5; grade = 优");
    expect(bad.audit.map((d) => d.args.actual)).toEqual(["85", "良"]);
  });

  it("checks a printed sum exactly, with its unit: 320.50 + 80 = 400.50 万元", () => {
    expect(check("一期 + 二期 = 400.5 万元").audit).toEqual([]);
    const bad = check("一期 + 二期 = 400.51 万元");
    expect(bad.audit[0]!.args).toMatchObject({ actual: "400.5 万元", expression: "一期 + 二期", expected: "400.51 万元" });
    // a unit the sum does not have cannot be compared
    const unit = check("一期 + 二期 = 400.5 元");
    expect(unit.audit).toEqual([]);
    expect(unit.others.map((d) => [d.code, d.args.op])).toEqual([["PERF060", "compare"]]);
  });

  it("checks a printed rate within a tolerance: 5191.10 / 5412.69 = 95.9061…%", () => {
    expect(check("实际支出 / 到位资金 = 95.91% within 0.005%").audit).toEqual([]);
    expect(check("实际支出 / 到位资金 = 95.91% within 0.01%").audit).toEqual([]);
    // exact, a rounded rate is false; 95.90% is 0.0061% off, outside 0.005%
    expect(check("实际支出 / 到位资金 = 95.91%").audit[0]!.args.actual).toBe("95.9061%");
    expect(check("实际支出 / 到位资金 = 95.90% within 0.005%").audit).toHaveLength(1);
    expect(check("实际支出 / 到位资金 = 95.90% within 0.01%").audit).toEqual([]);
  });

  it("acknowledged makes a false statement information that keeps its reason", () => {
    const { audit, assertion } = check("indicators level 1 = 3", ` acknowledged "原文如此"`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.severity).toBe("info");
    expect(audit[0]!.data).toMatchObject({ acknowledged: "原文如此" });
    expect(isAuditCode(audit[0]!.code)).toBe(true);
    expect(assertion.acknowledged).toBe("原文如此");
    expect(assertion.holds).toBe(false);
  });

  it("a fact used only by an assertion is used; an unknown one is PERF020", () => {
    const { others } = check("一期 + 二期 + 三期 = 1 万元");
    expect(others.map((d) => d.code)).toEqual(["PERF020"]);
    const used = analyzeText(`${tree}assert x { 一期 + 二期 = 400.5 万元; 实际支出 / 到位资金 = 95.91% within 0.01% }`).result;
    expect(used.diagnostics.map((d) => d.code)).toEqual([]);
    expect(used.facts.find((f) => f.id === "一期")!.usedBy).toEqual(["x"]);
  });

  it("a level that is not a whole number from 1 cannot be checked (PERF221)", () => {
    expect(check("indicators level 0 = 1").others.map((d) => [d.code, d.args.reason])).toEqual([["PERF221", "level"]]);
  });
});

describe("audit-only evaluations", () => {
  const only = `evaluation "青岛" {}\nfact 合计 = 1087.81 万元\nassert 合计核对 "合计1087.81万元" { 合计 = 1087.81 万元 }\n`;

  it("have no total, no grade and no PERF035", () => {
    const { result } = analyzeText(only, "q.perf");
    expect(result.diagnostics).toEqual([]);
    expect(result.total.score).toBeNull();
    expect(result.total.rate).toBeNull();
    expect(result.grade.name).toBeNull();
    expect(result.assertions![0]!.holds).toBe(true);
    expect(() => EvaluationResultSchema.parse(result)).not.toThrow();
  });

  it("an evaluation with neither indicators nor audit content stays empty (PERF035) with its 0 total", () => {
    const { result } = analyzeText(`evaluation "t" {}\n`, "e.perf");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["PERF035"]);
    expect(result.total.score).toBe("0");
  });
});

describe("examples/yongzhou-2023", () => {
  const file = join(import.meta.dirname, "..", "..", "..", "examples", "yongzhou-2023", "yongzhou-2023.perf");
  const { result } = analyzeText(readFileSync(file, "utf8"), "yongzhou-2023.perf");

  it("keeps 82.46 良 and no error", () => {
    expect(result.total.score).toBe("82.46");
    expect(result.grade.name).toBe("良");
    expect(result.summary.errors).toBe(0);
  });

  it("lists the acknowledged 3/8/27 claim: 一级 4 and 二级 11 are false, 三级 27 holds", () => {
    const count = result.assertions!.find((a) => a.id === "指标数")!;
    expect(count.claim).toBe("3个一级指标、8个二级指标和27个三级指标");
    expect(count.statements.map((s) => [s.expected, s.actual, s.holds])).toEqual([
      ["3", "4", false],
      ["8", "11", false],
      ["27", "27", true],
    ]);
    const audit = result.diagnostics.filter((d) => isAuditCode(d.code));
    expect(audit.map((d) => [d.severity, d.args.expected, d.args.actual, d.data?.acknowledged])).toEqual([
      ["info", "3", "4", "报告正文二（二）如此；附件1实为4个一级指标、11个二级指标"],
      ["info", "8", "11", "报告正文二（二）如此；附件1实为4个一级指标、11个二级指标"],
    ]);
  });

  it("the stated 82.46 良 and the 95.91% execution rate hold", () => {
    const holds = Object.fromEntries(result.assertions!.map((a) => [a.id, a.holds]));
    expect(holds).toEqual({ 指标数: false, 评价结论: true, 预算执行率: true });
    expect(result.assertions!.find((a) => a.id === "预算执行率")!.statements[0]!.actual).toBe("95.9061%");
  });
});
