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
