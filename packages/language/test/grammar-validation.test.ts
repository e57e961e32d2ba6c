import { createToken, Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { allTokens, lexerConfig } from "../src/lexer.js";
import { PerfParser } from "../src/parser.js";

// Every process start skips Chevrotain's grammar and token checks (decision 0170); they run here.
describe("grammar validation", () => {
  it("the parser's grammar passes Chevrotain's checks (ambiguity, left recursion, unreachable alternatives)", () => {
    const parser = new PerfParser({ validate: true });
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
});
