import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogue } from "@perf/language";
import { describe, expect, it } from "vitest";
import { analyzeText, EvaluationResultSchema } from "../src/index.js";

/**
 * One small file per diagnostic code, in test/cases/diagnostics/CODE-name.perf. Its first
 * lines say what it must produce: `// expect: PERF010 3:28` (1-based line:column). The file
 * must produce exactly those diagnostics and nothing else.
 */
const dir = join(import.meta.dirname, "cases", "diagnostics");
const files = readdirSync(dir).filter((f) => f.endsWith(".perf")).sort();

describe("every diagnostic code has a triggering file", () => {
  it("covers the whole catalogue", () => {
    const covered = new Set(files.map((f) => f.slice(0, 7)));
    // PERF009 is reported by `perf fmt` when a layout would change content; its tests are the printer's.
    // PERF120–PERF122 are `perf render` refusing a docx/xlsx over a size limit; their tests are the renderer's.
    // PERF150–PERF155 are references in a narrative (NAME.report.md), checked by @perf/render's
    // resolveNarrative (from `perf check` and `perf render`); their cases are render/test/cases/narrative.
    const notFromCheck = new Set(["PERF009", "PERF120", "PERF121", "PERF122", "PERF150", "PERF151", "PERF152", "PERF153", "PERF154", "PERF155"]);
    expect([...Object.keys(catalogue)].filter((c) => !covered.has(c) && !notFromCheck.has(c))).toEqual([]);
  });

  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(dir, file), "utf8");
      const expected = [...text.matchAll(/^\/\/ expect: (PERF\d{3}) (\d+):(\d+)$/gm)].map((m) => `${m[1]} ${m[2]}:${m[3]}`);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected[0]!.slice(0, 7)).toBe(file.slice(0, 7));
      const { result } = analyzeText(text, file);
      const actual = result.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`);
      expect(actual).toEqual(expected);
      // every message is written out, in both languages
      const en = analyzeText(text, file, { locale: "en" }).result.diagnostics;
      for (const [i, d] of result.diagnostics.entries()) {
        expect(d.message).toMatch(/[\u4e00-\u9fff]/);
        expect(en[i]!.message).not.toBe(d.message);
        expect(en[i]!.message).toMatch(/[a-z]{3}/);
        expect(en[i]!.code).toBe(d.code);
      }
      expect(() => EvaluationResultSchema.parse(result)).not.toThrow();
    });
  }

  it("strict mode makes an unscored leaf an error", () => {
    const text = readFileSync(join(dir, "PERF030-unscored-leaf.perf"), "utf8");
    expect(analyzeText(text).result.diagnostics[0]!.severity).toBe("warning");
    expect(analyzeText(text, "x.perf", { strict: true }).result.diagnostics[0]!.severity).toBe("error");
  });
});

describe("docs/diagnostics.md", () => {
  it("is generated from the catalogue and the cases", async () => {
    const { diagnosticsDoc } = await import("./diagnostics-doc.js");
    const { existsSync, writeFileSync } = await import("node:fs");
    const docPath = join(import.meta.dirname, "..", "..", "..", "docs", "diagnostics.md");
    const doc = diagnosticsDoc(dir);
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(docPath)) writeFileSync(docPath, doc);
    expect(readFileSync(docPath, "utf8")).toBe(doc);
  });
});
