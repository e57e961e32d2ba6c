import { describe, expect, it } from "vitest";
import { diagnosticText, type Expression, format, type IndicatorDecl, MAX_NESTING, MAX_OPERATORS, parse } from "../src/index.js";

/** `depth` indicators, each inside the one before. */
function nested(depth: number, leaf = "score 1"): string {
  let open = "";
  let close = "";
  for (let i = 0; i < depth; i++) {
    open += `${"  ".repeat(i)}indicator n${i} weight 1 {\n`;
    close = `${"  ".repeat(i)}}\n` + close;
  }
  return open + `${"  ".repeat(depth)}${leaf}\n` + close;
}

const after = "indicator after weight 1 { score 1 }\n";

function codes(text: string): string[] {
  return parse(text).diagnostics.map((d) => d.code);
}

function at(text: string, code: string): string {
  const d = parse(text).diagnostics.find((x) => x.code === code);
  return d ? `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}` : "none";
}

function exprDepth(e: Expression | undefined): number {
  if (!e) return 0;
  switch (e.kind) {
    case "binary":
      return 1 + Math.max(exprDepth(e.left), exprDepth(e.right));
    case "paren":
      return 1 + exprDepth(e.inner);
    case "negate":
      return 1 + exprDepth(e.operand);
    default:
      return 1;
  }
}

function treeDepth(d: IndicatorDecl): number {
  return 1 + Math.max(0, ...d.children.map(treeDepth));
}

describe("nesting limit (PERF014)", () => {
  it("400 nested parentheses: one located error, the rest of the file kept", () => {
    const text = `indicator a weight 100 { ratio ${"(".repeat(400)}x${")".repeat(400)} }\n` + after;
    const r = parse(text);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["PERF014"]);
    // the brace is level 1, so the 64th parenthesis is level 65: column 32 + 63
    expect(at(text, "PERF014")).toBe(`1:${32 + MAX_NESTING - 1}-1:${32 + MAX_NESTING}`);
    expect(diagnosticText(r.diagnostics[0]!).message).toContain(String(MAX_NESTING));
    expect(r.ast.declarations.map((d) => (d.kind === "indicator" ? d.name.text : d.kind))).toEqual(["after"]);
  });

  it("400 nested indicators: the error sits on the brace that opens level 65", () => {
    const r = parse(nested(400) + after);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["PERF014"]);
    expect(r.diagnostics[0]!.range.start.line).toBe(MAX_NESTING);
    expect(r.ast.declarations.length).toBe(1);
  });

  it("64 nested indicators and 63 parentheses inside a block are allowed and parse whole", () => {
    const deep = parse(nested(MAX_NESTING));
    expect(deep.diagnostics).toEqual([]);
    expect(treeDepth(deep.ast.declarations[0] as IndicatorDecl)).toBe(MAX_NESTING);
    const parens = parse(`indicator a weight 100 { ratio ${"(".repeat(MAX_NESTING - 1)}x${")".repeat(MAX_NESTING - 1)} }`);
    expect(parens.diagnostics).toEqual([]);
    const ratio = (parens.ast.declarations[0] as IndicatorDecl).methods[0];
    expect(ratio?.kind === "ratio" && exprDepth(ratio.expression)).toBe(MAX_NESTING);
  });

  it("the formatter prints a tree at the limits", () => {
    const r = format(nested(MAX_NESTING) + `indicator b weight 1 { ratio ${"(".repeat(MAX_NESTING - 1)}x${")".repeat(MAX_NESTING - 1)} }\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it("hostile brackets: 100 000 '{', 100 000 '(' and unclosed blocks inside an indicator", () => {
    expect(codes("{".repeat(100_000))).toEqual(["PERF014"]);
    expect(codes(`indicator a weight 1 { ratio ${"(".repeat(100_000)}`)).toEqual(["PERF014"]);
    expect(codes(`indicator a weight 1 ${"{".repeat(100_000)}`)).toEqual(["PERF014"]);
    expect(codes(`indicator a weight 1 { ${"indicator b {".repeat(100_000)}`)).toEqual(["PERF014"]);
  });

  it("closing braces end the parentheses left open inside them", () => {
    // 40 unclosed '(' inside each of three sibling blocks never add up to a violation
    const block = `indicator x weight 1 { ratio ${"(".repeat(40)} }\n`;
    expect(codes(block.repeat(3))).not.toContain("PERF014");
  });
});

describe("expression length limit (PERF015)", () => {
  const chain = (operators: number) => `fact f = 1\nindicator a weight 100 { ratio f${" + f".repeat(operators)} }\n` + after;

  it(`${MAX_OPERATORS} operators are allowed; one more is a located error`, () => {
    expect(codes(chain(MAX_OPERATORS))).toEqual([]);
    const text = chain(MAX_OPERATORS + 1);
    expect(codes(text)).toEqual(["PERF015"]);
    const column = "indicator a weight 100 { ratio f".length + 1 + MAX_OPERATORS * 4 + 1;
    expect(at(text, "PERF015")).toBe(`2:${column}-2:${column + 1}`);
    expect(parse(text).ast.declarations.map((d) => d.kind)).toEqual(["fact", "indicator"]);
  });

  it("a chain of 100 000 operators", () => {
    expect(codes(chain(100_000))).toEqual(["PERF015"]);
  });
});

describe("recovery and lexing of hostile input never overflow", () => {
  it("20 000 broken strings inside one block (Chevrotain's in-repetition recovery recursed per error; 3 000 overflowed the CLI)", () => {
    const text = "indicator a weight 1 {\n" + 'note "x\n'.repeat(20_000) + "}\n" + after;
    const r = parse(text);
    expect(r.diagnostics.some((d) => d.code === "PERF002")).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === "PERF002").length).toBeLessThanOrEqual(50);
  });

  it("300 000 recovered errors in one parse (a clause keyword without its value, again and again)", () => {
    for (const text of [
      `indicator a weight 1 { ${"note ".repeat(300_000)}}`,
      `evaluation "t" { grades { ${"x >= ".repeat(300_000)}} }`,
      `indicator a weight 1 { bands x { ${">= 1 ".repeat(300_000)}} }`,
    ]) {
      const r = parse(text + "\n" + after);
      expect(r.diagnostics.length).toBeGreaterThan(0);
      expect(r.diagnostics.length).toBeLessThanOrEqual(50);
    }
  }, 60_000);

  it("a 50 MB single token and 1 MB of double quotes", () => {
    expect(codes("x".repeat(50 * 1024 * 1024))).toEqual(["PERF002"]);
    expect(codes('"'.repeat(1024 * 1024))).toEqual(["PERF002"]);
    expect(codes('indicator a weight 1 { note ' + '"'.repeat(1024 * 1024 + 1))).toContain("PERF003");
  }, 60_000);

  it("a 9 M-character string in an indicator", () => {
    const r = parse(`indicator a weight 1 { note "${"x".repeat(9_000_000)}" score 1 }`);
    expect(r.diagnostics).toEqual([]);
    expect((r.ast.declarations[0] as IndicatorDecl).note?.value.length).toBe(9_000_000);
  });
});
