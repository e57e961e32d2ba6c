import { createToken, Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { allTokens, lexerConfig, referenceLexer } from "../src/lexer.js";
import { PerfParser } from "../src/parser.js";

// Every process start skips Chevrotain's grammar and token checks (decision 0170); they run here.
describe("grammar validation", () => {
  it("the parser's grammar passes Chevrotain's checks (ambiguity, left recursion, unreachable alternatives)", () => {
    // Chevrotain keeps the checks' findings in `definitionErrors`, a field its typings do not declare.
    const parser = new PerfParser({ validate: true }) as PerfParser & { definitionErrors: { message: string }[] };
    expect(parser.definitionErrors).toEqual([]);
  });

  it("the token definitions pass the lexer's checks with its first-character optimisation ensured", () => {
    const lexer = new Lexer(allTokens, { ...lexerConfig, skipValidations: false });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
  });

  it("the lexer's checks do run with that configuration (a token that can never match is refused)", () => {
    const A = createToken({ name: "A", pattern: /a/ });
    const Shadowed = createToken({ name: "Shadowed", pattern: /a/ });
    expect(() => new Lexer([A, Shadowed], { ...lexerConfig, skipValidations: false })).toThrow(/Shadowed/);
  });

  it("the first characters named for the word tokens file each token where Chevrotain's analysis of its expression does (decision 0185)", () => {
    interface Internals {
      charCodeToPatternIdxToConfig: Record<string, ({ tokenType: { name: string } }[] | undefined)[]>;
      canModeBeOptimized: Record<string, boolean>;
    }
    const table = (lexer: Lexer) => {
      const { charCodeToPatternIdxToConfig, canModeBeOptimized } = lexer as unknown as Internals;
      const buckets = charCodeToPatternIdxToConfig["defaultMode"]!;
      return { optimized: canModeBeOptimized["defaultMode"], buckets: [...buckets.keys()].map((i) => `${i}: ${buckets[i]?.map((c) => c.tokenType.name).join(" ") ?? ""}`) };
    };
    const hinted = allTokens.filter((t) => t.START_CHARS_HINT && t.PATTERN instanceof RegExp);
    expect(hinted.length).toBeGreaterThan(70);
    const hints = hinted.map((t) => t.START_CHARS_HINT);
    let analysed;
    try {
      for (const t of hinted) delete t.START_CHARS_HINT;
      analysed = table(new Lexer(allTokens, { ...lexerConfig, skipValidations: true }));
    } finally {
      hinted.forEach((t, i) => (t.START_CHARS_HINT = hints[i]));
    }
    expect(analysed.optimized).toBe(true);
    expect(table(referenceLexer())).toEqual(analysed);
  });
});
