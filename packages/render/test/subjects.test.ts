import { EvaluationResultSchema, resultWithOffsets } from "@perf/engine";
import { describe, expect, it } from "vitest";
import { buildReport, render, toMarkdown } from "../src/index.js";
import { expectGolden } from "./helpers.js";
import { publishedOnly, twoSubjects, twoSubjectsAnalysis } from "./fixtures/two-subjects.js";
import type { Report } from "../src/index.js";

/** The generated chapters' paragraphs (printed by docx/pdf; md and html print tables only without a narrative file). */
const prose = (r: Report) => (r.narrative?.blocks ?? []).flatMap((b) => (b.kind === "paragraph" ? [b.runs.map((x) => x.text).join("")] : [])).join("\n");

// Worked by hand: 市数据局 立项 10−1 = 9, 目标 20, 数量 40−5 = 35, 质量 24.5 → 决策 29, 产出 59.5, total 88.5 良;
// 市大数据中心 立项 10, 目标 20−2 = 18, 数量 40−2 = 38, 质量 26 → 决策 28, 产出 64, total 92 优.
describe("several subjects", () => {
  const result = twoSubjects();

  it("compares every indicator side by side with totals, the published total and grades", () => {
    const report = buildReport(result, { tables: ["comparison"] });
    const t = report.tables[0]!;
    expect(t.id).toBe("comparison");
    expect(t.columns.map((c) => c.header)).toEqual(["指标", "分值", "市数据局得分", "市数据局得分率", "市大数据中心得分", "市大数据中心得分率"]);
    const rows = t.rows.map((r) => r.cells.map((c) => (c.covered ? "" : c.text)));
    expect(rows[0]).toEqual(["项目决策", "30", "29", "96.67%", "28", "93.33%"]);
    expect(rows[1]).toEqual(["\u3000立项规范性", "10", "9", "90.00%", "10", "100.00%"]);
    expect(rows[3]).toEqual(["项目产出", "70", "59.5", "85.00%", "64", "91.43%"]);
    expect(rows[6]).toEqual(["合计", "100", "88.5", "88.50%", "92", "92.00%"]);
    expect(rows[7]).toEqual(["报告得分", "", "88.5", "", "", ""]);
    expect(rows[8]).toEqual(["评价等级", "", "良", "", "优", ""]);
  });

  it("has one 评分表 per subject and every subject's deductions", () => {
    const report = buildReport(result);
    expect(report.tables.map((t) => t.id)).toEqual(["comparison", "deductions", "scores-1", "scores-2", "findings"]);
    expect(report.tables.filter((t) => t.name === "scores").map((t) => [t.title, t.appendix])).toEqual([
      ["市数据局评分表", 1],
      ["市大数据中心评分表", 2],
    ]);
    const total = (id: string) => report.tables.find((t) => t.id === id)!.rows.at(-1)!.cells.find((c) => c.kind === "decimal" && c.text && c.text !== "100")!.text;
    expect(total("scores-1")).toBe("88.5");
    expect(total("scores-2")).toBe("92");
    const heads = report.tables.find((t) => t.id === "deductions")!.rows.filter((r) => r.kind === "group").map((r) => r.cells[0]!.text);
    expect(heads).toEqual([
      "市数据局",
      "（一）项目决策总分30分，实得29分，扣1分。",
      "（二）项目产出总分70分，实得59.5分，扣10.5分。",
      "市大数据中心",
      "（一）项目决策总分30分，实得28分，扣2分。",
      "（二）项目产出总分70分，实得64分，扣6分。",
    ]);
    expect(report.meta.totalScore).toBeNull();
  });

  it("concludes with every subject's total and grade, never a total of nothing", () => {
    const md = toMarkdown(buildReport(result));
    expect(md).toContain("- 评价结论：市数据局最终评价得分88.5分（满分100分），评价等级为“良”；市大数据中心最终评价得分92分（满分100分），评价等级为“优”。");
    expect(prose(buildReport(result))).toContain("本次评价共2个评价对象（满分100分）：市数据局最终得分88.5分，评价等级为“良”；市大数据中心最终得分92分，评价等级为“优”。");
    expect(md).not.toMatch(/null|0分 差|“差”/);
    const en = toMarkdown(buildReport(result, { locale: "en" }));
    expect(en).toContain("市数据局: total score 88.5 of 100, grade “良”; 市大数据中心: total score 92 of 100, grade “优”.");
    expect(en).not.toContain("null");
  });

  it("draws one series per subject", () => {
    const report = buildReport(result);
    expect(report.charts.find((c) => c.id === "rates")!.series.map((s) => [s.name, s.values])).toEqual([
      ["市数据局", ["0.9", "1", "0.875", "0.8167"]],
      ["市大数据中心", ["1", "0.9", "0.95", "0.8667"]],
    ]);
  });

  it("golden md, csv and json (UPDATE_GOLDEN=1 to regenerate)", async () => {
    expectGolden("two-subjects.md", (await render(result, "md")) as string);
    expectGolden("two-subjects.csv", (await render(result, "csv")) as string);
    const json = (await render(resultWithOffsets(twoSubjectsAnalysis()), "json")) as string;
    expect(EvaluationResultSchema.safeParse(JSON.parse(json)).success).toBe(true);
    expectGolden("two-subjects.json", json);
  });
});

describe("published total only", () => {
  const result = publishedOnly();

  it("states the published total and grade and that the scoring table was not published", async () => {
    const md = (await render(result, "md")) as string;
    expect(md).toContain("- 评价结论：报告公布的评价得分为83分（满分100分），评价等级为“良好”；评分表未公布。");
    expect(prose(buildReport(result))).toContain("本次评价最终得分83分（满分100分），评价等级为“良好”。评价报告未公布评分表。");
    expect(md).not.toMatch(/null|评分表\n|合计/);
    expect(buildReport(result).tables).toEqual([]);
    const en = (await render(result, "md", { locale: "en" })) as string;
    expect(en).toContain("The published total is 83 of 100; grade “良好”; the scoring table was not published.");
  });

  it("prints in every format without inventing a tree", async () => {
    for (const format of ["html", "csv", "docx", "xlsx"] as const) {
      const out = await render(result, format);
      expect(out.length).toBeGreaterThan(0);
      if (typeof out === "string") expect(out).not.toContain("null");
    }
    const html = (await render(result, "html")) as string;
    expect(html).toContain("评分表未公布");
    expect(html).not.toContain("<table");
  });

  it("says nothing is scored when there is neither a score nor a published total", () => {
    const r = publishedOnly();
    const none = { ...r, total: { ...r.total, declared: null }, grade: { name: null, vetoedBy: null } };
    expect(toMarkdown(buildReport(none))).toContain("- 评价结论：尚无评分（满分100分）。");
  });
});
