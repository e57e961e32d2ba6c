import { describe, expect, it } from "vitest";
import { analyzeText, dayNumber, daysBetween, isValidDate, type TargetResult } from "../src/index.js";
import { parse, type DateValue } from "@perf/language";

function judge(body: string, header = ""): { targets: Map<string, TargetResult>; codes: string[] } {
  const { result } = analyzeText(`evaluation "t" { total 10${header} }\n${body}\nindicator a weight 10 { score 10 }`);
  return { targets: new Map((result.targets ?? []).map((t) => [t.id, t])), codes: result.diagnostics.map((d) => `${d.code} ${d.severity}`) };
}

function date(text: string): DateValue {
  const d = parse(`target x { actual ${text} }`).ast.declarations[0] as { actual: { date: DateValue } };
  return d.actual.date;
}

describe("dates", () => {
  it("compare and subtract as days", () => {
    expect(daysBetween(date("2020-12-15"), date("2020年11月底"))).toBe(15);
    expect(daysBetween(date("2022年9月27日"), date("2022-01-01"))).toBe(269);
    expect(daysBetween(date("2024年3月1日"), date("2024年2月底"))).toBe(1);
    expect(dayNumber(date("2020年11月")) < dayNumber(date("2020年11月"), true)).toBe(true);
    expect(dayNumber(date("2020年11月"), true)).toBe(dayNumber(date("2020-11-30")));
  });
  it("knows which days exist", () => {
    expect(isValidDate(date("2021-02-30"))).toBe(false);
    expect(isValidDate(date("2024-02-29"))).toBe(true);
    expect(isValidDate(date("2023-02-29"))).toBe(false);
    expect(isValidDate(date("2020-04-31"))).toBe(false);
  });
});

describe("targets: worked numbers per operator", () => {
  it(">= and its Chinese forms: 1640 vs ≥1200 台 is met at 136.67%, the seed-003 deviation (36.67% > 20%)", () => {
    for (const expect_ of [">= 1200 台", "≥ 1200 台", "不低于 1200 台", "不少于 1200 台", "1200 台 以上"]) {
      const { targets, codes } = judge(`target vm "云主机" { expect ${expect_}; actual 1640 台 }`);
      expect(targets.get("vm")).toMatchObject({ operator: ">=", met: true, completion: "1.3667", deviation: "0.3667", deviationUnit: "fraction", deviationTooLarge: true });
      expect(codes).toEqual(["PERF240 warning"]);
    }
  });
  it("an acknowledged deviation is information that keeps its reason", () => {
    const { result } = analyzeText(`evaluation "t" { total 10 }\ntarget vm { expect >= 1200 台; actual 1640 台 } acknowledged "报告自认偏差过大"\nindicator a weight 10 { score 10 }`);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.data?.acknowledged])).toEqual([["PERF240", "info", "报告自认偏差过大"]]);
    expect(result.targets![0]!.acknowledged).toBe("报告自认偏差过大");
  });
  it("the threshold comes from the target, then the header, then 20%", () => {
    expect(judge(`target vm { expect >= 100 个; actual 121 个 }`).codes).toEqual(["PERF240 warning"]);
    expect(judge(`target vm { expect >= 100 个; actual 120 个 }`).codes).toEqual([]);
    expect(judge(`target vm { expect >= 100 个; actual 121 个 }`, "; deviation 25%").codes).toEqual([]);
    expect(judge(`target vm { expect >= 100 个; actual 121 个; deviation 10% }`, "; deviation 25%").codes).toEqual(["PERF240 warning"]);
  });
  it("missed >=: 18项 target, 15 done = 83.33%, not met, no warning", () => {
    const { targets, codes } = judge(`target n { expect 18 项 以上; actual 15 项 }`);
    expect(targets.get("n")).toMatchObject({ met: false, completion: "0.8333", deviation: "-0.1667" });
    expect(codes).toEqual([]);
  });
  it("<= and its Chinese forms: target ÷ actual (≤2小时, 3 小时 → 66.67%; 90 分钟 → 133.33%, converted)", () => {
    for (const e of ["<= 2 小时", "≤ 2 小时", "不超过 2 小时", "不高于 2 小时", "2 小时 以下"]) {
      expect(judge(`target w { expect ${e}; actual 3 小时 }`).targets.get("w")).toMatchObject({ operator: "<=", met: false, completion: "0.6667" });
    }
    const { targets, codes } = judge(`target w { expect <= 2 小时; actual 90 分钟 }`);
    expect(targets.get("w")).toMatchObject({ met: true, completion: "1.3333", deviation: "0.3333" });
    expect(codes).toEqual(["PERF240 warning"]);
  });
  it("> and < are strict", () => {
    expect(judge(`target g { expect > 5 次; actual 5 次 }`).targets.get("g")).toMatchObject({ met: false, completion: "1" });
    expect(judge(`target l { expect < 5 次; actual 5 次 }`).targets.get("l")).toMatchObject({ met: false, completion: "1" });
    expect(judge(`target l { expect < 5 次; actual 4 次 }`).targets.get("l")).toMatchObject({ met: true, completion: "1.25" });
  });
  it("= and a bare value: 100% vs 98% misses at 98%", () => {
    for (const e of ["= 100%", "100%"]) expect(judge(`target c { expect ${e}; actual 98% }`).targets.get("c")).toMatchObject({ operator: "=", met: false, completion: "0.98", deviation: "-0.02" });
    expect(judge(`target c { expect 99.9%; actual 99.90% }`).targets.get("c")).toMatchObject({ met: true, completion: "1" });
  });
  it("between: inside is met at 100%, below is actual ÷ low", () => {
    expect(judge(`target s { expect between 85% and 95%; actual 90% }`).targets.get("s")).toMatchObject({ operator: "between", met: true, completion: "1" });
    expect(judge(`target s { expect between 85% and 95%; actual 80% }`).targets.get("s")).toMatchObject({ met: false, completion: "0.9412" });
  });
  it("money converts: ≤500 万元 vs 4,990,000 元 is met", () => {
    const { targets, codes } = judge(`target m { expect <= 500 万元; actual 4990000 元 }`);
    expect(targets.get("m")).toMatchObject({ met: true, completion: "1.002" });
    expect(codes).toEqual([]);
  });
  it("deadline: 2020年11月底, done 2020-12-15, is 15 days late; done 2020-11-20, 10 days early", () => {
    expect(judge(`target d { expect <= 2020年11月底; actual 2020-12-15 }`).targets.get("d")).toMatchObject({ met: false, deviation: "15", deviationUnit: "days", completion: "0", expected: { value: "2020-11-30" } });
    expect(judge(`target d { expect <= 2020年11月; actual 2020年11月20日 }`).targets.get("d")).toMatchObject({ met: true, deviation: "-10", completion: "1" });
  });
  it("qualitative: judged by its tier", () => {
    const { targets } = judge(`target r { expect "全国前五名"; actual "全国第三"; tier met }\ntarget p { expect "全国前五名"; actual "全国第七"; tier 部分达成 }`);
    expect(targets.get("r")).toMatchObject({ operator: "qualitative", met: true, tier: "met", completion: null });
    expect(targets.get("p")).toMatchObject({ met: false, tier: "partial" });
  });
  it("a fact as the actual value is resolved and counts as used", () => {
    const { targets, codes } = judge(`fact 台数 = 1640 台\ntarget vm { expect >= 1200 台; actual 台数 }`);
    expect(targets.get("vm")).toMatchObject({ actual: { text: "1640 台", value: "1640", unit: "台" }, met: true });
    expect(codes).toEqual(["PERF240 warning"]);
  });
});

describe("scoring on targets", () => {
  const score = (method: string, targets: string) => {
    const { result } = analyzeText(`evaluation "t" { total 9 }\n${targets}\nindicator a weight 9 { ${method} }`);
    const a = result.indicators[0]!;
    return { score: a.score, deductions: a.deductions, codes: result.diagnostics.map((d) => d.code) };
  };
  const three = `target a "A" { expect >= 100 个; actual 150 个 }
target b "B" { expect >= 18 项; actual 15 项 }
target c "C" { expect "全国前五名"; tier partial }`;
  it("equal shares: met 3 + missed 3 × 15/18 + partial 3 × 50% = 3 + 2.5 + 1.5 = 7", () => {
    const r = score("targets [a, b, c]", three);
    expect(r.score).toBe("7");
    expect(r.deductions).toEqual([
      { amount: "2", source: "targets", because: { kind: "targets", values: { missed: [{ name: "B", percent: "83.33", tier: null }, { name: "C", percent: "50.00", tier: "partial" }] } } },
    ]);
  });
  it("tier shares are overridable: partial at 60% gives 3 + 2.5 + 1.8 = 7.3", () => {
    expect(score("按目标 [a, b, c] 达成分值 { 达成 100%; 部分达成 60%; 未达成 0 }", three).score).toBe("7.3");
  });
  it("over-achievement does not score above the share; a target that cannot be judged leaves the score open", () => {
    expect(score("targets [a]", three).score).toBe("9");
    expect(score("targets [a, d]", `${three}\ntarget d { expect "x" }`).score).toBeNull();
  });
  it("an unknown target is PERF020", () => {
    expect(score("targets [a, zz]", three).codes).toContain("PERF020");
  });
});

describe("targets: an actual value the report does not state", () => {
  it("`actual -` is no gap of the file: no PERF243, nothing judged; a missing actual still warns", () => {
    const { targets, codes } = judge(`target t1 "甲" {\n  class 数量\n  expect >= 5 台\n  actual -\n  reason "x"\n}\ntarget t2 "乙" { class 效益; expect "前五名"; actual - }\ntarget t3 "丙" { class 数量; expect >= 5 台 }`);
    expect(targets.get("t1")).toMatchObject({ actual: null, met: null, completion: null, reason: "x" });
    expect(targets.get("t2")).toMatchObject({ actual: null, met: null, tier: null });
    expect(codes).toEqual(["PERF243 warning"]);
  });

  it("`actual -3 台` is still a negative number, judged", () => {
    const { targets } = judge(`target t1 "甲" { class 数量; expect >= 5 台; actual -3 台 }`);
    expect(targets.get("t1")).toMatchObject({ met: false, actual: { value: "-3", unit: "台" } });
  });
});

describe("per-subject targets (decision 0182)", () => {
  const text = `evaluation "两区县" { total 10 }
target 完工 "项目完工时间" { class 时效; expect <= 2020年11月底 }
target 覆盖 "覆盖户数" { class 数量; expect >= 1200 户 }
target 培训 "培训人次" { class 数量; expect >= 100 人次; actual 120 人次 }
indicator 产出 "产出" weight 10 { targets [完工, 覆盖, 培训] }
subject 甲 "甲县" {
  fact 完工日期 = 2020年11月20日
  target 完工 { actual 完工日期 }
  target 覆盖 { actual 1300 户 }
}
subject 乙 "乙县" {
  target 完工 { actual 2020年12月5日; reason "设备到货延迟" }
  target 覆盖 { expect >= 1000 户; actual 900 户 }
  target 自有 "乙县自有目标" { expect "群众满意"; tier 部分达成 }
}`;
  const { result } = analyzeText(text);
  const subject = (id: string) => result.subjects!.find((s) => s.id === id)!;
  const row = (id: string, t: string) => subject(id).targets!.find((x) => x.id === t)!;

  it("judges each subject's actuals against the evaluation's target values", () => {
    expect(result.diagnostics.filter((d) => d.severity !== "info").map((d) => d.code)).toEqual([]);
    expect(row("甲", "完工")).toMatchObject({ name: "项目完工时间", class: "时效", met: true, deviation: "-10", actual: { text: "2020年11月20日" } });
    expect(row("甲", "覆盖")).toMatchObject({ met: true, completion: "1.0833" });
    expect(row("乙", "完工")).toMatchObject({ met: false, deviation: "5", deviationUnit: "days", reason: "设备到货延迟" });
    // a subject may state its own target value: 900 of ≥1000 is 90%
    expect(row("乙", "覆盖")).toMatchObject({ expected: { text: "≥1000 户" }, met: false, completion: "0.9" });
    // a target no subject restates is judged for each with the evaluation's actual
    expect([row("甲", "培训").completion, row("乙", "培训").completion]).toEqual(["1.2", "1.2"]);
    // a subject's own target is listed for it only
    expect(subject("甲").targets!.map((t) => t.id)).toEqual(["完工", "覆盖", "培训"]);
    expect(subject("乙").targets!.map((t) => t.id)).toEqual(["完工", "覆盖", "培训", "自有"]);
    // the rows point at the subject's block
    expect(row("乙", "完工").range.start.line).toBe(11);
  });
  it("scores `targets [...]` with each subject's judgements: 甲 10, 乙 (0 + 0.9 + 1) ÷ 3 × 10 = 6.33", () => {
    expect(subject("甲").total.score).toBe("10");
    expect(subject("乙").total.score).toBe("6.33");
  });
  it("a target stated twice in one subject is PERF021; an unknown name in its actual is PERF020", () => {
    const { result: r } = analyzeText(`evaluation "t" { total 10 }\ntarget a { expect >= 1 个 }\nindicator i weight 10 { targets [a] }\nsubject s { target a { actual 1 个 }; target a { actual 2 个 } }\nsubject u { target a { actual 没有 } }`);
    expect(r.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`)).toEqual(["PERF021 4:45", "PERF020 5:31"]);
  });
});

describe("fmt of per-subject targets", () => {
  it("prints a target inside a subject block and stays idempotent", async () => {
    const { format } = await import("@perf/language");
    const src = `subject 甲 "甲县" {\n  fact 完工日期 = 2020年11月20日\n  target 完工 { actual 完工日期 - 3 天; reason "提前" }\n}\n`;
    const once = format(src).text;
    expect(once).toContain("target 完工 { actual 完工日期 - 3 天; reason \"提前\" }");
    expect(format(once).text).toBe(once);
  });
});
