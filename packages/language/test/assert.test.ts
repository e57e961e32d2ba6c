import { describe, expect, it } from "vitest";
import { format, parse, type AssertDecl } from "../src/index.js";

const src = `fact a = 3 万元
fact b = 4 万元
assert 指标数 "3个一级指标、8个二级指标" {
  indicators level 1 = 3; indicators level 2 = 8
  leaves=27
} acknowledged "附件1实为4个"
assert 执行率 "预算执行率75%" { a / b = 75% within 0.01% }
assert 结论 { total = 82.46; grade = 良 }
`;

describe("assert", () => {
  it("parses every statement kind and the acknowledgement", () => {
    const { ast, diagnostics } = parse(src, "a.perf");
    expect(diagnostics).toEqual([]);
    const asserts = ast.declarations.filter((d): d is AssertDecl => d.kind === "assert");
    expect(asserts.map((a) => [a.name.text, a.claim?.value, a.acknowledged?.value, a.statements.map((s) => s.kind)])).toEqual([
      ["指标数", "3个一级指标、8个二级指标", "附件1实为4个", ["level", "level", "leaves"]],
      ["执行率", "预算执行率75%", undefined, ["equals"]],
      ["结论", undefined, undefined, ["total", "grade"]],
    ]);
    const [count, rate, stated] = asserts as [AssertDecl, AssertDecl, AssertDecl];
    expect(count.statements[1]).toMatchObject({ kind: "level", level: { text: "2" }, expected: { text: "8" } });
    expect(count.statements[1]!.range.start).toMatchObject({ line: 3, character: 26 });
    expect(rate.statements[0]).toMatchObject({ kind: "equals", expected: { text: "75", percent: true }, tolerance: { text: "0.01", percent: true } });
    expect(stated.statements[1]).toMatchObject({ kind: "grade", expected: { text: "良" } });
  });

  it("formats to one statement a line, keeps the acknowledgement after the brace, and is idempotent", () => {
    const out = format(src).text;
    expect(out).toContain(`assert 指标数 "3个一级指标、8个二级指标" {\n  indicators level 1 = 3\n  indicators level 2 = 8\n  leaves = 27\n} acknowledged "附件1实为4个"\n`);
    expect(out).toContain(`assert 执行率 "预算执行率75%" { a / b = 75% within 0.01% }\n`);
    expect(out).toContain(`assert 结论 { total = 82.46; grade = 良 }\n`);
    expect(format(out).text).toBe(out);
  });

  it("reads and writes the Chinese spelling", () => {
    const zh = `核对 指标数 { 指标 层级 1 = 3; 末级指标数 = 27; 总分 = 82.46; 等级 = 良; a / b = 95.91% 误差 0.01% } 已知 "原文如此"\nfact a = 1\nfact b = 1\n`;
    const { ast, diagnostics } = parse(zh);
    expect(diagnostics).toEqual([]);
    const a = ast.declarations[0] as AssertDecl;
    expect(a.statements.map((s) => s.kind)).toEqual(["level", "leaves", "total", "grade", "equals"]);
    expect(a.acknowledged?.value).toBe("原文如此");
    const out = format(zh, { spelling: "zh" }).text;
    expect(out).toContain(`核对 指标数 {\n  指标 层级 1 = 3\n  末级指标数 = 27\n  总分 = 82.46\n  等级 = 良\n  a / b = 95.91% 误差 0.01%\n} 已知 "原文如此"`);
  });

  it("a broken statement is a located syntax error, not a crash", () => {
    const { diagnostics } = parse(`assert x { indicators level = 3 }\n`);
    expect(diagnostics.map((d) => [d.code, d.range.start.character])).toEqual([["PERF002", 28]]);
  });
});
