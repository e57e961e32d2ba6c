import { describe, expect, it } from "vitest";
import { analyzeLoaded, analyzeText, comparisonOf, isPublishedTotalOnly, loadEvaluation, nodesById, subjectResult, subjectsOf } from "../src/index.js";

// Worked by hand: 甲 立项 4 − 1 = 3, 质量 6 − 2 (two cases of its own finding) = 4 → 7 中; 乙 4 + 6 − 0 = 10 优.
const files: Record<string, string> = {
  "f.perf": `framework f "框架" { total 10 grades { 优 >= 9; 良 >= 8; 中 >= 6; 差 >= 0 } }
indicator 立项 weight 4 { judgement }
indicator 质量 weight 6 { per finding deduct 1 }
`,
  "e.perf": `evaluation "两单位" { use "f.perf" }
finding 共性问题 { issue "制度不健全" }
subject 甲 "市数据局" {
  assess 立项 { deduct 1 "未评估" }
  finding 验收 on 质量 { issue "验收不规范" count 2 }
}
subject 乙 "市大数据中心" {
  assess 立项 { score 4 }
}
`,
};
const result = analyzeLoaded(loadEvaluation("e.perf", { read: (uri) => ({ text: files[uri]! }) })).result;

describe("the views of a result with subjects (render, diff and the server share them)", () => {
  it("gives each subject's view: its tree, total, grade and the findings counted for it", () => {
    expect(subjectsOf(result).map((s) => s.id)).toEqual(["甲", "乙"]);
    const a = subjectResult(result, subjectsOf(result)[0]!);
    expect([a.subject, a.total.score, a.grade.name]).toEqual(["市数据局", "7", "中"]);
    expect(nodesById(a.indicators).get("质量")!.score).toBe("4");
    expect(a.findings.map((f) => f.id)).toEqual(["验收"]);
    expect("subjects" in a || "comparison" in a).toBe(false);
    const b = subjectResult(result, subjectsOf(result)[1]!);
    expect([b.total.score, b.grade.name, b.findings.length]).toEqual(["10", "优", 0]);
  });

  it("compares every indicator in tree order, from the result or built from the subjects' trees", () => {
    const rows = comparisonOf(result).map((r) => [r.id, r.cells.map((c) => c.score)]);
    expect(rows).toEqual([
      ["立项", ["3", "4"]],
      ["质量", ["4", "6"]],
    ]);
    const { comparison: _, ...without } = result;
    expect(comparisonOf(without).map((r) => [r.id, r.cells.map((c) => c.score)])).toEqual(rows);
  });

  it("tells a published total only from a tree and from subjects", () => {
    expect(isPublishedTotalOnly(analyzeText(`evaluation "益阳" { total 100 grades { 良好 >= 80; 差 >= 0 } declared 83 grade 良好 }\n`).result)).toBe(true);
    expect(isPublishedTotalOnly(analyzeText(`indicator a weight 100 { score 90 }\n`).result)).toBe(false);
    expect(isPublishedTotalOnly(result)).toBe(false);
    expect(subjectsOf(analyzeText(`indicator a weight 100 { score 90 }\n`).result)).toEqual([]);
  });
});
