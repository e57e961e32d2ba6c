import { describe, expect, it } from "vitest";
import { analyzeText, type IndicatorResult } from "../src/index.js";

/** Scores one leaf `a` of weight W written with `body`, plus any extra declarations. */
function leaf(weight: string, body: string, extra = "") {
  const text = `evaluation "t" { total ${weight} }\n${extra}\nindicator a weight ${weight} { ${body} }\n`;
  const analysis = analyzeText(text);
  const a = analysis.indicators.get("a") as IndicatorResult;
  return { a, result: analysis.result, errors: analysis.result.diagnostics.filter((d) => d.severity === "error") };
}

describe("scoring methods, with the worked numbers of domain.md", () => {
  it("ratio: 预算执行率 2 × 5191.10 / 5412.69 → 1.92", () => {
    const { a, errors } = leaf("2", "ratio 实际支出 / 到位资金", "fact 到位资金 = 5412.69 万元\nfact 实际支出 = 5191.10 万元");
    expect(errors).toEqual([]);
    expect(a.score).toBe("1.92");
    expect(a.method).toMatchObject({ kind: "ratio", capped: false });
    expect((a.method as { ratio: string }).ratio.startsWith("0.95906")).toBe(true);
    expect(a.rate).toBe("0.96");
    expect(a.deductions).toEqual([expect.objectContaining({ amount: "0.08", source: "ratio" })]);
  });

  it("ratio: 项目建设完成率 4 × 3 / 5 → 2.4", () => {
    expect(leaf("4", "ratio 实际 / 计划", "fact 计划 = 5 个\nfact 实际 = 3 个").a.score).toBe("2.4");
  });

  it("ratio is capped at 100%", () => {
    const { a } = leaf("4", "ratio 实际 / 计划", "fact 计划 = 1200 台\nfact 实际 = 1640 台");
    expect(a.score).toBe("4");
    expect(a.method).toMatchObject({ capped: true });
  });

  it("per finding, 扣完为止: 制度执行有效性 6 − 13 × 0.2 → 3.4", () => {
    const findings = "finding p on a { count 5 }\nfinding c on a { count 5 }\nfinding y on a\nfinding z on a { count 2 }";
    const { a, errors } = leaf("6", "per finding deduct 0.2", findings);
    expect(errors).toEqual([]);
    expect(a.score).toBe("3.4");
    expect(a.method).toMatchObject({ kind: "perFinding", cases: 13, deducted: "2.6" });
    expect(a.deductions.map((d) => d.amount)).toEqual(["1", "1", "0.2", "0.4"]);
  });

  it("per finding: 项目完成及时性 2 − 3 × 0.2 → 1.4; 运行稳定性 4 − 2 × 1 → 2", () => {
    expect(leaf("2", "per finding deduct 0.2", "finding x on a { count 3 }").a.score).toBe("1.4");
    expect(leaf("4", "per finding deduct 1", "finding x on a\nfinding y on a").a.score).toBe("2");
  });

  it("per finding floors at zero and honours a maximum", () => {
    expect(leaf("2", "per finding deduct 0.5", "finding x on a { count 9 }").a.score).toBe("0");
    expect(leaf("6", "per finding deduct 0.5 max 2", "finding x on a { count 9 }").a.score).toBe("4");
    expect(leaf("6", "per finding deduct 0.5 max 2", "").a.score).toBe("6");
  });

  it("judgement deductions: 方案设计合理性 2 − 1 → 1; 项目运维完成率 4 − 0.5 → 3.5", () => {
    const { a } = leaf("2", 'deduct 1 "等级保护测评项目未制定具体实施方案"');
    expect(a.score).toBe("1");
    expect(a.deductions).toEqual([{ amount: "1", reason: "等级保护测评项目未制定具体实施方案", source: "judgement", because: { kind: "judgement", values: { reason: "等级保护测评项目未制定具体实施方案" } } }]);
    expect(leaf("4", 'deduct 0.3 "甲"; deduct 0.2 "乙"').a.score).toBe("3.5");
  });

  it("judgement below zero is an error", () => {
    const { a, errors } = leaf("1", 'deduct 2 "过多"');
    expect(a.score).toBe("0");
    expect(errors.map((e) => e.code)).toEqual(["PERF012"]);
  });

  it("satisfaction, plain mean: (96.92% + 98.56% + 87.78%) / 3 = 94.42% → 9.44", () => {
    const surveys = "survey s1 { satisfaction 96.92% }\nsurvey s2 { satisfaction 98.56% }\nsurvey s3 { satisfaction 87.78% }";
    const { a, errors } = leaf("10", "satisfaction mean(s1, s2, s3)", surveys);
    expect(errors).toEqual([]);
    expect(a.method).toMatchObject({ kind: "satisfaction", aggregation: "mean", value: "0.9442" });
    expect(a.score).toBe("9.44");
  });

  it("satisfaction weighted by respondents", () => {
    // (0.90 × 300 + 0.80 × 100) / 400 = 0.875 → 10 × 0.875 = 8.75
    const surveys = "survey s1 { satisfaction 90% respondents 300 }\nsurvey s2 { satisfaction 80% respondents 100 }";
    const { a } = leaf("10", "satisfaction weighted(s1, s2)", surveys);
    expect(a.method).toMatchObject({ value: "0.875" });
    expect(a.score).toBe("8.75");
    // the plain mean of the same surveys differs, so the aggregation matters
    expect(leaf("10", "satisfaction mean(s1, s2)", surveys).a.score).toBe("8.5");
  });

  it("bands: 满意度 90% 以上得满分，未达标扣1分", () => {
    const rule = "bands 满意度值 { >= 90%: 2; else: 1 }";
    expect(leaf("2", rule, "fact 满意度值 = 92%").a.score).toBe("2");
    expect(leaf("2", rule, "fact 满意度值 = 90%").a.score).toBe("2");
    const low = leaf("2", rule, "fact 满意度值 = 89.99%");
    expect(low.a.score).toBe("1");
    expect(low.a.method).toMatchObject({ kind: "bands", matched: 1 });
  });

  it("bands: a percent score is a share of the weight, comparisons respect units", () => {
    const rule = "bands 使用率 { >= 95%: 100%; >= 90%: 60%; else: 0 }";
    expect(leaf("5", rule, "fact 使用率 = 93%").a.score).toBe("3");
    const bad = leaf("5", "bands 数量 { >= 95%: 5; else: 0 }", "fact 数量 = 3 台");
    expect(bad.errors.map((e) => e.code)).toEqual(["PERF060"]);
  });

  it("fixed score", () => {
    expect(leaf("5", "score 4.5").a.score).toBe("4.5");
  });

  it("branches are sums of rounded leaves, and the grade follows the bands", () => {
    // 1/3 × 1 = 0.333… → 0.33 three times: the branch is 0.99, not 1.
    const text = `evaluation "t" { total 3 grades { 优 >= 2.5; 良 >= 1; 差 >= 0 } }
fact 三 = 3 个
fact 一 = 1 个
indicator b weight 3 {
  indicator x weight 1 { ratio 一 / 三 }
  indicator y weight 1 { ratio 一 / 三 }
  indicator z weight 1 { ratio 一 / 三 }
}`;
    const { result } = analyzeText(text);
    expect(result.indicators[0]!.children.map((c) => c.score)).toEqual(["0.33", "0.33", "0.33"]);
    expect(result.indicators[0]!.score).toBe("0.99");
    expect(result.total.score).toBe("0.99");
    expect(result.grade).toEqual({ name: "差", vetoedBy: null });
  });

  it("a triggered veto overrides the grade", () => {
    const text = `evaluation "t" { total 2 grades { 优 >= 1.5; 中 >= 1; 差 >= 0 } }
indicator a weight 2 { score 2 }
veto 事故 { triggered true }
veto 违纪 { triggered true grade 中 }`;
    const { result } = analyzeText(text);
    expect(result.total.score).toBe("2");
    expect(result.grade).toEqual({ name: "差", vetoedBy: "事故" });
    const one = analyzeText(text.replace("veto 事故 { triggered true }", "")).result;
    expect(one.grade).toEqual({ name: "中", vetoedBy: "违纪" });
    const none = analyzeText(text.replace(/triggered true/g, "triggered false")).result;
    expect(none.grade).toEqual({ name: "优", vetoedBy: null });
  });

  it("without grades the national bands apply; the top band includes the total", () => {
    const { result } = analyzeText("indicator a weight 100 { score 100 }");
    expect(result.grades.map((g) => `${g.name}${g.lower}-${g.upper}`)).toEqual(["优90-100", "良80-90", "中60-80", "差0-60"]);
    expect(result.grade.name).toBe("优");
    expect(analyzeText("indicator a weight 100 { score 89.99 }").result.grade.name).toBe("良");
    expect(analyzeText("indicator a weight 100 { score 90 }").result.grade.name).toBe("优");
  });

  it("an unscored leaf leaves its score empty and the rest still adds up", () => {
    const { result } = analyzeText("indicator b weight 100 { indicator x weight 60 { score 50 } indicator y weight 40 { } }");
    expect(result.indicators[0]!.children[1]!.score).toBeNull();
    expect(result.total.score).toBe("50");
    expect(result.summary).toMatchObject({ leaves: 2, scoredLeaves: 1, warnings: 1 });
  });

  it("a finding on a branch costs nothing and says so; a bad count is reported once", () => {
    const text = "indicator a weight 100 { per finding deduct 1 }\nindicator b weight 0 { indicator c weight 0 { score 0 } }\nfinding f on a, b { count 1.5 }";
    const { result } = analyzeText(text);
    expect(result.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`)).toEqual(["PERF070 3:17", "PERF005 3:27"]);
    expect(result.indicators[0]!.score).toBe("99");
  });
});
