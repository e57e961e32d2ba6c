import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CstParser, type IToken } from "chevrotain";
import { describe, expect, it } from "vitest";
import { corpus } from "../../fuzz/src/corpus.js";
import { parse } from "../src/index.js";
import { perfParser } from "../src/parser.js";

/**
 * Error recovery does work in proportion to the input (issue 12, decision 0191). Chevrotain's
 * re-sync scan read every token to the end of the file at each error outside a block, so n stray
 * '}' cost n² token reads (2000 of them: 9.8 million reads, ~2 s). Work is counted, not timed:
 * the parser's token reads through `LA` (the recovery's; the lookahead reads with `LA_FAST`).
 */

/** The parser's `LA` calls during one parse of `text`. */
function tokenReads(text: string): number {
  const parser = perfParser() as unknown as { LA(k: number): IToken };
  const la = parser.LA;
  let reads = 0;
  parser.LA = function (this: unknown, k: number) {
    reads++;
    return la.call(this, k);
  };
  try {
    parse(text);
  } finally {
    delete (parser as { LA?: unknown }).LA;
  }
  return reads;
}

/**
 * Each of these repeated n, 2n and 4n times, 4n below the parser's caps (200 errors in one run, which
 * ends the run, and the restarts after stray tokens), so all of it is parsed.
 */
const families: [string, number, string, string?][] = [
  ["a stray '}' before each declaration", 500, "}\nfact a = 1\n"],
  ["a stray ')' before each declaration", 500, ")\nfact a = 1\n"],
  ["a clause keyword outside any indicator", 500, "weight 3\nfact a = 1\n"],
  ["an extra '}' after each empty indicator", 500, 'indicator x "X" { }}\n'],
  // one run: one error per line, 4n below 200
  ["a stray ')' inside one indicator, again and again", 40, "score )\n", 'indicator x "X" {\n'],
  ["'}' and ';' soup between facts", 250, "} ; } fact a = 1\n"],
];

describe("error recovery reads each token a bounded number of times", () => {
  for (const [name, n, repeat, prefix = ""] of families) {
    it(name, () => {
      const reads = [n, 2 * n, 4 * n].map((k) => tokenReads(prefix + repeat.repeat(k)));
      // all of it was parsed: the reads grow with the input (past a cap they stay the same, and compare nothing)
      expect(reads[2]!).toBeGreaterThan(1.8 * reads[1]!);
      expect(reads[1]!).toBeGreaterThan(1.8 * reads[0]!);
      // linear: doubling the input at most about doubles the reads (quadratic was 4×)
      expect(reads[1]!).toBeLessThanOrEqual(2.2 * reads[0]! + 50);
      expect(reads[2]!).toBeLessThanOrEqual(2.2 * reads[1]! + 50);
    });
  }

  it("the corpus's stray-braces input: a few reads per token", () => {
    const input = corpus().find((c) => c.name === "corpus/stray-braces.gen.json");
    expect(input).toBeDefined();
    const tokens = input!.text.split(/\s+/).filter(Boolean).length;
    expect(tokenReads(input!.text)).toBeLessThan(3 * tokens);
  });
});

/** A deterministic generator, so a failure can be reproduced from its seed. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe("the re-sync scan finds what Chevrotain's own finds", () => {
  const root = join(import.meta.dirname, "..", "..", "..");
  const yongzhou = readFileSync(join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf"), "utf8");
  const strays = ["}", ")", ";", "{", "(", "weight 2", "indicator", "fact a =", "}}", ") )", "score", "=", ","];

  /** parse() with Chevrotain's scan in place of ours. */
  function parseWithChevrotainScan(text: string) {
    const parser = perfParser() as unknown as { findReSyncTokenType: unknown };
    parser.findReSyncTokenType = (CstParser.prototype as unknown as { findReSyncTokenType: unknown }).findReSyncTokenType;
    try {
      return parse(text);
    } finally {
      delete (parser as { findReSyncTokenType?: unknown }).findReSyncTokenType;
    }
  }

  it("on copies of the 永州 file with stray tokens put in", () => {
    const random = lcg(12);
    let errors = 0;
    for (let run = 0; run < 60; run++) {
      let text = yongzhou;
      const edits = 1 + Math.floor(random() * 40);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * text.length);
        text = `${text.slice(0, at)} ${strays[Math.floor(random() * strays.length)]} ${text.slice(at)}`;
      }
      const ours = parse(text);
      errors += ours.diagnostics.length;
      expect(JSON.stringify(ours)).toBe(JSON.stringify(parseWithChevrotainScan(text)));
    }
    // the edits did put the parser into recovery
    expect(errors).toBeGreaterThan(60);
  }, 120_000);
});

describe("recognition errors are made without stacks", () => {
  it("leaves Error.stackTraceLimit as it was, and what the parser throws by a bug keeps its stack", () => {
    const before = Error.stackTraceLimit;
    parse("}\nfact a = 1\n".repeat(20));
    expect(Error.stackTraceLimit).toBe(before);

    // a bug stood in for by a failing token read during recovery
    const parser = perfParser() as unknown as { LA(k: number): IToken };
    parser.LA = () => {
      throw new Error("a bug in the parser");
    };
    let thrown: unknown;
    try {
      parse("}\nfact a = 1\n");
    } catch (e) {
      thrown = e;
    } finally {
      delete (parser as { LA?: unknown }).LA;
    }
    expect((thrown as Error).message).toBe("a bug in the parser");
    expect((thrown as Error).stack).toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(before);
  });
});
