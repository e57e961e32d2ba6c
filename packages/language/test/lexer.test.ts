import { describe, expect, it } from "vitest";
import { keywordAliases, keywordSpellings, knownUnits, perfLexer, type KeywordName } from "../src/index.js";

const kinds = (text: string) => perfLexer.tokenize(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe("lexer", () => {
  it("reads every keyword in both spellings", () => {
    for (const [name, [en, zh]] of Object.entries(keywordSpellings)) {
      expect(kinds(en), en).toEqual([`${name}:${en}`]);
      expect(kinds(zh), zh).toEqual([`${name}:${zh}`]);
    }
  });

  it("reads every word whose spelling starts another's as the longer one (the order of the word tokens)", () => {
    const words = [
      ...Object.entries(keywordSpellings).flatMap(([name, spellings]) => [...spellings, ...(keywordAliases[name as KeywordName] ?? [])].map((w) => ({ name, w }))),
      ...[...knownUnits].map((w) => ({ name: "UnitLiteral", w })),
    ];
    const pairs = words.flatMap((short) => words.filter((long) => long.w !== short.w && long.w.startsWith(short.w)).map((long) => [short, long] as const));
    expect(pairs.length).toBeGreaterThan(10);
    for (const [short, long] of pairs) {
      expect(kinds(long.w), `${long.w} after ${short.w}`).toEqual([`${long.name}:${long.w}`]);
      expect(kinds(short.w), short.w).toEqual([`${short.name}:${short.w}`]);
    }
  });

  it("prefers the longer keyword and falls back to identifiers", () => {
    expect(kinds("评价标准 评价 评价机构 period per 否则 否决 否")).toEqual([
      "Criteria:评价标准",
      "Evaluation:评价",
      "Evaluator:评价机构",
      "Period:period",
      "Per:per",
      "Else:否则",
      "Veto:否决",
      "False:否",
    ]);
    expect(kinds("评价标准化 periodic 每月 预算执行率 x_1")).toEqual([
      "Identifier:评价标准化",
      "Identifier:periodic",
      "Identifier:每月",
      "Identifier:预算执行率",
      "Identifier:x_1",
    ]);
  });

  it("reads numbers with percent and units, spaced or not", () => {
    expect(kinds("5412.69万元 5191.10 万元 96.92% 3个 2 次/天 个人")).toEqual([
      "NumberLiteral:5412.69",
      "UnitLiteral:万元",
      "NumberLiteral:5191.10",
      "UnitLiteral:万元",
      "NumberLiteral:96.92%",
      "NumberLiteral:3",
      "UnitLiteral:个",
      "NumberLiteral:2",
      "UnitLiteral:次/天",
      "Identifier:个人",
    ]);
  });

  it("accepts full-width punctuation common in Chinese text", () => {
    expect(kinds("a，b；c：≥ ≤ ×÷")).toEqual([
      "Identifier:a",
      "Comma:，",
      "Identifier:b",
      "Semicolon:；",
      "Identifier:c",
      "Colon:：",
      "GreaterEq:≥",
      "LessEq:≤",
      "Star:×",
      "Slash:÷",
    ]);
  });

  it("keeps comments in their own group", () => {
    const r = perfLexer.tokenize("a // 行注释\n/* 块\n注释 */ b");
    expect(r.tokens.map((t) => t.image)).toEqual(["a", "b"]);
    expect((r.groups.comments ?? []).map((t) => t.image)).toEqual(["// 行注释", "/* 块\n注释 */"]);
  });

  it("reads identifiers that start or go on with a letter outside the BMP (CJK extension B)", () => {
    expect(kinds("𠮷 𠮷野家 野𠮷 𠀀_1")).toEqual(["Identifier:𠮷", "Identifier:𠮷野家", "Identifier:野𠮷", "Identifier:𠀀_1"]);
    expect(perfLexer.tokenize("indicator 𠮷 weight 1").errors).toEqual([]);
  });

  it("starts an identifier with every letter of the BMP (the first-character hint names one unit a bucket)", () => {
    const letters: string[] = [];
    for (let c = 0x80; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (/^\p{L}$/u.test(ch)) letters.push(ch);
    }
    expect(letters.length).toBeGreaterThan(40_000);
    const { tokens, errors } = perfLexer.tokenize(letters.join(" "));
    expect(errors).toEqual([]);
    expect(tokens.map((t) => t.image)).toEqual(letters);
  });

  it("lexes a string of 9 million characters as one token", () => {
    const body = "长".repeat(9_000_000);
    const r = perfLexer.tokenize(`note "${body}" x`);
    expect(r.errors).toEqual([]);
    expect(r.tokens.map((t) => t.tokenType.name)).toEqual(["Note", "StringLiteral", "Identifier"]);
    expect(r.tokens[1]!.image.length).toBe(body.length + 2);
  });

  it("lexes escapes, line breaks and unclosed quotes in strings as before", () => {
    expect(kinds(String.raw`"a\\" "b\"c" "d\ne"`)).toEqual([String.raw`StringLiteral:"a\\"`, String.raw`StringLiteral:"b\"c"`, String.raw`StringLiteral:"d\ne"`]);
    expect(kinds('"two\nlines" x')).toEqual(['StringLiteral:"two\nlines"', "Identifier:x"]);
    expect(kinds(String.raw`a "open \" still` + "\nb")).toEqual(["Identifier:a", String.raw`UnterminatedString:"open \" still`, "Identifier:b"]);
  });

  it("lexes block comments of many megabytes, closed or not", () => {
    const body = "注".repeat(9_000_000);
    const closed = perfLexer.tokenize(`a /*${body}*/ b`);
    expect(closed.tokens.map((t) => t.image)).toEqual(["a", "b"]);
    expect(closed.groups.comments![0]!.image.length).toBe(body.length + 4);
    const open = perfLexer.tokenize(`a /*${body}`);
    expect(open.groups.comments![0]!.tokenType.name).toBe("UnterminatedBlockComment");
  });
});

describe("token shape", () => {
  it("makes every token with its endOffset and newlineBefore, one shape for all (parse() and the parser read them)", () => {
    const { tokens, groups } = perfLexer.tokenize('indicator 产出 "x" {\n  score 10 万元 // c\n}');
    for (const t of [...tokens, ...(groups.comments ?? [])]) {
      expect(Object.keys(t)).toEqual(["image", "startOffset", "endOffset", "tokenTypeIdx", "tokenType", "newlineBefore"]);
      expect(t.endOffset).toBe(t.startOffset + t.image.length - 1);
      expect((t as { newlineBefore?: boolean }).newlineBefore).toBe(false);
    }
  });

  it("marks an identifier with a line break before it (in spaces or a block comment), and nothing else", () => {
    const { tokens } = perfLexer.tokenize("a b\nc 1\r\nd /* x\n */ e // k\nf /* y */ g\nindicator");
    expect(tokens.map((t) => `${t.image}:${(t as { newlineBefore?: boolean }).newlineBefore}`)).toEqual(["a:false", "b:false", "c:true", "1:false", "d:true", "e:true", "f:true", "g:false", "indicator:false"]);
  });

  it("scans into a table that holds tokenize's tokens, column by column, past its first capacity", () => {
    const sample = 'indicator 产出 "产出" weight 10 { ratio 到位 / 计划 ≥ 95% \n note "未闭合\n score 5 万元 }\n// c\n/* d */ 2023年3月底 ，x\n';
    // dense texts: far more tokens than the table starts with (one per 16 characters — 8 750 for
    // the last), so its columns double several times before they hold them all
    for (const text of [sample, sample.repeat(4000), "a ".repeat(70_000)]) {
      const { tokens: table, comments, errors } = perfLexer.scan(text);
      const objects = perfLexer.tokenize(text);
      expect(table.text).toBe(text);
      expect(table.count).toBe(objects.tokens.length);
      const columns = Array.from({ length: table.count }, (_, i) => [table.types[i], table.starts[i], table.ends[i], table.newlines[i] === 1]);
      expect(columns).toEqual(objects.tokens.map((t) => [t.tokenTypeIdx, t.startOffset, t.startOffset + t.image.length, (t as { newlineBefore?: boolean }).newlineBefore]));
      expect(comments).toEqual(objects.groups.comments);
      expect(errors).toEqual(objects.errors);
      expect(perfLexer.tokenObjects(table)).toEqual(objects.tokens);
    }
  });
});
