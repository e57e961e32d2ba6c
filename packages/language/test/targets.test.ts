import { describe, expect, it } from "vitest";
import type { TargetDecl } from "../src/ast.js";
import { parse } from "../src/index.js";

function targets(text: string): TargetDecl[] {
  const r = parse(text);
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.args)).toEqual([]);
  return r.ast.declarations.filter((d): d is TargetDecl => d.kind === "target");
}

describe("dates", () => {
  it("reads the four date forms, 底 as the month's last day", () => {
    const all = targets(`target a { expect <= 2020年11月底; actual 2020-12-15 }
target b { expect <= 2024年2月底; actual 2022年9月27日 }
target c { expect <= 2020年11月; actual 2021-02-30 }`);
    const dates = all.flatMap((x) => [x.expect!.kind === "compare" ? x.expect!.value : undefined, x.actual!.kind === "date" ? x.actual!.date : undefined]);
    expect(dates.map((d) => d && d.kind === "date" && [d.year, d.month, d.day, d.monthOnly, d.endOfMonth])).toEqual([
      [2020, 11, 30, false, true],
      [2020, 12, 15, false, false],
      [2024, 2, 29, false, true],
      [2022, 9, 27, false, false],
      [2020, 11, 1, true, false],
      // 2021-02-30 lexes and parses; the engine reports that the day does not exist (PERF242)
      [2021, 2, 30, false, false],
    ]);
  });

  it("a duration is a number with a time unit (个月 is one unit)", () => {
    const [t] = targets(`target lag { expect <= 8 个月; actual 3 天 }`);
    expect(t!.expect).toMatchObject({ kind: "compare", op: "<=", value: { text: "8", unit: "个月" } });
    expect(t!.actual).toMatchObject({ kind: "expression", expression: { kind: "number", text: "3", unit: "天" } });
  });

  it("a year alone stays a number with the unit 年", () => {
    const r = parse(`evaluation { period 2020 }\nfact y = 2020年`);
    expect(r.diagnostics).toEqual([]);
  });
});

describe("targets", () => {
  it("reads every operator, symbolic and Chinese, before or after the value", () => {
    const ops = targets(`target a { expect >= 1 }
target b { expect ≥ 1 }
target c { expect <= 1 }
target d { expect > 1 }
target e { expect < 1 }
target f { expect = 1 }
target g { expect 1 }
target h { expect 不低于 1200 台 }
target i { expect 不少于 1 }
target j { expect 不超过 2 小时 }
target k { expect 不高于 1 }
target l { expect 1200 台 以上 }
target m { expect 5 以下 }`).map((t) => (t.expect?.kind === "compare" ? t.expect.op : t.expect?.kind));
    expect(ops).toEqual([">=", ">=", "<=", ">", "<", "=", "=", ">=", ">=", "<=", "<=", ">=", "<="]);
  });

  it("reads a range, a qualitative target, a tier, a reason, a deviation and an acknowledgement", () => {
    const [a, b] = targets(`target a "满意度" { class 满意度; expect between 85% and 95%; actual 90%; deviation 10% }
target b "排名" { class "效益"; expect "全国前五名"; actual "全国第三"; tier partial; reason "…" } acknowledged "原文如此"`);
    expect(a).toMatchObject({ title: { value: "满意度" }, class: { value: "满意度" }, expect: { kind: "between", low: { text: "85" }, high: { text: "95" } }, deviation: { text: "10", percent: true } });
    expect(b).toMatchObject({ class: { value: "效益" }, expect: { kind: "qualitative", text: { value: "全国前五名" } }, actual: { kind: "text", text: { value: "全国第三" } }, tier: { value: "partial" }, reason: { value: "…" }, acknowledged: { value: "原文如此" } });
  });

  it("reads the scoring method with tier shares, in both spellings", () => {
    const r = parse(`指标 x 分值 10 { 按目标 【a, b】 达成分值 { 达成 100%; 部分达成 60%; 未达成 0 } }\nindicator y weight 5 { targets [c] }`);
    expect(r.diagnostics).toEqual([]);
    const [x, y] = r.ast.declarations as { methods: unknown[] }[];
    expect(x!.methods[0]).toMatchObject({ kind: "targets", targets: [{ text: "a" }, { text: "b" }], tiers: [{ tier: "met", share: { text: "100" } }, { tier: "partial", share: { text: "60" } }, { tier: "unmet", share: { text: "0" } }] });
    expect(y!.methods[0]).toMatchObject({ kind: "targets", targets: [{ text: "c" }], tiers: [] });
  });

  it("a clause given twice is reported (PERF006)", () => {
    const r = parse(`target a { expect >= 1; expect >= 2 }`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["PERF006"]);
  });
});
