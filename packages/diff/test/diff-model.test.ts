import { analyzeText } from "@perf/engine";
import { describe, expect, it } from "vitest";
import { diffResults, printJson, printText, signed, summaryLine, textconv } from "../src/index.js";

const score = (text: string) => analyzeText(text, "e.perf").result;
const diff = (a: string, b: string) => diffResults(score(a), score(b));

const base = [
  'survey 甲 "甲调查" { satisfaction 90% }',
  'survey 乙 "乙调查" { satisfaction 80% }',
  "indicator 产出 weight 60 {",
  "  indicator 数量 weight 30 { score 30 }",
  "  indicator 质量 weight 30 { per finding deduct 2 }",
  "}",
  "indicator 效益 weight 40 { satisfaction mean(甲, 乙) }",
  'finding 问题一 on 质量 { type "合同管理不规范" }',
].join("\n");

describe("signed()", () => {
  it("prints deltas at the evaluation's precision with a real minus sign", () => {
    expect(signed("0.76")).toBe("+0.76");
    expect(signed("-0.6")).toBe("\u22120.60");
    expect(signed("0")).toBe("0.00");
    expect(signed("1.005", 2)).toBe("+1.005");
    expect(signed("3", 0)).toBe("+3");
  });
});

describe("diffResults()", () => {
  it("finds nothing between identical texts", () => {
    const d = diff(base, base);
    expect(d.changed).toBe(false);
    expect(summaryLine(d, { locale: "zh" })).toBe("无变化，总分 92，优");
    expect(summaryLine(d, { locale: "en" })).toBe("no changes, total 92, 优");
  });

  it("explains a satisfaction score by the survey that changed", () => {
    const d = diff(base, base.replace("satisfaction 80%", "satisfaction 70%"));
    const node = d.nodes.find((n) => n.id === "效益")!;
    expect(node.score).toEqual({ old: "34", new: "32", delta: "-2" });
    expect(node.causes).toEqual([{ kind: "surveyChanged", survey: "乙", old: "0.8", new: "0.7" }]);
    expect(d.values).toEqual([{ status: "changed", kind: "survey", id: "乙", value: { old: "0.8", new: "0.7" } }]);
    expect(printText(d, { locale: "zh" })).toContain("~ 调查 乙 80% → 70%");
  });

  it("counts an added subtree once per indicator and prints it once", () => {
    const b = base.replace("indicator 效益 weight 40 {", "indicator 新增 weight 0 { indicator 子 weight 0 { score 0 } }\nindicator 效益 weight 40 {");
    const d = diff(base, b);
    expect(d.counts.indicatorsAdded).toBe(2);
    const added = d.nodes.filter((n) => n.status === "added");
    expect(added.map((n) => n.id)).toEqual(["新增"]);
    expect(printText(d, { locale: "en" })).toContain("+ indicator 新增\n    weight 0, score 0, sum of children\n    2 indicators with its children");
  });

  it("reports a removed indicator and a rule change", () => {
    const b = base.replace("  indicator 数量 weight 30 { score 30 }\n", "  indicator 数量 weight 30 { deduct 1 \"少一项\" }\n");
    const d = diff(base, b);
    const n = d.nodes.find((x) => x.id === "数量")!;
    expect(n.rule).toEqual({ old: { kind: "fixed", detail: "" }, new: { kind: "judgement", detail: "" } });
    expect(n.causes).toEqual([{ kind: "deductionAdded", amount: "1", reason: "少一项" }]);
    const gone = diff(base, base.replace("  indicator 数量 weight 30 { score 30 }\n", ""));
    expect(gone.nodes.find((x) => x.id === "数量")!.status).toBe("removed");
  });

  it("shows a criterion of element scoring turned unmet as a rule change, with its deduction", () => {
    const a = base.replace("  indicator 数量 weight 30 { score 30 }", '  indicator 数量 weight 30 { elements { "按期" 20 met; "足量" 10 met } }');
    const b = a.replace('"足量" 10 met', '"足量" 10 unmet "少一项"');
    const n = diff(a, b).nodes.find((x) => x.id === "数量")!;
    expect(n.rule).toEqual({ old: { kind: "elements", detail: "①20✓ ②10✓" }, new: { kind: "elements", detail: "①20✓ ②10✗" } });
    expect(printText(diff(a, b), { locale: "en" })).toContain("elements ①20✓ ②10✗");
  });

  it("reports an indicator moved to another parent", () => {
    const a = "indicator 甲 weight 50 { indicator 子 weight 20 { score 20 } indicator 留 weight 30 { score 30 } }\nindicator 乙 weight 50 { indicator 另 weight 50 { score 50 } }";
    const b = "indicator 甲 weight 50 { indicator 留 weight 50 { score 50 } }\nindicator 乙 weight 50 { indicator 子 weight 20 { score 20 } indicator 另 weight 30 { score 30 } }";
    const d = diff(a, b);
    expect(d.counts.indicatorsMoved).toBe(1);
    expect(d.counts.indicatorsRemoved).toBe(0);
    expect(d.nodes.find((n) => n.id === "子")).toMatchObject({ status: "changed", movedFrom: ["甲", "子"] });
    expect(summaryLine(d, { locale: "zh" })).toMatch(/^2 个分值变化，移动 1 个指标，/);
  });

  it("treats a finding whose id changed but whose content stayed as renamed", () => {
    const d = diff(base, base.replace("finding 问题一", "finding 合同问题"));
    expect(d.findings).toEqual([expect.objectContaining({ status: "changed", id: "合同问题", oldId: "问题一" })]);
    expect(d.nodes.filter((n) => n.score)).toEqual([]);
  });

  it("reports a grade change and serialises to JSON with the summary", () => {
    const d = diff(base, base.replace("indicator 数量 weight 30 { score 30 }", "indicator 数量 weight 30 { score 0 }"));
    expect(d.grade).toEqual({ old: "优", new: "中" });
    const json = JSON.parse(printJson(d, { locale: "en" }));
    expect(json.summary).toBe("total 92 → 62 (−30.00), 优 → 中");
  });
});

describe("textconv()", () => {
  it("prints one line per indicator, then findings, facts, the total and grade", () => {
    const lines = textconv(score(base), "en").trimEnd().split("\n");
    expect(lines).toEqual([
      "# e",
      "indicator 产出  weight 60  score 58  sum of children",
      "indicator 产出/数量  weight 30  score 30  fixed score",
      "indicator 产出/质量  weight 30  score 28  per finding deduct 2",
      "indicator 效益  weight 40  score 34  satisfaction mean(甲, 乙)",
      "finding 问题一  on 质量  count 1",
      "total  weight 100  score 92  grade 优",
    ]);
  });
});
