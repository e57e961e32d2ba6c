import { describe, expect, it } from "vitest";
import { formatFigure, markdownTable, passes, regressions, type Figure } from "../src/figures.js";

const ratio = (id: string, value: number, better: "lower" | "higher"): Figure => ({ id, label: id, value, unit: "×", better });

describe("regressions", () => {
  it("flags a ratio more than 25% worse than the baseline, in either direction of better", () => {
    const found = regressions([ratio("parse", 13, "lower"), ratio("check", 12, "lower"), ratio("peer", 1.5, "higher"), ratio("peer2", 1.8, "higher")], {
      parse: 10,
      check: 10,
      peer: 2,
      peer2: 2,
    });
    expect(found.map((r) => r.id)).toEqual(["parse", "peer"]);
    expect(found[0].worse).toBeCloseTo(0.3);
  });

  it("skips figures without a baseline or without a direction", () => {
    expect(regressions([ratio("new", 100, "lower"), { id: "p95", label: "p95", value: 900, unit: "ms" }], { p95: 10 })).toEqual([]);
  });
});

describe("targets", () => {
  it("prints PASS or FAIL next to the target", () => {
    const f: Figure = { id: "x", label: "parse ÷ JSON.parse", value: 12.3, unit: "×", target: { op: "<=", limit: 10 } };
    expect(passes(f)).toBe(false);
    expect(formatFigure(f)).toMatch(/^FAIL .*12\.3× +<= 10\.0×/);
    expect(passes({ ...f, value: 9 })).toBe(true);
    expect(passes({ ...f, target: { op: ">=", limit: 2 }, value: 2 })).toBe(true);
    expect(markdownTable([f]).split("\n")[2]).toBe("| parse ÷ JSON.parse | 12.3× | <= 10.0× | FAIL |  |");
  });
});
