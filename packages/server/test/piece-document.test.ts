import { describe, expect, it } from "vitest";
import { TextDocument, type Position, type Range } from "vscode-languageserver-textdocument";
import { PieceTextDocument, textLength } from "../src/piece-document.js";
import { random } from "./helpers.js";

const alphabet = ["a", "b", "指", "标", " ", "\n", "\r\n", "\r", '"', "𠮷"];

function text(rnd: () => number, max: number): string {
  let s = "";
  const n = Math.floor(rnd() * max);
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
}

/** A position anywhere, now and then past a line's end, before the start or after the last line. */
function position(rnd: () => number, doc: TextDocument): Position {
  const r = rnd();
  if (r < 0.03) return { line: doc.lineCount + 2, character: 1 };
  if (r < 0.05) return { line: -1, character: 3 };
  const p = doc.positionAt(Math.floor(rnd() * (doc.getText().length + 1)));
  return rnd() < 0.1 ? { line: p.line, character: p.character + 5 } : p;
}

function range(rnd: () => number, doc: TextDocument): Range {
  const a = position(rnd, doc);
  const b = rnd() < 0.3 ? a : position(rnd, doc);
  return { start: a, end: b }; // sometimes reversed: both documents put it in order
}

describe("PieceTextDocument", () => {
  it("answers as the library's TextDocument through thousands of random edits (line breaks of every kind, split CR LF pairs)", () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rnd = random(seed);
      const initial = text(rnd, 400);
      const expected = TextDocument.create("file:///a.perf", "perf", 1, initial);
      const actual = PieceTextDocument.create("file:///a.perf", "perf", 1, initial);
      expect(actual).toBeInstanceOf(PieceTextDocument);
      for (let v = 2; v < 700; v++) {
        const change = rnd() < 0.01 ? { text: text(rnd, 300) } : { range: range(rnd, expected), text: rnd() < 0.3 ? "" : text(rnd, 6) };
        TextDocument.update(expected, [change], v);
        PieceTextDocument.update(actual, [change], v);
        const context = `seed ${seed}, version ${v}`;
        expect(textLength(actual), context).toBe(expected.getText().length);
        expect(actual.lineCount, context).toBe(expected.lineCount);
        for (let k = 0; k < 4; k++) {
          const r = range(rnd, expected);
          expect(actual.getText(r), context).toBe(expected.getText(r));
          expect(actual.offsetAt(r.start), context).toBe(expected.offsetAt(r.start));
          const offset = Math.floor(rnd() * (expected.getText().length + 3)) - 1;
          expect(actual.positionAt(offset), context).toEqual(expected.positionAt(offset));
          const line = Math.floor(rnd() * (expected.lineCount + 2)) - 1;
          expect(actual.getLineRange(line), context).toEqual(expected.getLineRange(line));
          expect(actual.getEOLCharacters(line), context).toBe(expected.getEOLCharacters(line));
        }
        // reading the whole text joins the pieces; mostly let them pile up past the cap
        if (v % 97 === 0) expect(actual.getText(), context).toBe(expected.getText());
        expect(actual.version).toBe(v);
      }
      expect(actual.getText()).toBe(expected.getText());
    }
  });

  it("does not join its text for a keystroke, a position or a line of text (what a request next to an edit reads)", () => {
    const big = "indicator 指标 weight 1 { score 1 }\n".repeat(20_000);
    const doc = PieceTextDocument.create("file:///b.perf", "perf", 1, big);
    const at = doc.positionAt(big.length / 2);
    PieceTextDocument.update(doc, [{ range: { start: at, end: at }, text: "改" }], 2);
    const joined = () => (doc as unknown as { flat?: string }).flat !== undefined;
    expect(joined()).toBe(false);
    expect(doc.getText({ start: { line: at.line, character: 0 }, end: { line: at.line, character: at.character + 1 } })).toBe(big.slice(doc.offsetAt({ line: at.line, character: 0 }), big.length / 2) + "改");
    expect(doc.positionAt(big.length + 1)).toEqual({ line: 20_000, character: 0 });
    expect(textLength(doc)).toBe(big.length + 1);
    expect(joined()).toBe(false);
    expect(doc.getText()).toBe(big.slice(0, big.length / 2) + "改" + big.slice(big.length / 2));
    expect(joined()).toBe(true);
  });

  it("keeps a text that is not a string as the library does (the server refuses that document)", () => {
    const doc = PieceTextDocument.create("file:///c.perf", "perf", 1, undefined as unknown as string);
    expect(doc).not.toBeInstanceOf(PieceTextDocument);
    expect(doc.getText()).toBeUndefined();
  });
});
