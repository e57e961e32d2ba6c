import { describe, expect, it } from "vitest";
import { SymbolKind } from "vscode-languageserver";
import { semanticTokensLegend } from "../src/features/semantic-tokens.js";
import { positionOf, setup } from "./helpers.js";
import { small } from "./fixtures.js";

describe("symbols", () => {
  it("outlines the header, facts, surveys, the indicator tree and findings", () => {
    const s = setup(small);
    const symbols = s.service.documentSymbols(s.uri);
    expect(symbols.map((x) => [x.name, x.kind, x.detail])).toEqual([
      ["示例项目", SymbolKind.Module, "8.5 · 良"],
      ["到位资金", SymbolKind.Constant, "100 万元"],
      ["实际支出", SymbolKind.Constant, "95 万元"],
      ["公众", SymbolKind.Struct, "社会公众"],
      ["过程 项目过程", SymbolKind.Class, "4.9 / 6"],
      ["公众满意度", SymbolKind.Class, "3.6 / 4"],
      ["采购不规范", SymbolKind.Event, "政府采购管理不规范"],
    ]);
    expect(symbols[4]!.children!.map((c) => [c.name, c.detail])).toEqual([
      ["预算执行率", "1.9 / 2"],
      ["制度执行", "3 / 4"],
    ]);
    expect(symbols[4]!.selectionRange.start).toEqual(positionOf(small, "过程 "));
  });

  it("finds symbols across the workspace's files, fuzzily", () => {
    const s = setup(small, { files: { "file:///ws/other.perf": "fact 预算金额 = 1\nindicator 预算编制 weight 100 { score 100 }\n" } });
    const found = s.service.workspaceSymbols("预算");
    expect(found.map((x) => [x.name, x.location.uri]).sort()).toEqual([
      ["预算执行率", s.uri],
      ["预算编制", "file:///ws/other.perf"],
      ["预算金额", "file:///ws/other.perf"],
    ].sort());
    expect(s.service.workspaceSymbols("预执率").map((x) => x.name)).toEqual(["预算执行率"]);
    expect(found.find((x) => x.name === "预算执行率")!.containerName).toBe("过程");
  });
});

describe("folding and selection", () => {
  it("folds blocks (keeping the closing brace), multi-line strings and comment runs", () => {
    const text = `// a\n// b\nindicator x weight 100 {\n  explain "one\ntwo"\n  indicator y weight 100 {\n    score 1\n  }\n}\n`;
    const s = setup(text);
    const folds = s.service.foldingRanges(s.uri).map((f) => [f.startLine, f.endLine, f.kind ?? ""]);
    expect(folds.sort()).toEqual([[0, 1, "comment"], [2, 7, ""], [3, 4, ""], [5, 6, ""]].sort());
  });

  it("expands the selection from a name to its clause, declaration and file", () => {
    const s = setup(small);
    const [sel] = s.service.selectionRanges(s.uri, [positionOf(small, "实际支出 / 到位资金", 1)]);
    const chain: string[] = [];
    for (let r: typeof sel | undefined = sel; r; r = r.parent) chain.push(s.doc.getText(r.range));
    expect(chain[0]).toBe("实际支出");
    expect(chain).toContain("实际支出 / 到位资金");
    expect(chain).toContain("ratio 实际支出 / 到位资金");
    expect(chain.some((c) => c.startsWith("indicator 预算执行率") && c.endsWith("}"))).toBe(true);
    expect(chain.some((c) => c.startsWith("indicator 过程"))).toBe(true);
    expect(chain[chain.length - 1]).toBe(small);
  });
});

describe("semantic tokens", () => {
  function decode(data: number[], text: string) {
    const lines = text.split("\n");
    const out: [string, string, string[]][] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      char = data[i] ? data[i + 1]! : char + data[i + 1]!;
      const mods = semanticTokensLegend.tokenModifiers.filter((_, b) => data[i + 4]! & (1 << b));
      out.push([lines[line]!.slice(char, char + data[i + 2]!), semanticTokensLegend.tokenTypes[data[i + 3]!]!, mods]);
    }
    return out;
  }

  it("colours keywords, symbols by kind, numbers, units, strings and comments", () => {
    const text = `// 注释\nfact 到位资金 = 100 万元\nindicator 预算执行率 "预算" weight 100 { ratio 到位资金 / 到位资金 }\n`;
    const s = setup(text);
    const tokens = decode(s.service.semanticTokens(s.uri).data, text);
    expect(tokens).toEqual([
      ["// 注释", "comment", []],
      ["fact", "keyword", []],
      ["到位资金", "variable", ["declaration", "readonly"]],
      ["100", "number", []],
      ["万元", "type", []],
      ["indicator", "keyword", []],
      ["预算执行率", "class", ["declaration"]],
      ['"预算"', "string", []],
      ["weight", "keyword", []],
      ["100", "number", []],
      ["ratio", "keyword", []],
      ["到位资金", "variable", ["readonly"]],
      ["到位资金", "variable", ["readonly"]],
    ]);
  });

  it("colours a string with no closing quote as a string, and a date not at all", () => {
    const text = `fact 开工 = 2023-01-05\nindicator a weight 100 { note "未闭合\n}\n`;
    const s = setup(text);
    expect(decode(s.service.semanticTokens(s.uri).data, text)).toEqual([
      ["fact", "keyword", []],
      ["开工", "variable", ["declaration", "readonly"]],
      ["indicator", "keyword", []],
      ["a", "class", ["declaration"]],
      ["weight", "keyword", []],
      ["100", "number", []],
      ["note", "keyword", []],
      ['"未闭合', "string", []],
    ]);
  });

  it("splits a token spanning lines", () => {
    const text = `/* a\nbc */\n`;
    const s = setup(text);
    expect(decode(s.service.semanticTokens(s.uri).data, text)).toEqual([
      ["/* a", "comment", []],
      ["bc */", "comment", []],
    ]);
  });
});

describe("document links", () => {
  it("links evidence paths relative to the document", () => {
    const text = `indicator a weight 100 { score 100 evidence "evidence/合同 1.pdf" }\nfinding f { evidence "../other/x.pdf" evidence "https://example.org/y" }\n`;
    const s = setup(text, { uri: "file:///ws/eval/a.perf", files: {} });
    const links = s.service.documentLinks(s.uri);
    expect(links.map((l) => l.target)).toEqual(["file:///ws/eval/evidence/%E5%90%88%E5%90%8C%201.pdf", "file:///ws/other/x.pdf"]);
    expect(s.doc.getText(links[0]!.range)).toBe("evidence/合同 1.pdf");
  });
});
