import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PerfPeerChecker } from "../src/index.js";

/**
 * The 永州 example in the peer's core language: its `assert` blocks (audit statements, outside the
 * core the peer implements) become blank lines, so every other line keeps its number.
 */
function coreOnly(text: string): string {
  let depth = 0;
  return text
    .split("\n")
    .map((line) => {
      if (depth === 0 && !/^(assert|核对)\s/.test(line)) return line;
      for (const c of line.replace(/"[^"]*"/g, "")) depth += c === "{" ? 1 : c === "}" ? -1 : 0;
      return "";
    })
    .join("\n");
}

const yongzhou = coreOnly(readFileSync(join(import.meta.dirname, "../../../../examples/yongzhou-2023/yongzhou-2023.perf"), "utf8"));
/** The line of `indicator 项目立项`, whose weight sum the second test breaks. */
const parentLine = yongzhou.split("\n").findIndex((l) => l.includes("indicator 项目立项 weight 6")) + 1;
const checker = new PerfPeerChecker();

describe("the Langium peer", () => {
  it("reads the 永州 example clean, with all 42 indicators", async () => {
    expect(await checker.check(yongzhou)).toMatchObject({ errors: 0, warnings: 0, indicators: 42 });
  });

  it("reports a weight sum that does not match at the parent's line", async () => {
    const r = await checker.check(yongzhou.replace("indicator 立项依据充分性 weight 2", "indicator 立项依据充分性 weight 3"));
    expect(parentLine).toBeGreaterThan(1);
    expect(r.messages).toEqual([expect.stringMatching(new RegExp(`^${parentLine}:\\d+ children of '项目立项' sum to 7, its weight is 6$`))]);
  });

  it("links findings to nested indicators and refuses one without a per-finding rule", async () => {
    const text = `fact a = 1 万元
fact b = 2 个
indicator r weight 100 {
  indicator x weight 50 { per finding deduct 1 }
  indicator y weight 50 { ratio a / b }
}
finding f on x { unit "u" }
finding g on y { unit "u" }
finding h on nowhere { unit "u" }`;
    const r = await checker.check(text);
    expect(r.errors).toBe(3);
    expect(r.messages.join("\n")).toMatch(/unlike units 万元 \/ 个/);
    expect(r.messages.join("\n")).toMatch(/'y' has no per-finding rule/);
    expect(r.messages.join("\n")).toMatch(/nowhere/);
  });
});
