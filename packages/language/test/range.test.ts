import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePositions, LineIndex, placeKey, samePosition } from "../src/range.js";

/** The reference: every character read, as LineIndex did before its fast paths (issue 12). */
function naivePosition(text: string, offset: number) {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let start = 0;
  for (let i = 0; i < o; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: o - start };
}

describe("LineIndex", () => {
  it("maps every offset as a scan from the start would, in order, backwards and at random, with LF, CRLF and lone CR", () => {
    const text = fc.stringMatching(/^[ab\n\r好]{0,60}$/);
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: -2, max: 64 }), { maxLength: 40 }), (t, random) => {
        const lines = new LineIndex(t);
        const offsets = [...Array(t.length + 2).keys(), ...[...Array(t.length + 1).keys()].reverse(), ...random];
        for (const o of offsets) expect(lines.positionAt(o)).toEqual(naivePosition(t, o));
        expect(lines.lineCount).toBe(naivePosition(t, t.length).line + 1);
        // ranges keep a hint for starts and one for ends
        for (let i = 0; i + 1 < random.length; i += 2) expect(lines.range(random[i]!, random[i + 1]!)).toEqual({ start: naivePosition(t, random[i]!), end: naivePosition(t, random[i + 1]!) });
      }),
      { numRuns: 400 },
    );
  });

  it("gives back the offset of every position it made, and orders and tells apart positions as their offsets do (decision 0225)", () => {
    const text = fc.stringMatching(/^[ab\n\r好]{0,60}$/);
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }), (t, i, j) => {
        const lines = new LineIndex(t);
        const [oi, oj] = [Math.min(i, t.length), Math.min(j, t.length)];
        const a = lines.positionAt(oi);
        const b = lines.positionAt(oj);
        expect(lines.offsetOf(a)).toBe(oi);
        expect(Math.sign(comparePositions(a, b))).toBe(Math.sign(oi - oj));
        expect(samePosition(a, b)).toBe(oi === oj);
        expect(placeKey(a) === placeKey(b)).toBe(oi === oj);
      }),
      { numRuns: 400 },
    );
  });

  it("gives an offset inside the text for a position it has no place for", () => {
    const lines = new LineIndex("ab\ncd");
    expect(lines.offsetOf({ line: 7, character: 0 })).toBe(5);
    expect(lines.offsetOf({ line: 1, character: 40 })).toBe(5);
    expect(lines.offsetOf({ line: 0, character: 1 })).toBe(1);
  });

  it("counts a CRLF as one line break and a lone CR as one", () => {
    expect(new LineIndex("a\r\nb\rc\n").lineCount).toBe(4);
    expect(new LineIndex("a\r\nb\rc\n").positionAt(5)).toEqual({ line: 2, character: 0 });
  });
});

describe("LineIndex.edited", () => {
  it("equals the index of the edited text for any replacement, with LF, CRLF and lone CR on either side", () => {
    const text = fc.stringMatching(/^[ab\n\r好]{0,40}$/);
    const inserted = fc.stringMatching(/^[ab\n\r好]{0,6}$/);
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(4), inserted, (t, at, removed, put) => {
        const start = at % (t.length + 1);
        const end = Math.min(t.length, start + removed);
        const after = t.slice(0, start) + put + t.slice(end);
        const edited = LineIndex.edited(new LineIndex(t), after, { start, end, length: put.length });
        expect(edited).toStrictEqual(new LineIndex(after));
        for (let o = 0; o <= after.length; o++) expect(edited.positionAt(o)).toEqual(naivePosition(after, o));
      }),
      { numRuns: 500 },
    );
  });
});
