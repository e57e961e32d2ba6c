import { describe, expect, it } from "vitest";
import { parse, perfLexer } from "../src/index.js";
import { perfParser } from "../src/parser.js";

/** The parser makes its CST nodes itself (parser.ts: fast objects instead of Chevrotain's Object.create(null)). */
describe("CST nodes", () => {
  it("have children without inherited keys and a location, as Chevrotain's own did", () => {
    perfParser().input = perfLexer.tokenize('indicator a "A" weight 10 { score 5 }').tokens;
    const file = perfParser().file();
    perfParser().input = [];
    const indicator = file.children.indicator![0] as { name: string; children: Record<string, unknown>; location: { startOffset: number; endOffset: number } };
    expect(indicator.name).toBe("indicator");
    expect(indicator.location).toEqual({ startOffset: 0, endOffset: 36 });
    for (const key of ["toString", "constructor", "__proto__", "hasOwnProperty"]) expect(key in indicator.children, key).toBe(false);
    expect(Object.keys(indicator.children)).toEqual(["Indicator", "Identifier", "StringLiteral", "Weight", "value", "LBrace", "indicatorItem", "RBrace"]);
  });

  it("keep names that are Object.prototype's keys as names", () => {
    for (const name of ["toString", "constructor", "valueOf", "__proto__", "hasOwnProperty"]) {
      const { ast, diagnostics } = parse(`indicator ${name} "x" weight 1 { score 1 }`);
      expect(diagnostics, name).toEqual([]);
      expect(ast.declarations[0]).toMatchObject({ kind: "indicator", name: { text: name } });
    }
  });
});
