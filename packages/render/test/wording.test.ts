import { describe, expect, it } from "vitest";
import { deductionParagraphs, deductionProse } from "../src/index.js";
import { fromText, yongzhou } from "./helpers.js";

const result = yongzhou();
const texts = deductionParagraphs(result, "zh").map((p) => p.text);

describe("扣分明细 worded as reports write it", () => {
  it("heads each root with total, obtained and deducted, ending in 。", () => {
    expect(deductionProse(result, "zh").map((r) => r.head)).toEqual([
      "（一）项目决策总分14分，实得12.5分，扣1.5分。",
      "（二）项目过程总分16分，实得12.32分，扣3.68分。",
      "（三）项目产出总分40分，实得31.2分，扣8.8分。",
      "（四）项目效益总分30分，实得26.44分，扣3.56分。",
    ]);
  });

  it("groups per-finding deductions by 问题定性 with counts and the per-case amount", () => {
    expect(texts).toContain("3. 制度执行有效性：政府采购管理不规范5例、合同管理不规范5例、项目建设管理不规范1例、资产管理欠规范2例，每例扣0.2分，共13例，扣2.6分。");
    // one group: no redundant 共N例
    expect(texts).toContain("3. 建设程序合规性：项目建设管理不规范1例，每例扣0.5分，扣0.5分。");
  });

  it("words a ratio and a satisfaction score, and every sentence ends with 。", () => {
    expect(texts).toContain("1. 预算执行率95.91%（实际支出÷到位资金），得1.92分，扣0.08分。");
    expect(texts).toContain("3. 服务对象满意度：满意度94.42%（3项调查平均），得9.44分，扣0.56分。");
    for (const t of texts) expect(t.endsWith("。")).toBe(true);
  });

  it("sums each root's sentences to weight − score", () => {
    for (const r of deductionProse(result, "zh")) {
      const sum = r.items.reduce((a, i) => a + Math.round(Number(i.amount) * 100), 0);
      expect(sum).toBe(Math.round((Number(r.root.weight) - Number(r.root.score)) * 100));
    }
  });

  it("words a band with its value and threshold, and a cap", () => {
    const r = fromText(`evaluation "t" { total 10 }
fact 使用率 = 92%
fact 低 = 50%
indicator a "设备使用率" weight 4 { bands 使用率 { >= 95%: 4; >= 90%: 3; else: 0 } }
indicator b "在线率" weight 3 { bands 低 { >= 95%: 3; else: 0 } }
indicator c weight 3 { per finding deduct 2 }
finding f1 on c { type "甲类" issue "x" }
finding f2 on c { type "乙类" issue "y" }
`);
    const t = deductionParagraphs(r, "zh").map((p) => p.text);
    expect(t).toContain("1. 设备使用率：使用率为92.00%，达到“≥90%”档，得3分，扣1分。");
    expect(t).toContain("1. 在线率：低为50.00%，未达到“≥95%”，得0分，扣3分。");
    expect(t).toContain("1. c：甲类1例、乙类1例，每例扣2分，共2例，扣3分，扣完为止。");
  });

  it("gives a score set directly its 评价说明 as the reason, and says when there is none", () => {
    const r = fromText(`evaluation "t" { total 20 }
indicator a "学以致用" weight 10 { score 8.5 note "回访显示多数学员能应用所学，个别课程与岗位关联度不高。" }
indicator b "课程设置" weight 10 { score 9 }
`);
    const zh = deductionParagraphs(r, "zh").map((p) => p.text);
    expect(zh).toContain("1. 学以致用：回访显示多数学员能应用所学，个别课程与岗位关联度不高，得8.5分，扣1.5分。");
    expect(zh).toContain("1. 课程设置得9分，扣1分。");
  });

  it("words a cap of the rule as 按上限, not 扣完为止, when points are left", () => {
    const r = fromText(`evaluation "t" { total 15 }
indicator d "培训组织" weight 15 { per finding deduct 0.8 max 3 }
finding f1 on d { type "签到不实" count 4 issue "x" }
finding f2 on d { type "合同签订滞后" issue "y" }
`);
    const zh = deductionParagraphs(r, "zh").map((p) => p.text);
    expect(zh).toContain("1. 培训组织：签到不实4例、合同签订滞后1例，每例扣0.8分，共5例，按上限扣3分。");
    expect(deductionParagraphs(r, "en").map((p) => p.text)).toContain("1. 培训组织: 签到不实: 4; 合同签订滞后: 1; 0.8 per case, 5 cases, −3 (the rule's cap).");
  });

  it("has an English wording", () => {
    const en = deductionParagraphs(result, "en").map((p) => p.text);
    expect(en[0]).toBe("1. 项目决策: weight 14, scored 12.5, 1.5 deducted.");
    expect(en.every((t) => t.endsWith("."))).toBe(true);
  });

  it("names each unmet element of element scoring (要素法) with its number and reason", () => {
    const r = fromText(`evaluation "t" { total 3 }
indicator 立项依据充分性 weight 3 {
  elements {
    "立项依据符合国家法律法规和政策要求" 1 met
    "与部门职责范围相符" 1 unmet "项目属于其他部门职责。"
    "属于公共财政支持范围" 1 unmet
  }
}
`);
    expect(deductionParagraphs(r, "zh").map((p) => p.text)).toEqual([
      "（一）立项依据充分性总分3分，实得1分，扣2分。",
      "1. 立项依据充分性：要素②“与部门职责范围相符”未达到（项目属于其他部门职责），扣1分。",
      "2. 立项依据充分性：要素③“属于公共财政支持范围”未达到，扣1分。",
    ]);
    expect(deductionParagraphs(r, "en")[1]!.text).toBe("1. 立项依据充分性: element ② '与部门职责范围相符' not met (项目属于其他部门职责); −1.");
  });
});
