// Every snippet, expanded with its default placeholders, is valid .perf: it parses without a
// syntax diagnostic, and the declaration snippets put together form an evaluation that
// `analyze` accepts with no error.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "@perf/language";
import { analyzeText } from "@perf/engine";

interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}

const snippets: Record<string, Snippet> = JSON.parse(
  readFileSync(fileURLToPath(new URL("../snippets/perf.json", import.meta.url)), "utf8"),
);
const manifest = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8"));

/** What VS Code inserts when the user accepts every default: `${1:x}` → x, `${1|a,b|}` → a, `$0` → "". */
function expand(body: string[]): string {
  return body
    .join("\n")
    .replace(/\$\{\d+:([^}]*)\}/g, "$1")
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, "$1")
    .replace(/\$\d+/g, "");
}

describe("snippets", () => {
  it("are contributed for the perf language", () => {
    expect(manifest.contributes.snippets).toEqual([{ language: "perf", path: "./snippets/perf.json" }]);
  });

  for (const [name, s] of Object.entries(snippets)) {
    it(`${name} parses`, () => {
      const { diagnostics } = parse(expand(s.body), `${name}.perf`);
      expect(diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`)).toEqual([]);
    });
  }

  it("together form an evaluation with no error", () => {
    const text = [
      expand(snippets["evaluation"]!.body),
      "fact 实际支出 = 90 万元",
      "fact 到位资金 = 100 万元",
      "fact 设备使用率 = 96%",
      "survey survey1 \"甲\" { satisfaction 95% respondents 100 }",
      "survey survey2 \"乙\" { satisfaction 91% respondents 100 }",
      // 2 + 2 + 2 + 6 + 4 + 10 + (74 more as a fixed score) = 100
      ...["indicator-leaf-score", "indicator-leaf-deduct", "indicator-leaf-ratio", "indicator-leaf-per-finding", "indicator-leaf-bands", "indicator-leaf-satisfaction"].map(
        (k, i) => expand(snippets[k]!.body).replace(/^indicator (\S+)/, `indicator $1_${i}`),
      ),
      "indicator 其余 weight 74 { score 74 }",
      expand(snippets["finding"]!.body).replace(" on 制度执行有效性", " on 制度执行有效性_3"),
      expand(snippets["veto"]!.body),
    ].join("\n");
    const { result } = analyzeText(text, "all.perf");
    expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.range.start.line + 1}`)).toEqual([]);
    expect(Number(result.total.score)).toBeGreaterThan(90);
  });
});
