import { analyzeLoaded, loadEvaluation, type EvaluationResult } from "@perf/engine";
import { describe, expect, it } from "vitest";
import { diffResults, printMarkdown, printText, summaryLine, textconv } from "../src/index.js";

/** A framework whose 立项 weight is `w` (质量 takes the rest), and an evaluation of two subjects that uses it. */
function evaluation(w: number): EvaluationResult {
  const files: Record<string, string> = {
    "framework.perf": `framework f "两单位指标体系" { total 100 grades { 优 >= 90; 良 >= 80; 中 >= 60; 差 >= 0 } }
indicator 立项 weight ${w} { judgement }
indicator 质量 weight ${100 - w} { judgement }
`,
    "e.perf": `evaluation "两单位" { use "framework.perf" }
subject 甲 "市数据局" {
  assess 立项 { deduct 2 "未开展事前评估" }
  assess 质量 { deduct 10 "验收不规范" }
}
subject 乙 "市大数据中心" {
  assess 立项 { score ${w} }
  assess 质量 { deduct 5 "一项任务延期" }
}
`,
  };
  const r = analyzeLoaded(loadEvaluation("e.perf", { read: (uri) => ({ text: files[uri]! }) })).result;
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r;
}

// Worked by hand. Weight 20: 市数据局 立项 20 − 2 = 18, 质量 80 − 10 = 70, total 88 良; 市大数据中心 20 + 75 = 95 优.
// Weight 50: 市数据局 48 + 40 = 88; 市大数据中心 50 + 45 = 95. Every leaf score moves, no total does
// (both subjects lose points by deductions, which a weight does not change).
describe("diff with several subjects", () => {
  it("reports a framework weight change once, and its effect on every subject's scores and totals", () => {
    const d = diffResults(evaluation(20), evaluation(50));
    expect(d.nodes.map((n) => [n.id, n.weight])).toEqual([
      ["立项", { old: "20", new: "50" }],
      ["质量", { old: "80", new: "50" }],
    ]);
    expect(d.total.old).toBeNull();
    expect(d.subjects!.map((s) => [s.name, s.total, s.grade])).toEqual([
      ["市数据局", { old: "88", new: "88", delta: "0" }, { old: "良", new: "良" }],
      ["市大数据中心", { old: "95", new: "95", delta: "0" }, { old: "优", new: "优" }],
    ]);
    const 甲 = d.subjects![0]!.nodes.map((n) => [n.id, n.score]);
    expect(甲).toEqual([
      ["立项", { old: "18", new: "48", delta: "30" }],
      ["质量", { old: "70", new: "40", delta: "-30" }],
    ]);
    // the subject's section repeats no weight: that is the framework's, printed once above
    expect(d.subjects![0]!.nodes.every((n) => !n.weight && !n.rule)).toBe(true);
    expect(d.counts.weights).toBe(2);
    expect(d.counts.scores).toBe(4);
    expect(d.changed).toBe(true);
  });

  it("prints every subject's section and their totals, never null", () => {
    const d = diffResults(evaluation(20), evaluation(50));
    const text = printText(d, { locale: "zh" });
    expect(text).toContain("~ 指标 立项\n    分值 20 → 50\n");
    expect(text).toContain("评价对象 市数据局\n  ~ 指标 立项\n      得分 18 → 48（+30.00）\n");
    expect(text).toContain("  总分 88  等级 良\n");
    expect(text).not.toContain("null");
    expect(summaryLine(d, { locale: "zh" })).toBe("2 个分值变化，市数据局 88 → 88（0.00），良 → 良；市大数据中心 95 → 95（0.00），优 → 优");
    const md = printMarkdown(d, { locale: "en" });
    expect(md).toContain("#### subject 市大数据中心");
    expect(md).not.toContain("null");
  });

  it("shows a subject's total moving when its scores do", () => {
    const before = evaluation(20);
    const after = evaluation(20);
    const s = (after as unknown as { subjects: { total: { score: string }; indicators: { score: string }[] }[] }).subjects[0]!;
    s.total.score = "86";
    s.indicators[0]!.score = "16";
    const d = diffResults(before, after);
    expect(d.subjects![0]!.total).toEqual({ old: "88", new: "86", delta: "-2" });
    expect(d.subjects![1]!.changed).toBe(false);
    expect(summaryLine(d, { locale: "en" })).toBe("市数据局 88 → 86 (−2.00), 良 → 良; 市大数据中心 95, 优");
  });

  it("is quiet when nothing changed and textconv lists every subject's scores", () => {
    const d = diffResults(evaluation(20), evaluation(20));
    expect(d.changed).toBe(false);
    expect(summaryLine(d, { locale: "zh" })).toBe("无变化，市数据局 88，良；市大数据中心 95，优");
    const t = textconv(evaluation(20), "zh");
    expect(t).toContain("评价对象 甲 \"市数据局\"\n  立项  得分 18\n  质量  得分 70\n  合计  分值 100  得分 88  等级 良\n");
    expect(t).toContain("合计  分值 100  得分 —  等级 —\n");
  });
});
