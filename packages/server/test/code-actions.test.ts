import { Decimal } from "@perf/engine";
import { describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { expectFormatting, setup, type Setup } from "./helpers.js";

/** The quick fixes for the document's diagnostics of one code. */
function fixes(s: Setup, code: string): { diagnostic: Diagnostic; actions: CodeAction[] } {
  const diagnostic = s.service.diagnostics(s.uri).find((d) => d.code === code);
  expect(diagnostic, `a ${code} diagnostic`).toBeDefined();
  const actions = s.service.codeActions({ textDocument: { uri: s.uri }, range: diagnostic!.range, context: { diagnostics: [diagnostic!] } });
  return { diagnostic: diagnostic!, actions };
}

function apply(s: Setup, action: CodeAction): Setup {
  const text = TextDocument.applyEdits(s.doc, action.edit!.changes![s.uri]!);
  return setup(text);
}

const codes = (s: Setup) => s.service.diagnostics(s.uri).map((d) => d.code);

const branch = (parent: string, children: string[]) =>
  `indicator p weight ${parent} {\n${children.map((w, i) => `  indicator c${i} weight ${w} { score 0 }\n`).join("")}}\n` +
  (parent === "100" ? "" : `indicator rest weight ${new Decimal(100).minus(parent).toFixed()} { score 0 }\n`);

describe("quick fixes", () => {
  it("PERF010: sets the parent's weight to the children's sum", () => {
    const s = setup(branch("6", ["2", "2", "3"]));
    const { actions } = fixes(s, "PERF010");
    expect(actions.map((a) => a.title)).toEqual(["把「p」的分值改为 7", "按比例调整下级指标分值，使其合计为 6"]);
    const fixed = apply(s, actions[0]!);
    expect(fixed.text).toContain("indicator p weight 7 {");
    expect(codes(fixed)).not.toContain("PERF010");
  });

  it("PERF010: scales the children with exact decimals that sum to the parent", () => {
    const cases: [string, string[], string[]][] = [
      ["6", ["2", "2", "3"], ["1.72", "1.71", "2.57"]],
      ["10", ["1", "1", "1"], ["3.34", "3.33", "3.33"]],
      ["14", ["6", "6", "3"], ["5.6", "5.6", "2.8"]],
      ["2", ["1.5", "1.5"], ["1", "1"]],
    ];
    for (const [parent, children, expected] of cases) {
      const s = setup(branch(parent, children));
      const scale = fixes(s, "PERF010").actions[1]!;
      const fixed = apply(s, scale);
      const weights = [...fixed.text.matchAll(/indicator c\d weight ([\d.]+)/g)].map((m) => m[1]!);
      expect(weights).toEqual(expected);
      expect(weights.reduce((a, w) => a.plus(w), new Decimal(0)).toFixed()).toBe(parent);
      expect(codes(fixed)).not.toContain("PERF010");
    }
  });

  it("PERF011: sets the total to the roots' sum, or scales the roots to the total", () => {
    const s = setup(`evaluation "x" { total 100 }\nindicator a weight 30 { score 30 }\nindicator b weight 60 { score 60 }\n`);
    const { actions } = fixes(s, "PERF011");
    expect(actions.map((a) => a.title)).toEqual(["把总分改为 90", "按比例调整一级指标分值，使其合计为 100"]);
    expect(apply(s, actions[0]!).text).toContain("total 90");
    const scaled = apply(s, actions[1]!);
    expect(scaled.text).toContain("indicator a weight 33.33");
    expect(scaled.text).toContain("indicator b weight 66.67");
    expect(codes(scaled)).not.toContain("PERF011");
  });

  it("PERF040: writes the computed score into `declared`", () => {
    const s = setup(`indicator a weight 100 { deduct 0.5 "x" declared 100 }\n`);
    const { actions } = fixes(s, "PERF040");
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([["把报告得分改为 99.5", true]]);
    const fixed = apply(s, actions[0]!);
    expect(fixed.text).toContain("declared 99.5");
    expect(codes(fixed)).toEqual([]);
  });

  it("PERF020: replaces with the suggestion, or creates the missing fact", () => {
    const s = setup(`fact 实际支出 = 95 万元\nfact 到位资金 = 100 万元\nindicator a weight 100 { ratio 实际支出 / 到位资 }\n`);
    const { actions } = fixes(s, "PERF020");
    expect(actions.map((a) => a.title)).toEqual(["改为「到位资金」", "新建数据「到位资」"]);
    expect(codes(apply(s, actions[0]!))).toEqual([]);
    const created = apply(s, actions[1]!);
    expect(created.text).toContain("fact 到位资金 = 100 万元\nfact 到位资 = 0\n");
    expect(codes(created)).not.toContain("PERF020");
  });

  it("PERF020: creates a missing indicator with a per-finding rule, in Chinese keywords", () => {
    const s = setup(`指标 甲 分值 100 { 得分 100 }\n问题 乙 关联 制度执行 { 单位 "x" }\n`);
    const { actions } = fixes(s, "PERF020");
    expect(actions.map((a) => a.title)).toEqual(["新建指标「制度执行」"]);
    const created = apply(s, actions[0]!);
    expect(created.text).toContain("指标 制度执行 分值 0 {\n  每 问题 扣分 0\n}");
    expect(codes(created)).toEqual([]);
  });

  it("still finds the values when the client dropped the diagnostic's data", () => {
    const s = setup(`indicator a weight 100 { deduct 0.5 "x" declared 100 }\n`);
    const { diagnostic } = fixes(s, "PERF040");
    const { data: _, ...bare } = diagnostic;
    const actions = s.service.codeActions({ textDocument: { uri: s.uri }, range: bare.range, context: { diagnostics: [bare] } });
    expect(actions.map((a) => a.title)).toEqual(["把报告得分改为 99.5"]);
  });

  it("titles the fixes in English when asked", () => {
    const s = setup(`indicator a weight 100 { deduct 0.5 "x" declared 100 }\n`, { settings: { locale: "en" } });
    expect(fixes(s, "PERF040").actions[0]!.title).toBe("Declare 99.5");
  });
});

describe("formatting", () => {
  it("formats the whole document with the fmt printer", () => {
    expectFormatting("indicator   a weight 100 {score 100}", "indicator a weight 100 { score 100 }\n");
  });

  it("leaves a file that does not parse alone", () => {
    expectFormatting("indicator a weight 100 { score ", "indicator a weight 100 { score ");
  });

  it("returns no edit for a formatted file", () => {
    const s = setup("indicator a weight 100 { score 100 }\n");
    expect(s.service.formatting(s.uri)).toEqual([]);
  });
});
