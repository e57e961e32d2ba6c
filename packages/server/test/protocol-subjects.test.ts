import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InlayHint, Location } from "vscode-languageserver-protocol";
import { positionOf } from "./helpers.js";
import { LspClient, serverMain } from "./lsp-client.js";
import { evaluation, framework } from "./subjects-fixture.js";

if (!existsSync(serverMain)) throw new Error(`build the server first (pnpm turbo run build): ${serverMain} is missing`);

/**
 * A framework and an evaluation of two subjects that uses it, over stdio as an editor drives the
 * server. Worked by hand: 市数据局 5.5 + 3 = 8.5 良, 市大数据中心 5 + 4 = 9 优; with weights 5/5,
 * 4.5 + 4 = 8.5 and 4 + 4 = 8.
 */
describe("perf-language-server --stdio with a framework and its subjects", () => {
  let client: LspClient;
  let dir: string;
  let f: string;
  let e: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "perf-subjects-"));
    writeFileSync(join(dir, "framework.perf"), framework);
    writeFileSync(join(dir, "evaluation.perf"), evaluation);
    f = pathToFileURL(join(dir, "framework.perf")).href;
    e = pathToFileURL(join(dir, "evaluation.perf")).href;
    client = new LspClient();
    await client.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "subjects" }],
      initializationOptions: { language: "zh" },
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await client.connection.sendNotification("initialized", {});
  });

  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("publishes each file's diagnostics and the subjects' totals for the status bar", async () => {
    void client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: e, languageId: "perf", version: 1, text: evaluation } });
    void client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: f, languageId: "perf", version: 1, text: framework } });
    expect((await client.diagnosticsFor(e, 1)).diagnostics).toEqual([]);
    expect((await client.diagnosticsFor(f, 1)).diagnostics).toEqual([]);
    const r = await client.resultFor(e, 1);
    expect(r).toMatchObject({ total: null, grade: null, subjects: [{ id: "数据局", name: "市数据局", total: "8.5", grade: "良" }, { id: "中心", name: "市大数据中心", total: "9", grade: "优" }] });
  });

  it("jumps from assess into the framework and shows every subject's score in the framework", async () => {
    const defs = await client.connection.sendRequest<Location[]>("textDocument/definition", { textDocument: { uri: e }, position: positionOf(evaluation, "建设", 1) });
    expect(defs).toEqual([{ uri: f, range: expect.objectContaining({ start: positionOf(framework, "建设") }) }]);
    const hints = await client.connection.sendRequest<InlayHint[]>("textDocument/inlayHint", { textDocument: { uri: f }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } });
    expect(hints.map((h) => h.label)).toEqual(["市数据局 5.5 · 市大数据中心 5", "市数据局 3 · 市大数据中心 4"]);
  });

  it("re-checks the evaluation that uses the framework when the framework is edited", async () => {
    const seen = client.results.length;
    const edited = framework.replace("weight 6 { judgement }", "weight 5 { judgement }").replace("weight 4 { judgement }", "weight 5 { judgement }");
    void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: f, version: 2 }, contentChanges: [{ text: edited }] });
    expect((await client.diagnosticsFor(f, 2)).diagnostics).toEqual([]);
    const again = await client.waitFor("the evaluation's result after the framework edit", () => client.results.slice(seen).find((x) => x.uri === e));
    expect(again.subjects!.map((s) => s.total)).toEqual(["8.5", "8"]);
    // and its diagnostics were published again (for its unchanged version)
    expect(client.diagnostics.filter((d) => d.uri === e).length).toBeGreaterThanOrEqual(2);
  });
});
