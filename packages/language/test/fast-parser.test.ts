import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corpus, seeds } from "../../fuzz/src/corpus.js";
import { parseWith } from "../src/parse.js";
import { exampleFiles } from "./helpers.js";

/**
 * The fast parser (fast-parser.ts, decision 0201) builds the AST of error-free input without
 * Chevrotain; it gives up on everything else. Whatever it builds must be what the Chevrotain
 * path builds: the same JSON of the AST and the diagnostics, for every input, and it must
 * never be the path of an input Chevrotain reports a syntax error (PERF002) for.
 */

const uri = "fast.perf";

/** Both paths on one text: whether the fast one was taken, and whether they agree. */
function compare(text: string, name = uri): { fast: boolean; syntaxError: boolean } {
  const auto = parseWith(text, name, {}, "auto");
  const slow = parseWith(text, name, {}, "chevrotain");
  expect(slow.fast).toBe(false);
  const syntaxError = slow.result.diagnostics.some((d) => d.code === "PERF002");
  if (auto.fast) expect(syntaxError, `the fast path took an input with a syntax error: ${JSON.stringify(text.slice(0, 200))}`).toBe(false);
  expect(JSON.stringify({ ast: auto.result.ast, diagnostics: auto.result.diagnostics, lines: auto.result.lines.lineCount }), name).toBe(
    JSON.stringify({ ast: slow.result.ast, diagnostics: slow.result.diagnostics, lines: slow.result.lines.lineCount }),
  );
  return { fast: auto.fast, syntaxError };
}

const examples = exampleFiles();

describe("the fast parser", () => {
  it("gives the Chevrotain path's AST and diagnostics for every known input, and takes every valid one", () => {
    let fast = 0;
    let valid = 0;
    const missed: string[] = [];
    for (const { name, text } of [...seeds(), ...corpus()]) {
      const r = compare(text, name);
      if (r.fast) fast++;
      const clean = !parseWith(text, name, {}, "chevrotain").result.diagnostics.some((d) => /^PERF0(0[1-9]|1\d)$/.test(d.code));
      if (clean) {
        valid++;
        if (!r.fast) missed.push(name);
      }
    }
    console.log(`fast parser: ${fast} inputs of ${seeds().length + corpus().length}; ${valid - missed.length} of ${valid} without a syntax or clause diagnostic; not taken: ${missed.join(", ")}`);
    expect(fast).toBeGreaterThan(100);
    // the whole grammar is covered: every valid input takes it
    expect(missed).toEqual([]);
  }, 120_000);

  it("takes every example", () => {
    expect(examples.filter((e) => !parseWith(e.text, e.name, {}, "auto").fast).map((e) => e.name)).toEqual([]);
  });

  // Pieces of the language, valid and not, put together at random: each document is compared.
  const name = fc.constantFrom("a", "b", "指标_1", "x1", "row", "table", "units", "in", "总分", "met", "kind", "target", "actual");
  const num = fc.constantFrom("1", "2.5", "96.92%", "0", "100");
  const unit = fc.constantFrom("", " 万元", " 个", " 台套", " row", "\n万元", " in");
  const str = fc.constantFrom('"t"', '"说明 \\"引号\\""', '""', '"a\\nb"');
  const value = fc.tuple(num, unit).map(([n, u]) => n + u);
  const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      value,
      name,
      fc.tuple(name, name).map(([a, b]) => `${a}.${b}`),
      fc.constantFrom("2020年11月", "2022-09-27", "2020年11月底"),
      fc.tuple(tie("e"), fc.constantFrom(" + ", " - ", " * ", " / ", "-"), tie("e")).map(([a, op, b]) => a + op + b),
      tie("e").map((e) => `(${e})`),
      tie("e").map((e) => `-${e}`),
      fc.tuple(fc.constantFrom("sum", "count", "max", "mean", "求和"), fc.array(tie("e"), { maxLength: 3 })).map(([f, a]) => `${f}(${a.join(", ")})`),
      fc.tuple(name, str).map(([a, s]) => `count(${a} = ${s})`),
    ),
  })).e as fc.Arbitrary<string>;
  const item = fc.oneof(
    fc.tuple(fc.constantFrom("explain", "criteria", "note", "evidence", "指标解释", "评价说明", "client", "unit", "subject", "kind"), str).map(([k, s]) => `${k} ${s}`),
    fc.tuple(fc.constantFrom("score", "declared", "deduct", "得分"), value, fc.constantFrom("", ' "理由"')).map(([k, v, r]) => `${k} ${v}${r}`),
    expr.map((e) => `ratio ${e}`),
    fc.tuple(value, fc.option(value)).map(([e, m]) => `per finding deduct ${e}${m ? ` max ${m}` : ""}`),
    fc.tuple(expr, fc.array(fc.tuple(fc.constantFrom(">=", ">", "<=", "<", "else", ""), expr, value), { maxLength: 3 })).map(
      ([e, bs]) => `bands ${e} { ${bs.map(([c, t, v]) => (c === "else" ? `else: ${v}` : `${c} ${t}: ${v}`)).join("; ")} }`,
    ),
    fc.tuple(fc.constantFrom("mean", "weighted", "sum"), fc.array(name, { maxLength: 3 })).map(([m, s]) => `satisfaction ${m}(${s.join(", ")})`),
    fc.array(fc.tuple(str, value, fc.constantFrom("met", "unmet", 'unmet "因为"', "达成", "")), { maxLength: 3 }).map((es) => `elements { ${es.map((e) => e.join(" ")).join("; ")} }`),
    fc.constantFrom("judgement", "row T.r", "targets [a, b]", ";", "}", "{", "weight 3", "indicator"),
  );
  const indicator: fc.Arbitrary<string> = fc.letrec((tie) => ({
    i: fc.tuple(name, fc.option(str), fc.option(value), fc.array(fc.oneof({ depthSize: "small" }, item, tie("i")), { maxLength: 5 })).map(
      ([n, t, w, items]) => `indicator ${n}${t ? " " + t : ""}${w ? " weight " + w : ""} {\n  ${items.join("\n  ")}\n}`,
    ),
  })).i as fc.Arbitrary<string>;
  const declaration = fc.oneof(
    indicator,
    fc.tuple(name, expr, fc.option(fc.constantFrom("万元", "个", "row")), fc.option(str)).map(([n, e, c, d]) => `fact ${n} = ${e}${c ? " in " + c : ""}${d ? " " + d : ""}`),
    fc.tuple(name, fc.option(str), fc.array(fc.constantFrom("satisfaction 90%", "respondents 120", 'note "n"', "tally { 满意 60 × 80%; 不满意 3 * 0 }", 'unit "u"', ";"), { maxLength: 4 })).map(
      ([n, t, xs]) => `survey ${n}${t ? " " + t : ""} { ${xs.join(" ")} }`,
    ),
    fc.tuple(name, fc.option(str), fc.array(name, { maxLength: 3 }), fc.array(fc.constantFrom('unit "u"', 'project "p"', 'evidence "e"', "count 3", "subject s1", 'subject "s"', "row T.r", 'description "d"', 'note "n"'), { maxLength: 4 })).map(
      ([n, t, on, xs]) => `finding ${n}${t ? " " + t : ""}${on.length ? " on " + on.join(", ") : ""} { ${xs.join("\n")} }`,
    ),
    fc.tuple(name, fc.array(fc.constantFrom("triggered true", "triggered 否", "grade 差", 'note "n"', ";"), { maxLength: 3 })).map(([n, xs]) => `veto ${n} { ${xs.join(" ")} }`),
    fc.array(fc.constantFrom("period 2023", 'period "2023年"', 'client "c"', 'kind "k"', "total 100", "precision 2", "quorum 30", "deviation 20%", "grades { 优 >= 90; 良 >= 80 < 90 }", "grade 优", 'use "f.perf"', 'explain "x"', "declared 85"), { maxLength: 5 }).map(
      (xs) => `evaluation "评价" {\n  ${xs.join("\n  ")}\n}`,
    ),
    fc.constantFrom(";", "}", "units { 台套 }", 'subject s "S" { }', "framework f { total 100 }"),
    fc.tuple(name, fc.array(fc.constantFrom("total 100", "precision 2", "grades { 优 >= 90 }", 'kind "k"', "quorum 3", 'client "c"', "declared 1"), { maxLength: 3 })).map(([n, xs]) => `framework ${n} "F" { ${xs.join("\n")} }`),
    fc.tuple(name, fc.array(fc.constantFrom("fact f = 1", "declared 90", "grade 优", 'assess a { deduct 1 "r"; score 3; declared 4 万元; note "n"; evidence "e" }', "assess b { }", 'target t { expect >= 1 }', "survey s { }", 'veto v { triggered true }', "units { }"), { maxLength: 4 })).map(
      ([n, xs]) => `subject ${n} "S" { ${xs.join("\n")} }`,
    ),
    fc.tuple(name, fc.constantFrom("weight 3", "rule ratio a / b", "rule judgement", "rule per finding deduct 1", "rule bands x { else: 0 }", "rule satisfaction mean(s)", "rule elements { }", "rule targets [a]"), fc.option(str)).map(([n, r, s]) => `override ${n} ${r}${s ? " " + s : ""}`),
    fc.array(fc.constantFrom("台套", "亿次 = 100000000 次", "万元 = 10000 元", ";", ",", "row"), { maxLength: 4 }).map((xs) => `units { ${xs.join(" ")} }`),
    fc.tuple(name, fc.array(fc.constantFrom('columns { 项目 "名称" text; 预算 万元, 比例 percent }', 'row r1 { "a", 1, -, -2 万元 }', "row r2 { }", "printed total { 预算 100 比例 -5 }", 'printed subtotal s rows [r1, r2] { 预算 1 } acknowledged "x"', "printed subtotal s2 { }", ";"), { maxLength: 4 })).map(
      ([n, xs]) => `table ${n} "T" { ${xs.join("\n")} }`,
    ),
    fc.tuple(name, fc.array(fc.constantFrom("indicator level 2 = 8", "leaves = 27", "leaves = x", "leaves + 1 = 3", "total = 82.46", "grade = 良", "a.b = 3 within 0.1", "x <= y", "x > 2020年11月", "sum(a, b) = c", "total = -1", ";"), { maxLength: 4 }), fc.option(str)).map(
      ([n, xs, ack]) => `assert ${n} "claim" { ${xs.join("\n")} }${ack ? " acknowledged " + ack : ""}`,
    ),
    fc.tuple(name, fc.array(fc.constantFrom("class 产出", 'class "效益"', "class satisfaction", 'expect "定性"', "expect between 1 and 2", "expect >= 90%", "expect 不低于 1200 台", "expect 1200 台 以上", "expect 2020年11月底", "expect = 5", "expect 以上", "actual -", "actual - 3", "actual -\n", "actual - tier", "actual - x", 'actual "说明"', "actual 2020年11月20日", "actual a / b", "tier 达成", "tier partial", "tier 未达成", 'reason "r"', "deviation 20%", ";"), { maxLength: 4 }), fc.option(str)).map(
      ([n, xs, ack]) => `target ${n} "T" { ${xs.join("\n")} }${ack ? " acknowledged " + ack : ""}`,
    ),
    fc.constantFrom("indicator i { targets [a, b] tiers { 达成 100%; 部分达成 60%, 未达成 0 } }", "indicator i { targets [] }", "indicator i { targets [a] tiers { 达成 } }"),
  );
  const document = fc.array(declaration, { maxLength: 6 }).map((ds) => ds.join("\n"));

  it("agrees with the Chevrotain path on generated documents", () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(document, (text) => {
        runs++;
        if (compare(text).fast) fast++;
      }),
      { numRuns: 400, seed: 201 },
    );
    console.log(`fast parser: ${fast} of ${runs} generated documents`);
    // enough of them valid that the fast path is compared, not only its giving up
    expect(fast).toBeGreaterThan(runs / 10);
  }, 120_000);

  it("agrees with the Chevrotain path on random edits of the examples", () => {
    const pieces = ["改", "a", "1", " ", "\n", "{", "}", '"', "(", ")", "-", "//", "%", "万元", "weight 2", 'note "说明"', "indicator x {", 'deduct 1 "理由"', "；", ".", "in", "row"];
    const edits = fc.record({ file: fc.nat(examples.length - 1), at: fc.nat(), removed: fc.nat(6), text: fc.array(fc.constantFrom(...pieces), { maxLength: 3 }).map((a) => a.join("")) });
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(edits, ({ file, at, removed, text }) => {
        const before = examples[file]!.text;
        const start = at % (before.length + 1);
        runs++;
        if (compare(before.slice(0, start) + text + before.slice(start + removed)).fast) fast++;
      }),
      { numRuns: 150, seed: 2012 },
    );
    console.log(`fast parser: ${fast} of ${runs} edited examples`);
  }, 120_000);
});
