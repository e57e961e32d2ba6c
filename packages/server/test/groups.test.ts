import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { PerfLanguageService } from "../src/service.js";
import { memoryFileSystem, positionOf } from "./helpers.js";
import { evaluation, framework } from "./subjects-fixture.js";

/**
 * An evaluation and the framework it `use`s, loaded as the engine's project model loads them
 * (decision 0110). Worked by hand: 市数据局 5.5 + 3 = 8.5 良, 市大数据中心 5 + 4 = 9 优.
 */
const f = "file:///ws/eval/framework.perf";
const e = "file:///ws/eval/evaluation.perf";

function project(open: "evaluation" | "both" = "evaluation") {
  const files: Record<string, string> = { [f]: framework, [e]: evaluation };
  const fs = memoryFileSystem(files);
  const service = new PerfLanguageService(fs, () => {});
  const ws = service.ws;
  ws.addFolder("file:///ws/");
  const doc = TextDocument.create(e, "perf", 1, evaluation);
  ws.open(doc);
  const fdoc = TextDocument.create(f, "perf", 1, framework);
  if (open === "both") ws.open(fdoc);
  return { service, ws, doc, fdoc, files };
}

describe("an evaluation and the framework it uses", () => {
  it("scores every subject against the framework's tree, and checks the framework alone as a framework", () => {
    const { service } = project();
    const r = service.result(e)!;
    expect(r.subjects!.map((s) => [s.name, s.total.score, s.grade.name])).toEqual([
      ["市数据局", "8.5", "良"],
      ["市大数据中心", "9", "优"],
    ]);
    expect(r.total.score).toBeNull();
    expect(service.diagnostics(e)).toEqual([]);
    expect(service.diagnostics(f)).toEqual([]);
    expect(service.result(f)!.subjects ?? []).toEqual([]);
  });

  it("jumps from `assess X` in the evaluation into the framework, and finds the references in both files", () => {
    const { service } = project();
    expect(service.definition(e, positionOf(evaluation, "建设", 1))).toEqual([{ uri: f, range: expect.objectContaining({ start: positionOf(framework, "建设") }) }]);
    expect(service.references(e, positionOf(evaluation, "运维", 1)).map((l) => l.uri).sort()).toEqual([e, e, f]);
  });

  it("shows every subject's score in the framework: inlay hints and a hover table", () => {
    const { service } = project("both");
    expect(service.inlayHints(f).map((h) => h.label)).toEqual(["市数据局 5.5 · 市大数据中心 5", "市数据局 3 · 市大数据中心 4"]);
    const hover = service.hover(f, positionOf(framework, "建设"))!.contents as { value: string };
    expect(hover.value).toContain("| 评价对象 | 得分 | 得分率 |");
    expect(hover.value).toContain("| 市数据局 | 5.5 | 91.67% |");
    expect(hover.value).toContain("| 市大数据中心 | 5 | 83.33% |");
    expect(hover.value).toContain("市数据局 扣分:\n- −0.5 验收资料不全");
    // hovering the same indicator from the evaluation shows the same table
    expect((service.hover(e, positionOf(evaluation, "建设", 1))!.contents as { value: string }).value).toContain("| 市大数据中心 | 5 | 83.33% |");
  });

  it("puts one code lens per subject on the evaluation's header", () => {
    const { service } = project();
    expect(service.codeLenses(e).map((l) => l.command?.title)).toEqual(["市数据局 8.5 · 良", "市大数据中心 9 · 优"]);
  });

  it("re-analyzes every evaluation that uses a framework when the framework changes", () => {
    const { service, ws, fdoc } = project("both");
    const before = ws.analysisFor(e);
    expect(ws.dependantGroups(f).sort()).toEqual([e, f].sort());
    TextDocument.update(fdoc, [{ text: framework.replace("weight 6 { judgement }", "weight 5 { judgement }").replace("weight 4 { judgement }", "weight 5 { judgement }") }], 2);
    ws.change(fdoc);
    expect(ws.analysisFor(e)).not.toBe(before);
    // 建设 5 − 0.5 = 4.5, 运维 5 − 1 = 4 → 8.5; 中心 5 − 1 = 4, 运维 score 4 → 8
    expect(service.result(e)!.subjects!.map((s) => s.total.score)).toEqual(["8.5", "8"]);
  });

  it("re-analyzes when the framework changes on disk while closed", () => {
    const { service, ws, files } = project();
    files[f] = framework.replace("优 >= 9", "优 >= 8.5");
    ws.diskChanged(f, false);
    expect(service.result(e)!.subjects!.map((s) => s.grade.name)).toEqual(["优", "优"]);
  });

  it("reports a missing framework at the `use` clause", () => {
    const { service, ws, files } = project();
    delete files[f];
    ws.diskChanged(f, true);
    const ds = service.diagnostics(e);
    expect(ds[0]).toMatchObject({ code: "PERF160", range: { start: { line: 1, character: 2 } }, message: expect.stringMatching(/^无法读取引用的文件「framework.perf」：文件不存在/) });
    // (the engine also reports each `assess` of the missing tree as PERF020 today: a follow-up for one cause, one error)
  });
});
