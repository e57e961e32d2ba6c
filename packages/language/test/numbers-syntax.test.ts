import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FactDecl, TableDecl, UnitsDecl } from "../src/ast.js";
import { format } from "../src/printer.js";
import { parse } from "../src/parse.js";

const errors = (text: string) => parse(text).diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.range.start.line + 1}`);
const facts = (text: string) => parse(text).ast.declarations.filter((d): d is FactDecl => d.kind === "fact");

describe("units after a number (decision 0092)", () => {
  // every unit the four seed reports print; none may be a parse error
  const seedUnits = ["T", "组", "字", "亿次", "台套", "万元", "元", "千元", "亿元", "次/天", "小时", "分钟", "天", "个", "台", "项", "次", "人次", "GB", "TB", "户", "套", "个月", "年", "月", "家", "条", "平方米"];
  for (const unit of seedUnits) {
    it(`'${unit}' is a unit, not a syntax error`, () => {
      const [f] = facts(`fact x = 18 ${unit}\nfact y = 1.5 ${unit} "说明"`);
      expect(errors(`fact x = 18 ${unit}\nfact y = 1.5 ${unit} "说明"`)).toEqual([]);
      expect(f?.value?.unit).toBe(unit);
    });
  }

  it("a word on the next line is never a unit", () => {
    const text = "evaluation {\n  grades {\n    优 >= 90\n    良 >= 80\n    中 >= 60\n    差 >= 0\n  }\n}";
    expect(errors(text)).toEqual([]);
    const h = parse(text).ast.declarations[0]!;
    expect(h.kind === "evaluation" && h.grades?.bands.map((b) => `${b.name.text}:${b.lower?.text}:${b.lower?.unit ?? ""}`)).toEqual(["优:90:", "良:80:", "中:60:", "差:0:"]);
  });

  it("bands on one line without separators stay bands", () => {
    const h = parse("evaluation { grades { 优 >= 90 良 >= 80 < 90 差 >= 0 } }").ast.declarations[0]!;
    expect(h.kind === "evaluation" && h.grades?.bands.map((b) => b.name.text)).toEqual(["优", "良", "差"]);
  });

  it("the yongzhou example parses alike with its grade bands written one per line", () => {
    const file = join(import.meta.dirname, "../../../examples/yongzhou-2023/yongzhou-2023.perf");
    const text = readFileSync(file, "utf8");
    const split = text.replace("grades { 优 >= 90; 良 >= 80; 较差 >= 60; 差 >= 0 }", "grades {\n    优 >= 90\n    良 >= 80\n    较差 >= 60\n    差 >= 0\n  }");
    expect(split).not.toBe(text);
    expect(errors(split)).toEqual([]);
    const bands = (t: string) => JSON.stringify(parse(t).ast.declarations.find((d) => d.kind === "evaluation")!.kind === "evaluation" && (parse(t).ast.declarations[0] as { grades?: { bands: { name: { text: string }; lower?: { text: string; unit?: string } }[] } }).grades?.bands.map((b) => [b.name.text, b.lower?.text, b.lower?.unit]));
    expect(bands(split)).toBe(bands(text));
  });

  it("a units block declares words and conversions", () => {
    const u = parse("units { 台套; 组; 亿次 = 100000000 次; T = 1024 GB }").ast.declarations[0] as UnitsDecl;
    expect(u.units.map((d) => `${d.name.text}=${d.equals ? d.equals.text + d.equals.unit : ""}`)).toEqual(["台套=", "组=", "亿次=100000000次", "T=1024GB"]);
  });
});

describe("computed facts", () => {
  it("a literal stays a literal, a negated one too", () => {
    const [a, b] = facts("fact a = 5 个\nfact b = -3");
    expect(a).toMatchObject({ value: { text: "5", unit: "个" } });
    expect(a?.expression).toBeUndefined();
    expect(b).toMatchObject({ value: { text: "3" }, negative: true });
  });

  it("an expression with aggregates, dotted names and a conversion", () => {
    const [f] = facts("fact 合计 = sum(支出明细.预算) + 最大(a, b) - 支出明细.云平台.支出 in 万元 \"说明\"");
    expect(f?.convert?.text).toBe("万元");
    expect(f?.description?.value).toBe("说明");
    const e = f!.expression!;
    expect(e.kind).toBe("binary");
    const text = JSON.stringify(e, (k, v) => (k === "range" ? undefined : v));
    expect(text).toContain('"kind":"call","fn":{"text":"sum"}');
    expect(text).toContain('"fn":{"text":"最大"}');
    expect(text).toContain('"path":[{"text":"云平台"},{"text":"支出"}]');
  });

  it("count, max and mean are keywords and aggregates", () => {
    for (const fn of ["count", "max", "mean", "例数", "上限", "平均", "平均值", "计数", "最小", "求和"]) expect(errors(`fact x = ${fn}(a, b)`)).toEqual([]);
  });

  it("the new keywords stay usable as names", () => {
    expect(errors("fact row = 3\nfact 小计 = 4\nfact in = row + 小计\nindicator table \"t\" weight 100 { ratio row / in }")).toEqual([]);
  });
});

describe("tables", () => {
  const text = `table 支出明细 "表2-1" {
  columns { 名称 "项目" text; 预算 "预算数" 万元; 完成 "完成率" percent }
  row 云平台 { "政务云平台扩容", 320.50, 99% }
  row 安全 { "网络安全等级保护", 80 千元, - }
  row 退款 { "退款", -1.5, 100% }
  printed total { 预算 1087.80 } acknowledged "原表合计行如此"
  printed subtotal 基础 rows [云平台, 安全] { 预算 400.50 }
}`;
  it("parses columns, positional cells, printed totals", () => {
    expect(errors(text)).toEqual([]);
    const t = parse(text).ast.declarations[0] as TableDecl;
    expect(t.columns.map((c) => `${c.name.text}:${c.type.text}`)).toEqual(["名称:text", "预算:万元", "完成:percent"]);
    expect(t.rows.map((r) => r.cells.map((c) => c.kind).join())).toEqual(["string,number,number", "string,number,empty", "string,number,number"]);
    expect(t.rows[1]!.cells[1]).toMatchObject({ value: { text: "80", unit: "千元" } });
    expect(t.rows[2]!.cells[1]).toMatchObject({ negative: true, value: { text: "1.5" } });
    expect(t.printed.map((p) => `${p.kind}:${p.name?.text ?? ""}:${p.rows?.map((r) => r.text).join("+") ?? "all"}:${p.values.map((v) => v.value.text)}:${p.acknowledged?.value ?? ""}`)).toEqual([
      "total::all:1087.80:原表合计行如此",
      "subtotal:基础:云平台+安全:400.50:",
    ]);
  });

  it("formats idempotently in both spellings", () => {
    for (const spelling of ["en", "zh"] as const) {
      const once = format(text, { spelling });
      expect(once.ok).toBe(true);
      expect(format(once.text, { spelling }).text).toBe(once.text);
      expect(JSON.stringify(parse(once.text).ast.declarations, (k, v) => (k === "range" || k === "headRange" ? undefined : v))).toBe(
        JSON.stringify(parse(text).ast.declarations, (k, v) => (k === "range" || k === "headRange" ? undefined : v)),
      );
    }
  });

  it("row clauses on findings and indicators", () => {
    const p = parse("indicator x \"x\" weight 1 { score 1; row 支出明细.云平台 }\nfinding f on x { row 支出明细.安全; row 支出明细.云平台 }");
    expect(p.diagnostics).toEqual([]);
    const [ind, f] = p.ast.declarations;
    expect(ind?.kind === "indicator" && ind.rows?.map((r) => `${r.table.text}.${r.row.text}`)).toEqual(["支出明细.云平台"]);
    expect(f?.kind === "finding" && f.rows?.map((r) => r.row.text)).toEqual(["安全", "云平台"]);
  });

  it("a table of 100 000 rows parses and formats without recursion", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `  row r${i} { "项目${i}", ${i}.5 }`).join("\n");
    const big = `table t "t" {\n  columns { 名称 text; 金额 万元 }\n${rows}\n  printed total { 金额 1 }\n}\n`;
    const p = parse(big);
    expect(p.diagnostics).toEqual([]);
    expect((p.ast.declarations[0] as TableDecl).rows.length).toBe(100_000);
    // the formatter re-parses its output to verify it: 20 000 rows keep the test short
    const smaller = big.split("\n").filter((l, i) => i < 20_002 || !l.startsWith("  row ")).join("\n");
    const f = format(smaller);
    expect(f.ok).toBe(true);
    expect(f.text).toBe(smaller);
  }, 60_000);
});
