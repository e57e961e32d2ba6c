// Tokenizes a sample with the real TextMate engine VS Code uses (vscode-textmate +
// vscode-oniguruma's wasm, shipped in the npm package) and compares with a reviewed snapshot.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";
import { beforeAll, describe, expect, it } from "vitest";
import { keywordSpellings } from "@perf/language";

const require = createRequire(import.meta.url);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const grammarPath = here("../syntaxes/perf.tmLanguage.json");

let grammar: textmate.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === "source.perf" ? textmate.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null),
  });
  grammar = (await registry.loadGrammar("source.perf"))!;
});

interface Token {
  text: string;
  scope: string;
}

/** Tokens of each line, with the innermost scope below source.perf ("" for plain text). */
function tokenize(text: string): Token[][] {
  let state = textmate.INITIAL;
  return text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scope: t.scopes.slice(1).join(" ") }));
  });
}

function scopeOf(line: string, word: string): string {
  const token = tokenize(line)[0]!.find((t) => t.text === word);
  if (!token) throw new Error(`no token "${word}" in ${JSON.stringify(tokenize(line)[0])}`);
  return token.scope;
}

describe("perf TextMate grammar", () => {
  it("is up to date with keywordSpellings (generate-grammar --check)", () => {
    expect(() => execFileSync(process.execPath, [here("../scripts/generate-grammar.mjs"), "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("tokenizes the sample like the reviewed snapshot", async () => {
    const sample = readFileSync(here("fixtures/sample.perf"), "utf8");
    const listing = tokenize(sample)
      .map((tokens, i) => tokens.filter((t) => t.text.trim() !== "" || t.scope !== "").map((t) => `${i + 1}\t${JSON.stringify(t.text)}\t${t.scope}`).join("\n"))
      .filter(Boolean)
      .join("\n");
    await expect(listing + "\n").toMatchFileSnapshot("__snapshots__/sample.perf.tokens");
  });

  it("highlights every keyword in both spellings", () => {
    for (const [name, spellings] of Object.entries(keywordSpellings)) {
      for (const word of spellings) {
        expect(scopeOf(`x ${word} y`, word), `${name} "${word}"`).toMatch(/^(storage\.type|keyword\.|constant\.language)/);
      }
    }
  });

  it("does not highlight a keyword inside a longer identifier", () => {
    expect(scopeOf("on 项目立项", "项目立项")).toBe("variable.other.perf");
    expect(scopeOf("on periodic", "periodic")).toBe("variable.other.perf");
    expect(scopeOf("  指标解释 \"x\"", "指标解释")).toBe("keyword.other.perf");
    // `finding` here starts no declaration: `deduct` stays a keyword.
    expect(scopeOf("per finding deduct 0.2", "deduct")).toBe("keyword.control.perf");
  });

  it("scopes declared names, numbers with units and percentages", () => {
    expect(scopeOf("指标 项目立项 分值 6", "项目立项")).toBe("entity.name.type.indicator.perf");
    expect(scopeOf("fact 到位资金 = 5412.69 万元", "万元")).toBe("support.constant.unit.perf");
    expect(scopeOf("fact 实际支出 = 5191.10万元", "5191.10")).toBe("constant.numeric.decimal.perf");
    expect(scopeOf("satisfaction 96.92%", "%")).toBe("constant.numeric.percent.perf");
    expect(scopeOf("indicator 指标2 weight 2", "指标2")).toBe("entity.name.type.indicator.perf");
  });
});
