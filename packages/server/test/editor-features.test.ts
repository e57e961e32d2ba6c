import { describe, expect, it } from "vitest";
import { ResponseError } from "vscode-languageserver";
import { applyWorkspaceEdit, expectCompletion, expectDefinition, expectReferences, positionOf, setup, yongzhouText } from "./helpers.js";
import { small, smallZh } from "./fixtures.js";

describe("inlay hints and code lens", () => {
  it("puts each indicator's score after its weight", () => {
    const s = setup(small);
    const hints = s.service.inlayHints(s.uri);
    expect(hints.map((h) => h.label)).toEqual(["4.9 / 6", "1.9 / 2", "3 / 4", "3.6 / 4"]);
    // Right after the number of `weight 2`.
    expect(hints[1]!.position).toEqual(positionOf(small, "weight 2", "weight 2".length));
  });

  it("only returns hints in the requested range", () => {
    const s = setup(small);
    const line = positionOf(small, "indicator 制度执行").line;
    expect(s.service.inlayHints(s.uri, { start: { line, character: 0 }, end: { line, character: 99 } }).map((h) => h.label)).toEqual(["3 / 4"]);
  });

  it("marks unscored leaves", () => {
    const s = setup("indicator a weight 100 {}\n");
    expect(s.service.inlayHints(s.uri).map((h) => h.label)).toEqual(["未评分 / 100"]);
  });

  it("shows 预算执行率 as 1.92 / 2 and the 永州 total 82.46 · 良 on the header", () => {
    const s = setup(yongzhouText);
    const line = positionOf(yongzhouText, "indicator 预算执行率").line;
    expect(s.service.inlayHints(s.uri).find((h) => h.position.line === line)?.label).toBe("1.92 / 2");
    const lenses = s.service.codeLenses(s.uri);
    expect(lenses.map((l) => l.command?.title)).toEqual(["82.46 · 良"]);
    expect(lenses[0]!.range.start).toEqual(positionOf(yongzhouText, "evaluation "));
  });

  it("runs the client's command from the lens when it names one", () => {
    const s = setup(small);
    expect(s.service.codeLenses(s.uri)[0]!.command).toEqual({ title: "8.5 · 良", command: "" });
    s.service.codeLensCommand = "perf.preview";
    expect(s.service.codeLenses(s.uri)[0]!.command).toEqual({ title: "8.5 · 良", command: "perf.preview", arguments: [s.uri] });
  });

  it("puts the lens on the first root when there is no header", () => {
    const s = setup("// x\nindicator a weight 60 { score 50 }\nindicator b weight 40 { score 40 }\n");
    const lenses = s.service.codeLenses(s.uri);
    expect(lenses.map((l) => [l.command?.title, l.range.start.line])).toEqual([["90 · 优", 1]]);
  });
});

describe("completion", () => {
  it("offers top-level keywords in the file's spelling", () => {
    expectCompletion(small + "<|>", { includes: ["indicator", "fact", "finding", "evaluation"], excludes: ["指标", "weight"] });
    expectCompletion(smallZh + "<|>", { includes: ["指标", "数据", "问题"], excludes: ["indicator"] });
  });

  it("offers the keywords the enclosing block takes", () => {
    const labels = expectCompletion(small.replace("{ per finding deduct 0.5 }", "{ <|> }"), { includes: ["ratio", "deduct", "per", "bands", "satisfaction", "declared"], excludes: ["fact", "unit"] });
    expect(labels).not.toContain("evaluation");
    expectCompletion(small.replace('  count 2\n', "  count 2\n  <|>\n"), { includes: ["unit", "type", "issue", "evidence"], excludes: ["weight"] });
    expectCompletion(small.replace("  total 10\n", "  total 10\n  <|>\n"), { includes: ["period", "client", "grades"], excludes: ["indicator"] });
  });

  it("offers indicator ids after on / 关联", () => {
    expectCompletion(small + "finding 新问题 on <|>", { exactly: ["过程", "预算执行率", "制度执行", "公众满意度"] });
    expectCompletion(small + "finding 新问题 on 过程, 预<|>", { includes: ["预算执行率"], excludes: ["到位资金"] });
    expectCompletion(smallZh + "问题 新问题 关联 <|>", { includes: ["制度执行"] });
    const s = setup(small + "finding 新问题 on <|>");
    const sorted = s.service.completion(s.uri, s.cursors[0]!).sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    expect(sorted[0]!.label).toBe("制度执行");
  });

  it("offers facts and surveys in expressions, surveys in satisfaction", () => {
    expectCompletion(small.replace("ratio 实际支出 / 到位资金", "ratio 实际支出 / <|>"), { exactly: ["到位资金", "实际支出", "公众"] });
    expectCompletion(small.replace("satisfaction mean(公众)", "satisfaction mean(<|>)"), { exactly: ["公众"] });
    expectCompletion(small + "indicator x weight 0 { bands 到位资金 { >= <|> } }", { includes: ["实际支出"] });
  });

  it("offers units after a number", () => {
    expectCompletion(small.replace("fact 到位资金 = 100 万元", "fact 到位资金 = 100 <|>"), { includes: ["万元", "个", "项"], excludes: ["indicator"] });
    expectCompletion(small.replace("fact 到位资金 = 100 万元", "fact 到位资金 = 100万<|>"), { includes: ["万元"] });
  });

  it("offers finding types already used anywhere in the workspace", () => {
    const other = 'finding a on x { type "资产管理不规范" }\n';
    const labels = expectCompletion(small.replace('type "政府采购管理不规范"', 'type "<|>"'), { includes: ["资产管理不规范"] }, { files: { "file:///ws/other.perf": other } });
    expect(labels).not.toContain("indicator");
    expectCompletion(small.replace('  count 2\n', "  count 2\n  type <|>\n"), { includes: ['"政府采购管理不规范"'] });
  });

  it("opens on a typed space only where a name must follow", () => {
    const s = setup(small + "finding 新问题 on <|>");
    expect(s.service.completion(s.uri, s.cursors[0]!, " ").map((c) => c.label)).toContain("制度执行");
    const t = setup(small + "indicator 新指标 weight 2 <|>");
    expect(t.service.completion(t.uri, t.cursors[0]!, " ")).toEqual([]);
    expect(t.service.completion(t.uri, t.cursors[0]!).map((c) => c.label)).toContain("万元");
  });

  it("offers nothing inside comments and other strings", () => {
    expectCompletion(small + "// note <|>", { exactly: [] });
    expectCompletion(small.replace('issue "未落实', 'issue "未<|>落实'), { exactly: [] });
    expectCompletion(small.replace('issue "未落实', 'issue "第一行\n第二<|>行\n未落实'), { exactly: [] });
    expectCompletion(small.replace("fact 到位资金", "/* 说明\n  第二<|>行 */\nfact 到位资金"), { exactly: [] });
  });
});

describe("navigation", () => {
  it("goes from a use to the declaration", () => {
    expectDefinition(small.replace("fact 实际支出", "fact <|实际支出|>").replace("ratio 实际支出", "ratio 实<|>际支出"));
    expectDefinition(small.replace("indicator 制度执行", "indicator <|制度执行|>").replace("on 制度执行", "on 制<|>度执行"));
    expectDefinition(small.replace("survey 公众", "survey <|公众|>").replace("mean(公众)", "mean(<|>公众)"));
  });

  it("finds every reference, with or without the declaration", () => {
    expectReferences(small.replace("fact 到位资金", "fact <|到位资<|>金|>").replace("/ 到位资金", "/ <|到位资金|>"));
    expectReferences(small.replace("fact 到位资金", "fact 到位资<|>金").replace("/ 到位资金", "/ <|到位资金|>"), false);
  });

  it("highlights the occurrences in the document", () => {
    const s = setup(small);
    const hs = s.service.documentHighlights(s.uri, positionOf(small, "制度执行", 1));
    expect(hs).toHaveLength(2);
  });

  it("renames a symbol everywhere and keeps the evaluation's scores", () => {
    const s = setup(small);
    const edit = s.service.rename(s.uri, positionOf(small, "到位资金", 1), "到账资金");
    const text = applyWorkspaceEdit(s, edit);
    expect(text.match(/到账资金/g)).toHaveLength(2);
    expect(text).not.toContain("到位资金");
    const again = setup(text);
    expect(again.service.result(again.uri)?.total.score).toBe("8.5");
    expect(s.service.prepareRename(s.uri, positionOf(small, "到位资金", 1))).toEqual({ range: expect.any(Object), placeholder: "到位资金" });
  });

  it("refuses keywords, invalid identifiers and names already taken", () => {
    const s = setup(small);
    const at = positionOf(small, "到位资金", 1);
    const refused = (name: string) => {
      try {
        s.service.rename(s.uri, at, name);
      } catch (e) {
        expect(e).toBeInstanceOf(ResponseError);
        return (e as Error).message;
      }
      throw new Error(`renaming to ${name} was accepted`);
    };
    expect(refused("weight")).toContain("关键字");
    expect(refused("指标")).toContain("关键字");
    expect(refused("grade")).toContain("关键字");
    expect(refused("万元")).toContain("单位");
    expect(refused("2x")).toContain("不是有效的标识符");
    expect(refused("a b")).toContain("不是有效的标识符");
    expect(refused("实际支出")).toContain("已被使用");
    expect(s.service.prepareRename(s.uri, positionOf(small, "weight"))).toBeNull();
  });
});
