import { describe, expect, it } from "vitest";
import { expectCompletion, positionOf, setup } from "./helpers.js";

const text = `evaluation "t" { total 10 }
target 云主机 "新增云主机数量" { expect >= 1200 台; actual 1640 台 }
target 上线 "系统上线时间" { expect <= 2020年11月底; actual 2020-12-15 }
target 排名 { expect "全国前五名"; tier 部分达成 }
target 时长 { expect <= 2 小时; actual 3 小时 }
indicator a weight 10 { targets [云主机, 上线, 排名, 时长] }
`;

describe("targets in the editor", () => {
  it("puts each target's completion after its name, ⚠ when the deviation is beyond the threshold", () => {
    const s = setup(text);
    const hints = s.service.inlayHints(s.uri).filter((h) => h.position.line >= 1 && h.position.line <= 4);
    expect(hints.map((h) => h.label)).toEqual(["完成 136.67% ⚠", "逾期15天", "部分达成", "完成 66.67%"]);
    expect(hints[0]!.position).toEqual(positionOf(text, `"新增云主机数量"`, `"新增云主机数量"`.length));
    expect(hints[0]!.tooltip).toBe("是否完成: 是\n偏差: 36.67%\n偏差超过阈值：目标设定不合理");
    expect(hints[1]!.tooltip).toBe("是否完成: 否\n偏差: 15天");
  });

  it("hovers a target's name in the scoring method with its values, met and deviation", () => {
    const s = setup(text);
    const h = s.service.hover(s.uri, positionOf(text, "[云主机", 1));
    const value = (h?.contents as { value: string }).value;
    expect(value).toContain("**新增云主机数量** · 绩效目标");
    expect(value).toContain("≥1200 台 → 1640 台 · 完成 136.67% ⚠");
    expect(value).toContain("- 偏差: 36.67%");
  });
});

describe("target completion", () => {
  const base = `fact 台数 = 1640 台\ntarget vm { expect >= 1200 台; actual 台数 }\ntarget r { expect "x"; tier met }\n`;
  it("offers the classes after class, the tiers after tier, facts after actual", () => {
    expectCompletion(`${base}target n { class <|> }`, { exactly: ["数量", "质量", "时效", "成本", "效益", "满意度"] });
    expectCompletion(`${base}target n { expect "x"; tier <|> }`, { exactly: ["met", "partial", "unmet"] });
    expectCompletion(`${base}target n { expect >= 1 台; actual 台<|> }`, { includes: ["台数"] });
  });
  it("offers targets inside targets [ … ] and the target's clauses in its block", () => {
    expectCompletion(`${base}indicator a weight 1 { targets [vm, <|>] }`, { exactly: ["vm", "r"] });
    expectCompletion(`${base}target n { <|> }`, { includes: ["class", "expect", "actual", "tier", "reason", "deviation"] });
  });
});
