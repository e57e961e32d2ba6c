import { describe, expect, it } from "vitest";
import { format } from "@perf/language";
import { addMonths, analyzeText, civilFromDays, daysFromCivil } from "../src/index.js";

/** The facts, targets and assertions of a small file, and its diagnostics as `CODE line:col`. */
function run(body: string) {
  const text = `evaluation "t" { total 10 }\n${body}\nindicator 总 weight 10 { score 10 }`;
  const { result } = analyzeText(text);
  const facts = Object.fromEntries(result.facts.map((f) => [f.id, f.text ?? `${f.value}${f.unit ? " " + f.unit : ""}`]));
  const codes = result.diagnostics.filter((d) => d.code !== "PERF080").map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`);
  return { result, facts, codes, text };
}

describe("civil dates by integer arithmetic (decision 0180)", () => {
  it("round-trips day numbers across centuries and leap days", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2); // 2000 is a leap year
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1); // 1900 is not
    for (const n of [-719468, -1, 0, 18596, 18961, 2932896]) {
      const c = civilFromDays(n);
      expect(daysFromCivil(c.year, c.month, c.day)).toBe(n);
    }
  });
  it("adds calendar months: a day the month lacks is its last day, a month end stays a month end", () => {
    const d = (y: number, m: number, day: number) => daysFromCivil(y, m, day);
    expect(civilFromDays(addMonths(d(2020, 1, 31), 1, false))).toEqual({ year: 2020, month: 2, day: 29 });
    expect(civilFromDays(addMonths(d(2021, 1, 31), 1, false))).toEqual({ year: 2021, month: 2, day: 28 });
    expect(civilFromDays(addMonths(d(2021, 2, 28), 1, false))).toEqual({ year: 2021, month: 3, day: 28 });
    expect(civilFromDays(addMonths(d(2021, 2, 28), 1, true))).toEqual({ year: 2021, month: 3, day: 31 });
    expect(civilFromDays(addMonths(d(2020, 11, 30), -11, false))).toEqual({ year: 2019, month: 12, day: 30 });
    expect(civilFromDays(addMonths(d(2020, 3, 31), 8, false))).toEqual({ year: 2020, month: 11, day: 30 });
  });
});

describe("dates and durations as values", () => {
  it("date − date is days, date ± duration is a date, printed as the report writes it", () => {
    const { facts, codes } = run(
      [
        "fact 开工 = 2020年3月31日",
        "fact 完工 = 2020年11月20日",
        "fact 计划 = 2020-11-30",
        "fact 滞后 = 8 个月",
        "fact 工期 = 完工 - 开工",
        "fact 提前 = 计划 - 完工",
        "fact 到期 = 开工 + 滞后",
        "fact 月底 = 2021年2月底 + 1 个月",
        "fact 再一月 = 月底 + 1 个月",
        "fact 月底加天 = 2021年2月底 + 3 天",
        "fact 闰月 = 2020-01-31 + 1 个月",
        "fact 后延 = 完工 + 30 天",
        "fact 前推 = 完工 - 2 年",
        "fact 两天 = 完工 + 48 小时",
        "fact 合计 = 工期 + 1 天",
      ].join("\n"),
    );
    expect(codes).toEqual([]);
    expect(facts).toMatchObject({
      开工: "2020年3月31日",
      计划: "2020-11-30",
      滞后: "8 个月",
      // April–October (214 days) and 20 November days
      工期: "234 天",
      提前: "10 天",
      // 3月31日 + 8 个月: November has no 31st
      到期: "2020年11月30日",
      // 2021年2月底 is 2月28日; one month after a month's end is the next month's end, written as the operand is
      月底: "2021年3月底",
      再一月: "2021年4月底",
      // days move off the month's end: a day
      月底加天: "2021年3月3日",
      闰月: "2020-02-29",
      后延: "2020年12月20日",
      前推: "2018年11月20日",
      两天: "2020年11月22日",
      合计: "235 天",
    });
  });
  it("a fact holding a date carries its ISO day; durations in 个月 and 年 convert", () => {
    const { result, facts } = run("fact 完工 = 2020年11月20日\nfact 期 = 1 年 + 3 个月\nfact 到 = 完工 + 期");
    expect(result.facts.find((f) => f.id === "完工")).toMatchObject({ value: "2020-11-20", unit: null, date: true, text: "2020年11月20日" });
    expect(facts).toMatchObject({ 期: "1.25 年", 到: "2022年2月20日" });
  });
  it("refuses what dates do not take, each at its expression", () => {
    const { codes } = run(
      [
        "fact 完工 = 2020年11月20日", // 2
        "fact 钱 = 5 万元", // 3
        "fact a = 完工 + 完工", // 4 PERF211
        "fact b = 完工 * 2", // 5 PERF212
        "fact c = -完工", // 6 PERF212
        "fact d = 钱 - 完工", // 7 PERF213
        "fact e = 完工 + 钱", // 8 PERF213
        "fact f = 完工 - 2020-01-01 + 1 个月", // 9 PERF214
        "fact g = 完工 + 36 小时", // 10 PERF215
        "fact h = sum(完工, 完工)", // 11 PERF212
        "fact i = 2021-02-29 - 完工", // 12 PERF242
        "fact j = 3 天 - 完工", // 13 PERF213
        "fact k = 完工 - 2020-01-01 in 月", // 14 PERF214 at the unit
      ].join("\n"),
    );
    expect(codes).toEqual(["PERF211 4:10", "PERF212 5:10", "PERF212 6:10", "PERF213 7:10", "PERF213 8:10", "PERF214 9:10", "PERF215 10:10", "PERF212 11:10", "PERF242 12:10", "PERF213 13:10", "PERF214 14:29"]);
  });
  it("a date where a score needs a number is PERF212 at the reference", () => {
    const { result } = analyzeText(`evaluation "t" { total 10 }\nfact 完工 = 2020年11月20日\nindicator a weight 10 { ratio 完工 }`);
    expect(result.diagnostics.map((d) => d.code)).toContain("PERF212");
  });
});

describe("targets and assertions with date values", () => {
  it("a target's actual may be a fact holding a date, judged against the deadline in days", () => {
    const { result, codes } = run("fact 完工日期 = 2020年12月3日\ntarget 完工 { expect <= 2020年11月底; actual 完工日期 }\ntarget 早 { expect <= 2020年12月底; actual 完工日期 - 10 天 }");
    expect(codes).toEqual([]);
    const [late, early] = result.targets!;
    expect(late).toMatchObject({ met: false, completion: "0", deviation: "3", deviationUnit: "days", actual: { text: "2020年12月3日", value: "2020-12-03" } });
    expect(early).toMatchObject({ met: true, deviation: "-38", actual: { text: "2020年11月23日", value: "2020-11-23" } });
  });
  it("a number target with a date actual is PERF244", () => {
    const { codes } = run("fact 完工 = 2020年12月3日\ntarget n { expect >= 5 个; actual 完工 }");
    expect(codes).toEqual(["PERF244 3:34"]);
  });
  it("assertions compare dates and durations with <= >= < > and =", () => {
    const { result, codes } = run(
      "fact 完工 = 2020年11月20日\nfact 计划 = 2020-11-30\nassert 按期 \"按期完工\" { 完工 <= 计划; 完工 < 2020年11月20日; 计划 - 完工 = 10 天; 计划 - 完工 >= 7 天 }",
    );
    const statements = result.assertions![0]!.statements;
    expect(statements.map((s) => s.holds)).toEqual([true, false, true, true]);
    expect(statements[0]).toMatchObject({ op: "<=", expected: "计划（2020-11-30）", actual: "2020年11月20日" });
    expect(codes).toContain("PERF220 4:30");
  });
  it("days do not compare with months: PERF214", () => {
    const { codes } = run("fact 完工 = 2020年11月20日\nassert 工期 { 完工 - 2020-03-20 = 8 个月 }");
    expect(codes).toEqual(["PERF214 3:13"]);
  });
  it("fmt prints every date form and stays idempotent", () => {
    const src = "fact 完工 = 2020年11月20日\nfact 计划 = 2020-11-30 + 3 个月\ntarget t { expect <= 2020年11月底; actual 完工 - 1 天 }\nassert x { 完工 <= 计划; 完工 > 2020年1月 }\n";
    const once = format(src);
    expect(once.text).toContain("fact 计划 = 2020-11-30 + 3 个月");
    expect(once.text).toContain("actual 完工 - 1 天");
    expect(once.text).toContain("完工 <= 计划; 完工 > 2020年1月");
    expect(format(once.text).text).toBe(once.text);
  });
});
