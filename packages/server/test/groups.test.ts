import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { FileSystem } from "../src/file-system.js";
import { PerfLanguageService } from "../src/service.js";
import { canonicalUri, PerfWorkspace } from "../src/workspace.js";
import { memoryFileSystem, positionOf } from "./helpers.js";

/**
 * Shared frameworks are not in the engine yet; this grouping (every file of a folder is one
 * evaluation) stands in for them to show that the store, cache and features work on groups.
 */
class FolderGroups extends PerfWorkspace {
  constructor(fs: FileSystem, private readonly all: string[]) {
    super(fs);
  }
  override groupOf(uri: string): string {
    return canonicalUri(uri).replace(/[^/]*$/, "");
  }
  override membersOf(group: string): string[] {
    return this.all.filter((u) => u.startsWith(group)).map(canonicalUri);
  }
  override dependantGroups(uri: string): string[] {
    return [this.groupOf(uri)];
  }
}

const frame = `evaluation "框架" { total 100 }\nfact 到位资金 = 100 万元\nfact 实际支出 = 90 万元\n`;
const tree = `indicator 执行 weight 100 { ratio 实际支出 / 到位资金 }\n`;
const a = "file:///ws/eval/a.perf";
const b = "file:///ws/eval/b.perf";

function groupService() {
  const files: Record<string, string> = { [a]: frame, [b]: tree };
  const fs = memoryFileSystem(files);
  const ws = new FolderGroups(fs, [a, b]);
  const service = new PerfLanguageService(fs, () => {}, ws);
  ws.addFolder("file:///ws/");
  const doc = TextDocument.create(b, "perf", 1, tree);
  ws.open(doc);
  return { service, ws, doc, files };
}

describe("a group of files analyzed together", () => {
  it("resolves, scores and navigates across files", () => {
    const { service } = groupService();
    expect(service.result(b)?.total.score).toBe("90");
    expect(service.diagnostics(a)).toEqual([]);
    expect(service.diagnostics(b)).toEqual([]);
    expect(service.definition(b, positionOf(tree, "实际支出", 1))).toEqual([{ uri: a, range: expect.objectContaining({ start: positionOf(frame, "实际支出") }) }]);
    expect(service.references(b, positionOf(tree, "到位资金", 1)).map((l) => l.uri).sort()).toEqual([a, b]);
  });

  it("renames across the group's files", () => {
    const { service } = groupService();
    const edit = service.rename(b, positionOf(tree, "到位资金", 1), "到账资金")!;
    expect(Object.keys(edit.changes!).sort()).toEqual([a, b]);
  });

  it("puts the lens on the file with the header only", () => {
    const { service } = groupService();
    expect(service.codeLenses(a).map((l) => l.command?.title)).toEqual(["90 · 优"]);
    expect(service.codeLenses(b)).toEqual([]);
  });

  it("re-analyzes the group when a member changes on disk", () => {
    const { service, ws, files } = groupService();
    const before = ws.analysisFor(b);
    files[a] = frame.replace("90 万元", "80 万元");
    ws.diskChanged(a, false);
    expect(ws.analysisFor(b)).not.toBe(before);
    expect(service.result(b)?.total.score).toBe("80");
    expect(ws.dependantGroups(a)).toEqual([ws.groupOf(b)]);
  });
});
