import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import { buildReport, defaultNarrative, render, toHtml, toMarkdown } from "../src/index.js";
import { fromText, unzip, yongzhou } from "./helpers.js";

const result = yongzhou();

describe("核对事项 / audit notes", () => {
  const audit = buildReport(result).tables.find((t) => t.name === "audit")!;

  it("lists every statement of 永州's assertions with the stated and the true value, and the acknowledged reason", () => {
    const rows = audit.rows.map((r) => r.cells.map((c) => (c.covered ? "" : c.text)));
    expect(rows.slice(0, 3)).toEqual([
      ["1", "3个一级指标、8个二级指标和27个三级指标", "yongzhou-2023.perf:50", "一级指标 3", "4", "不符（已知）", "报告正文二（二）如此；附件1实为4个一级指标、11个二级指标"],
      ["2", "", "yongzhou-2023.perf:51", "二级指标 8", "11", "不符（已知）", "报告正文二（二）如此；附件1实为4个一级指标、11个二级指标"],
      ["3", "", "yongzhou-2023.perf:52", "三级指标 27", "27", "相符", ""],
    ]);
    expect(rows[5]).toEqual(["6", "预算执行率95.91%", "yongzhou-2023.perf:58", "实际支出 / 到位资金 = 95.91%（误差 0.005%）", "95.9061%", "相符", ""]);
    expect(audit.appendix).toBe(3);
  });

  it("is in md, html, docx and xlsx, in English too", async () => {
    expect(toMarkdown(buildReport(result))).toContain("## 附件3：核对事项");
    expect(toHtml(buildReport(result))).toContain("核对事项");
    const docx = await unzip((await render(result, "docx")) as Uint8Array, "word/document.xml");
    expect(docx).toContain("核对事项");
    expect(docx).toContain("不符（已知）");
    const wb = XLSX.read((await render(result, "xlsx")) as Uint8Array, { type: "array" });
    expect(wb.SheetNames).toContain("附件3：核对事项");
    const en = toMarkdown(buildReport(result, { locale: "en" }));
    expect(en).toContain("Audit notes");
    expect(en).toContain("false (acknowledged)");
    // docx and xlsx take seconds on a loaded machine
  }, 60_000);

  it("is absent from a report with nothing to audit", () => {
    const plain = fromText(`evaluation "t" { total 1 }\nindicator a weight 1 { score 1 }\n`);
    expect(buildReport(plain).tables.some((t) => t.name === "audit")).toBe(false);
  });

  it("an audit-only file renders no score and no grade, only what it checks", () => {
    const only = fromText(`evaluation "青岛" {}\nfact 合计 = 1087.81 万元\nassert 合计核对 "合计1087.80万元" { 合计 = 1087.80 万元 } acknowledged "原表合计行如此"\n`);
    expect(only.total.score).toBeNull();
    const md = toMarkdown(buildReport(only));
    expect(md).toContain("本评价仅核对报告所述，不计总分和等级。");
    expect(md).not.toMatch(/0分|“差”/);
    expect(md).toContain("| 1 | 合计1087.80万元 | test.perf:3 | 合计 = 1087.80 万元 | 1087.81 万元 | 不符（已知） | 原表合计行如此 |");
  });

  it("an audit-only file's chapter 三 (Word, HTML) states no score: no 得分 sentence, no score tables", () => {
    const only = fromText(`evaluation "青岛" {}\nfact 合计 = 1087.81 万元\nassert 合计核对 "合计1087.80万元" { 合计 = 1087.80 万元 } acknowledged "原表合计行如此"\n`);
    const text = defaultNarrative(only, "zh");
    expect(text).toContain("本次评价仅核对报告所述，不计总分和等级。");
    expect(text).not.toMatch(/得分|\{\{总分\}\}|\{\{表:得分情况表\}\}|扣分明细/);
  });
});
