import { describe, expect, it } from "vitest";
import { analyze, analyzeText, applyFixes, deductionText, evaluationKind, fixesFor, tallyValue } from "../src/index.js";
import { parse } from "@perf/language";

const uri = "file:///t.perf";
const codes = (text: string) => analyzeText(text, uri).result.diagnostics.map((d) => d.code);

describe("element scoring (要素法)", () => {
  // 立项依据充分性 3分: three criteria of 1 point; ② unmet
  const text = `evaluation "t" { total 3 }
indicator 立项依据充分性 weight 3 {
  elements {
    "立项依据符合国家法律法规和政策要求" 1 met
    "与部门职责范围相符" 1 unmet "项目属于其他部门职责"
    "属于公共财政支持范围" 1 met
  }
}
`;

  it("scores the met shares and deducts each unmet share with its number, label and reason", () => {
    const r = analyzeText(text, uri).result;
    expect(r.diagnostics).toEqual([]);
    const leaf = r.indicators[0]!;
    expect([leaf.score, r.total.score]).toEqual(["2", "2"]);
    expect(leaf.method).toMatchObject({ kind: "elements", met: "2" });
    expect(leaf.deductions).toHaveLength(1);
    expect(leaf.deductions[0]).toMatchObject({ amount: "1", source: "elements", because: { kind: "element", values: { index: 2, label: "与部门职责范围相符" } } });
    expect(deductionText(leaf.deductions[0]!)).toBe("要素②“与部门职责范围相符”未达到：项目属于其他部门职责");
    expect(deductionText(leaf.deductions[0]!, "en")).toBe("element ② '与部门职责范围相符' not met: 项目属于其他部门职责");
  });

  it("keeps exact shares: 2.5 + 1.25 + 1.25 of 5 with the first unmet scores 2.5", () => {
    const r = analyzeText(`evaluation "t" { total 5 }\nindicator a weight 5 { elements { "x" 2.5 unmet "y" "z" 1.25 met; "w" 1.25 met } }\n`, uri).result;
    expect(r.diagnostics).toEqual([]);
    expect(r.indicators[0]!.score).toBe("2.5");
  });

  it("takes Chinese keywords, and a string after an unmet element is the next label when a number follows it", () => {
    const zh = `评价 "t" { 总分 2 }\n指标 a 分值 2 { 要素 { "甲" 1 不符合 "乙" 1 符合 } }\n`;
    const r = analyzeText(zh, uri).result;
    expect(r.diagnostics).toEqual([]);
    expect(r.indicators[0]!.method).toMatchObject({ elements: [{ label: "甲", met: false, reason: null }, { label: "乙", met: true }] });
    expect(r.indicators[0]!.score).toBe("1");
  });

  it("PERF260: shares that do not sum to the weight, with two fixes that each clear it", () => {
    const bad = text.replace('"属于公共财政支持范围" 1 met', '"属于公共财政支持范围" 2 met');
    const a = analyze([{ uri, text: bad }]);
    const d = a.result.diagnostics.find((x) => x.code === "PERF260")!;
    expect(d.args).toMatchObject({ sum: "4", weight: "3" });
    const fixes = fixesFor(d, a);
    expect(fixes.map((f) => f.title)).toEqual(["把「立项依据充分性」的分值改为 4", "按比例调整各要素分值，使其合计为 3"]);
    // the scaled shares 0.75 + 0.75 + 1.5 sum to 3
    const scaled = applyFixes(bad, [fixes[1]!]).text;
    expect(scaled).toContain('"与部门职责范围相符" 0.75 unmet');
    expect(codes(scaled)).not.toContain("PERF260");
    expect(codes(applyFixes(bad, [fixes[0]!]).text)).not.toContain("PERF260");
  });
});

describe("survey tallies", () => {
  it("compute satisfaction = Σ count × weight ÷ Σ count exactly, and respondents = Σ count", () => {
    // 120×100% + 60×80% + 15×60% + 5×40% + 0×0 = 120 + 48 + 9 + 2 = 179 of 200 → 89.5%
    const text = `evaluation "t" { total 10 }
survey 群众 "群众满意度" { tally { 非常满意 120 × 100%; 满意 60 × 80%; 一般 15 × 60%; 不满意 5 × 40%; 非常不满意 0 × 0 } }
indicator a weight 10 { satisfaction mean(群众) }
`;
    const r = analyzeText(text, uri).result;
    expect(r.diagnostics).toEqual([]);
    expect(r.surveys[0]).toMatchObject({ satisfaction: "0.895", respondents: "200" });
    expect(r.indicators[0]!.score).toBe("8.95");
  });

  it("keep a quotient that does not terminate to 30 places; the score rounds once", () => {
    // (1×100% + 2×0) ÷ 3 = 33.33…%; 6 × 1/3 = 2
    const t = parse(`survey s { tally { 满意 1 × 100%; 不满意 2 × 0 } }\n`).ast.declarations[0] as { tally: Parameters<typeof tallyValue>[0] };
    expect(tallyValue(t.tally)).toEqual({ respondents: "3", satisfaction: "0.333333333333333333333333333333" });
    const r = analyzeText(`evaluation "t" { total 6 }\nsurvey s { tally { 满意 1 × 100%; 不满意 2 × 0 } }\nindicator a weight 6 { satisfaction mean(s) }\n`, uri).result;
    expect(r.indicators[0]!.score).toBe("2");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["PERF265"]);
  });

  it("weight surveys by their tallied respondents", () => {
    // 公众 40 answers at 90%, 用户 160 at 80% → (36 + 128) ÷ 200 = 82%
    const text = `evaluation "t" { total 10 quorum 10 }
survey 公众 { tally { 满意 36 × 100%; 不满意 4 × 0 } }
survey 用户 { tally { 满意 128 × 100%; 不满意 32 × 0 } }
indicator a weight 10 { satisfaction weighted(公众, 用户) }
`;
    const r = analyzeText(text, uri).result;
    expect(r.diagnostics).toEqual([]);
    expect(r.indicators[0]!.score).toBe("8.2");
  });

  it("warn about a sample under the quorum: 30 by default, `quorum N` (最小样本) to change it", () => {
    const s = (header: string, n: number) => `evaluation "t" { total 10 ${header} }\nsurvey s { satisfaction 90% respondents ${n} }\nindicator a weight 10 { satisfaction mean(s) }\n`;
    expect(codes(s("", 29))).toEqual(["PERF265"]);
    expect(codes(s("", 30))).toEqual([]);
    expect(codes(s("quorum 100", 99))).toEqual(["PERF265"]);
    expect(codes(s("最小样本 10", 12))).toEqual([]);
    // a quorum that is not a whole number of people is PERF005, and the default holds
    for (const bad of ["quorum 0", "quorum 2.5", "quorum 50%"]) expect(codes(s(bad, 29))).toEqual(["PERF005", "PERF265"]);
  });

  it("are printed by the formatter, stably, as are elements, kind and quorum", async () => {
    const { format } = await import("@perf/language");
    const text = `evaluation "t" { kind "部门评价" quorum 50 total 2 }\nsurvey s {\n  tally { 满意 1*100% , 不满意 2 × 0 }\n}\n指标 a 分值 2 { 要素 { "甲" 1 不符合 "因" ; "乙" 1 符合 } 满意度 平均(s) }\n`;
    const once = format(text).text;
    // the file's majority spelling (Chinese), source order kept
    expect(once).toBe(
      `评价 "t" {\n  评价类型 "部门评价"\n  最小样本 50\n  总分 2\n}\n\n调查 s { 计数 { 满意 1 × 100%; 不满意 2 × 0 } }\n\n指标 a 分值 2 {\n  要素 {\n    "甲" 1 不符合 "因"\n    "乙" 1 符合\n  }\n  满意度 平均(s)\n}\n`,
    );
    expect(format(once).text).toBe(once);
  });
});

describe("evaluation kind and policy checks", () => {
  it("read the type and scope from `kind`", () => {
    expect(evaluationKind("部门评价·项目支出")).toEqual({ type: "department", scope: "project" });
    expect(evaluationKind("财政评价 部门整体支出")).toEqual({ type: "fiscal", scope: "department" });
    expect(evaluationKind("单位自评")).toEqual({ type: "self", scope: "project" });
    expect(evaluationKind("self department-wide")).toEqual({ type: "self", scope: "department" });
    expect(evaluationKind("绩效审计")).toBeUndefined();
  });

  const roots = (w: [number, number, number, number]) =>
    `indicator 决策 "项目决策" weight ${w[0]} { score 0 }\nindicator 过程 "项目过程" weight ${w[1]} { score 0 }\nindicator 产出 "项目产出" weight ${w[2]} { score 0 }\nindicator 效益 "项目效益" weight ${w[3]} { score 0 }\n`;

  it("PERF267: 产出 + 效益 (or 效果) under 60% for 财政/部门评价, not for 单位自评 or without a kind", () => {
    expect(codes(`evaluation "t" { kind "部门评价·项目支出" }\n${roots([20, 21, 30, 29])}`)).toEqual(["PERF267"]);
    expect(codes(`evaluation "t" { kind "财政评价" }\n${roots([20, 20, 30, 30])}`)).toEqual([]);
    expect(codes(`evaluation "t" { kind "部门评价·部门整体" }\n${roots([20, 21, 30, 29]).replace("项目效益", "履职效果")}`)).toEqual(["PERF267"]);
    expect(codes(`evaluation "t" { kind "部门评价·部门整体" }\n${roots([20, 20, 30, 30]).replace("项目效益", "履职效果")}`)).toEqual([]);
    expect(codes(`evaluation "t" { kind "单位自评" }\n${roots([20, 21, 30, 29])}`)).not.toContain("PERF267");
    expect(codes(`evaluation "t" { }\n${roots([20, 21, 30, 29])}`)).toEqual([]);
    const d = analyzeText(`evaluation "t" { kind "部门评价·项目支出" }\n${roots([20, 21, 30, 29])}`, uri).result.diagnostics[0]!;
    expect(d.args).toMatchObject({ sum: "59", share: "59%" });
  });

  it("PERF268: 单位自评 of project spending off the 50/30/10/10 split, root by root", () => {
    const self = (kind: string, w: [number, number, number, number]) =>
      `evaluation "t" { kind "${kind}" }\nindicator 预算执行 "预算执行率" weight ${w[0]} { score 0 }\nindicator 产出 "产出指标" weight ${w[1]} { score 0 }\nindicator 效益 "效益指标" weight ${w[2]} { score 0 }\nindicator 满意 "满意度指标" weight ${w[3]} { score 0 }\n`;
    expect(codes(self("单位自评", [10, 50, 30, 10]))).toEqual([]);
    const ds = analyzeText(self("单位自评·项目支出", [10, 45, 35, 10]), uri).result.diagnostics;
    expect(ds.map((d) => [d.code, d.args?.name, d.args?.share, d.args?.expected])).toEqual([
      ["PERF268", "产出指标", "45%", "50%"],
      ["PERF268", "效益指标", "35%", "30%"],
    ]);
    expect(codes(self("单位自评·部门整体", [10, 45, 35, 10]))).toEqual([]);
  });

  it("PERF266: a 预算执行率 under 80%, not at 80%", () => {
    const t = (spent: number) => `evaluation "t" { total 10 }\nfact 预算 = 100 万元\nfact 支出 = ${spent} 万元\nindicator 预算执行率 weight 10 { ratio 支出 / 预算 }\n`;
    expect(codes(t(79.99))).toEqual(["PERF266"]);
    expect(codes(t(80))).toEqual([]);
    expect(analyzeText(t(50), uri).result.diagnostics[0]!.args).toMatchObject({ value: "50.00%" });
  });
});
