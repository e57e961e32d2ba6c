import { describe, expect, it } from "vitest";
import { expectHover, expectNoHover, setup, yongzhouText, positionOf } from "./helpers.js";
import { small, smallZh } from "./fixtures.js";

const at = (needle: string, cursorAfter = 1) => small.replace(needle, needle.slice(0, cursorAfter) + "<|>" + needle.slice(cursorAfter));

describe("hover", () => {
  it("shows an indicator's path, weight, score, rate and method", () => {
    expectHover(at("indicator 预算执行率", 11), ["**预算执行率**", "项目过程 › 预算执行率", "分值 2", "得分 1.9", "得分率 95.00%", "比率 `实际支出 / 到位资金` = 95.00%"]);
  });

  it("lists per-finding deductions with their reasons and the findings counted", () => {
    const text = expectHover(at("indicator 制度执行", 11), ["按问题扣分: 每例 0.5; 2 例 → −1", "扣分:", "−1 未落实政府采购流程（2例）", "关联问题: 1（采购不规范）"]);
    expect(text).toContain("得分 3");
  });

  it("works on a reference as well as on the declaration", () => {
    expectHover(at("on 制度执行", 4), ["**制度执行**", "分值 4"]);
  });

  it("shows a fact's value and where it is used", () => {
    expectHover(at("fact 到位资金", 6), ["**到位资金** · 数据", "`100 万元`", "使用处: 预算执行率"]);
    expectHover(at("/ 到位资金", 3), ["**到位资金**"]);
  });

  it("shows a survey's satisfaction", () => {
    expectHover(at("survey 公众", 8), ["**社会公众** · 调查 `公众`", "满意度: 90.00%", "使用处: 公众满意度"]);
  });

  it("shows a finding's fields and the indicators it costs", () => {
    expectHover(at("finding 采购不规范", 9), ["**采购不规范** · 问题", "单位: 财政局", "定性: 政府采购管理不规范", "例数: 2", "扣分指标:", "制度执行: −1"]);
  });

  it("speaks English when asked", () => {
    expectHover(at("indicator 预算执行率", 11), ["weight 2", "score 1.9", "rate 95.00%", "method: ratio"], { settings: { locale: "en" } });
  });

  it("shows an assertion's statements, true or false, and the acknowledged reason", () => {
    const text = `evaluation "t" { total 1 }\nfact a = 2 万元\nfact b = 3 万元\nindicator x weight 1 { score 1 }\nassert 核<|>对项 "1个一级指标" { indicators level 1 = 2; a + b = 5 万元 } acknowledged "原文如此"\n`;
    expectHover(text, ["**1个一级指标** · 核对 `核对项`", "- ✗ 1 级指标数 = 2 → 1", "- ✓ a + b = 5 万元 → 5 万元", "已知: 原文如此"]);
    expectHover(text, ["assertion", "- ✗ indicators level 1 = 2 → 1", "acknowledged: 原文如此"], { settings: { locale: "en" } });
  });

  it("explains a keyword in both spellings", () => {
    expectHover(at("weight 2", 2), ["`weight` / `分值`", "分值：指标的满分"]);
    expectHover(smallZh.replace("比率 实际支出", "比<|>率 实际支出"), ["`ratio` / `比率`", "得分 = 分值 × min(比率, 100%)"]);
    expectHover(at("weight 2", 2), ["the indicator's weight"], { settings: { locale: "en" } });
  });

  it("says nothing on numbers, strings and unknown names", () => {
    expectNoHover(at("weight 2", 8));
    expectNoHover(at('"财政局"', 2));
    expectNoHover(small.replace("实际支出 / 到位资金", "实际支出 / 到<|>位资"));
  });

  it("shows the 永州 indicators as the report prints them", () => {
    const s = setup(yongzhouText);
    const h = s.service.hover(s.uri, positionOf(yongzhouText, "indicator 预算执行率", 12));
    const v = (h!.contents as { value: string }).value;
    expect(v).toContain("项目过程 › 资金管理 › 预算执行率");
    expect(v).toContain("得分 1.92");
    expect(v).toContain("得分率 96.00%");
    expect(v).toContain("= 95.91%");
  });
});
