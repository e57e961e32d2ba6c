import { parse as parseHtml } from "parse5";
import { describe, expect, it } from "vitest";
import { buildReport, toHtml } from "../src/index.js";
import { yongzhou } from "./helpers.js";

function htmlErrors(html: string): string[] {
  const errors: string[] = [];
  parseHtml(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  return errors;
}

describe("the 永州 example's HTML", () => {
  it("has no parse errors (the charts' font list no longer breaks the SVG style attributes)", () => {
    const html = toHtml(buildReport(yongzhou()));
    expect(htmlErrors(html)).toEqual([]);
    expect(html).toMatch(/<text [^>]*style="[^"]*font-family:'Noto Sans CJK SC'/);
  });
});
