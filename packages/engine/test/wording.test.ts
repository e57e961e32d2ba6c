import { diagnosticText } from "@perf/language";
import { describe, expect, it } from "vitest";
import { analyzeText, deductionText } from "../src/index.js";

/** The engine's arguments are data; the words come from one place per kind, in both languages. */
describe("wording at the edges", () => {
  it("unit problems are worded from the operation and the units", () => {
    const words = (expr: string) => {
      const d = analyzeText(`fact a = 1 万元\nfact b = 2 个\nindicator x weight 100 { ratio ${expr} }`).result.diagnostics.find((x) => x.code === "PERF060")!;
      return [d.args, diagnosticText(d, "zh").message, diagnosticText(d, "en").message];
    };
    expect(words("a + b")).toEqual([{ op: "add", left: "万元", right: "个" }, "单位不一致：万元 与 个 不能相加", "unit mismatch: cannot add 万元 and 个"]);
    expect(words("a / b")[2]).toBe("unit mismatch: cannot divide 万元 by 个");
    expect(words("a / 2")[1]).toBe("单位不一致：比率的结果带有单位 万元");
  });

  it("a declared total without a title names the total", () => {
    const d = analyzeText("evaluation { declared 5 }\nindicator a weight 100 { score 4 }").result.diagnostics.find((x) => x.code === "PERF040")!;
    expect(diagnosticText(d, "zh").message).toBe("「总分」报告得分为 5，计算得分为 4");
    expect(diagnosticText(d, "en").message).toBe("the total is declared as 5 but computes to 4");
  });

  it("deduction reasons: the same data, worded in each language", () => {
    const { result } = analyzeText("fact p = 5 个\nfact q = 3 个\nindicator a weight 50 { ratio q / p }\nindicator b weight 50 { per finding deduct 1 }\nfinding f on b { issue \"验收不规范\" count 2 }");
    const [ratio, finding] = result.indicators.map((i) => i.deductions[0]!);
    expect([deductionText(ratio!, "zh"), deductionText(ratio!, "en")]).toEqual(["q / p = 60.00%，得分 = 分值 × 比率", "q / p = 60.00%, score = weight × ratio"]);
    expect([deductionText(finding!, "zh"), deductionText(finding!, "en")]).toEqual(["验收不规范（2例）", "验收不规范 (2 cases)"]);
  });
});
