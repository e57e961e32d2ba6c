import { parse } from "@perf/language";
import { describe, expect, it } from "vitest";
import { checks, checksByKind, runChecks, type Check } from "../src/checks/index.js";
import { emptyChecks } from "../src/checks/empty.js";
import { gradeChecks } from "../src/checks/grades.js";
import { numberChecks } from "../src/checks/numbers.js";
import { ruleChecks } from "../src/checks/rules.js";
import { surveyChecks } from "../src/checks/surveys.js";
import { unusedChecks } from "../src/checks/unused.js";
import { weightChecks } from "../src/checks/weights.js";
import { resolveFramework } from "../src/framework.js";
import { collect } from "../src/phases/collect.js";
import { link } from "../src/phases/link.js";
import { analyzeText } from "../src/index.js";
import { DiagnosticSink } from "../src/sink.js";

/** Runs one family of checks alone over `text`. */
function family(list: Check[], text: string): string[] {
  const sink = new DiagnosticSink();
  const model = link(collect(new Map([["x.perf", parse(text, "x.perf")]]), sink), sink);
  const before = sink.list.length;
  runChecks({ model, framework: resolveFramework(model, sink), sink }, list);
  return sink.list.slice(before).filter((d) => sink.reported(d)).map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

describe("the check registry", () => {
  it("is keyed by declaration kind and holds every family", () => {
    const by = checksByKind();
    expect(Object.keys(by).sort()).toEqual(["evaluation", "fact", "finding", "indicator", "survey", "veto"]);
    expect(new Set(checks.map((c) => c.family))).toEqual(new Set(["numbers", "weights", "rules", "grades", "surveys", "unused", "empty", "elements", "framework"]));
    expect(by.indicator.length).toBe(checks.filter((c) => c.kind === "indicator").length);
  });
});

describe("check families", () => {
  it("weights: missing weight, children and roots that do not sum", () => {
    expect(family(weightChecks, 'evaluation "t" { total 10 }\nindicator a weight 6 { indicator b weight 5 { score 1 } }\nindicator c { score 1 }')).toEqual([
      "PERF010 2:20",
      "PERF011 1:24",
      "PERF013 3:11",
    ]);
  });

  it("rules: unscored leaf, several methods, a method on a branch, a finding on a leaf without a per-finding rule", () => {
    expect(family(ruleChecks, "indicator a weight 1 { }\nindicator b weight 1 { score 1 deduct 1 \"x\" }\nindicator c weight 1 { score 1 indicator d weight 1 { score 1 } }\nfinding f on b")).toEqual([
      "PERF030 1:11",
      "PERF031 2:32",
      "PERF032 3:24",
      "PERF070 4:14",
    ]);
  });

  it("grades: gaps, overlaps and a veto's unknown grade", () => {
    expect(family(gradeChecks, 'evaluation "t" { total 100 grades { 优 >= 90; 良 >= 70 < 80; 中 >= 60 < 75; 差 >= 10 } }\nveto v { grade 极差 }')).toEqual([
      "PERF050 1:74", // 0 to 10, before 差
      "PERF051 1:46", // 良 overlaps 中
      "PERF050 1:37", // 80 to 90, before 优
      "PERF091 2:16",
    ]);
  });

  it("numbers: precision, counts and literals beyond exact representation", () => {
    const long = "1".repeat(35);
    expect(family(numberChecks, `evaluation "t" { precision 7 }\nfact a = ${long}\nfinding f { count 1.5 }\nfinding g { count 1.0 }`)).toEqual(["PERF005 1:28", "PERF038 2:10", "PERF005 3:19"]);
    expect(family(numberChecks, `fact a = 0.${"0".repeat(33)}1\nfact b = ${"9".repeat(34)}\nfact c = 12.50000000000000000000000000000000000000`)).toEqual([]);
  });

  it("surveys: a satisfaction above 100%", () => {
    expect(family(surveyChecks, "survey s { satisfaction 100% }\nsurvey t { satisfaction 100.01% }")).toEqual(["PERF036 2:25"]);
  });

  it("unused: facts and surveys no rule reads", () => {
    expect(family(unusedChecks, "fact a = 1\nsurvey s { satisfaction 90% }\nfact b = 2\nindicator x weight 1 { ratio b / b }")).toEqual(["PERF080 1:6", "PERF081 2:8"]);
  });

  it("empty: an evaluation with no indicator, even an empty file", () => {
    expect(family(emptyChecks, 'evaluation "t" { total 100 }')).toEqual(["PERF035 1:1"]);
    expect(family(emptyChecks, "")).toEqual(["PERF035 1:1"]);
    expect(family(emptyChecks, "indicator a weight 100 { score 1 }")).toEqual([]);
  });
});

describe("defects of issue 13 and warnings of issue 8", () => {
  it("an empty evaluation is a warning, an error under --strict, and has no grade to invent", () => {
    const loose = analyzeText('evaluation "t" { total 100 }').result;
    expect(loose.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(["PERF035 warning"]);
    expect(loose.grade).toEqual({ name: null, vetoedBy: null });
    expect(analyzeText('evaluation "t" { total 100 }', "x.perf", { strict: true }).result.summary.errors).toBe(1);
  });

  it("without grades, the national bands scale with the total: 17/17 is 优, 15.3 is 优, 15.29 is 良", () => {
    const at = (score: string) => analyzeText(`evaluation "t" { total 17 }\nindicator a weight 17 { score ${score} }`).result;
    expect(at("17").grade.name).toBe("优");
    expect(at("17").grades.map((g) => `${g.name}${g.lower}-${g.upper}`)).toEqual(["优15.3-17", "良13.6-15.3", "中10.2-13.6", "差0-10.2"]);
    expect(at("15.3").grade.name).toBe("优");
    expect(at("15.29").grade.name).toBe("良");
    expect(at("10.19").grade.name).toBe("差");
  });

  it("satisfaction 250% is a warning, scored as 100%", () => {
    const { result } = analyzeText("survey s { satisfaction 250% }\nindicator a weight 100 { satisfaction mean(s) }");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["PERF036"]);
    expect(result.total.score).toBe("100");
  });

  it("a rate written above 100% used as a ratio is a warning; over-fulfilment of a count is not", () => {
    expect(analyzeText("fact r = 250%\nindicator a weight 100 { ratio r }").result.diagnostics.map((d) => d.code)).toEqual(["PERF037"]);
    expect(analyzeText("fact p = 100 人\nfact q = 105 人\nindicator a weight 100 { ratio q / p }").result.diagnostics).toEqual([]);
  });

  it("weights with more than 34 significant digits are refused, and sums are exact", () => {
    // 33.33…3 (35 digits) + 66.66…7 rounded to 34 digits used to sum to 100 and pass
    const w = (a: string, b: string) => analyzeText(`indicator a weight ${a} { score 0 }\nindicator b weight ${b} { score 0 }`).result.diagnostics.map((d) => d.code);
    expect(w(`33.${"3".repeat(33)}`, `66.${"6".repeat(32)}7`)).toEqual(["PERF038", "PERF038"]);
    // 34 digits each but at scales whose sum needs more: exact now, so the sum check sees the difference
    expect(w(`50.${"0".repeat(31)}1`, "50")).toEqual(["PERF011"]);
    expect(w("60", "40")).toEqual([]);
  });

  it("finds a literal beyond exact representation wherever it stands, though the walk for it runs only when the numbers phase saw one that long", () => {
    const long = "1".repeat(35);
    const codes = (text: string) => analyzeText(text).result.diagnostics.filter((d) => d.code === "PERF038").map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
    // a header's period is a literal the numbers phase's walk passes by name
    expect(codes(`evaluation "t" { period ${long} }\nindicator a weight 1 { score 1 }`)).toEqual(["1:25"]);
    expect(codes(`indicator a weight 2 {\n  indicator b weight 2 { score ${long} }\n}`)).toEqual(["2:32"]);
    expect(codes(`fact f = ${long} 万元\nsurvey s { satisfaction 90% respondents ${long} }\nfinding g { count ${long} }\nindicator a weight 1 { ratio f / f }`)).toEqual(["1:10", "2:41", "3:19"]);
    expect(codes(`fact f = ${long.slice(1)}\nindicator a weight 1 { ratio f / f }`)).toEqual([]);
  });
});
