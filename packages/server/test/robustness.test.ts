import { describe, expect, it } from "vitest";
import { random, setup, yongzhouText } from "./helpers.js";

const junk = ['"', "{", "}", "(", "/*", "//", "weight", "指标", "on", "\u0000", "\uD800", "100%", "万元", ",", "\n", "-", "/"];

describe("every feature on damaged text", () => {
  it("answers without throwing on 40 random mutations of the 永州 file", () => {
    const rnd = random(20261123);
    for (let round = 0; round < 40; round++) {
      let text = yongzhouText;
      for (let k = 0; k < 5; k++) {
        const at = Math.floor(rnd() * text.length);
        const len = Math.floor(rnd() * 200);
        const insert = rnd() < 0.5 ? junk[Math.floor(rnd() * junk.length)]! : "";
        text = text.slice(0, at) + insert + text.slice(at + len);
      }
      const s = setup(text);
      const lines = text.split("\n").length;
      const positions = Array.from({ length: 5 }, () => ({ line: Math.floor(rnd() * lines), character: Math.floor(rnd() * 30) }));
      const run = () => {
        const diagnostics = s.service.diagnostics(s.uri);
        s.service.semanticTokens(s.uri);
        s.service.documentSymbols(s.uri);
        s.service.foldingRanges(s.uri);
        s.service.selectionRanges(s.uri, positions);
        s.service.inlayHints(s.uri);
        s.service.codeLenses(s.uri);
        s.service.formatting(s.uri);
        s.service.codeActions({ textDocument: { uri: s.uri }, range: { start: positions[0]!, end: positions[0]! }, context: { diagnostics } });
        for (const p of positions) {
          s.service.hover(s.uri, p);
          s.service.completion(s.uri, p);
          s.service.definition(s.uri, p);
          s.service.references(s.uri, p);
          s.service.documentHighlights(s.uri, p);
          s.service.prepareRename(s.uri, p);
        }
      };
      expect(run, `round ${round}`).not.toThrow();
    }
    // 2 s alone, 6 s with the whole suite on two cores, 12 s with three busy loops besides
  }, 120_000);
});
