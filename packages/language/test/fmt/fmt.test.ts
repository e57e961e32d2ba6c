import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnosticText, format, keywordSpellings, parse } from "../../src/index.js";

/**
 * Golden tests: `cases/<name>/input.perf` → `expected.perf` (or `expected.diagnostics.txt` when
 * the input must be refused). Regenerate with `UPDATE_GOLDEN=1 pnpm vitest run test/fmt` and
 * review the diff.
 */
const update = process.env.UPDATE_GOLDEN === "1";
const casesDir = join(import.meta.dirname, "cases");
const cases = readdirSync(casesDir).sort();

describe("perf fmt golden cases", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(10));
  for (const name of cases) {
    it(name, () => {
      const dir = join(casesDir, name);
      const input = readFileSync(join(dir, "input.perf"), "utf8");
      const r = format(input, { uri: `${name}.perf`, locale: "en" });
      const [file, actual] = r.ok
        ? ["expected.perf", r.text]
        : ["expected.diagnostics.txt", r.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${diagnosticText(d, "en").message}`).join("\n") + "\n"];
      const path = join(dir, file);
      if (update) writeFileSync(path, actual);
      expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
      expect(actual).toBe(readFileSync(path, "utf8"));
      if (r.ok) {
        expect(format(r.text).text, "idempotent").toBe(r.text);
        expect(parse(r.text).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      } else {
        expect(r.text).toBe(input);
      }
    });
  }
});

describe("format()", () => {
  it("keeps the file's majority spelling and can be told another", () => {
    const zh = "指标 a 分值 2 { 得分 2 }\n";
    expect(format(zh).text).toBe(zh);
    expect(format(zh, { spelling: "en" }).text).toBe("indicator a weight 2 { score 2 }\n");
  });

  it("writes every keyword in both spellings back the same way (round trip through the other spelling)", () => {
    const src = readFileSync(join(casesDir, "chinese", "input.perf"), "utf8");
    const en = format(src, { spelling: "en" });
    expect(en.ok).toBe(true);
    for (const [, zh] of Object.values(keywordSpellings)) expect(en.text.includes(` ${zh} `) && !["否", "是"].includes(zh)).toBe(false);
    expect(format(en.text, { spelling: "zh" }).text).toBe(format(src).text);
  });

  it("drops trailing spaces and tabs of a line comment, and nothing else (a form feed, U+3000 stay)", () => {
    const r = format("// 说明 \t\nindicator a weight 100 { score 100 } // 全角\u3000\n// 分页\f\n");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).toContain("// 说明\n");
    expect(r.text).toContain("// 全角\u3000\n");
    expect(r.text).toContain("// 分页\f\n");
  });

  it("refuses text that does not parse and returns it unchanged", () => {
    const bad = "indicator a weight { score }\n";
    const r = format(bad);
    expect(r.ok).toBe(false);
    expect(r.text).toBe(bad);
    expect(r.diagnostics[0]!.code).toBe("PERF002");
  });

  it("refuses rather than drop a clause the AST does not keep", () => {
    // The same clause twice: the AST keeps one, so printing it would lose the other.
    const r = format('indicator a weight 2 { explain "one" explain "two" score 2 }\n');
    expect(r.ok).toBe(false);
    expect(["PERF006", "PERF009"]).toContain(r.diagnostics[0]!.code);
  });

  it("refuses a text clause that does not belong where it is written (PERF008)", () => {
    for (const text of ['veto v "t" { note "x" triggered false }\n', 'survey s { satisfaction 90% client "x" }\n']) {
      const r = format(text);
      expect(r.ok).toBe(false);
      expect(r.text).toBe(text);
      expect(r.diagnostics.map((d) => d.code)).toEqual(["PERF008"]);
    }
  });

  it("keeps a byte order mark and reports unchanged text as unchanged", () => {
    const text = "\uFEFFfact a = 1\n";
    const r = format(text);
    expect(r.text).toBe(text);
    expect(r.changed).toBe(false);
  });

  it("keeps long one-liners within the width by breaking them", () => {
    const long = `indicator a weight 2 { deduct 1 "${"很长的理由".repeat(20)}" }\n`;
    expect(format(long).text).toBe(`indicator a weight 2 {\n  deduct 1 "${"很长的理由".repeat(20)}"\n}\n`);
  });
});

describe("line endings: LF, CRLF and lone CR (old Mac) are all line breaks", () => {
  const lf = [
    "// 头部注释",
    "",
    "evaluation \"t\" {",
    "  total 10",
    "",
    "  // 等级",
    "  grades { 优 >= 9; 差 >= 0 }",
    "}",
    "",
    "",
    "indicator a weight 10 {",
    "  explain \"第一行",
    "第二行\"",
    "",
    "  /* 块注释",
    "     两行 */",
    "  indicator b weight 5 { score 5 } // 行尾",
    "",
    "  indicator c weight 5 { score 5 }",
    "}",
    "",
    "// 文件末尾",
    "",
  ].join("\n");

  it("the printer keeps the same blank lines and comments for each", () => {
    const expected = format(lf);
    expect(expected.ok).toBe(true);
    expect(expected.text.split("\n").filter((l) => l === "").length).toBeGreaterThanOrEqual(5);
    for (const eol of ["\r\n", "\r"]) {
      const r = format(lf.replace(/\n/g, eol));
      expect(r.ok, JSON.stringify(eol)).toBe(true);
      expect(r.text.replace(/\r\n?/g, "\n"), JSON.stringify(eol)).toBe(expected.text);
    }
  });

  it("lines and columns count a lone CR as a line break", () => {
    const r = parse("fact x = 1\r\rfact y = @\r");
    expect(r.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`)[0]).toBe("PERF001 3:10");
  });
});
