import { describe, expect, it } from "vitest";
import { backToBack, backToBackFigures, check, editInARowFigure, editsInARow, oneCharacterEdit, recheck, uri } from "../src/core.js";
import { passes, regressions } from "../src/figures.js";
import { generate } from "../src/generate.js";
import { Random } from "../src/random.js";

describe("edit-vs-cold", () => {
  it("times a re-check that gives the fresh check's analysis, from the last analysis", () => {
    const doc = generate({ leaves: 300 });
    const last = check(doc.perf);
    const { text } = oneCharacterEdit(doc);
    const again = recheck(last, new Map([[uri, doc.perf]]), text);
    expect(again).toStrictEqual(check(text));
    // the typed note is read by no score: the last analysis is carried over, not recomputed
    expect(again.result.summary).toBe(last.result.summary);
    expect(again.parsed.get(uri)!.ast.declarations[0]).toBe(last.parsed.get(uri)!.ast.declarations[0]);
  });

  it("gives the fresh check's analysis after a chain of random edits of the generated document", () => {
    const r = new Random(195);
    let text = generate({ leaves: 60 }).perf;
    let last = check(text);
    // inside texts, after numbers and in indentation: carried over, re-scored, or (a brace, a quote) parsed again
    const places = (t: string) => [...t.matchAll(/"[^"\n]{4,}"|\d+(?:\.\d+)?|\n {2,}/g)].map((m) => m.index! + (m[0].startsWith('"') ? m[0].length >> 1 : m[0].length));
    const typed = ["改", " ", "\n", "1", "0", "}", '"', "说明文字"];
    for (let i = 0; i < 25; i++) {
      const at = r.pick(places(text));
      const next = text.slice(0, at) + r.pick(typed) + text.slice(at + r.int(0, 1));
      const again = recheck(last, new Map([[uri, text]]), next);
      expect(again).toStrictEqual(check(next));
      text = next;
      last = again;
    }
  }, 120_000);
});

describe("edits in a row", () => {
  it("times each re-check of the edit and is shown for context: no target, never a regression", () => {
    const doc = generate({ leaves: 60 });
    const inARow = editsInARow(doc, 3, 1);
    expect(inARow.runs).toBe(3);
    expect(inARow.min).toBeGreaterThanOrEqual(0);
    expect(inARow.max).toBeGreaterThanOrEqual(inARow.median);
    const check = { median: 10, min: 10, max: 10, runs: 1 };
    const f = editInARowFigure(60, { median: 2, min: 1, max: 3, runs: 3 }, { json: check, parse: check, check });
    expect(f.value).toBe(0.2);
    expect(passes(f)).toBeUndefined();
    expect(regressions([f], { [f.id]: 0.01 })).toEqual([]);
  });
});

describe("back to back", () => {
  it("times the batches after a warm-up one, per call, and is shown for context: no target, never a regression", async () => {
    const doc = generate({ leaves: 30 });
    const t = await backToBack(doc, 2, 3);
    expect(t.check.runs).toBe(3);
    expect(t.json.runs).toBe(3);
    expect(t.check.min).toBeGreaterThan(0);
    const at = (median: number) => ({ median, min: median, max: median, runs: 3 });
    const figures = backToBackFigures({ leaves: 100, batch: 20, times: { check: at(40), json: at(2.5) } }, { leaves: 1000, batch: 3, times: { check: at(440), json: at(29) } });
    expect(figures.map((f) => f.value)).toEqual([16, 440 / 29, 11]);
    for (const f of figures) {
      expect(passes(f)).toBeUndefined();
      expect(regressions([f], { [f.id]: 0.01 })).toEqual([]);
    }
  });
});
