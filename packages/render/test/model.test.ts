import { describe, expect, it } from "vitest";
import { buildReport, parseGrouping, rateText, RenderOptionError, type Table } from "../src/index.js";
import { fromText, yongzhou } from "./helpers.js";

const result = yongzhou();
const report = buildReport(result, { groups: [parseGrouping("项目绩效=项目产出,社会效益,服务对象满意度")] });
const table = (id: string): Table => report.tables.find((t) => t.id === id)!;

describe("评分表 (附件1)", () => {
  const t = table("scores");
  const data = t.rows.filter((r) => r.kind === "data");

  it("has one row per leaf and the 合计 of seed 000", () => {
    expect(data).toHaveLength(27);
    expect(t.columns.map((c) => c.header)).toEqual(["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "指标解释", "评价标准", "得分", "评价说明"]);
    const total = t.rows.at(-1)!;
    expect(total.kind).toBe("total");
    expect(total.cells[8]!.text).toBe("82.46");
    expect(total.cells[1]!.text).toBe("100");
    expect(t.appendix).toBe(1);
  });

  it("merges 一级 and 二级 cells over their leaves", () => {
    const anchors = (col: number) => t.rows.filter((r) => r.kind === "data" && !r.cells[col]!.covered).map((r) => [r.cells[col]!.text, r.cells[col]!.rowSpan ?? 1]);
    expect(anchors(0)).toEqual([["项目决策", 6], ["项目过程", 4], ["项目产出", 12], ["项目效益", 5]]);
    expect(anchors(1)).toEqual([["14", 6], ["16", 4], ["40", 12], ["30", 5]]);
    expect(anchors(2).map((a) => a.join(":"))).toEqual(
      ["项目立项:3", "绩效目标:2", "资金投入:1", "资金管理:2", "组织实施:2", "产出数量:3", "产出质量:5", "产出时效:3", "产出成本:1", "社会效益:4", "服务对象满意度:1"],
    );
    const covered = t.rows[1]!.cells[0]!;
    expect(covered).toMatchObject({ covered: true, anchor: [0, 0], text: "项目决策" });
  });

  it("sums the leaf scores in the 合计 formula", () => {
    const f = t.rows.at(-1)!.cells[8]!.formula!;
    expect(f.kind).toBe("sum");
    const sum = (f as { rows: number[] }).rows.reduce((a, r) => a + Math.round(Number(t.rows[r]!.cells[8]!.value) * 100), 0);
    expect(sum).toBe(8246);
    expect((f as { rows: number[] }).rows).toHaveLength(27);
  });
});

describe("得分情况表 (表3-1)", () => {
  it("regroups 产出 + 社会效益 + 满意度 under 项目绩效 like seed 000", () => {
    const t = table("summary");
    const rows = t.rows.map((r) => r.cells.map((c) => (c.covered ? "" : c.text)).join("|"));
    expect(rows).toEqual([
      "项目决策|项目立项|6|5|83.33%",
      "|绩效目标|6|5.5|91.67%",
      "|资金投入|2|2|100.00%",
      "小计||14|12.5|89.29%",
      "项目过程|资金管理|6|5.92|98.67%",
      "|组织实施|10|6.4|64.00%",
      "小计||16|12.32|77.00%",
      "项目绩效|项目产出|40|31.2|78.00%",
      "|社会效益|20|17|85.00%",
      "|服务对象满意度|10|9.44|94.40%",
      "小计||70|57.64|82.34%",
      "合计||100|82.46|82.46%",
    ]);
  });

  it("without groups has one block per root", () => {
    const t = buildReport(result, { tables: ["summary"] }).tables[0]!;
    expect(t.rows.filter((r) => r.kind === "subtotal").map((r) => r.cells[3]!.text)).toEqual(["12.5", "12.32", "31.2", "26.44"]);
  });

  it("rejects unknown, repeated and half-grouped members", () => {
    const bad = (spec: string) => () => buildReport(result, { groups: [parseGrouping(spec)] });
    expect(bad("X=项目产出,没有这个")).toThrow(RenderOptionError);
    expect(bad("X=项目产出,产出数量")).toThrow(/不止一次/);
    expect(bad("X=社会效益")).toThrow(/服务对象满意度/);
    expect(() => parseGrouping("项目产出,社会效益")).toThrow(/名称=指标/);
    expect(() => buildReport(result, { tables: ["nope"] })).toThrow(/nope/);
  });
});

describe("per-root tables, 扣分明细, 问题清单", () => {
  it("prints one table per root with its 合计", () => {
    const roots = report.tables.filter((t) => t.name === "roots");
    expect(roots.map((t) => [t.title, t.rows.at(-1)!.cells.at(-1)!.text])).toEqual([
      ["项目决策指标分析", "12.5"],
      ["项目过程指标分析", "12.32"],
      ["项目产出指标分析", "31.2"],
      ["项目效益指标分析", "26.44"],
    ]);
  });

  it("lists deductions that add up to weight − score per root", () => {
    const t = table("deductions");
    const heads = t.rows.filter((r) => r.kind === "group").map((r) => r.cells[0]!.text);
    expect(heads[0]).toBe("（一）项目决策总分14分，实得12.5分，扣1.5分。");
    const perRoot: number[] = [];
    for (const r of t.rows) {
      if (r.kind === "group") perRoot.push(0);
      else perRoot[perRoot.length - 1]! += Math.round(Number(r.cells[2]!.value) * 100);
    }
    expect(perRoot).toEqual([150, 368, 880, 356]);
    expect(t.rows.some((r) => r.cells[3]!.text.startsWith("方案设计合理性：部分项目存在前期规划不充分"))).toBe(true);
  });

  it("groups the findings by unit and project with merged cells", () => {
    const t = table("findings");
    expect(t.rows).toHaveLength(result.findings.length);
    expect(t.rows.map((r) => r.cells[0]!.text)).toEqual(result.findings.map((_, i) => String(i + 1)));
    const units = t.rows.filter((r) => !r.cells[1]!.covered).map((r) => r.cells[1]!.text);
    expect(new Set(units).size).toBe(units.length);
    expect(t.rows[0]!.cells[1]!.rowSpan).toBeGreaterThan(1);
    expect(t.rows.map((r) => r.cells[5]!.text)).toContain("未落实政府采购流程");
  });

  it("notes the rows that stand for more than one case, so the table agrees with the prose's count", () => {
    const t = table("findings");
    const cases = result.findings.reduce((a, f) => a + f.count, 0);
    const multiple = t.rows.flatMap((r) => {
      const f = result.findings.find((x) => (x.issue ?? x.title ?? x.id) === r.cells[5]!.text && x.description === r.cells[6]!.text)!;
      return f.count > 1 ? [`第${r.cells[0]!.text}项含${f.count}例`] : [];
    });
    expect(multiple.length).toBeGreaterThan(0);
    expect(cases).toBeGreaterThan(t.rows.length);
    expect(t.notes).toEqual([`注：${multiple.join("，")}；共${t.rows.length}项、${cases}例。`]);
    const en = buildReport(result, { locale: "en", tables: ["findings"] }).tables[0]!;
    expect(en.notes[0]).toMatch(new RegExp(`^Note: item \\d+ counts \\d+ cases.*; ${t.rows.length} items, ${cases} cases in all\\.$`));
    // one case per row: no note
    const single = fromText(`evaluation "t" { total 10 }\nindicator a weight 10 { score 5 }\nfinding f "问题" { issue "具体" }\n`);
    expect(buildReport(single, { tables: ["findings"] }).tables[0]!.notes).toEqual([]);
  });

  it("keeps a finding's title as its 问题定性 when it has its own 具体问题 and no type", () => {
    const r = fromText(`evaluation "t" { total 10 }\nindicator a weight 10 { score 5 }\nfinding f "绩效目标编制质量不高" { issue "指标填报模糊" }\nfinding g "标题" { type "类型" issue "问题" }\nfinding h "只有标题"\n`);
    const rows = buildReport(r, { tables: ["findings"] }).tables[0]!.rows.map((x) => [x.cells[4]!.text, x.cells[5]!.text]);
    expect(rows).toEqual([["绩效目标编制质量不高", "指标填报模糊"], ["类型", "问题"], ["", "只有标题"]]);
  });
});

describe("small inputs", () => {
  it("renders a flat tree, an unscored leaf and no findings", () => {
    const r = fromText(`evaluation "t" { total 10 }\nindicator a weight 6 { score 5 }\nindicator b weight 4 { }\n`);
    const rep = buildReport(r);
    const scores = rep.tables.find((t) => t.id === "scores")!;
    expect(scores.columns).toHaveLength(6);
    expect(scores.rows.map((x) => x.cells[4]!.text)).toEqual(["5", "未评分", r.total.score]);
    expect(rep.tables.find((t) => t.id === "findings")!.notes).toEqual(["（无）"]);
    const ded = rep.tables.find((t) => t.id === "deductions")!.rows;
    expect(ded[0]!.cells[0]!.text).toBe("（一）a总分6分，实得5分，扣1分。");
    expect(ded.filter((x) => x.kind === "data" && x.cells[1]!.text === "a").map((x) => x.cells[2]!.text)).toEqual(["1"]);
  });

  it("sums leaf roots into the 评分表 合计 weight", () => {
    const r = fromText(`evaluation "t" { total 15 }\nindicator a weight 10 { indicator b weight 10 { score 3 } }\nindicator e weight 5 { score 5 }\n`);
    const t = buildReport(r, { tables: ["scores"] }).tables[0]!;
    const f = t.rows.at(-1)!.cells[1]!.formula as { kind: "sum"; rows: number[] };
    expect(f.rows.map((i) => t.rows[i]!.cells[1]!.text)).toEqual(["10", "5"]);
    expect(t.rows[1]!.cells.slice(0, 4).map((c) => c.text)).toEqual(["e", "5", "", ""]);
    expect(t.rows[1]!.cells[2]!.colSpan).toBe(2);
  });

  it("formats rates exactly", () => {
    expect(rateText("0.9591")).toBe("95.91%");
    expect(rateText("1")).toBe("100.00%");
    expect(rateText("0.82345")).toBe("82.35%");
    expect(rateText(null)).toBe("");
  });
});
