import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, parseFrom, reanalyze } from "../src/index.js";

/**
 * `reanalyze` (re-parse only what an edit touches, then the phases) equals a fresh `analyze` of
 * the edited text — results, diagnostics, trees, symbols — for random edits of every example:
 * typing in texts, and digits typed into the numbers that scores depend on.
 */

const root = join(import.meta.dirname, "..", "..", "..");
const examples = readdirSync(join(root, "examples"), { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".perf"))
  .sort()
  .map((f) => ({ uri: `file:///examples/${f}`, text: readFileSync(join(root, "examples", f), "utf8") }));
const RUNS = Number(process.env.INCREMENTAL_RUNS ?? 60);
/** A fixed seed by default: the test counts how often each path is taken, which a random draw of 60 edits can miss; INCREMENTAL_SEED explores others. */
const SEED = Number(process.env.INCREMENTAL_SEED ?? 2026);
const previous = new Map(examples.map((e) => [e.uri, analyze([e])]));

/** Offsets inside string literals, right after digits, after indentation and inside comments: where an edit keeps the file parseable more often than not. */
function anchors(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/"[^"\n]{2,}"/g)) out.push(m.index! + 1 + ((m[0].length - 2) >> 1));
  for (const m of text.matchAll(/\b\d+(?:\.\d+)?/g)) out.push(m.index! + m[0].length);
  // indentation and comments: edits that move positions (lines too) and change no text of the tree
  for (const m of text.matchAll(/\n  +|\/\/ ?/g)) out.push(m.index! + m[0].length);
  return out;
}

const edits = fc.record({ file: fc.nat(examples.length - 1), at: fc.nat(), removed: fc.nat(2), text: fc.constantFrom("", "1", "0", "5", ".5", "改", "说明", " ", "\n", "}", '"', "x") }).map(({ file, at, removed, text }) => {
  const e = examples[file]!;
  const places = anchors(e.text);
  const start = places[at % places.length]!;
  return { e, after: e.text.slice(0, start) + text + e.text.slice(Math.min(e.text.length, start + removed)) };
});

describe("reanalyze", () => {
  it("equals a fresh analysis of the edited text", () => {
    let shared = 0;
    let patched = 0;
    fc.assert(
      fc.property(edits, ({ e, after }) => {
        const incremental = reanalyze(previous.get(e.uri)!, new Map([[e.uri, e.text]]), [{ uri: e.uri, text: after }]);
        const fresh = analyze([{ uri: e.uri, text: after }]);
        expect(incremental).toStrictEqual(fresh);
        if (incremental.parsed.get(e.uri)!.ast.declarations[0] === previous.get(e.uri)!.parsed.get(e.uri)!.ast.declarations[0]) shared++;
        // the previous analysis carried over (a text no score reads was edited): its position-free parts are shared
        if (incremental.result.summary === previous.get(e.uri)!.result.summary) patched++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // most edits fall inside a declaration after the first: its tree is then shared, not re-parsed
    expect(shared).toBeGreaterThan(RUNS / 4);
    expect(patched).toBeGreaterThan(RUNS / 10);
  }, 120_000);

  it("keeps the previous parse of a text that did not change, and parses a document it never saw", () => {
    const e = examples[0]!;
    const p = previous.get(e.uri)!.parsed.get(e.uri)!;
    expect(parseFrom({ text: e.text, parsed: p }, e.text, e.uri)).toBe(p);
    expect(parseFrom({ text: e.text, parsed: p }, e.text, "other.perf")).not.toBe(p);
    expect(parseFrom(undefined, e.text, e.uri)).toStrictEqual(p);
  });
});
