import { describe, expect, it } from "vitest";
import { closest } from "../src/symbols.js";

describe("did you mean", () => {
  it("suggests the nearest name within half the name's length", () => {
    expect(closest("实际之出", ["到位资金", "实际支出"])).toBe("实际支出");
    expect(closest("abcdef", ["uvwxyz"])).toBeUndefined();
    expect(closest("x", ["y"])).toBe("y");
  });

  it("looks at no more candidates than its budget, so many unknown names stay linear", () => {
    const many = [...Array.from({ length: 600 }, (_, i) => `zz${i}`), "计划"];
    expect(closest("计化", many)).toBe("计划");
    expect(closest("计化", many, 500)).toBeUndefined();
  });
});
