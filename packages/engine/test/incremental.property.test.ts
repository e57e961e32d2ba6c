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

  it("equals a fresh analysis after each edit of a chain, each made from the analysis of the one before", () => {
    // An editor's analysis after several keystrokes comes from a carried-over one, whose ranges
    // are moved copies rather than the tree's own: each step is checked, not only the first.
    const chains = fc.record({
      file: fc.nat(examples.length - 1),
      steps: fc.array(fc.record({ at: fc.nat(), text: fc.constantFrom("改", "说明", "1", "\n", " ") }), { minLength: 2, maxLength: 4 }),
    });
    fc.assert(
      fc.property(chains, ({ file, steps }) => {
        const e = examples[file]!;
        let text = e.text;
        let last = previous.get(e.uri)!;
        for (const { at, text: typed } of steps) {
          const places = anchors(text);
          const start = places[at % places.length]!;
          const after = text.slice(0, start) + typed + text.slice(start);
          last = reanalyze(last, new Map([[e.uri, text]]), [{ uri: e.uri, text: after }]);
          expect(last).toStrictEqual(analyze([{ uri: e.uri, text: after }]));
          text = after;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 120_000);

  it("keeps the previous parse of a text that did not change, and parses a document it never saw", () => {
    const e = examples[0]!;
    const p = previous.get(e.uri)!.parsed.get(e.uri)!;
    expect(parseFrom({ text: e.text, parsed: p }, e.text, e.uri)).toBe(p);
    expect(parseFrom({ text: e.text, parsed: p }, e.text, "other.perf")).not.toBe(p);
    expect(parseFrom(undefined, e.text, e.uri)).toStrictEqual(p);
  });
});

describe("what the carry-over of an edit assumes of an analysis", () => {
  /** Whether a position ({ line, character, offset }) lies anywhere below `v`. */
  const holdsPosition = (v: unknown): boolean => {
    if (v === null || typeof v !== "object") return false;
    if (typeof (v as { character?: unknown }).character === "number" && typeof (v as { line?: unknown }).line === "number") return true;
    return Object.values(v).some(holdsPosition);
  };
  it("an indicator's result holds positions only in its range, name range and children; a symbol only in its ranges and declaration", () => {
    for (const a of previous.values()) {
      const todo = [...a.result.indicators];
      for (let r = todo.pop(); r; r = todo.pop()) {
        const { range, nameRange, children, ...rest } = r;
        expect(holdsPosition(rest), r.id).toBe(false);
        expect([range, nameRange].every(holdsPosition)).toBe(true);
        todo.push(...children);
      }
      for (const sym of a.symbols.symbols.values()) {
        const { range, nameRange, node, ...rest } = sym;
        expect(holdsPosition(rest), sym.id).toBe(false);
        // the declaration's own ranges, not copies: the carry-over takes the new tree's in their place
        expect(range).toBe(node.range);
        expect(nameRange).toBe(node.name.range);
      }
    }
  });
});

describe("reanalyze at the edges of declarations", () => {
  const file = examples.find((e) => e.uri.endsWith("yongzhou-2023.perf"))!;
  const last = previous.get(file.uri)!;
  const texts = new Map([[file.uri, file.text]]);
  /** Just inside each indicator's 评价说明. */
  const notesOf = (text: string) => [...text.matchAll(/^ +note +"/gm)].map((m) => m.index! + m[0].length);
  const notes = notesOf(file.text);
  const edit = (at: number, removed: number, text: string) => file.text.slice(0, at) + text + file.text.slice(at + removed);
  const check = (after: string) => {
    const incremental = reanalyze(last, texts, [{ uri: file.uri, text: after }]);
    expect(incremental).toStrictEqual(analyze([{ uri: file.uri, text: after }]));
    return { incremental, carried: incremental.result.summary === last.result.summary };
  };

  it("carries the analysis over for typing in the notes of the first, middle and last leaf, with lines added and removed", () => {
    expect(notes.length).toBeGreaterThan(3);
    for (const at of [notes[0]!, notes[notes.length >> 1]!, notes[notes.length - 1]!]) {
      expect(check(edit(at, 0, "改")).carried).toBe(true);
      // a line break typed into the note: every later position moves a line down
      expect(check(edit(at, 0, "第一\n第二\n")).carried).toBe(true);
      // a character removed from the note
      expect(check(edit(at, 1, "")).carried).toBe(true);
    }
    // typing in the first note, then in the last: the last indicator's result node was carried over once already
    const first = edit(notes[0]!, 0, "改");
    const carried = check(first).incremental;
    const lastNote = notesOf(first).at(-1)!;
    const both = first.slice(0, lastNote) + "改" + first.slice(lastNote);
    const again = reanalyze(carried, new Map([[file.uri, first]]), [{ uri: file.uri, text: both }]);
    expect(again).toStrictEqual(analyze([{ uri: file.uri, text: both }]));
    expect(again.result.summary).toBe(last.result.summary);
    // two lines removed: the previous analysis of a text with them, edited back
    const withLines = edit(notes[1]!, 0, "\n\n");
    const lastWith = analyze([{ uri: file.uri, text: withLines }]);
    const back = reanalyze(lastWith, new Map([[file.uri, withLines]]), [{ uri: file.uri, text: file.text }]);
    expect(back).toStrictEqual(last);
    expect(back.result.summary).toBe(lastWith.result.summary);
  });

  it("analyzes afresh an edit before the first declaration, between two, after the last, or in a declaration's head", () => {
    const firstDecl = file.text.indexOf("\nevaluation") + 1;
    // the name of a top-level indicator: no declaration's block holds it
    const head = file.text.search(/^indicator /m) + "indicator ".length;
    // a blank line between two top-level declarations (a closing brace at the start of a line)
    const between = file.text.indexOf("\n}\n", head) + 3;
    for (const after of [edit(0, 0, "// 改\n"), edit(firstDecl, 0, "\n"), edit(between, 0, "\n// 说明\n"), file.text + "\n// 改\n", edit(head, 0, "x")]) {
      const { incremental, carried } = check(after);
      expect(carried).toBe(false);
      expect(incremental.parsed.get(file.uri)!.ast.declarations[0]).not.toBe(last.parsed.get(file.uri)!.ast.declarations[0]);
    }
  });

  it("runs the phases for an edit in one file of a workspace of two, equal to a fresh analysis", () => {
    const docs = examples.filter((e) => e.uri.includes("changsha-2023/"));
    expect(docs.length).toBe(2);
    const before = analyze(docs);
    const framework = docs.find((d) => d.uri.endsWith("framework.perf"))!;
    // inside a leaf's block (the framework has no notes): a space and a comment
    const at = framework.text.indexOf("{ judgement }", framework.text.indexOf("资金使用合规性")) + 1;
    expect(at).toBeGreaterThan(framework.text.length >> 1);
    const edited = docs.map((d) => (d === framework ? { uri: d.uri, text: d.text.slice(0, at) + " /* 改 */" + d.text.slice(at) } : d));
    const incremental = reanalyze(before, new Map(docs.map((d) => [d.uri, d.text])), edited);
    expect(incremental).toStrictEqual(analyze(edited));
    // the other file's parse is the previous one; the edited file's untouched declarations are shared
    const other = docs.find((d) => d !== framework)!;
    expect(incremental.parsed.get(other.uri)).toBe(before.parsed.get(other.uri));
    expect(incremental.parsed.get(framework.uri)!.ast.declarations[0]).toBe(before.parsed.get(framework.uri)!.ast.declarations[0]);
    expect(incremental.result.summary).not.toBe(before.result.summary);
  });
});
