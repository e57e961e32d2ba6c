import { diagnosticText } from "@perf/language";
import { describe, expect, it } from "vitest";
import { analyze, analyzeText, applyFixes, fixesFor } from "../src/index.js";

const codes = (text: string) => analyzeText(text).result.diagnostics.map((d) => d.code);
/** The value and unit of computed fact `x` in a file of facts. */
const value = (facts: string) => {
  const { result } = analyzeText(`${facts}\nindicator i "i" weight 100 { score 100 }`);
  const errors = result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${diagnosticText(d, "en").message}`);
  const x = result.facts.find((f) => f.id === "x")!;
  return { value: x.value, unit: x.unit, errors };
};

describe("aggregates, with the worked numbers of the seeds", () => {
  it("mean of seed 000's three surveys is 94.42%", () => {
    expect(value("fact x = mean(96.92%, 98.56%, 87.78%)")).toEqual({ value: "0.9442", unit: null, errors: [] });
    expect(value("fact x = 平均值(96.92%, 98.56%, 87.78%)").value).toBe("0.9442");
  });
  it("sum, count, min, max over arguments and their Chinese spellings", () => {
    expect(value("fact x = sum(5191.10 万元, 221.59 万元)")).toEqual({ value: "5412.69", unit: "万元", errors: [] });
    expect(value("fact x = 求和(1, 2, 3)").value).toBe("6");
    expect(value("fact x = count(1, 2, 3)").value).toBe("3");
    expect(value("fact x = 计数(1, 2)").value).toBe("2");
    expect(value("fact x = min(3, -1.5, 2)").value).toBe("-1.5");
    expect(value("fact x = 最小(3, 2)").value).toBe("2");
    expect(value("fact x = max(3, 7.25, 2)").value).toBe("7.25");
    expect(value("fact x = 最大(3, 4)").value).toBe("4");
    expect(value("fact x = 上限(3, 4)").value).toBe("4");
  });
  it("a mean that does not terminate is cut at 34 significant digits, half-up", () => {
    expect(value("fact x = mean(1, 2, 2)").value).toBe("1.666666666666666666666666666666667");
  });
  it("aggregates over a table column, with the cells' units converted", () => {
    const t = `table 明细 "t" {
  columns { 名称 "项目" text; 金额 "金额" 万元; 率 "完成率" percent }
  row 甲 { "甲", 320.50, 99% }
  row 乙 { "乙", 5000 元, 100 }
  row 丙 { "丙", -, 97% }
}`;
    expect(value(`${t}\nfact x = sum(明细.金额)`)).toEqual({ value: "321", unit: "万元", errors: [] });
    expect(value(`${t}\nfact x = count(明细.金额)`).value).toBe("2");
    expect(value(`${t}\nfact x = mean(明细.率)`)).toEqual({ value: "0.9866666666666666666666666666666667", unit: null, errors: [] });
    expect(value(`${t}\nfact x = max(明细.率)`).value).toBe("1");
    expect(value(`${t}\nfact x = 明细.乙.金额 in 元`)).toEqual({ value: "5000", unit: "元", errors: [] });
    expect(value(`${t}\nfact x = sum(明细.名称)`).errors).toEqual(["PERF203 '明细.名称' is text and cannot be computed with"]);
    expect(value(`${t}\nfact x = 明细.金额`).errors[0]).toMatch(/^PERF203 '明细.金额' is a table column/);
    expect(value(`${t}\nfact x = 明细.丙.金额`).errors).toEqual(["PERF203 the cell '明细.丙.金额' is empty"]);
    expect(value(`${t}\nfact x = min()`).errors).toEqual(["PERF203 min() has no values to compute"]);
  });
  it("count over a text column: its non-empty cells, or the cells equal to a text (decision 0181)", () => {
    // seed 003's 表1-1: 23 sub-projects, 19 完成, 4 未开展 (here 3 rows of it, one cell empty)
    const t = `table 子项目 "t" {
  columns { 名称 "子项目" text; 状态 "完成情况" text; 支出 "支出" 万元 }
  row 甲 { "电子印章平台", "未开展", 0 }
  row 乙 { "网站运维", "已完成", 52.5 }
  row 丙 { "云平台", "已完成", - }
  row 丁 { "信用平台", -, 3 }
}`;
    expect(value(`${t}\nfact x = count(子项目.状态)`)).toEqual({ value: "3", unit: null, errors: [] });
    expect(value(`${t}\nfact x = count(子项目.名称)`).value).toBe("4");
    expect(value(`${t}\nfact x = count(子项目.状态 = "已完成")`)).toEqual({ value: "2", unit: null, errors: [] });
    expect(value(`${t}\nfact x = 计数(子项目.状态 = "未开展")`).value).toBe("1");
    expect(value(`${t}\nfact x = count(子项目.状态 = "验收合格")`).value).toBe("0");
    // numbers and texts together: 3 numbers of 支出 and 3 non-empty 状态
    expect(value(`${t}\nfact x = count(子项目.支出, 子项目.状态)`).value).toBe("6");
    expect(value(`${t}\nfact x = count(子项目.名称) - count(子项目.状态 = "已完成")`).value).toBe("2");
    // a filter is for count of one text column
    expect(value(`${t}\nfact x = sum(子项目.状态 = "已完成")`).errors[0]).toMatch(/^PERF216 /);
    expect(value(`${t}\nfact x = count(子项目.支出 = "0")`).errors[0]).toMatch(/^PERF216 /);
    expect(value(`${t}\nfact x = count(子项目.状态, 子项目.名称 = "甲")`).errors[0]).toMatch(/^PERF216 /);
    expect(value(`${t}\nfact x = max(子项目.状态)`).errors).toEqual(["PERF203 '子项目.状态' is text and cannot be computed with"]);
    expect(value(`${t}\nfact x = 子项目.状态`).errors).toEqual(["PERF203 '子项目.状态' is text and cannot be computed with"]);
  });
});

describe("unit conversion", () => {
  it("元, 千元, 万元, 亿元", () => {
    expect(value("fact x = 5 万元 + 3000 元")).toEqual({ value: "5.3", unit: "万元", errors: [] });
    expect(value("fact x = 1 亿元 in 万元")).toEqual({ value: "10000", unit: "万元", errors: [] });
    expect(value("fact x = 12 千元 in 万元")).toEqual({ value: "1.2", unit: "万元", errors: [] });
    expect(value("fact x = 3000 元 / 5 万元")).toEqual({ value: "0.06", unit: null, errors: [] });
  });
  it("分钟, 小时, 天; 月, 年", () => {
    expect(value("fact x = 90 分钟 in 小时")).toEqual({ value: "1.5", unit: "小时", errors: [] });
    expect(value("fact x = 1 天 + 12 小时")).toEqual({ value: "1.5", unit: "天", errors: [] });
    expect(value("fact x = 2 年 in 月")).toEqual({ value: "24", unit: "月", errors: [] });
  });
  it("declared units convert along their chain", () => {
    const u = "units { 亿次 = 100000000 次; T = 1024 GB; PB = 1024 T }";
    expect(value(`${u}\nfact x = 3 亿次 in 次`)).toEqual({ value: "300000000", unit: "次", errors: [] });
    expect(value(`${u}\nfact x = 1 T + 512 GB`)).toEqual({ value: "1.5", unit: "T", errors: [] });
    expect(value(`${u}\nfact x = 1 PB in GB`)).toEqual({ value: "1048576", unit: "GB", errors: [] });
  });
  it("different dimensions do not add or convert (PERF060)", () => {
    expect(value("fact x = 5 万元 + 3 小时").errors).toEqual(["PERF060 unit mismatch: cannot add 万元 and 小时"]);
    expect(value("fact x = 3 小时 in 万元").errors).toEqual(["PERF060 unit mismatch: cannot convert 小时 to 万元"]);
    // days and months: the specific PERF214 since dates are values (decision 0180)
    expect(value("fact x = 3 天 in 月").errors).toEqual(["PERF214 天 and 月 do not convert: a month has no fixed number of days"]);
  });
  it("a conversion cycle among declared units is PERF201", () => {
    expect(codes("units { 甲单位 = 2 乙单位; 乙单位 = 3 甲单位 }")).toEqual(["PERF035", "PERF201", "PERF201"]);
  });
});

describe("computed facts", () => {
  const yz = `evaluation "t" { total 2 }
fact 到位资金 = sum(5000 万元, 412.69 万元)
fact 实际支出 = 5191.10 万元
indicator 执行率 "预算执行率" weight 2 { ratio 实际支出 / 到位资金 }`;
  it("a computed fact used by a ratio scores as a literal does: seed 000's 预算执行率 1.92", () => {
    const { result } = analyzeText(yz);
    expect(result.diagnostics).toEqual([]);
    expect(result.indicators[0]!.score).toBe("1.92");
    expect(result.facts[0]).toMatchObject({ id: "到位资金", value: "5412.69", unit: "万元", expression: "sum(5000 万元, 412.69 万元)", computed: true, usedBy: ["执行率"] });
    expect(result.facts[1]!.computed).toBeUndefined();
  });
  it("a ratio of money in different units converts: 5191.10 万元 / 54126900 元", () => {
    const { result } = analyzeText(yz.replace("sum(5000 万元, 412.69 万元)", "54126900 元"));
    expect(result.indicators[0]!.score).toBe("1.92");
  });
  it("facts used only by computed facts are used", () => {
    expect(codes(`fact a = 1\nfact b = 2\nfact x = a + b\nindicator i "i" weight 100 { bands x { >= 3: 100; else: 0 } }`)).toEqual([]);
  });
  it("a cycle is located on each fact of it, and a self-reference too", () => {
    const { result } = analyzeText("fact a = a + 1\nindicator i \"i\" weight 100 { bands a { >= 3: 100; else: 0 } }");
    expect(result.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.args.cycle}`)).toEqual(["PERF202 0:5 a → a"]);
  });
  it("an unknown name in a computed fact is PERF020 with a suggestion", () => {
    const d = analyzeText("fact 实际支出 = 5 万元\nfact x = 实际支 + 1 万元\nindicator i \"i\" weight 100 { bands x { >= 3 万元: 100; else: 0 } }").result.diagnostics;
    expect(d.map((x) => [x.code, x.data?.suggestion])).toEqual([["PERF020", "实际支出"]]);
  });
  it("a chain of 20 000 computed facts is evaluated without recursion", () => {
    const lines = ["fact f0 = 1"];
    for (let i = 1; i < 20_000; i++) lines.push(`fact f${i} = f${i - 1} + 1`);
    lines.push('indicator i "i" weight 100 { bands f19999 { >= 20000: 100; else: 0 } }');
    const { result } = analyzeText(lines.join("\n"));
    expect(result.diagnostics).toEqual([]);
    expect(result.indicators[0]!.score).toBe("100");
  }, 60_000);
});

describe("tables and printed totals", () => {
  const rows = ["320.50", "80", "687.31"];
  const table = (printed: string) => `table 支出明细 "表2-1 2020年项目支出明细（单位：万元）" {
  columns { 名称 "项目" text; 预算 "预算数" 万元 }
${rows.map((r, i) => `  row r${i} { "项目${i}", ${r} }`).join("\n")}
  ${printed}
}`;
  it("a total that matches is silent", () => {
    const { result } = analyzeText(table("printed total { 预算 1087.81 }"));
    expect(result.diagnostics).toEqual([]);
    expect(result.tables![0]!.printed[0]!.values[0]).toEqual({ column: "预算", printed: "1087.81", computed: "1087.81", matches: true });
  });
  it("1,087.80 printed for rows adding up to 1,087.81: an audit error naming both, the rows related", () => {
    const { result } = analyzeText(table("printed total { 预算 1087.80 }"));
    const [d] = result.diagnostics;
    expect(d).toMatchObject({ code: "PERF207", severity: "error", args: { printed: "1087.80", computed: "1087.81", unit: "万元" } });
    expect(diagnosticText(d!, "zh").message).toBe("数据表「支出明细」原表合计的「预算」印为 1087.80 万元，各行相加为 1087.81 万元");
    expect(d!.related!.map((r) => diagnosticText(r, "en").message)).toEqual(["row 'r0': 预算 320.50", "row 'r1': 预算 80", "row 'r2': 预算 687.31"]);
  });
  it("acknowledged, it is information with the reason", () => {
    const { result } = analyzeText(table('printed total { 预算 1087.80 } acknowledged "原表合计行如此；各行相加为1087.81"'));
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.data?.acknowledged])).toEqual([["PERF207", "info", "原表合计行如此；各行相加为1087.81"]]);
    expect(result.summary.errors).toBe(0);
  });
  it("a subtotal adds up its rows only", () => {
    const { result } = analyzeText(table("printed subtotal 基础 rows [r0, r1] { 预算 400.50 }"));
    expect(result.diagnostics).toEqual([]);
    expect(result.tables![0]!.printed[0]).toMatchObject({ kind: "subtotal", name: "基础", rows: ["r0", "r1"] });
  });
  it("seed 001's 8.4 元 in a 万元 column: the total adds up only if it means 8.4 万元 (PERF208)", () => {
    const t = `table 费用 "费用构成（单位：万元）" {
  columns { 名称 "费用" text; 金额 "金额" 万元 }
  row 甲 { "其他", 1896.8 }
  row 空调 { "空调维修费", 8.4 元 }
  printed total { 金额 1905.2 }
}`;
    const [d] = analyzeText(t).result.diagnostics;
    expect(d?.code).toBe("PERF208");
    expect(diagnosticText(d!, "en").message).toContain("adds up only if 「空调」8.4 元 means 8.4 万元 (as written the rows add up to 1896.80084 万元)");
    expect(d!.related!.length).toBe(1);
  });
  it("cells are typed by their column", () => {
    expect(codes(`table t "t" {\n columns { a text; b 万元; c percent }\n row r { 5, "x", 3 小时 }\n}`)).toEqual(["PERF205", "PERF205", "PERF205"]);
  });
  it("references to rows and columns are checked; a row clause names a row", () => {
    const t = `table t "t" {\n columns { a text; b 万元 }\n row r { "x", 1 }\n}\nindicator i "i" weight 100 { score 100; row t.r }\nfinding f { row t.q }`;
    expect(analyzeText(t).result.diagnostics.map((d) => `${d.code} ${d.args.name}`)).toEqual(["PERF206 q"]);
  });
  it("a table of 100 000 rows is checked without recursion", () => {
    const lines = [`table t "t" {`, "  columns { 名称 text; 金额 万元 }"];
    for (let i = 0; i < 100_000; i++) lines.push(`  row r${i} { "项目", 0.01 }`);
    lines.push("  printed total { 金额 1000.01 }", "}");
    const { result } = analyzeText(lines.join("\n"));
    expect(result.diagnostics.map((d) => [d.code, d.args.computed, d.related?.length])).toEqual([["PERF207", "1000", 100]]);
  }, 60_000);
});

describe("the unknown-unit fix", () => {
  it("declares the unit in the file's units block, or in a new one", () => {
    for (const text of ["units { 台套 }\nfact x = 600 T\nindicator i \"i\" weight 100 { ratio x / x }", "evaluation \"t\" { total 100 }\nfact x = 600 T\nindicator i \"i\" weight 100 { ratio x / x }"]) {
      const a = analyze([{ uri: "file:///t.perf", text }]);
      const d = a.result.diagnostics.find((x) => x.code === "PERF200")!;
      const [fix] = fixesFor(d, a, { locale: "en" });
      expect(fix!.title).toBe("Declare the unit 'T'");
      const fixed = applyFixes(text, [fix!]).text;
      expect(analyzeText(fixed).result.diagnostics).toEqual([]);
    }
  });
});

describe("bands compare across units of one dimension", () => {
  it("a threshold in 元 against a value in 万元", () => {
    const file = (threshold: string) => `evaluation "t" { total 2 }\nfact 支出 = 5191.10 万元\nindicator i "i" weight 2 { bands 支出 { >= ${threshold}: 2; else: 0 } }`;
    expect(analyzeText(file("50000000 元")).result.indicators[0]!.score).toBe("2");
    expect(analyzeText(file("60000000 元")).result.indicators[0]!.score).toBe("0");
    expect(analyzeText(file("5 小时")).result.diagnostics.map((d) => d.code)).toEqual(["PERF060"]);
  });
});

describe("examples/yiyang-2018: seed 001's cost breakdown", () => {
  it("lists the 8.4 元 unit error as acknowledged information, and nothing else", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const file = join(import.meta.dirname, "../../../examples/yiyang-2018/yiyang-2018.perf");
    const { result } = analyzeText(readFileSync(file, "utf8"), file);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.args.printed, d.args.computed, d.args.readAs])).toEqual([["PERF208", "info", "1905.2", "1896.80084", "8.4 万元"]]);
    expect(String(result.diagnostics[0]!.data?.acknowledged)).toContain("空调维修费8.4元");
    expect(result.tables![0]!.rows.map((r) => r.cells[1])).toEqual(["1835", "38", "20.8", "8.4 元", "3"]);
  });
});

describe("unknown units and long literals when the parse's number words rule them out", () => {
  const clean = 'units { 台套 }\nfact a = 12 台套\nfact b = 600 万元 in 元\nindicator i "i" weight 100 { ratio a / a * b / b }';
  const numberCodes = (text: string) => codes(text).filter((c) => c === "PERF200" || c === "PERF038");
  it("reports nothing when every word after a number or `in` is a unit", () => {
    expect(codes(clean)).toEqual([]);
  });
  it("still finds an unknown unit, an unknown conversion target and a long literal in an error-free file", () => {
    expect(numberCodes(clean.replace("12 台套", "12 T"))).toEqual(["PERF200"]);
    expect(numberCodes(clean.replace("in 元", "in 吨公里"))).toEqual(["PERF200"]);
    expect(numberCodes(clean.replace("12 台套", `1${"0".repeat(40)} 台套`))).toEqual(["PERF038"]);
  });
});
