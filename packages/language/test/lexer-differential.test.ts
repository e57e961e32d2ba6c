import fc from "fast-check";
import type { ILexingResult, IToken } from "chevrotain";
import { describe, expect, it } from "vitest";
import { corpus, seeds } from "../../fuzz/src/corpus.js";
import { keywordAliases, keywordSpellings, knownUnits } from "../src/keywords.js";
import { Identifier, perfLexer, referenceLexer } from "../src/lexer.js";
import { stringScanWork } from "../src/scanner.js";

/**
 * The hand-written scanner (`perfLexer`, decision 0200) against Chevrotain's lexer of the same
 * tokens (`referenceLexer()`): the whole result — every token with all its fields, the comments,
 * the errors — for every known input and for random texts of the language's characters and words.
 * The one difference on purpose: the scanner sets `newlineBefore` on an identifier with a line
 * break between it and the token before (parse() used to); `expected` adds it to the reference's.
 */

const SEED = Number(process.env.LEXER_SEED ?? 20261206);
const RUNS = Number(process.env.LEXER_RUNS ?? 400);

function expected(text: string): ILexingResult {
  const result = referenceLexer().tokenize(text);
  let previousEnd = 0;
  for (const t of result.tokens) {
    let lineBreak = false;
    for (let i = previousEnd; i < t.startOffset; i++) if (text[i] === "\n" || text[i] === "\r") lineBreak = true;
    if (t.tokenType === Identifier && lineBreak) (t as { newlineBefore?: boolean }).newlineBefore = true;
    previousEnd = t.startOffset + t.image.length;
  }
  return result;
}

/** The result as plain data, token types by name, key order kept (toEqual alone would not see it). */
function plain(result: ILexingResult): string {
  const token = (t: IToken) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, k === "tokenType" ? (v as IToken["tokenType"]).name : v]));
  const errors = result.errors.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v === undefined ? "(undefined)" : v])));
  return JSON.stringify({ tokens: result.tokens.map(token), groups: Object.fromEntries(Object.entries(result.groups).map(([k, v]) => [k, v.map(token)])), errors });
}

function expectSame(text: string): void {
  const got = perfLexer.tokenize(text);
  const want = expected(text);
  expect(Object.keys(got)).toEqual(Object.keys(want));
  const [a, b] = [plain(got), plain(want)];
  if (a !== b) {
    let k = 0;
    while (a[k] === b[k]) k++;
    expect(a.slice(Math.max(0, k - 300), k + 300), `text ${JSON.stringify(text.length > 400 ? text.slice(0, 400) + "…" : text)}`).toBe(b.slice(Math.max(0, k - 300), k + 300));
  }
  expect(got.tokens.length).toBe(want.tokens.length);
}

describe("the scanner returns what Chevrotain's lexer returns", () => {
  it("for every known input (the fuzzer's seeds and corpus)", () => {
    const all = [...seeds(), ...corpus()];
    expect(all.length).toBeGreaterThan(100);
    for (const { text } of all) expectSame(text);
  }, 60_000);

  it("for texts where tokens meet the cases of the rules", () => {
    const texts = [
      "2022-09-27 2022-09-271 2022-9-5. 2022-09-27% 2022-091-5 20221-09-27 2022-1-2x 2022-12-31-",
      "2020年11月 2020年11月底 2020年1月27日 2020年123月 2020年11月271日 2020年11月2日底 2020年月 2020年11",
      "1. 1.5 1.5% 1.5.6 .5 12%% 0 007 1..2 1.%",
      "a，b、c；d：e ≥≤×÷ 【x】 >= <= > < = + - * / {}()[].",
      '"a\\" "b\\"c" "d\ne" "open \\" still\nb "x\\\n" "y\\',
      '"never closed " and " again\n"x',
      // backslashes far from and close to the strings they escape in, and between strings (the scan looks the next one up once)
      '"plain" "a\\\\" "b" x \\ y "c\\"d" "e" "f\\\\\\"g" "h" "tail\\',
      "/* a */ /*/ b */ /**/ /* open",
      "// line\r\n// crlf\rlone cr\u3000full\uFEFFbom\t",
      "𠮷 𠮷野家 野𠮷 𠀀_1 😀 a😀b \uD800 x\uDC00y \uDBFF\uDFFF",
      "次/天 次/ 次 次数 次/天天 GB GBx TB_1 不低于 不低于x 以上 以下级 不符合 未达成",
      "评价标准化 periodic 每月 预算执行率 x_1 _ __ a1 1a indicators grade grades",
      "#$@~`^|?!'\\ \u0000 \u2028 \u00A0 ¥ €",
      "x\ny\r\nz /* c\n */ w // k\nv",
    ];
    for (const text of texts) expectSame(text);
  });

  it("for random texts of the language's characters and words", () => {
    const words = [
      ...Object.values(keywordSpellings).flat(),
      ...Object.values(keywordAliases).flat(),
      ...knownUnits,
      "不低于", "不少于", "不超过", "不高于", "以上", "以下", "次/", "评价标准化", "periodic", "x_1", "𠮷", "野𠮷",
    ] as string[];
    const pieces = [
      ...words.map((w) => fc.constant(w)),
      fc.constantFrom(..."{}()[]【】.,，、;；:：≥≤><=+-*×/÷%\"\\".split("")),
      fc.constantFrom("//", "/*", "*/", '"', "\\", "\\\"", ">=", "<="),
      fc.constantFrom(" ", "\t", "\n", "\r", "\r\n", "\u3000", "\uFEFF", "\u00A0", "\u200B", "\u2028"),
      fc.constantFrom("2022-09-27", "2022-9-5", "2020年11月", "2020年11月底", "2020年9月27日", "2022-", "年", "月", "日", "底"),
      fc.stringMatching(/^[0-9]{1,6}$/),
      fc.constantFrom("0", "12", "3.5", "96.92%", "1."),
      fc.constantFrom("资金", "到位率", "_", "a", "Z", "é", "Ω", "٣", "①", "〇"),
      fc.constantFrom("\uD842\uDFB7", "\uD83D\uDE00", "\uD800", "\uDC00", "\uD835\uDC00", "\u{1D7CE}"),
      fc.constantFrom("#", "@", "$", "~", "`", "'", "!", "?", "&", "|", "^", "\u0000", "\u007F"),
    ];
    fc.assert(
      fc.property(fc.array(fc.oneof(...pieces), { maxLength: 40 }), (parts) => {
        expectSame(parts.join(""));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("for random strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => expectSame(text)),
      { seed: SEED, numRuns: RUNS },
    );
  }, 60_000);
});

describe("the scanner on hostile input", () => {
  const summary = (r: ILexingResult) => [...r.tokens, ...(r.groups.comments ?? [])].map((t) => `${t.tokenType.name} ${t.startOffset} ${t.image.length}`);

  it("lexes tokens of 50 million characters as the reference does", () => {
    const n = 50_000_000;
    for (const text of ["x" + "a".repeat(n), "9".repeat(n) + "%", `"${"长".repeat(n)}"`, `/*${"注".repeat(n)}`, `// ${"x".repeat(n)}\ny`, `a${" ".repeat(n)}b`]) {
      const got = perfLexer.tokenize(text);
      const want = expected(text);
      expect(summary(got)).toEqual(summary(want));
      expect(got.errors).toEqual(want.errors);
    }
  }, 180_000);

  it("scans a string of five million escapes once, not once per escape", () => {
    // Each escape sends the scan past a backslash to look for the closing quote again: looked up
    // anew each time, the quote far at the end was searched for five million times (hours).
    const k = 5_000_000;
    expect(summary(perfLexer.tokenize(`"${"\\a".repeat(k)}" x`))).toEqual([`StringLiteral 0 ${2 * k + 2}`, `Identifier ${2 * k + 3} 1`]);
    const shorter = `"${"\\a".repeat(1000)}" x "y\\"z"`;
    expect(summary(perfLexer.tokenize(shorter))).toEqual(summary(expected(shorter)));
  }, 60_000);

  it("lexes an identifier of 50 million CJK characters, where the reference's expression overflows the stack", () => {
    // Chevrotain's identifier is a `u` expression, which recursed once per character: from about
    // 10 million CJK characters on, tokenize (and so parse()) threw a RangeError.
    const n = 50_000_000;
    expect(summary(perfLexer.tokenize(`a${"长".repeat(n)} 1`))).toEqual([`Identifier 0 ${n + 1}`, `NumberLiteral ${n + 2} 1`]);
    const shorter = `a${"长".repeat(1_000_000)} 1`;
    expect(summary(perfLexer.tokenize(shorter))).toEqual(summary(expected(shorter)));
  }, 60_000);

  it("reads each character of thousands of unclosed strings a bounded number of times", () => {
    const work = (repeats: number) => {
      // every later quote is escaped for the first one's scan, and opens a string of its own for the lexer
      const text = '\\"open\\"\n'.repeat(repeats) + "x";
      const before = stringScanWork;
      const result = perfLexer.tokenize(text);
      expect(result.tokens.filter((t) => t.tokenType.name === "UnterminatedString")).toHaveLength(repeats);
      return { read: stringScanWork - before, length: text.length };
    };
    for (const repeats of [1000, 4000]) {
      const { read, length } = work(repeats);
      // the first quote's scan reads to the end of the text; no later quote scans again
      expect(read).toBeLessThanOrEqual(length);
    }
    expectSame('\\"open\\"\n'.repeat(2000) + "x");
  });

  it("reports lone surrogates and characters no token starts with as the reference does, in one error per run", () => {
    const text = "a \uD800\uD800 b \uDC00 c 😀😀 d #### e \uD800";
    expectSame(text);
    expect(perfLexer.tokenize(text).errors.map((e) => [e.offset, e.length])).toEqual([
      [2, 2],
      [7, 1],
      [11, 4],
      [18, 4],
      [25, 1],
    ]);
  });
});
