import { describe, expect, it } from "vitest";
import { DiagnosticSeverity, DiagnosticTag } from "vscode-languageserver";
import { setup, yongzhouText, yongzhouUri } from "./helpers.js";

describe("diagnostics over LSP are worded in the editor's language, with their consequences", () => {
  it("a mistyped fact: one diagnostic whose related information lists the consequences", () => {
    const s = setup(yongzhouText.replace("ratio 实际支出 / 到位资金", "ratio 实际之出 / 到位资金"), { uri: yongzhouUri });
    // the example's acknowledged 3/8/27 claim stays information, apart from the cascade
    const [d, ...rest] = s.service.diagnostics(s.uri).filter((x) => x.severity !== DiagnosticSeverity.Information);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: "PERF020", severity: DiagnosticSeverity.Error, message: "未定义的数据或调查「实际之出」\n是否指「实际支出」？" });
    expect(d!.relatedInformation!.map((r) => `${r.location.uri === s.uri} ${r.location.range.start.line + 1} ${r.message}`)).toEqual([
      "true 147 [PERF040] 「资金管理」报告得分为 5.92，计算得分为 4",
      "true 144 [PERF040] 「项目过程」报告得分为 12.32，计算得分为 10.4",
      "true 26 [PERF040] 「2023年永州市公共服务信息化运维项目」报告得分为 82.46，计算得分为 80.54",
      "true 56 [PERF220] 核对「评价结论」不成立：总分 82.46，实际为 80.54",
    ]);
  });

  it("an acknowledged audit finding is information with its reason; an unacknowledged one an error", () => {
    const text = `evaluation "t" { total 1 }\nindicator a weight 1 { score 1 }\nassert n "2个一级指标" { indicators level 1 = 2 }`;
    const s = setup(text + ` acknowledged "原文如此"`);
    const [d, ...rest] = s.service.diagnostics(s.uri);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: "PERF220", severity: DiagnosticSeverity.Information, message: "核对「n」不成立：一级指标 2 个，实际为 1（各级指标数：一级 1（称 2）✗）\n已知：原文如此", data: { acknowledged: "原文如此" } });
    const u = setup(text);
    expect(u.service.diagnostics(u.uri)).toMatchObject([{ code: "PERF220", severity: DiagnosticSeverity.Error }]);
  });

  it("English when the editor asks for it; tags come from the catalogue", () => {
    const s = setup("fact 无用 = 1\nindicator a weight 100 { score 100 }", { settings: { locale: "en" } });
    const [d] = s.service.diagnostics(s.uri);
    expect(d).toMatchObject({ code: "PERF080", message: "fact '无用' is never used\nUse it in a ratio or bands, or remove it.", tags: [DiagnosticTag.Unnecessary] });
  });
});
