import { analyze } from "@perf/engine";
import { diagnosticText } from "@perf/language";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DiagnosticSeverity, DiagnosticTag } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { AnalysisScheduler, MAX_QUIET_MS, quietTime } from "../src/scheduler.js";
import { PerfLanguageService } from "../src/service.js";
import { defaultSettings, readSettings } from "../src/settings.js";
import { canonicalUri } from "../src/workspace.js";
import { edit, memoryFileSystem, problems, setup, yongzhouText, yongzhouUri } from "./helpers.js";

describe("diagnostics", () => {
  it("are perf check's: same codes, messages and hints, source perf", () => {
    const text = `evaluation "x" { total 100 }\nfact 无用 = 1\nindicator a weight 60 { ratio g }\n`;
    const s = setup(text);
    const expected = analyze([{ uri: s.uri, text }]).result.diagnostics;
    const got = s.service.diagnostics(s.uri);
    expect(got.map((d) => d.code)).toEqual(expected.map((d) => d.code));
    expect(got.map((d) => d.message)).toEqual(expected.map((d) => Object.values(diagnosticText(d, "zh")).join("\n")));
    expect(new Set(got.map((d) => d.source))).toEqual(new Set(["perf"]));
    expect(got.find((d) => d.code === "PERF080")).toMatchObject({ severity: DiagnosticSeverity.Warning, tags: [DiagnosticTag.Unnecessary] });
    expect(got.find((d) => d.code === "PERF011")!.data).toEqual({ sum: "60" });
  });

  it("are none for the 永州 example", () => {
    const s = setup(yongzhouText, { uri: yongzhouUri });
    expect(problems(s.service.diagnostics(s.uri))).toEqual([]);
    expect(s.service.diagnostics(s.uri).map((d) => [d.code, d.severity, d.range.start.line + 1])).toEqual([
      ["PERF220", 3, 50],
      ["PERF220", 3, 51],
    ]);
    expect(s.service.result(s.uri)).toMatchObject({ total: { score: "82.46" }, grade: { name: "良" } });
  });

  it("follow perf.language and perf.strict", () => {
    const text = "indicator a weight 100 {}\n";
    const zh = setup(text);
    expect(zh.service.diagnostics(zh.uri)[0]).toMatchObject({ code: "PERF030", message: expect.stringContaining("末级指标「a」没有评分方法") });
    const en = setup(text, { settings: { locale: "en" } });
    expect(en.service.diagnostics(en.uri)[0]).toMatchObject({ code: "PERF030", severity: DiagnosticSeverity.Warning, message: expect.stringContaining("leaf indicator 'a' has no scoring method") });
    const strict = setup(text, { settings: { strict: true } });
    expect(strict.service.diagnostics(strict.uri)[0]).toMatchObject({ code: "PERF030", severity: DiagnosticSeverity.Error, message: expect.stringContaining("没有评分方法") });
  });
});

describe("settings", () => {
  it("reads every shape a client sends", () => {
    const cap = defaultSettings.maxFileBytes;
    expect(readSettings({ language: "en", strict: true })).toEqual({ locale: "en", strict: true, maxFileBytes: cap });
    expect(readSettings({ perf: { language: "en" } })).toEqual({ locale: "en", strict: false, maxFileBytes: cap });
    expect(readSettings({ "perf.strict": true })).toEqual({ locale: "zh", strict: true, maxFileBytes: cap });
    expect(readSettings({ language: "fr", strict: "yes" }, { locale: "en", strict: true, maxFileBytes: 5 })).toEqual({ locale: "en", strict: true, maxFileBytes: 5 });
    expect(readSettings(null)).toEqual({ locale: "zh", strict: false, maxFileBytes: cap });
  });

  it("reads perf.maxFileSize in MiB, within bounds", () => {
    expect(defaultSettings.maxFileBytes).toBe(64 * 1024 * 1024);
    expect(readSettings({ "perf.maxFileSize": 20 }).maxFileBytes).toBe(20 * 1024 * 1024);
    expect(readSettings({ perf: { maxFileSize: 100_000 } }).maxFileBytes).toBe(512 * 1024 * 1024);
    for (const bad of [0, -1, "64", Number.NaN, Number.POSITIVE_INFINITY]) expect(readSettings({ maxFileSize: bad }).maxFileBytes).toBe(defaultSettings.maxFileBytes);
  });
});

describe("document store", () => {
  it("caches the analysis per version and recomputes after an edit", () => {
    const s = setup("indicator a weight 100 { score 90 }\n");
    const first = s.service.ws.analysisFor(s.uri);
    expect(s.service.ws.analysisFor(s.uri)).toBe(first);
    edit(s, [{ range: { start: { line: 0, character: 31 }, end: { line: 0, character: 33 } }, newText: "80" }]);
    const second = s.service.ws.analysisFor(s.uri)!;
    expect(second).not.toBe(first);
    expect(second.analysis.result.total.score).toBe("80");
    expect(s.service.ws.cachedAnalysis(s.service.ws.groupOf(s.uri))).toBe(second);
  });

  it("invalidates on a settings change", () => {
    const s = setup("indicator a weight 100 {}\n");
    const first = s.service.ws.analysisFor(s.uri);
    s.service.ws.setSettings({ ...s.service.ws.settings, locale: "en" });
    expect(s.service.ws.analysisFor(s.uri)).not.toBe(first);
  });

  it("reads closed workspace files from the file system and forgets them when deleted", () => {
    const files: Record<string, string> = { "file:///ws/a.perf": "indicator a weight 100 { score 70 }\n" };
    const service = new PerfLanguageService(memoryFileSystem(files));
    expect(service.ws.addFolder("file:///ws/")).toBe(1);
    expect(service.result("file:///ws/a.perf")?.total.score).toBe("70");
    files["file:///ws/a.perf"] = "indicator a weight 100 { score 75 }\n";
    service.ws.diskChanged("file:///ws/a.perf", false);
    expect(service.result("file:///ws/a.perf")?.total.score).toBe("75");
    // The editor's text wins over the disk's while the file is open.
    service.ws.open(TextDocument.create("file:///ws/a.perf", "perf", 3, "indicator a weight 100 { score 60 }\n"));
    expect(service.result("file:///ws/a.perf")?.total.score).toBe("60");
    service.ws.close("file:///ws/a.perf");
    expect(service.result("file:///ws/a.perf")?.total.score).toBe("75");
    delete files["file:///ws/a.perf"];
    service.ws.diskChanged("file:///ws/a.perf", true);
    expect(service.ws.knownUris()).toEqual([]);
  });

  it("forgets a removed folder's closed files", () => {
    const files = { "file:///ws/a/x.perf": "fact x = 1\n", "file:///ws/b/y.perf": "fact y = 1\n" };
    const service = new PerfLanguageService(memoryFileSystem(files));
    service.ws.addFolder("file:///ws/a");
    service.ws.addFolder("file:///ws/b");
    service.ws.open(TextDocument.create("file:///ws/a/open.perf", "perf", 1, "fact z = 1\n"));
    service.ws.removeFolder("file:///ws/a");
    expect(service.ws.knownUris().sort()).toEqual(["file:///ws/a/open.perf", "file:///ws/b/y.perf"]);
  });

  it("treats the client's and its own spelling of a file URI as one file", () => {
    expect(canonicalUri("file:///ws/%E6%B0%B8%E5%B7%9E.perf")).toBe(canonicalUri("file:///ws/永州.perf"));
  });

  it("survives input that is not a .perf file at all", () => {
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString("latin1");
    for (const text of [binary, '"unterminated', "/* open", "indicator", "{{{{}}}}", "\u0000\uFFFD\uD800"]) {
      const s = setup(text);
      expect(() => {
        s.service.diagnostics(s.uri);
        s.service.semanticTokens(s.uri);
        s.service.documentSymbols(s.uri);
        s.service.foldingRanges(s.uri);
        s.service.completion(s.uri, { line: 0, character: 3 });
        s.service.hover(s.uri, { line: 0, character: 1 });
        s.service.inlayHints(s.uri);
        s.service.codeLenses(s.uri);
        s.service.formatting(s.uri);
      }).not.toThrow();
    }
  });
});

describe("scheduler", () => {
  afterEach(() => vi.useRealTimers());

  it("runs once after a burst of edits, and not at all when cancelled", () => {
    vi.useFakeTimers();
    const runs: string[] = [];
    const scheduler = new AnalysisScheduler((g) => runs.push(g));
    for (let i = 0; i < 200; i++) {
      scheduler.schedule("a", 150);
      vi.advanceTimersByTime(10);
    }
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(runs).toEqual(["a"]);
    scheduler.schedule("b", 150);
    scheduler.cancel("b");
    vi.advanceTimersByTime(1000);
    expect(runs).toEqual(["a"]);
    expect(scheduler.pending).toBe(0);
  });

  it("waits as long as a large document's last analysis took (bounded) before analyzing it again", () => {
    expect(quietTime(150, false, 1300)).toBe(150);
    expect(quietTime(150, true, undefined)).toBe(150);
    expect(quietTime(150, true, 40)).toBe(150);
    expect(quietTime(150, true, 1300.4)).toBe(1300);
    expect(quietTime(150, true, 60_000)).toBe(MAX_QUIET_MS);
  });

  it("reports a failing run instead of throwing from the timer", () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    const scheduler = new AnalysisScheduler(() => {
      throw new Error("boom");
    }, (e) => errors.push(e));
    scheduler.schedule("a", 0);
    vi.advanceTimersByTime(1);
    expect(errors).toHaveLength(1);
  });
});
