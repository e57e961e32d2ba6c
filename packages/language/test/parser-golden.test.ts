import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnosticText, parse } from "../src/index.js";
import { compact, rangeText } from "./helpers.js";

/**
 * Golden files: test/cases/parser/NAME.perf → NAME.expected.json (AST with compact ranges
 * and the syntax diagnostics). Regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
const dir = join(import.meta.dirname, "cases", "parser");
const update = process.env.UPDATE_GOLDEN === "1";

describe("parser golden files", () => {
  const cases = readdirSync(dir).filter((f) => f.endsWith(".perf")).sort();
  it("has cases", () => expect(cases.length).toBeGreaterThan(5));
  for (const file of cases) {
    it(file, () => {
      const text = readFileSync(join(dir, file), "utf8");
      const { ast, diagnostics } = parse(text, file);
      const actual = {
        declarations: compact(ast.declarations),
        comments: compact(ast.comments),
        diagnostics: diagnostics.map((d) => `${d.code} ${rangeText(d.range)} ${diagnosticText(d).message}`),
      };
      const expectedPath = join(dir, file.replace(/\.perf$/, ".expected.json"));
      const serialized = JSON.stringify(actual, null, 2) + "\n";
      if (update || !existsSync(expectedPath)) {
        if (!update) throw new Error(`no golden file for ${file}; run with UPDATE_GOLDEN=1 and review it`);
        writeFileSync(expectedPath, serialized);
      }
      expect(serialized).toBe(readFileSync(expectedPath, "utf8"));
    });
  }
});
