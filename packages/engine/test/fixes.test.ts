import { describe, expect, it } from "vitest";
import { analyze, applyFixes, fixesFor, type Fix } from "../src/index.js";

const uri = "file:///t.perf";
const fixesOf = (text: string, code: string, locale: "zh" | "en" = "zh") => {
  const a = analyze([{ uri, text }]);
  const d = a.result.diagnostics.find((x) => x.code === code);
  expect(d, `a ${code} diagnostic`).toBeDefined();
  return { a, d: d!, fixes: fixesFor(d!, a, { locale }) };
};

describe("fixesFor", () => {
  it("PERF040: one preferred fix writing the computed score, with plain offsets", () => {
    const text = `indicator a weight 100 { deduct 0.5 "x" declared 100 }\n`;
    const { fixes } = fixesOf(text, "PERF040", "en");
    expect(fixes.map((f) => [f.title, f.key, f.preferred])).toEqual([["Declare 99.5", "declared", true]]);
    const fixed = applyFixes(text, fixes).text;
    expect(fixed).toBe(`indicator a weight 100 { deduct 0.5 "x" declared 99.5 }\n`);
    expect(analyze([{ uri, text: fixed }]).result.diagnostics).toEqual([]);
  });

  it("PERF010: two fixes, neither preferred (the choice is the author's)", () => {
    const text = `indicator p weight 6 {\n  indicator a weight 2 { score 0 }\n  indicator b weight 5 { score 0 }\n}\nindicator q weight 94 { score 0 }\n`;
    const { fixes } = fixesOf(text, "PERF010");
    expect(fixes.map((f) => f.title)).toEqual(["把「p」的分值改为 7", "按比例调整下级指标分值，使其合计为 6"]);
    expect(fixes.some((f) => f.preferred)).toBe(false);
  });

  it("looks the data up in the analysis when the caller has none", () => {
    const { a, d } = fixesOf(`indicator a weight 100 { deduct 1 "x" declared 100 }\n`, "PERF040");
    const { data: _, ...bare } = d;
    expect(fixesFor(bare, a).map((f) => f.args)).toEqual([{ computed: "99" }]);
  });

  it("returns nothing for a code without fixes (a score above the weight)", () => {
    const { a, d } = fixesOf(`indicator a weight 100 { score 120 }\n`, "PERF012");
    expect(fixesFor(d, a)).toEqual([]);
  });
});

describe("PERF171: an evaluation's own total, precision or grades beside a framework's", () => {
  const fw = `framework f "体系" {\n  total 10\n  grades { 优 >= 9; 良 >= 8; 差 >= 0 }\n}\nindicator a weight 6 { judgement }\nindicator b weight 4 { judgement }\n`;
  const subject = `subject s { assess a { deduct 1.25 "x" } assess b { } }\n`;
  const run = (evaluation: string, strict = false) => analyze([{ uri: "file:///fw.perf", text: fw }, { uri, text: evaluation }], { strict });
  const header = `evaluation "e" {\n  use "fw.perf"\n  total 100\n  precision 1\n  grades { A >= 90; B >= 0 }\n}\n`;

  it("is reported at each clause with the framework's value; the framework's wins", () => {
    const a = run(header + subject);
    const d = a.result.diagnostics.filter((x) => x.code === "PERF171");
    expect(d.map((x) => [x.severity, x.range.start.line, x.range.start.character, x.range.end.character, x.args.clause, x.args.same, x.args.framework])).toEqual([
      ["warning", 2, 2, 11, "total", 0, "10"],
      ["warning", 3, 2, 13, "precision", 0, "2"],
      ["warning", 4, 2, 28, "grades", 0, "优 ≥ 9; 良 ≥ 8; 差 ≥ 0"],
    ]);
    // 6 − 1.25 = 4.75 at the framework's precision 2 (not 4.8 at the evaluation's 1), 8.75 of 10 → 良 (not B)
    expect(a.result.subjects?.map((s) => [s.total.weight, s.total.score, s.grade.name])).toEqual([["10", "8.75", "良"]]);
    expect(run(header + subject, true).result.diagnostics.filter((x) => x.code === "PERF171").map((x) => x.severity)).toEqual(["error", "error", "error"]);
  });

  it("offers one preferred fix per clause, removing its line; the scores stay the same", () => {
    const a = run(header + subject);
    const fixes = a.result.diagnostics.filter((x) => x.code === "PERF171").flatMap((x) => fixesFor(x, a, { locale: "en" }));
    expect(fixes.map((f) => [f.title, f.preferred])).toEqual([
      ["Remove this total (the framework's applies)", true],
      ["Remove this precision (the framework's applies)", true],
      ["Remove this grades (the framework's applies)", true],
    ]);
    const fixed = applyFixes(header + subject, fixes).text;
    expect(fixed).toBe(`evaluation "e" {\n  use "fw.perf"\n}\n` + subject);
    const after = run(fixed).result;
    expect(after.diagnostics).toEqual([]);
    expect(after.subjects?.map((s) => [s.total.score, s.grade.name])).toEqual([["8.75", "良"]]);
  });

  it("removes a clause inside a line with what separates it; says when the value is the framework's", () => {
    const text = `evaluation "e" { use "fw.perf"; total 10; period 2023 }\n` + subject;
    const a = run(text);
    const d = a.result.diagnostics.find((x) => x.code === "PERF171")!;
    expect(d.args.same).toBe(1);
    expect(applyFixes(text, fixesFor(d, a)).text).toBe(`evaluation "e" { use "fw.perf"; period 2023 }\n` + subject);
  });

  it("is not reported without a framework, nor in the framework itself", () => {
    expect(analyze([{ uri, text: `evaluation "e" { total 10 precision 1 }\nindicator a weight 10 { score 10 }\n` }]).result.diagnostics).toEqual([]);
    expect(analyze([{ uri, text: fw }]).result.diagnostics).toEqual([]);
    // a used bare tree (no `framework` header) has no scale of its own: the evaluation's applies
    const bare = analyze([{ uri: "file:///tree.perf", text: "indicator a weight 10 { judgement }\n" }, { uri, text: `evaluation "e" { use "tree.perf" total 10 grades { A >= 9; B >= 0 } }\nsubject s { assess a { } }\n` }]).result;
    expect(bare.diagnostics).toEqual([]);
    expect(bare.subjects?.map((s) => [s.total.score, s.grade.name])).toEqual([["10", "A"]]);
  });
});

describe("applyFixes", () => {
  const at = (offset: number) => ({ line: 0, character: offset, offset });
  const fix = (start: number, end: number, newText: string): Fix => ({ title: newText, key: "declared", args: {}, edits: [{ range: { start: at(start), end: at(end) }, newText }] });

  it("applies fixes from the end backwards on the original offsets", () => {
    expect(applyFixes("abcdef", [fix(4, 5, "E"), fix(0, 1, "AA")]).text).toBe("AAbcdEf");
  });

  it("defers a fix whose edits touch a taken one, whole", () => {
    const both: Fix = { ...fix(0, 1, "X"), edits: [...fix(0, 1, "X").edits, ...fix(3, 4, "Y").edits] };
    const r = applyFixes("abcdef", [fix(2, 4, "--"), both]);
    expect(r.text).toBe("ab--ef");
    expect(r.deferred).toEqual([both]);
  });
});
