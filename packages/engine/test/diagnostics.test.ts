import { readFileSync } from "node:fs";
import { join } from "node:path";
import { catalogue, diagnosticText } from "@perf/language";
import { describe, expect, it } from "vitest";
import { analyzeText, EvaluationResultSchema, type AnalyzeOptions } from "../src/index.js";
import { analyzeCase as analyzeFolderCase, caseFiles } from "./case-files.js";

/**
 * One small file per diagnostic code, in test/cases/diagnostics/CODE-name.perf. Its first
 * lines say what it must produce: `// expect: PERF010 3:28` (1-based line:column). The file
 * must produce exactly those diagnostics and nothing else. A code about several files (`use`)
 * has a folder instead: its `main.perf` is the entry, the folder the workspace root, and an
 * expectation in another file names it (`// expect: PERF161 other.perf 2:18`).
 */
const dir = join(import.meta.dirname, "cases", "diagnostics");
/** Codes `analyze` does not raise, so `perf check` never prints them. */
const notFromCheck = new Set([
  // Reported by `perf fmt` when a layout would change content; its tests are the printer's.
  "PERF009",
  // Reading and writing files (bytes and paths, not text): the CLI's and source-text's tests.
  "PERF110",
  "PERF111",
  "PERF112",
  "PERF113",
  "PERF114",
  "PERF115",
  "PERF116",
  // `perf render` refusing a docx/xlsx over a limit: the renderer's tests.
  "PERF120",
  "PERF121",
  "PERF122",
  // References in a narrative (NAME.report.md), checked by @perf/render's resolveNarrative from
  // `perf check` and `perf render`; their cases are packages/render/test/cases/narrative.
  "PERF150",
  "PERF151",
  "PERF152",
  "PERF153",
  "PERF154",
  "PERF155",
  // Raised by the language server for now (packages/server/test/document-links.test.ts runs its case
  // file); the lead moves it into the engine's checks after the engine split.
  "PERF125",
  // The language server's refusals of a file it does not analyze (over perf.maxFileSize, not a
  // regular file): they come from the file's metadata or bytes, not from its text, so
  // they have no case file; packages/server/test/hostile-files.test.ts and file-system.test.ts test them.
  "PERF126",
  "PERF127",
  // The language server's last resort when an analysis throws (a bug): no text should trigger it.
  "PERF129",
  // Related information only: the rows a printed-total mismatch lists (PERF207/PERF208 cases show it).
  "PERF209",
]);
const files = caseFiles(dir).filter((f) => !notFromCheck.has(f.slice(0, 7)));
const analyzeCase = (file: string, options: AnalyzeOptions = {}) => analyzeFolderCase(dir, file, options);

describe("every diagnostic code has a triggering file", () => {
  it("covers the whole catalogue", () => {
    const covered = new Set(files.map((f) => f.slice(0, 7)));
    expect([...Object.keys(catalogue)].filter((c) => !covered.has(c) && !notFromCheck.has(c))).toEqual([]);
  });

  for (const file of files) {
    it(file, () => {
      const { text, analysis } = analyzeCase(file);
      const expected = [...text.matchAll(/^\/\/ expect: (PERF\d{3}) (?:(\S+\.perf) )?(\d+):(\d+)$/gm)].map((m) => `${m[1]} ${m[2] ? m[2] + " " : ""}${m[3]}:${m[4]}`);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected[0]!.slice(0, 7)).toBe(file.slice(0, 7));
      const { result } = analysis;
      const other = (uri: string) => (uri.endsWith("/main.perf") || uri === file ? "" : uri.replace(/^.*\//, "") + " ");
      const actual = result.diagnostics.map((d) => `${d.code} ${other(d.uri)}${d.range.start.line + 1}:${d.range.start.character + 1}`);
      expect(actual).toEqual(expected);
      // every message is written out, in both languages, at the edge; the result is the same in both
      expect(JSON.stringify(analyzeCase(file, { locale: "en" }).analysis.result)).toBe(JSON.stringify(result));
      for (const d of result.diagnostics) {
        const zh = diagnosticText(d, "zh").message;
        const en = diagnosticText(d, "en").message;
        expect(zh).toMatch(/[\u4e00-\u9fff]/);
        expect(en).not.toBe(zh);
        expect(en).toMatch(/[a-z]{3}/);
        expect(zh).not.toMatch(/undefined/);
        expect(en).not.toMatch(/undefined/);
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
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(docPath, doc);
    // a missing file fails, as a golden does: the test does not write it and pass
    expect(existsSync(docPath), `${docPath} is missing: run UPDATE_GOLDEN=1 pnpm test and review it`).toBe(true);
    expect(readFileSync(docPath, "utf8")).toBe(doc);
  });
});
