import { describe, expect, it } from "vitest";
import { diagnosticText, parse } from "../src/index.js";

function nested(depth: number): string {
  let open = "";
  let close = "";
  for (let i = 0; i < depth; i++) {
    open += `${"  ".repeat(i)}indicator n${i} weight 2 {\n`;
    close = `${"  ".repeat(i)}}\n` + close;
  }
  return open + `${"  ".repeat(depth)}score 2\n` + close;
}

/** A deterministic generator, so a failure can be reproduced from its seed. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe("bad input gives diagnostics, never an exception", () => {
  it("binary bytes", () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256)).toString("latin1");
    const r = parse(bytes);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    // syntax errors, and warnings about the control characters caught inside strings
    expect(r.diagnostics.every((d) => /^PERF(00\d|10[0-4])$/.test(d.code))).toBe(true);
    expect(r.diagnostics.length).toBeLessThanOrEqual(50);
  });

  it("NUL is named by its code point", () => {
    const r = parse("indicator a weight 2 { \u0000 score 2 }");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["PERF001"]);
    expect(diagnosticText(r.diagnostics[0]!).message).toContain("U+0000 NULL");
  });

  it("an unterminated string", () => {
    const r = parse('evaluation "没有结束 {\n total 100 }');
    expect(r.diagnostics.map((d) => d.code)).toContain("PERF003");
  });

  it("a 50-level nested tree parses whole", () => {
    const r = parse(nested(50));
    expect(r.diagnostics).toEqual([]);
    let depth = 0;
    let node = r.ast.declarations[0];
    while (node && node.kind === "indicator") {
      depth++;
      node = node.children[0];
    }
    expect(depth).toBe(50);
  });

  it("an empty file and a whitespace-only file", () => {
    for (const text of ["", "   \n\t\n", "\uFEFF"]) {
      const r = parse(text);
      expect(r.diagnostics).toEqual([]);
      expect(r.ast.declarations).toEqual([]);
    }
  });

  it("random mutations of a valid file never throw", () => {
    const base = nested(4) + 'fact f = 3 个\nfinding x on n3 { issue "问题" count 2 }\nevaluation "t" { total 2 grades { 优 >= 1 } }\n';
    const alphabet = ['"', "{", "}", "(", ")", "%", "/", "*", " ", "\n", "指标", "weight", "1.5", ";", "@", "万元"];
    const rand = lcg(20261123);
    for (let i = 0; i < 300; i++) {
      let text = base;
      const edits = 1 + Math.floor(rand() * 5);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * text.length);
        if (rand() < 0.5) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 8));
        else text = text.slice(0, at) + alphabet[Math.floor(rand() * alphabet.length)] + text.slice(at);
      }
      expect(() => parse(text), text).not.toThrow();
    }
  });
});

describe("memory", () => {
  it("the shared parser keeps no tokens of the last document after a parse", async () => {
    const { perfParser } = await import("../src/parser.js");
    // a stray '}' after each declaration: Chevrotain's recovering path runs (error-free input never reaches it)
    const result = parse("indicator a weight 1 { score 1 }\n}\n".repeat(100));
    expect(result.diagnostics.some((d) => d.code === "PERF002")).toBe(true);
    expect(perfParser().input).toEqual([]);
  });
});
