import { describe, expect, it } from "vitest";
import { check, oneCharacterEdit, recheck, uri } from "../src/core.js";
import { generate } from "../src/generate.js";

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
});
