import { describe, expect, it } from "vitest";
import { diagnosticText, type IndicatorDecl, parse } from "../src/index.js";

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function diags(text: string, locale: "zh" | "en" = "zh"): string[] {
  return parse(text, "t.perf").diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${diagnosticText(d, locale).message}`);
}

describe("code points, not UTF-16 units", () => {
  it("an identifier may start with a CJK extension B letter (𠮷, U+20BB7)", () => {
    const r = parse("indicator 𠮷 weight 1 { score 1 }\nindicator 野𠮷 weight 1 { score 1 }");
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.declarations.map((d) => (d as IndicatorDecl).name.text)).toEqual(["𠮷", "野𠮷"]);
  });

  it("an unexpected character outside the BMP is reported once, whole, and JSON has no lone surrogate", () => {
    const r = parse("indicator a weight 1 { 😀 score 1 }");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["PERF001"]);
    expect(diagnosticText(r.diagnostics[0]!).message).toContain("'😀'");
    expect(r.lines.offsetOf(r.diagnostics[0]!.range.end) - r.lines.offsetOf(r.diagnostics[0]!.range.start)).toBe(2);
    expect(JSON.stringify(r.diagnostics)).not.toMatch(loneSurrogate);
  });

  it("a long run of unexpected characters is cut between code points", () => {
    const r = parse(`indicator a weight 1 { ${"😀".repeat(13)} score 1 }`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["PERF001"]);
    expect(diagnosticText(r.diagnostics[0]!).message).toContain(`'${"😀".repeat(12)}…'`);
    expect(diagnosticText(r.diagnostics[0]!).message).not.toMatch(loneSurrogate);
  });

  it("a syntax error quoting a long token cuts it between code points", () => {
    const r = parse("a" + "𠮷".repeat(30));
    expect(r.diagnostics.map((d) => d.code)).toEqual(["PERF002"]);
    expect(diagnosticText(r.diagnostics[0]!).message).toContain(`'a${"𠮷".repeat(19)}…'`);
    expect(diagnosticText(r.diagnostics[0]!).message).not.toMatch(loneSurrogate);
  });

  it("invisible unexpected characters are named by code point", () => {
    expect(diags("indicator a\u200Db weight 1 { score 1 }")[0]).toBe("PERF001 1:12-1:13 无法识别的字符 'U+200D ZERO WIDTH JOINER'");
    expect(diags("indicator a weight 1 { \u0000 score 1 }", "en")).toEqual(["PERF001 1:24-1:25 unexpected character 'U+0000 NULL'"]);
    expect(diags("indicator a weight 1 { @\u200B@ score 1 }")).toEqual(["PERF001 1:24-1:27 无法识别的字符 '@<U+200B ZERO WIDTH SPACE>@'"]);
    expect(diags("fact x = 1 \uD800")).toEqual(["PERF001 1:12-1:13 无法识别的字符 'U+D800 SURROGATE (unpaired)'"]);
  });
});

describe("characters hidden in strings and comments", () => {
  it("a bidi control in a comment or a closed one in a string is a warning (PERF100)", () => {
    expect(diags("// 甲\u200F乙\nfact x = 1 \"a\u202Eb\u202Cc\"")).toEqual([
      "PERF100 1:5-1:6 注释中有双向控制字符 U+200F RIGHT-TO-LEFT MARK，显示的顺序可能与实际内容不同",
      "PERF100 2:14-2:15 字符串中有双向控制字符 U+202E RIGHT-TO-LEFT OVERRIDE，显示的顺序可能与实际内容不同",
      "PERF100 2:16-2:17 字符串中有双向控制字符 U+202C POP DIRECTIONAL FORMATTING，显示的顺序可能与实际内容不同",
    ]);
  });

  it("an override or isolate still open where a string or block comment ends reorders the code after it: an error (PERF101)", () => {
    expect(diags('fact x = 1 "\u202E" fact y = 2')).toEqual([
      "PERF101 1:13-1:14 字符串中的双向控制字符 U+202E RIGHT-TO-LEFT OVERRIDE 到字符串结束仍未关闭，同一行其后的代码会被颠倒显示",
    ]);
    expect(diags("/* \u2067 */ fact y = 2", "en")).toEqual([
      "PERF101 1:4-1:5 the bidirectional control character U+2067 RIGHT-TO-LEFT ISOLATE is still open where a comment ends: the code after it on the line displays reordered",
    ]);
    // closed by PDI, or ended by a line break inside the string: a warning only
    expect(diags('fact x = 1 "\u2067a\u2069"').map((d) => d.slice(0, 7))).toEqual(["PERF100", "PERF100"]);
    expect(diags('fact x = 1 "\u202E\nb"').map((d) => d.slice(0, 7))).toEqual(["PERF100"]);
    // a line comment ends with its line, and so does the reordering
    expect(diags("// \u202E\nfact y = 2").map((d) => d.slice(0, 7))).toEqual(["PERF100"]);
  });

  it("invisible characters in text (PERF102), and U+FEFF between tokens past the start", () => {
    expect(diags('fact x = 1 "a\u200Bb\u2060c\u200Bd"')).toEqual([
      "PERF102 1:14-1:15 字符串中有不可见字符 U+200B ZERO WIDTH SPACE",
      "PERF102 1:16-1:17 字符串中有不可见字符 U+2060 WORD JOINER",
    ]);
    expect(diags("\uFEFFfact x = 1")).toEqual([]);
    expect(diags("fact x = 1\n\uFEFFfact y = 2", "en")).toEqual(["PERF102 2:1-2:2 an invisible character, U+FEFF ZERO WIDTH NO-BREAK SPACE, in whitespace"]);
  });

  it("control characters: XML-invalid ones in strings (PERF104), the others and those in comments (PERF103)", () => {
    expect(diags('fact x = 1 "a\u0000b\u0007\u007F\uFFFF\tok\n"')).toEqual([
      "PERF104 1:14-1:15 字符串中的 U+0000 NULL 不能写入 docx/xlsx（XML 不允许该字符），将替换为 U+FFFD（�）",
      "PERF104 1:16-1:17 字符串中的 U+0007 BELL 不能写入 docx/xlsx（XML 不允许该字符），将替换为 U+FFFD（�）",
      "PERF103 1:17-1:18 字符串中有控制字符 U+007F DELETE",
      "PERF104 1:18-1:19 字符串中的 U+FFFF NONCHARACTER 不能写入 docx/xlsx（XML 不允许该字符），将替换为 U+FFFD（�）",
    ]);
    expect(diags("// \u0000\nfact x = 1", "en")).toEqual(["PERF103 1:4-1:5 a control character, U+0000 NULL, in a comment"]);
  });

  it("a string of a million NULs gives one warning, and surrogate pairs are never flagged", () => {
    expect(diags(`fact x = 1 "${"\u0000".repeat(1_000_000)}"`).map((d) => d.slice(0, 7))).toEqual(["PERF104"]);
    expect(diags(`fact x = 1 "${"𠮷😀".repeat(1000)}" // 𠮷`)).toEqual([]);
  });
});
