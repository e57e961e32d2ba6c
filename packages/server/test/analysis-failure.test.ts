import { analyzeLoaded as realAnalyzeLoaded } from "@perf/engine";
import { describe, expect, it, vi } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { PerfLanguageService } from "../src/service.js";
import { edit, memoryFileSystem, setup } from "./helpers.js";

const calls = vi.hoisted(() => ({ n: 0 }));

// An engine that throws on a marker, as the parser did on 400 nested parentheses.
vi.mock("@perf/engine", async (importOriginal) => {
  const engine = await importOriginal<typeof import("@perf/engine")>();
  return {
    ...engine,
    analyzeLoaded: (loaded: Parameters<typeof realAnalyzeLoaded>[0], options: Parameters<typeof realAnalyzeLoaded>[1]) => {
      calls.n++;
      if (loaded.documents.some((d) => d.text.includes("BOOM"))) throw new RangeError("Maximum call stack size exceeded");
      return engine.analyzeLoaded(loaded, options);
    },
  };
});

describe("an analysis that throws", () => {
  it("shows PERF129 instead of the diagnostics of the older text, and is not retried until the text changes", () => {
    const s = setup("indicator a weight 100 {}\n");
    expect(s.service.diagnostics(s.uri).map((d) => d.code)).toEqual(["PERF030"]);
    edit(s, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "// BOOM\n" }]);
    const before = calls.n;
    expect(s.service.diagnostics(s.uri)).toEqual([
      expect.objectContaining({ code: "PERF129", severity: 1, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: expect.stringMatching(/^语言服务器未能分析此文件（RangeError: Maximum call stack size exceeded）/) }),
    ]);
    // Requests on the same text answer without analyzing it again.
    expect(s.service.hover(s.uri, { line: 1, character: 11 })).toBeNull();
    expect(s.service.inlayHints(s.uri)).toEqual([]);
    expect(calls.n).toBe(before + 1);
    expect(() => s.service.result(s.uri)).toThrow(/^PERF129: /);
    edit(s, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: "" }]);
    expect(s.service.diagnostics(s.uri).map((d) => d.code)).toEqual(["PERF030"]);
  });

  it("marks a closed workspace file until it changes on disk", () => {
    const files: Record<string, string> = { "file:///ws/a.perf": "// BOOM\n" };
    const service = new PerfLanguageService(memoryFileSystem(files));
    service.ws.addFolder("file:///ws/");
    expect(() => service.result("file:///ws/a.perf")).toThrow(/^PERF129: /);
    expect(service.ws.takeProblemChanges()).toEqual(["file:///ws/a.perf"]);
    files["file:///ws/a.perf"] = "indicator a weight 100 { score 1 }\n";
    service.ws.diskChanged("file:///ws/a.perf", false);
    expect(service.result("file:///ws/a.perf")?.total.score).toBe("1");
    service.ws.open(TextDocument.create("file:///ws/a.perf", "perf", 2, "indicator a weight 100 { score 2 }\n"));
    expect(service.result("file:///ws/a.perf")?.total.score).toBe("2");
  });
});
