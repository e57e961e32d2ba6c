import { describe, expect, it } from "vitest";
import { numberWords, parse } from "../src/index.js";
import { exampleFiles, expectNumberWordsCover } from "./helpers.js";

const examples = exampleFiles();

describe("number words", () => {
  it("cover every unit, conversion and literal length of each example's tree", () => {
    let known = 0;
    let literals = 0;
    let units = 0;
    for (const e of examples) {
      const p = parse(e.text, e.name);
      const checked = expectNumberWordsCover(p.ast);
      literals += checked.literals;
      units += checked.units;
      if (numberWords(p.ast)) known++;
      // every error-free example is parsed fast and has them
      else expect(p.diagnostics.filter((d) => d.severity === "error"), e.name).not.toEqual([]);
    }
    expect(known).toBeGreaterThan(examples.length / 2);
    // the walk found the literals and their units (no example converts: the next test's tree does)
    expect(literals).toBeGreaterThan(100);
    expect(units).toBeGreaterThan(10);
  });

  it("are a number's unit, and what follows `in`", () => {
    const p = parse('fact a = 5 万元\nfact b = 3 台套 in 万元\nfact c = 12\n  小时\nindicator x "x" weight 100 { score 123456789.25 }\n', "t.perf");
    expect(p.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const w = numberWords(p.ast)!;
    // a unit word (小时) is the unit even on the next line; an identifier only on the number's own
    expect([...w.units].sort()).toEqual(["万元", "台套", "小时"].sort());
    expect(w.longest).toBe("123456789.25".length);
    expect(expectNumberWordsCover(p.ast)).toEqual({ literals: 5, units: 3, conversions: 1 });
  });

  it("are not known for a tree Chevrotain recovered", () => {
    // a value with no number: recovery may stand a number in before the word
    const p = parse('fact a = 万元\nindicator x "x" weight 100 { score 5 }\n', "t.perf");
    expect(p.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(numberWords(p.ast)).toBeUndefined();
  });
});
