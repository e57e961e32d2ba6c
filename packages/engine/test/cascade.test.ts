import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeText, EvaluationResultSchema } from "../src/index.js";

/** One cause, one error: consequences of a mistake travel as `related`, not as diagnostics of their own. */
const yongzhou = readFileSync(join(import.meta.dirname, "..", "..", "..", "examples", "yongzhou-2023", "yongzhou-2023.perf"), "utf8");
const at = (d: { code: string; range: { start: { line: number } } }) => `${d.code}@${d.range.start.line + 1}`;
const weight = (id: string, from: string, to: string) => (t: string) => {
  const re = new RegExp(`(indicator ${id}[^\\n{]*weight )${from}\\b`);
  expect(t).toMatch(re);
  return t.replace(re, `$1${to}`);
};
function check(edit: (t: string) => string) {
  const { result } = analyzeText(edit(yongzhou), "yongzhou.perf");
  expect(() => EvaluationResultSchema.parse(result)).not.toThrow();
  // the example's acknowledged audit findings (its 3/8/27 claim) are information, not part of a cascade
  const diagnostics = result.diagnostics.filter((d) => d.data?.acknowledged === undefined);
  return { result, reported: diagnostics.map(at), related: diagnostics.map((d) => (d.related ?? []).map(at)) };
}

describe("one cause, one error", () => {
  it("the example itself is clean", () => {
    expect(check((t) => t).reported).toEqual([]);
  });

  it("a mistyped fact is one PERF020; the four declared mismatches above it and the false stated total (assert 评价结论) are its consequences (the fact stays used by assert 预算执行率)", () => {
    const { reported, related, result } = check((t) => t.replace("ratio 实际支出 / 到位资金", "ratio 实际之出 / 到位资金"));
    expect(reported).toEqual(["PERF020@155"]);
    expect(related[0]).toEqual(["PERF040@147", "PERF040@144", "PERF040@26", "PERF220@56"]);
    // the consequence keeps its own arguments, so the editor and the CLI can word it
    expect(result.diagnostics.find((d) => d.code === "PERF020")!.related![0]!.args).toMatchObject({ name: "资金管理", declared: "5.92", computed: "4" });
  });

  it("two changed weights give two errors, each at its cause", () => {
    const { reported, related } = check((t) => weight("资金使用合规性", "4", "3")(weight("预算执行率", "2", "3")(t)));
    expect(reported).toEqual(["PERF040@156", "PERF012@167"]);
    expect(related).toEqual([["PERF040@147", "PERF040@144", "PERF040@26", "PERF220@56"], ["PERF040@168"]]);
  });

  it("a leaf's weight changed alone: the branch's PERF010 explains the leaf's and the ancestors' mismatches", () => {
    const { reported, related } = check(weight("预算执行率", "2", "3"));
    expect(reported).toEqual(["PERF010@146"]);
    expect(related[0]).toEqual(["PERF040@156", "PERF040@147", "PERF040@144", "PERF040@26", "PERF220@56"]);
  });

  it("a branch's weight changed: its PERF010 explains its parent's", () => {
    const { reported, related } = check(weight("资金管理", "6", "7"));
    expect(reported).toEqual(["PERF010@146"]);
    expect(related[0]).toEqual(["PERF010@143"]);
  });

  it("a top-level weight changed: its PERF010 explains the total's PERF011", () => {
    const { reported, related } = check(weight("项目过程", "16", "17"));
    expect(reported).toEqual(["PERF010@143"]);
    expect(related[0]).toEqual(["PERF011@21"]);
  });

  it("a declared subtotal that is wrong on its own is still reported", () => {
    const { reported } = check((t) => t.replace("declared 5.92", "declared 5.5"));
    // 资金管理's children declare 1.92 + 4: 5.5 is the report's own error, and so is 项目过程's total after it
    expect(reported).toEqual(["PERF040@147"]);
  });

  it("independent mistakes are each reported", () => {
    const { reported } = check((t) => weight("预算执行率", "2", "3")(t.replace("ratio 实际建设数量 / 计划建设数量", "ratio 实际建设数 / 计划建设数量")));
    expect(reported).toEqual(["PERF010@146", "PERF020@216"]);
  });
});
