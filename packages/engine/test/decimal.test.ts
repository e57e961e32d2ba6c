import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { literal } from "../src/decimal.js";
import { analyzeText, Decimal, decimalText, divide, isExactLiteral, percentText, rateText, roundHalfUp } from "../src/index.js";

describe("exact decimals", () => {
  it("0.1 + 0.2 is 0.3", () => {
    expect(decimalText(new Decimal("0.1").plus("0.2"))).toBe("0.3");
    // the same sum through the language: two leaves of 0.1 and 0.2 make a total of 0.3
    const { result } = analyzeText('evaluation "t" { total 0.3 declared 0.3 }\nindicator a weight 0.1 { score 0.1 }\nindicator b weight 0.2 { score 0.2 }');
    expect(result.total.score).toBe("0.3");
    expect(result.diagnostics).toEqual([]);
  });

  it("half-up at .xx5, where binary floating point rounds down", () => {
    expect((1.005).toFixed(2)).toBe("1.00"); // the bug we avoid
    expect(decimalText(roundHalfUp(new Decimal("1.005"), 2))).toBe("1.01");
    expect(decimalText(roundHalfUp(new Decimal("2.675"), 2))).toBe("2.68");
    expect(decimalText(roundHalfUp(new Decimal("0.125"), 2))).toBe("0.13");
    expect(decimalText(roundHalfUp(new Decimal("-0.125"), 2))).toBe("-0.13");
    expect(decimalText(roundHalfUp(new Decimal("0.1249999"), 2))).toBe("0.12");
  });

  it("a leaf of 1.005 exactly rounds half-up", () => {
    // 2.01 × 50% = 1.005 → 1.01
    const { result } = analyzeText("fact 率 = 50%\nindicator a weight 2.01 { ratio 率 }", "x.perf");
    expect(result.indicators[0]!.score).toBe("1.01");
  });

  it("precision is per evaluation", () => {
    const text = 'evaluation "t" { total 2 precision 1 }\nfact 率 = 95.906%\nindicator a weight 2 { ratio 率 }';
    expect(analyzeText(text).result.indicators[0]!.score).toBe("1.9");
    expect(analyzeText(text.replace("precision 1", "precision 3")).result.indicators[0]!.score).toBe("1.918");
  });

  it("large budget figures keep every digit", () => {
    const { result } = analyzeText("fact a = 123456789012345.67 万元\nindicator x weight 100 { score 100 }\nindicator y weight 0 { ratio a / a }");
    expect(result.facts[0]!.value).toBe("123456789012345.67");
  });
});

describe("percentText", () => {
  it("shows a fraction as a two-decimal percentage, half-up", () => {
    expect(percentText("0.9591")).toBe("95.91%");
    expect(percentText("0.959065")).toBe("95.91%");
    expect(percentText("0.00005")).toBe("0.01%");
    expect(percentText("1")).toBe("100.00%");
  });
  it("trims trailing zeros for prose", () => {
    expect(percentText("1", true)).toBe("100%");
    expect(percentText("0.9692", true)).toBe("96.92%");
    expect(percentText("0.875", true)).toBe("87.5%");
  });
});

describe("no input is rounded silently", () => {
  it("literals of up to 34 significant, integer and decimal digits are exact; longer ones are not", () => {
    expect(isExactLiteral("9".repeat(34))).toBe(true);
    expect(isExactLiteral("9".repeat(35))).toBe(false);
    expect(isExactLiteral(`0.${"0".repeat(33)}1`)).toBe(true);
    expect(isExactLiteral(`0.${"0".repeat(34)}1`)).toBe(false);
    expect(isExactLiteral(`12.5${"0".repeat(40)}`)).toBe(true);
    expect(isExactLiteral(`1${"0".repeat(40)}`)).toBe(false);
    // sums keep every digit; quotients are cut at 34 significant digits, half-up
    expect(new Decimal(`50.${"0".repeat(31)}1`).plus(50).toFixed()).toBe(`100.${"0".repeat(31)}1`);
    expect(divide(new Decimal(2), 3).toFixed()).toBe(`0.${"6".repeat(33)}7`);
  });
});

describe("literal", () => {
  it("reads every text as decimal.js does, the small whole numbers through one shared Decimal each", () => {
    for (const text of ["0", "7", "10", "99", "100", "999", "1000", "00", "07", "0.0", "12.5", "250.00"]) {
      const d = literal(text);
      expect(d.equals(new Decimal(text))).toBe(true);
      expect(d.toString()).toBe(new Decimal(text).toString());
    }
    expect(literal("42")).toBe(literal("42"));
    expect(literal("42", true).toString()).toBe("0.42");
  });
});

describe("the short paths give decimal.js's texts", () => {
  // digits of every length around the short path's limits, every place of the point, both signs
  const decimals = fc
    .record({ digits: fc.stringMatching(/^[0-9]{1,20}$/), point: fc.integer({ min: -25, max: 25 }), negative: fc.boolean() })
    .map(({ digits, point, negative }) => new Decimal(`${negative ? "-" : ""}0.${digits}e${point}`));
  const edges = ["0", "-0", "1e-6", "1e-7", "0.000001", "-0.0000009", "99999999999999", "999999999999999", "1e14", "1e15", "123456789012345.67", "0.5", "2.5", "-2.5", "1e21", "12345678901234", "1234567.1234567"];

  it("decimalText is toFixed()", () => {
    for (const text of edges) expect(decimalText(new Decimal(text))).toBe(new Decimal(text).toFixed());
    fc.assert(fc.property(decimals, (d) => decimalText(d) === d.toFixed()), { numRuns: 20000 });
  });

  it("rateText is the 34-digit quotient rounded half-up to four decimals", () => {
    const slow = (a: Decimal, b: Decimal) => roundHalfUp(divide(a, b), 4).toFixed();
    const pairs: [string, string][] = [["1", "3"], ["2", "3"], ["-2", "3"], ["0.00005", "1"], ["-0.00005", "1"], ["0.000049", "1"], ["0", "7"], ["-0", "7"], ["5", "0.0001"], ["123456789012345.67", "0.01"], ["1", "99999999999999"]];
    for (const [a, b] of pairs) expect(rateText(new Decimal(a), new Decimal(b)), `${a} ÷ ${b}`).toBe(slow(new Decimal(a), new Decimal(b)));
    // halves at the fifth decimal, and scores and weights as they are written
    const scores = fc.tuple(fc.integer({ min: -99999, max: 999999 }), fc.integer({ min: 0, max: 6 })).map(([n, p]) => new Decimal(n).dividedBy(10 ** p));
    fc.assert(fc.property(scores, scores, (a, b) => b.isZero() || rateText(a, b) === slow(a, b)), { numRuns: 20000 });
    fc.assert(fc.property(decimals, decimals, (a, b) => b.isZero() || rateText(a, b) === slow(a, b)), { numRuns: 20000 });
  });
});
