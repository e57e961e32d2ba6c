import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePositions, format, isPosition, keywordAliases, keywordSpellings, parse, type KeywordUse, type Range } from "../src/index.js";

/**
 * The parser never throws, and every range it gives (AST nodes, comments, keywords,
 * diagnostics) lies inside the text: start ≤ end, on a line of the text, the column within
 * its line, and the offset the line and column give within the text (positions hold no offset
 * since decision 0225). For arbitrary strings, for token
 * soups of the language, and for damaged copies of a real file.
 */

const root = join(import.meta.dirname, "..", "..", "..");
const yongzhou = readFileSync(join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf"), "utf8");
const RUNS = Number(process.env.PARSER_RUNS ?? 300);

/** Line lengths including each line's terminator, the way LSP columns count UTF-16 code units. */
function lineLengths(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      out.push(i + 1 - start);
      start = i + 1;
    }
  }
  out.push(text.length - start);
  return out;
}

/** Whether `v` is a position: an object with a numeric line and column. */
const isPositionValue = (v: unknown): v is Range["start"] => typeof v === "object" && v !== null && isPosition(v);

/** Collects every object shaped like a Range (a start and an end position) below `value`, iteratively. */
function allRanges(value: unknown): Range[] {
  const found: Range[] = [];
  const todo: unknown[] = [value];
  for (let v = todo.pop(); todo.length || v !== undefined; v = todo.pop()) {
    if (typeof v !== "object" || v === null) continue;
    const o = v as { start?: unknown; end?: unknown };
    if (isPositionValue(o.start) && isPositionValue(o.end)) found.push({ start: o.start, end: o.end });
    else todo.push(...(Array.isArray(v) ? v : Object.values(v)));
  }
  return found;
}

/** What is wrong with each range that does not lie inside `text`. */
function rangeProblems(text: string, ranges: Range[]): string[] {
  const lengths = lineLengths(text);
  const starts = [0];
  for (const n of lengths) starts.push(starts[starts.length - 1]! + n);
  const problems: string[] = [];
  const at = (p: Range["start"]) => `${p.line}:${p.character}`;
  for (const r of ranges) {
    if (comparePositions(r.start, r.end) > 0) problems.push(`start ${at(r.start)} after end ${at(r.end)}`);
    for (const p of [r.start, r.end]) {
      if (!(0 <= p.line && p.line < lengths.length)) problems.push(`line ${p.line} of ${lengths.length}`);
      else if (!(0 <= p.character && p.character <= lengths[p.line]!)) problems.push(`column ${p.character} on a line of ${lengths[p.line]}`);
      if (starts[p.line] !== undefined && starts[p.line]! + p.character > text.length) problems.push(`${at(p)} is offset ${starts[p.line]! + p.character}, past the text's ${text.length}`);
    }
  }
  return problems;
}

function expectRangesInside(text: string): void {
  let result: ReturnType<typeof parse> | undefined;
  expect(() => (result = parse(text)), JSON.stringify(text.slice(0, 200))).not.toThrow();
  expect(rangeProblems(text, allRanges([result!.ast, result!.diagnostics])), JSON.stringify(text.slice(0, 300))).toEqual([]);
  expect(keywordProblems(text, result!.ast.keywords), JSON.stringify(text.slice(0, 300))).toEqual([]);
}

/** Keyword uses hold offsets, not ranges: each lies inside the text, in order, over a spelling of its keyword. */
function keywordProblems(text: string, keywords: Iterable<KeywordUse>): string[] {
  const problems: string[] = [];
  let last = 0;
  for (const k of keywords) {
    const spellings = [...keywordSpellings[k.name], ...(keywordAliases[k.name] ?? [])];
    if (!(last <= k.start && k.start < k.end && k.end <= text.length)) problems.push(`${k.name} at ${k.start}..${k.end} after ${last} of ${text.length}`);
    else if (!spellings.includes(text.slice(k.start, k.end))) problems.push(`${k.name} over ${JSON.stringify(text.slice(k.start, k.end))}`);
    last = k.end;
  }
  return problems;
}

// ── generators ─────────────────────────────────────────────────────────────

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const hostile = fc.constantFrom("\u0000", "\r", "\r\n", "\n", "\u2028", "\uFEFF", "\uFFFE", "\uFFFF", "\u202E", "\u2066", "\u200D", "\uD842", "\uDFB7", "\uD842\uDFB7", "\u3000", "\t", "\\", '"', "/*", "*/", "//");
const keyword = fc.constantFrom(...Object.values(keywordSpellings).flat());
const punctuation = fc.constantFrom("{", "}", "(", ")", ",", "，", "、", ";", "；", ":", "：", ">=", "≥", "<=", "≤", ">", "<", "=", "+", "-", "*", "×", "/", "÷", "%");
const identifier = fc.constantFrom("甲", "预算执行率", "x_1", "指标2", "𠮷", "a");
const numeral = fc.tuple(fc.nat(99999), fc.option(fc.nat(999)), fc.boolean(), fc.constantFrom("", "", " 万元", "个", "次/天")).map(([i, f, p, u]) => `${i}${f === null ? "" : `.${f}`}${p ? "%" : u}`);
const stringLit = fc.string({ maxLength: 12, unit: fc.oneof(codeUnit, hostile) }).map((s) => `"${s.replace(/["\\]/g, "\\$&")}"`);
const comment = fc.string({ maxLength: 12 }).map((s) => (s.length % 2 ? `// ${s.replace(/[\r\n]/g, " ")}\n` : `/* ${s.replace(/\*\//g, "")} */`));
const space = fc.constantFrom(" ", "\n", "  ", "\r\n", "\t");

const tokenSoup = fc.array(fc.oneof({ weight: 4, arbitrary: keyword }, { weight: 4, arbitrary: punctuation }, identifier, numeral, stringLit, comment, hostile), { maxLength: 120 }).chain((tokens) =>
  fc.array(space, { minLength: tokens.length, maxLength: tokens.length }).map((gaps) => tokens.map((t, i) => t + gaps[i]).join("")),
);

/** The 永州 file with up to five slices replaced by hostile text. */
const damaged = fc
  .array(fc.tuple(fc.nat(yongzhou.length), fc.nat(300), fc.oneof(hostile, keyword, punctuation, stringLit, fc.constant(""))), { minLength: 1, maxLength: 5 })
  .map((edits) => edits.reduce((t, [at, len, insert]) => t.slice(0, at) + insert + t.slice(at + len), yongzhou));

// ── properties ─────────────────────────────────────────────────────────────

// Property runs are CPU-bound and the machine may be shared: generous timeouts, no timing assertions.
const TIMEOUT = 120_000 + RUNS * 50;

describe("the parser never throws and keeps every range inside the text", () => {
  it("on arbitrary strings of any UTF-16 code units", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: fc.oneof(codeUnit, hostile) }), expectRangesInside), { numRuns: RUNS });
  }, TIMEOUT);

  it("on arbitrary full-Unicode strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400, unit: "binary" }), expectRangesInside), { numRuns: RUNS });
  }, TIMEOUT);

  it("on token soups of the language", () => {
    fc.assert(fc.property(tokenSoup, expectRangesInside), { numRuns: RUNS });
  }, TIMEOUT);

  it("on damaged copies of the 永州 file", () => {
    fc.assert(fc.property(damaged, expectRangesInside), { numRuns: Math.ceil(RUNS / 3) });
  }, TIMEOUT);

  it("the range check bites: a column past its line, an offset past the text, a line past the last, a start after its end", () => {
    const at = (line: number, character: number) => ({ line, character });
    expect(lineLengths("ab\ncd\r\ne")).toEqual([3, 4, 1]);
    expect(rangeProblems("ab\ncd", [{ start: at(0, 1), end: at(1, 2) }])).toEqual([]);
    expect(rangeProblems("ab\ncd", [{ start: at(0, 4), end: at(1, 2) }])).toHaveLength(1);
    expect(rangeProblems("ab\ncd", [{ start: at(0, 1), end: at(1, 3) }])).toHaveLength(2);
    expect(rangeProblems("ab\ncd", [{ start: at(1, 0), end: at(2, 0) }])).toHaveLength(1);
    expect(rangeProblems("ab\ncd", [{ start: at(1, 1), end: at(0, 2) }])).toHaveLength(1);
    expect(allRanges({ x: [{ range: { start: at(0, 1), end: at(1, 2) } }] })).toHaveLength(1);
    const kw = (start: number, end: number) => ({ name: "Indicator" as const, spelling: "en" as const, start, end });
    expect(keywordProblems("indicator x", [kw(0, 9)])).toEqual([]);
    expect(keywordProblems("indicator x", [kw(0, 8)])).toHaveLength(1);
    expect(keywordProblems("indicator x", [kw(0, 9), kw(0, 9)])).toHaveLength(1);
    expect(keywordProblems("indicator", [kw(0, 10)])).toHaveLength(1);
  });
});

describe("fmt never loses a byte", () => {
  it("refuses without change, or formats idempotently, on token soups", () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        const once = format(text);
        if (once.ok) expect(format(once.text).text).toBe(once.text);
        else expect(once.text).toBe(text);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);

  it("keeps every string value and comment of a valid file with hostile characters in them", () => {
    const strings = fc.array(fc.string({ maxLength: 10, unit: fc.oneof(codeUnit, hostile) }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(strings, strings, (values, notes) => {
        const lit = (s: string) => `"${s.replace(/["\\]/g, "\\$&")}"`;
        const text =
          `evaluation ${lit(values[0]!)} { total 2 }\n` +
          notes.map((n) => `/* ${n.replace(/\*\//g, "")} */\n`).join("") +
          `indicator a weight 2 {\n${values.map((v) => `  deduct 0 ${lit(v)}\n`).join("")}}\n`;
        const before = parse(text);
        const once = format(text);
        if (!once.ok) {
          expect(once.text).toBe(text);
          return;
        }
        const after = parse(once.text);
        expect(after.ast.comments.map((c) => c.text)).toEqual(before.ast.comments.map((c) => c.text));
        const reasons = (r: typeof before) => r.ast.declarations.flatMap((d) => (d.kind === "indicator" ? d.methods.flatMap((m) => (m.kind === "judgement" ? m.deductions.map((x) => x.reason?.value) : [])) : []));
        expect(reasons(after)).toEqual(reasons(before));
        expect(reasons(before)).toEqual(values);
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
