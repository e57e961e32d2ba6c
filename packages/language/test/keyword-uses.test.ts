import { describe, expect, it } from "vitest";
import { KeywordUses, parse, type KeywordUse } from "../src/index.js";

const use = (name: KeywordUse["name"], spelling: KeywordUse["spelling"], start: number, end: number): KeywordUse => ({ name, spelling, start, end });

describe("KeywordUses", () => {
  const text = "indicator A 指标 B weight 5";
  const list = parse(text).ast.keywords;

  it("holds each keyword of a parse with its spelling and offsets, in order", () => {
    expect([...list]).toEqual([use("Indicator", "en", 0, 9), use("Indicator", "zh", 12, 14), use("Weight", "en", 17, 23)]);
    expect(list.length).toBe(3);
    expect(list.at(1)).toEqual(use("Indicator", "zh", 12, 14));
    expect(list.at(3)).toBeUndefined();
    expect(list.at(-1)).toBeUndefined();
    expect(JSON.parse(JSON.stringify(list))).toEqual([...list]);
  });

  it("finds the use at an offset, its edges included", () => {
    expect(list.useAt(0)?.start).toBe(0);
    expect(list.useAt(9)?.start).toBe(0);
    expect(list.useAt(10)).toBeUndefined();
    expect(list.useAt(13)?.spelling).toBe("zh");
    expect(list.useAt(23)?.name).toBe("Weight");
    expect(list.useAt(24)).toBeUndefined();
    expect(KeywordUses.empty.useAt(0)).toBeUndefined();
  });

  it("splices an edit: keeps what is before, places the slice's, shifts what is after", () => {
    const fresh = KeywordUses.of([use("Weight", "zh", 1, 3)]);
    // [10, 16) of the text replaced by 8 characters holding one keyword at 1..3 of the slice
    const edited = list.spliced(10, 16, fresh, 2);
    expect([...edited]).toEqual([use("Indicator", "en", 0, 9), use("Weight", "zh", 11, 13), use("Weight", "en", 19, 25)]);
    // the list it came from is unchanged
    expect([...list]).toHaveLength(3);
    expect([...list.spliced(0, 0, KeywordUses.empty, 0)]).toEqual([...list]);
    expect([...list.spliced(0, 30, KeywordUses.empty, -30)]).toEqual([]);
  });

  it("of() and the parse agree, and equal lists compare equal", () => {
    expect(KeywordUses.of([...list])).toStrictEqual(list);
    expect(KeywordUses.of([])).toStrictEqual(KeywordUses.empty);
  });
});
