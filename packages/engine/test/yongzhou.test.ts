import { readFileSync } from "node:fs";
import { join } from "node:path";
import { diagnosticText } from "@perf/language";
import { describe, expect, it } from "vitest";
import { analyzeText, EvaluationResultSchema, type IndicatorResult } from "../src/index.js";

const file = join(import.meta.dirname, "..", "..", "..", "examples", "yongzhou-2023", "yongzhou-2023.perf");

/** Seed 000, 附件1 and 表3-1: every node's weight and the score the report printed. */
const published: [string, string, string][] = [
  ["项目决策", "14", "12.5"],
  ["项目决策/项目立项", "6", "5"],
  ["项目决策/项目立项/立项依据充分性", "2", "2"],
  ["项目决策/项目立项/立项程序规范性", "2", "2"],
  ["项目决策/项目立项/方案设计合理性", "2", "1"],
  ["项目决策/绩效目标", "6", "5.5"],
  ["项目决策/绩效目标/绩效目标合理性", "3", "2.5"],
  ["项目决策/绩效目标/绩效指标明确性", "3", "3"],
  ["项目决策/资金投入", "2", "2"],
  ["项目决策/资金投入/预算编制科学性", "2", "2"],
  ["项目过程", "16", "12.32"],
  ["项目过程/资金管理", "6", "5.92"],
  ["项目过程/资金管理/预算执行率", "2", "1.92"],
  ["项目过程/资金管理/资金使用合规性", "4", "4"],
  ["项目过程/组织实施", "10", "6.4"],
  ["项目过程/组织实施/管理制度健全性", "4", "3"],
  ["项目过程/组织实施/制度执行有效性", "6", "3.4"],
  ["项目产出", "40", "31.2"],
  ["项目产出/产出数量", "12", "9.9"],
  ["项目产出/产出数量/项目建设完成率", "4", "2.4"],
  ["项目产出/产出数量/租赁及服务采购项目完成率", "4", "4"],
  ["项目产出/产出数量/项目运维完成率", "4", "3.5"],
  ["项目产出/产出质量", "18", "12.5"],
  ["项目产出/产出质量/建设程序合规性", "3", "2.5"],
  ["项目产出/产出质量/建设项目验收合格率", "3", "2.5"],
  ["项目产出/产出质量/信息化系统运行稳定性", "4", "2"],
  ["项目产出/产出质量/数据资源管理情况", "4", "2.5"],
  ["项目产出/产出质量/运维管理规范性", "4", "3"],
  ["项目产出/产出时效", "6", "4.8"],
  ["项目产出/产出时效/项目完成及时性", "2", "1.4"],
  ["项目产出/产出时效/验收及时性", "2", "1.6"],
  ["项目产出/产出时效/运维报告提交及时性", "2", "1.8"],
  ["项目产出/产出成本", "4", "4"],
  ["项目产出/产出成本/资金节约率", "4", "4"],
  ["项目效益", "30", "26.44"],
  ["项目效益/社会效益", "20", "17"],
  ["项目效益/社会效益/信息化系统可用性", "5", "3"],
  ["项目效益/社会效益/社会安全保障能力", "5", "5"],
  ["项目效益/社会效益/社会治理精细化", "5", "5"],
  ["项目效益/社会效益/信息整合及数据共享", "5", "4"],
  ["项目效益/服务对象满意度", "10", "9.44"],
  ["项目效益/服务对象满意度/服务对象满意度", "10", "9.44"],
];

function flatten(nodes: IndicatorResult[]): IndicatorResult[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe("examples/yongzhou-2023 reproduces seed 000", () => {
  const text = readFileSync(file, "utf8");
  const { result } = analyzeText(text, file, { strict: true });
  const nodes = flatten(result.indicators);

  it("is clean, even under --strict (its acknowledged audit findings are information)", () => {
    expect(result.diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.code} ${diagnosticText(d).message}`)).toEqual([]);
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity} ${d.data?.acknowledged ? "acknowledged" : ""}`)).toEqual(["PERF220 info acknowledged", "PERF220 info acknowledged"]);
  });

  it("has the report's tree: 4 roots, 11 branches, 27 leaves", () => {
    expect(result.indicators).toHaveLength(4);
    expect(nodes.filter((n) => n.level === 2)).toHaveLength(11);
    expect(nodes.filter((n) => n.children.length === 0)).toHaveLength(27);
    expect(result.summary).toMatchObject({ leaves: 27, scoredLeaves: 27 });
  });

  it.each(published)("%s: weight %s, score %s", (path, weight, score) => {
    const node = nodes.find((n) => n.path.join("/") === path);
    expect(node, path).toBeDefined();
    expect(node!.weight).toBe(weight);
    expect(node!.score).toBe(score);
    expect(node!.declared).toBe(score);
  });

  it("totals 82.46, graded 良", () => {
    expect(result.total).toMatchObject({ weight: "100", score: "82.46", declared: "82.46" });
    expect(result.grade).toEqual({ name: "良", vetoedBy: null });
  });

  it("computes the rules the report states", () => {
    const byId = (id: string) => nodes.find((n) => n.id === id)!;
    expect(byId("预算执行率").method).toMatchObject({ kind: "ratio", expression: "实际支出 / 到位资金" });
    expect(byId("制度执行有效性").method).toMatchObject({ kind: "perFinding", each: "0.2", cases: 13, deducted: "2.6" });
    const sat = nodes.filter((n) => n.method.kind === "satisfaction");
    expect(sat).toHaveLength(1);
    expect(sat[0]!.method).toMatchObject({ aggregation: "mean", value: "0.9442" });
    // every point lost is explained: deductions add up to weight − score on every leaf
    for (const leaf of nodes.filter((n) => !n.children.length)) {
      const lost = leaf.deductions.reduce((s, d) => s + Math.round(Number(d.amount) * 100), 0);
      const expected = Math.round((Number(leaf.weight) - Number(leaf.score)) * 100);
      if (leaf.method.kind === "perFinding" && leaf.method.max === null) expect(lost, leaf.id).toBe(expected);
      else if (leaf.method.kind !== "perFinding") expect(lost, leaf.id).toBe(expected);
    }
  });

  it("lists the findings of 附件2 and attaches them", () => {
    // 37 rows of 附件2 carry a unit and a problem type; one more case is cited only in 评价说明
    expect(result.findings.filter((f) => f.unit && f.type)).toHaveLength(37);
    const cases = (id: string) => result.findings.filter((f) => f.on.includes(id)).reduce((n, f) => n + f.count, 0);
    expect(cases("制度执行有效性")).toBe(13);
    expect(cases("项目完成及时性")).toBe(3);
    expect(cases("验收及时性")).toBe(2);
  });

  it("validates against the result schema", () => {
    expect(() => EvaluationResultSchema.parse(JSON.parse(JSON.stringify(result)))).not.toThrow();
  });
});
