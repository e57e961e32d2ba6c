import { describe, expect, it } from "vitest";
import { analyzeLoaded, analyzeText, EvaluationResultSchema, loadEvaluation, type ProjectHost } from "../src/index.js";

/** A host over an in-memory workspace rooted at /ws. */
function host(files: Record<string, string>): ProjectHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    root: "/ws",
    reads,
    read(uri) {
      reads.push(uri);
      const text = files[uri];
      return text === undefined ? { refusal: { code: "PERF160", args: { reason: "ENOENT" } } } : { text };
    },
  };
}

const framework = `framework 体系 "数据体系" {
  total 20
  grades { 优 >= 18; 良 >= 16; 中 >= 12; 差 >= 0 }
}
indicator 决策 "决策" weight 10 {
  indicator 立项 "立项" weight 4 { judgement }
  indicator 执行率 "预算执行率" weight 6 { ratio 支出 / 预算 }
}
indicator 产出 "产出" weight 10 {
  indicator 问题数 "问题扣分" weight 10 { per finding deduct 1 max 10 }
}
`;

const evaluation = `evaluation "两单位" { use "fw.perf" }
fact 预算 = 120 万元
finding 全局 "全局问题" on 问题数
finding 点名 "点名的问题" on 问题数 { subject A }
subject A "单位甲" {
  declared 15.5
  grade 中
  fact 支出 = 90 万元
  finding a1 "甲的问题" on 问题数 { count 2 }
  assess 立项 { deduct 0.5 "依据不足" deduct 0.25 "程序瑕疵" }
}
subject B "单位乙" {
  fact 支出 = 120 万元
  assess 立项 { }
  assess 执行率 { declared 6 note "全部执行" }
}
`;

describe("several subjects scored against one framework", () => {
  // Worked by hand:
  // A: 立项 4 − 0.5 − 0.25 = 3.25; 执行率 6 × 90/120 = 4.5; 决策 7.75;
  //    问题: 点名 (1 case, names A) + a1 (2 cases) = 3 → 10 − 3 = 7 (全局 counts for nobody); total 14.75 → 中.
  // B: 立项 4; 执行率 6 × 120/120 = 6; 决策 10; 问题 10; total 20 → 优.
  const files = { "/ws/fw.perf": framework, "/ws/ev.perf": evaluation };
  const analysis = analyzeLoaded(loadEvaluation("/ws/ev.perf", host(files)));
  const r = analysis.result;

  it("gives each subject its own tree, total and grade", () => {
    expect(r.subjects?.map((s) => [s.id, s.name, s.total.score, s.total.rate, s.grade.name])).toEqual([
      ["A", "单位甲", "14.75", "0.7375", "中"],
      ["B", "单位乙", "20", "1", "优"],
    ]);
    const a = analysis.subjects.get("A")!;
    expect([a.get("立项")!.score, a.get("执行率")!.score, a.get("决策")!.score, a.get("问题数")!.score]).toEqual(["3.25", "4.5", "7.75", "7"]);
    expect(a.get("立项")!.deductions.map((d) => [d.amount, d.reason])).toEqual([
      ["0.5", "依据不足"],
      ["0.25", "程序瑕疵"],
    ]);
    expect(analysis.subjects.get("B")!.get("执行率")!.note).toBe("全部执行");
  });

  it("counts a top-level finding for no subject unless it names one; a subject's own findings count for it", () => {
    expect(r.subjects?.map((s) => s.findings)).toEqual([["点名", "a1"], []]);
    expect(r.findings.map((f) => [f.id, f.subject ?? null])).toEqual([
      ["全局", null],
      ["点名", "A"],
      ["a1", "A"],
    ]);
  });

  it("leaves the top level unscored: the framework's tree, no total, no grade; the comparison in tree order", () => {
    expect(r.total).toEqual({ weight: "20", score: null, rate: null, declared: null });
    expect(r.grade).toEqual({ name: null, vetoedBy: null });
    expect(r.indicators.map((i) => [i.id, i.score, i.children.map((c) => c.score)])).toEqual([
      ["决策", null, [null, null]],
      ["产出", null, [null]],
    ]);
    expect(r.framework).toEqual({ uri: "/ws/fw.perf", id: "体系", title: "数据体系" });
    expect(r.comparison?.map((row) => [row.id, row.level, ...row.cells.map((c) => c.score)])).toEqual([
      ["决策", 1, "7.75", "10"],
      ["立项", 2, "3.25", "4"],
      ["执行率", 2, "4.5", "6"],
      ["产出", 1, "7", "10"],
      ["问题数", 2, "7", "10"],
    ]);
    expect(() => EvaluationResultSchema.parse(JSON.parse(JSON.stringify(r)))).not.toThrow();
  });

  it("checks each subject's declared total at its block: one error, the published grade following it is not a second", () => {
    expect(r.diagnostics.map((d) => [d.code, d.uri, d.range.start.line, d.args.name, d.args.computed])).toEqual([["PERF040", "/ws/ev.perf", 5, "单位甲", "14.75"]]);
    // the published 中 is also the band of the computed 14.75: no PERF164
    const other = evaluation.replace("declared 15.5\n  grade 中", "declared 17\n  grade 良");
    const d = analyzeLoaded(loadEvaluation("/ws/ev.perf", host({ ...files, "/ws/ev.perf": other }))).result.diagnostics;
    // 良 is the band of the declared 17, not of 14.75: the grade follows the total, one error with it as related information
    expect(d.map((x) => x.code)).toEqual(["PERF040"]);
    expect(d[0]!.related?.map((x) => [x.code, x.args.name, x.args.band])).toEqual([["PERF164", "良", "中"]]);
  });

  it("an override changes the weight for every subject and is listed", () => {
    const text = evaluation.replace('evaluation "两单位" { use "fw.perf" }', 'evaluation "两单位" { use "fw.perf" }\noverride 产出 weight 10 "same"\noverride 立项 weight 2 "client asked"\noverride 执行率 weight 8 "client asked"');
    const o = analyzeLoaded(loadEvaluation("/ws/ev.perf", host({ ...files, "/ws/ev.perf": text }))).result;
    expect(o.overrides?.map((x) => [x.indicator, x.what, x.from, x.to, x.reason])).toEqual([
      ["产出", "weight", "10", "10", "same"],
      ["立项", "weight", "4", "2", "client asked"],
      ["执行率", "weight", "6", "8", "client asked"],
    ]);
    // B: 立项 2, 执行率 8 × 1 = 8, 问题 10 → 20; A: 2 − 0.75 = 1.25, 8 × 0.75 = 6, 7 → 14.25
    expect(o.subjects?.map((s) => s.total.score)).toEqual(["14.25", "20"]);
    expect(o.diagnostics.filter((d) => d.code === "PERF165")).toHaveLength(3);
    // A's declared total, and B's declared 6 for 执行率, written for the framework's weight
    expect(o.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.args.name, d.args.computed])).toEqual([
      ["PERF040", "单位甲", "14.25"],
      ["PERF040", "预算执行率", "8"],
    ]);
  });

  it("a rule override replaces the framework's rule", () => {
    const text = evaluation.replace('subject A "单位甲"', 'override 执行率 rule judgement "no budget data"\nsubject A "单位甲"').replace("assess 立项 { }", "assess 立项 { }\n  assess 执行率 { deduct 1 \"x\" }").replace('assess 立项 { deduct 0.5 "依据不足" deduct 0.25 "程序瑕疵" }', 'assess 立项 { deduct 0.5 "依据不足" deduct 0.25 "程序瑕疵" }\n  assess 执行率 { }');
    const o = analyzeLoaded(loadEvaluation("/ws/ev.perf", host({ ...files, "/ws/ev.perf": text })));
    expect(o.result.overrides?.map((x) => [x.what, x.from, x.to])).toEqual([["rule", "ratio", "judgement"]]);
    expect([o.subjects.get("A")!.get("执行率")!.score, o.subjects.get("B")!.get("执行率")!.score]).toEqual(["6", "5"]);
  });

  it("reports a fact a subject does not supply at the subject, once", () => {
    const text = evaluation.replace("  fact 支出 = 120 万元\n", "");
    const d = analyzeLoaded(loadEvaluation("/ws/ev.perf", host({ ...files, "/ws/ev.perf": text }))).result.diagnostics;
    expect(d.filter((x) => x.code === "PERF166").map((x) => [x.args.subject, x.args.name, x.args.indicator])).toEqual([["单位乙", "支出", "预算执行率"]]);
  });

  it("lets two subjects define the same fact, and one subject only once", () => {
    const text = evaluation.replace("  fact 支出 = 90 万元\n", "  fact 支出 = 90 万元\n  fact 支出 = 91 万元\n");
    const d = analyzeLoaded(loadEvaluation("/ws/ev.perf", host({ ...files, "/ws/ev.perf": text }))).result.diagnostics;
    expect(d.filter((x) => x.code === "PERF021").map((x) => x.range.start.line)).toEqual([8]);
  });
});

describe("a subject's own facts and surveys that nothing reads (PERF080, PERF081)", () => {
  const files = { "/ws/fw.perf": framework };
  const codes = (text: string, extra: Record<string, string> = {}) =>
    analyzeLoaded(loadEvaluation("/ws/ev.perf", host({ ...files, ...extra, "/ws/ev.perf": text }))).result.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.args.name}`);

  it("are warned of as at the top level; those a rule reads for the subject are not", () => {
    expect(codes(evaluation)).not.toContainEqual(expect.stringMatching(/PERF08/));
    const text = evaluation.replace("  fact 支出 = 120 万元\n", '  fact 支出 = 120 万元\n  fact 人数 = 3 人\n  survey 群众 "群众" { satisfaction 90% }\n');
    expect(codes(text).filter((c) => c.startsWith("PERF08"))).toEqual(["PERF080 14:8 人数", "PERF081 15:10 群众"]);
  });

  it("a fact another fact of the subject is computed from is used", () => {
    const text = evaluation.replace("  fact 支出 = 90 万元\n", "  fact 一期 = 60 万元\n  fact 二期 = 30 万元\n  fact 支出 = 一期 + 二期\n");
    expect(codes(text).filter((c) => c.startsWith("PERF08"))).toEqual([]);
  });

  it("says nothing of them while the framework is missing: that is the one error", () => {
    const text = evaluation.replace('use "fw.perf"', 'use "gone.perf"');
    const d = codes(text);
    expect(d).toContain("PERF160 1:20 undefined");
    expect(d.filter((c) => c.startsWith("PERF08"))).toEqual([]);
  });
});

describe("an evaluation used as if it were a framework (PERF172)", () => {
  it("is one error at the `use`, with the roots' sum it causes as related information, not a second header", () => {
    const other = 'evaluation "另一份" { total 10 }\nindicator a weight 10 { judgement }\n';
    const main = 'evaluation "t" { use "other.perf" }\nsubject 甲 { assess a { } }\n';
    const d = analyzeLoaded(loadEvaluation("/ws/main.perf", host({ "/ws/other.perf": other, "/ws/main.perf": main }))).result.diagnostics;
    expect(d.map((x) => [x.code, x.uri, x.range.start.line, x.range.start.character, x.args.path])).toEqual([["PERF172", "/ws/main.perf", 0, 17, "other.perf"]]);
    expect(d[0]!.related?.map((x) => x.code)).toEqual(["PERF011"]);
    // two headers in one file stay PERF007
    expect(analyzeText('evaluation "a" { }\nevaluation "b" { }\nindicator x weight 100 { score 100 }\n').result.diagnostics.map((x) => x.code)).toEqual(["PERF007"]);
  });
});

describe("a framework file alone", () => {
  it("is checked for weights and rules and not scored: no 0 分, no 差, no unknown facts", () => {
    const { result } = analyzeText(framework, "/ws/fw.perf", { strict: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.total.score).toBeNull();
    expect(result.grade.name).toBeNull();
    expect(result.title).toBe("数据体系");
    expect(result.subjects).toBeUndefined();
  });

  it("still reports weights that do not sum", () => {
    const { result } = analyzeText(framework.replace("weight 4", "weight 5"), "/ws/fw.perf");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["PERF010"]);
  });
});

describe("compatibility", () => {
  it("a single file without subject blocks has no subjects, comparison, framework or overrides keys", () => {
    const { result } = analyzeText('evaluation "t" { total 2 }\nindicator a weight 2 { deduct 0.5 "x" }\n');
    expect(Object.keys(result)).not.toContain("subjects");
    expect(Object.keys(result)).not.toContain("comparison");
    expect(Object.keys(result)).not.toContain("framework");
    expect(Object.keys(result)).not.toContain("overrides");
    expect(result.total.score).toBe("1.5");
  });

  it("names that became soft keywords stay names", () => {
    const text = 'evaluation "t" { total 3 }\nfact 规则 = 2\nfact use = 4\nindicator judgement weight 1 { score 1 }\nindicator framework weight 2 { ratio 规则 / use }\n';
    const { result } = analyzeText(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.total.score).toBe("2");
  });
});

describe("a published total only", () => {
  const header = (grade: string, declared = "83") => `evaluation "y" {\n  total 100\n  grades { 优秀 >= 90; 良好 >= 80; 中 >= 60; 差 >= 0 }\n  declared ${declared}\n  grade ${grade}\n}\n`;

  it("is valid with no indicators: no empty-evaluation error, no score, the published grade", () => {
    const { result } = analyzeText(header("良好"), "y.perf", { strict: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.total).toEqual({ weight: "100", score: null, rate: null, declared: "83" });
    expect(result.grade).toEqual({ name: "良好", vetoedBy: null });
  });

  it("has no grade when the published one is not a band, and says so", () => {
    const { result } = analyzeText(header("良"), "y.perf");
    expect(result.diagnostics.map((d) => [d.code, d.args.grades])).toEqual([["PERF163", "优秀、良好、中、差"]]);
    expect(result.grade.name).toBeNull();
  });

  it("is an error when the declared total falls in another band", () => {
    const { result } = analyzeText(header("良好", "79.99"), "y.perf");
    expect(result.diagnostics.map((d) => [d.code, d.args.band])).toEqual([["PERF164", "中"]]);
  });
});

describe("a subject's computed and date facts", () => {
  const files = { "/ws/fw.perf": framework };
  const analyzed = (text: string) => analyzeLoaded(loadEvaluation("/ws/ev.perf", host({ ...files, "/ws/ev.perf": text })));

  it("are computed for the subject: 支出 = 60 + 30 万元 scores A's 执行率 6 × 90/120 = 4.5, as the literal 90 does", () => {
    const a = analyzed(evaluation.replace("  fact 支出 = 90 万元\n", "  fact 一期 = 60 万元\n  fact 二期 = 30 万元\n  fact 支出 = 一期 + 二期\n"));
    expect(a.subjects.get("A")!.get("执行率")!.score).toBe("4.5");
    expect(a.result.subjects?.map((s) => s.total.score)).toEqual(["14.75", "20"]);
    // the fixture's declared 15.5 is wrong on purpose (PERF040); nothing else is said
    expect(a.result.diagnostics.map((d) => d.code)).toEqual(analyzed(evaluation).result.diagnostics.map((d) => d.code));
  });

  it("may use the evaluation's facts: 支出 = 预算 × 0.75 = 90 万元", () => {
    const a = analyzed(evaluation.replace("  fact 支出 = 90 万元\n", "  fact 支出 = 预算 * 0.75\n"));
    expect(a.subjects.get("A")!.get("执行率")!.score).toBe("4.5");
  });

  it("report a cycle (PERF202) and a date that does not exist (PERF242) at the subject's facts", () => {
    const text = evaluation.replace("  fact 支出 = 90 万元\n", "  fact 支出 = 90 万元\n  fact 完工 = 2021-02-30\n  fact 甲 = 乙 + 1 万元\n  fact 乙 = 甲 + 1 万元\n");
    const d = analyzed(text).result.diagnostics.map((x) => `${x.code} ${x.range.start.line + 1}:${x.range.start.character + 1}`);
    expect(d).toContain("PERF242 9:13");
    expect(d.filter((c) => c.startsWith("PERF202"))).toEqual(["PERF202 10:8", "PERF202 11:8"]);
  });
});

describe("a target a subject defines itself, named by the shared tree's targets […]", () => {
  const text = (second: string) => `evaluation "试" { total 100 }
indicator 产出 "产出指标" weight 100 {
  targets [完成数] tiers { met 100%; partial 60%; unmet 0 }
}
subject 甲 "甲单位" {
  target 完成数 "完成数" { expect >= 10 个; actual 8 个 }
}
subject 乙 "乙单位" {
${second}
}
`;

  it("scores each subject on its own target: no unknown name, a reference to each subject's target", () => {
    const a = analyzeText(text('  target 完成数 "完成数" { expect >= 10 个; actual 12 个 }'), "/ws/t.perf");
    expect(a.result.diagnostics.map((d) => d.code)).toEqual([]);
    expect([a.subjects.get("甲")!.get("产出")!.score, a.subjects.get("乙")!.get("产出")!.score]).toEqual(["80", "100"]);
    expect(a.symbols.references.filter((r) => r.id === "完成数").map((r) => r.target?.subject)).toEqual(["甲", "乙"]);
  });

  it("names the subject without it (PERF217), once, and leaves its score open", () => {
    const a = analyzeText(text('  fact 完成 = 8 个\n  assess 产出 { note "无目标" }'), "/ws/t.perf");
    const d = a.result.diagnostics.filter((x) => x.code === "PERF217");
    expect(d.map((x) => [x.args.subject, x.args.name, x.args.indicator, x.range.start.line + 1])).toEqual([["乙单位", "完成数", "产出指标", 8]]);
    expect(a.result.diagnostics.some((x) => x.code === "PERF020")).toBe(false);
    expect([a.subjects.get("甲")!.get("产出")!.score, a.subjects.get("乙")!.get("产出")!.score]).toEqual(["80", null]);
  });

  it("without subjects is still an unknown target (PERF020)", () => {
    const a = analyzeText(`evaluation "试" { total 100 }\nindicator 产出 "产出指标" weight 100 { targets [完成数] }\n`, "/ws/t.perf");
    expect(a.result.diagnostics.map((d) => d.code)).toContain("PERF020");
  });
});
