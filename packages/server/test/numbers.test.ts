import { describe, expect, it } from "vitest";
import { expectCompletion, expectHover, setup } from "./helpers.js";

const file = `evaluation "t" { total 100 }
table 支出明细 "表2-1 项目支出明细（单位：万元）" {
  columns { 名称 "项目" text; 预算 "预算数" 万元; 支出 "实际支出" 万元 }
  row 云平台 { "政务云平台扩容", 320.50, 318 }
  row 安全 { "网络安全等级保护", 80, 79.5 }
}
fact 基数 = 100 万元
fact 预算合计 = sum(支出明细.预算) + 基数 in 万元
fact 云支出 = 支出明细.云平台.支出
indicator 执行 "执行率" weight 100 { ratio 云支出 / 预算合计 }
`;

describe("report numbers in the editor", () => {
  it("hover on a computed fact shows the computation with the values it uses", () => {
    expectHover(file.replace("fact 预算合计", "fact 预<|>算合计"), [
      "**预算合计** · 数据",
      "`500.5 万元`",
      "计算: `sum(支出明细.预算) + 基数 in 万元`",
      "- `支出明细.预算` = 列 · 2 个数值，合计 `400.5 万元`",
      "- `基数` = `100 万元`",
    ]);
    expectHover(file.replace("fact 云支出", "fact 云<|>支出"), ["`318 万元`", "- `支出明细.云平台.支出` = `318`"]);
  });

  it("hover on a fact holding a date shows it as written, and a computed date difference in days (decision 0180)", () => {
    const dated = `evaluation "t" { total 10 }\nfact 完工 = 2020年11月20日\nfact 计划 = 2020-11-30\nfact 提前 = 计划 - 完工\nfact 顺延 = 完工 + 3 个月\nassert x { 提前 = 10 天; 顺延 > 计划 }\n`;
    expectHover(dated.replace("fact 完工", "fact 完<|>工"), ["**完工** · 数据", "`2020年11月20日`"]);
    expectHover(dated.replace("fact 提前", "fact 提<|>前"), ["`10 天`", "- `计划` = `2020-11-30`", "- `完工` = `2020年11月20日`"]);
    expectHover(dated.replace("fact 顺延", "fact 顺<|>延"), ["`2021年2月20日`"]);
  });

  it("hover on a table names its columns and counts its rows", () => {
    expectHover(file.replace("table 支出明细", "table 支<|>出明细"), ["**表2-1 项目支出明细（单位：万元）** · 数据表 `支出明细`", "行: 2"]);
  });

  it("completes columns and rows after `TABLE.`, columns after `TABLE.ROW.`", () => {
    const labels = expectCompletion(file + "fact x = 支出明细.<|>", { includes: ["名称", "预算", "支出", "云平台", "安全"] });
    expect(labels.indexOf("预算")).toBeLessThan(labels.indexOf("云平台"));
    expectCompletion(file + "fact x = 支出明细.云平台.<|>", { includes: ["预算", "支出"], excludes: ["云平台", "安全"] });
    expectCompletion(file + "fact x = sum(<|>", { includes: ["基数", "支出明细"] });
  });
});

describe("units in the editor", () => {
  it("offers declared units after a number, with the built-in ones", () => {
    expectCompletion("units { 台套; 亿次 = 100000000 次 }\nfact x = 12 <|>", { includes: ["台套", "亿次", "万元"] });
  });
});

describe("row clauses in the editor", () => {
  it("offers the tables after `row` in a finding, then its rows after the dot", () => {
    const t = `table 明细 "t" {\n  columns { 名称 text; 金额 万元 }\n  row 甲 { "x", 1 }\n}\nindicator i "i" weight 100 { score 100 }\n`;
    expectCompletion(`${t}finding f on i { row <|> }`, { includes: ["明细"], excludes: ["i", "f"] });
    expectCompletion(`${t}finding f on i { row 明细.<|> }`, { includes: ["甲"] });
  });
});

describe("inlay hints for report numbers", () => {
  it("a computed fact's value, and what the rows add up to after a printed figure that differs", () => {
    const s = setup(`table t "t" {\n  columns { 名称 text; 金额 万元 }\n  row a { "x", 320.50 }\n  row b { "y", 767.31 }\n  printed total { 金额 1087.80 } acknowledged "原表如此"\n  printed subtotal 甲 rows [a] { 金额 320.50 }\n}\nfact 合计 = sum(t.金额) in 元\nindicator i "i" weight 100 { score 100 }\n`);
    expect(s.service.inlayHints(s.uri).map((h) => `${h.position.line}:${h.label}`)).toEqual(["8:100 / 100", "4:各行 1087.81", "7:= 10878100 元"]);
  });
});
