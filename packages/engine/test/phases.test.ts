import { parse, type ParseResult } from "@perf/language";
import { describe, expect, it } from "vitest";
import { implicitSubject, resolveFramework, scoreSubject } from "../src/framework.js";
import { collect } from "../src/phases/collect.js";
import { grade } from "../src/phases/grade.js";
import { link } from "../src/phases/link.js";
import { buildResult } from "../src/phases/result.js";
import { scoreTree } from "../src/phases/score.js";
import { validate } from "../src/phases/validate.js";
import { Decimal } from "../src/decimal.js";
import { DiagnosticSink } from "../src/sink.js";

const docs = (...texts: string[]): Map<string, ParseResult> => new Map(texts.map((t, i) => [`f${i}.perf`, parse(t, `f${i}.perf`)]));
const codes = (sink: DiagnosticSink) => sink.diagnostics().map((d) => d.code);

const text = `evaluation "t" { total 10 grades { 好 >= 6; 坏 >= 0 } }
fact 计划 = 4 个
fact 实际 = 3 个
indicator b weight 10 {
  indicator x weight 4 { ratio 实际 / 计划 }
  indicator y weight 6 { per finding deduct 1 }
}
finding p on y { count 2 }
`;

describe("the model's literals (decision 0219)", () => {
  it("link's model carries every field collect made, the same values, in the same order", () => {
    const sink = new DiagnosticSink();
    const collected = collect(docs(text), sink);
    const linked = link(collected, sink);
    const keys = Object.keys(collected);
    expect(Object.keys(linked).slice(0, keys.length)).toEqual(keys);
    for (const k of keys) expect(linked[k as keyof typeof linked], k).toBe(collected[k as keyof typeof collected]);
  });
});

describe("collect", () => {
  it("gathers declarations across documents and reports a second header and a name defined twice", () => {
    const sink = new DiagnosticSink();
    const m = collect(docs(text, 'evaluation "u" {}\nfact 计划 = 1 个'), sink);
    expect(m.roots.map((r) => r.name.text)).toEqual(["b"]);
    expect(m.facts.map((f) => `${f.uri}:${f.name.text}`)).toEqual(["f0.perf:计划", "f0.perf:实际", "f1.perf:计划"]);
    expect([...m.symbols.keys()]).toEqual(["计划", "实际", "b", "x", "y", "p"]);
    expect(m.symbols.get("x")!.parent).toBe("b");
    expect(codes(sink)).toEqual(["PERF007", "PERF021"]);
    expect(m.header!.uri).toBe("f0.perf");
  });
});

describe("link", () => {
  it("resolves references, records uses and attachments, and owns an unknown name by its indicator", () => {
    const sink = new DiagnosticSink();
    const m = link(collect(docs(text.replace("实际 / 计划", "实际 / 计化")), sink), sink);
    expect([...m.used.entries()].map(([k, v]) => `${k}<-${[...v].join()}`)).toEqual(["实际<-x", "y<-p"]);
    expect(m.attachments.get("y")!.map((a) => a.finding.name.text)).toEqual(["p"]);
    expect(codes(sink)).toEqual(["PERF020"]);
    expect(sink.diagnostics()[0]!.args).toMatchObject({ name: "计化", suggestion: "计划" });
    expect(sink.owners.get(sink.diagnostics()[0]!)).toBe("x");
  });
});

describe("validate", () => {
  it("runs the static checks before anything is scored", () => {
    const sink = new DiagnosticSink();
    const m = link(collect(docs(text.replace("weight 6", "weight 5")), sink), sink);
    const f = resolveFramework(m, sink);
    validate(m, f, sink);
    expect(codes(sink)).toEqual(["PERF010"]);
  });
});

describe("score", () => {
  it("scores each leaf by its method and each branch as the sum of its rounded children", () => {
    const sink = new DiagnosticSink();
    const m = link(collect(docs(text), sink), sink);
    const tree = scoreTree(resolveFramework(m, sink), implicitSubject(m), sink);
    expect(tree.nodes[0]!.children.map((c) => c.result.score)).toEqual(["3", "4"]);
    expect(tree.total.toFixed()).toBe("7");
    expect([tree.leaves, tree.scoredLeaves]).toEqual([2, 2]);
    expect(tree.byId.get("y")!.deductions[0]).toMatchObject({ amount: "2", because: { kind: "finding", values: { label: "p", count: 2 } } });
  });

  it("a framework is resolved once and scores several subjects independently", () => {
    const sink = new DiagnosticSink();
    const m = link(collect(docs(text), sink), sink);
    const framework = resolveFramework(m, sink);
    const a = implicitSubject(m);
    const b = { ...a, attachments: new Map() };
    expect(scoreSubject(framework, a, sink).total.toFixed()).toBe("7");
    expect(scoreSubject(framework, b, sink).total.toFixed()).toBe("9");
    expect(scoreSubject(framework, a, sink).total.toFixed()).toBe("7");
  });
});

describe("grade", () => {
  it("finds the band of a total, the top band including the total, and lets a veto override it", () => {
    const sink = new DiagnosticSink();
    const m = link(collect(docs(text), sink), sink);
    const f = resolveFramework(m, sink);
    expect(grade(new Decimal(10), f.grades, [], sink)).toEqual({ name: "好", vetoedBy: null });
    expect(grade(new Decimal("5.99"), f.grades, [], sink)).toEqual({ name: "坏", vetoedBy: null });
    const vetoes = link(collect(docs(`${text}\nveto v { triggered true }`), sink), sink).vetoes;
    expect(grade(new Decimal(10), f.grades, vetoes, sink)).toEqual({ name: "坏", vetoedBy: "v" });
    expect(codes(sink)).toEqual(["PERF090"]);
  });
});

describe("result", () => {
  it("is data only: diagnostics carry codes and arguments, sorted by position", () => {
    const sink = new DiagnosticSink();
    const m = link(collect(docs(text.replace("total 10", "total 10 declared 8")), sink), sink);
    const f = resolveFramework(m, sink);
    validate(m, f, sink);
    const r = buildResult(m, f, scoreSubject(f, implicitSubject(m), sink), sink.diagnostics());
    expect(r.total).toEqual({ weight: "10", score: "7", rate: "0.7", declared: "8" });
    expect(r.diagnostics.map((d) => [d.code, d.args])).toEqual([["PERF040", { name: "t", declared: "8", computed: "7" }]]);
    expect(JSON.stringify(r)).not.toMatch(/报告得分为|declared as/);
  });
});
