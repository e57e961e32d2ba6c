import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { EvaluationResultSchema } from "@perf/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CodeAction, Diagnostic, Hover, InlayHint, TextEdit } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { positionOf, problems, repoRoot, yongzhouText, yongzhouUri } from "./helpers.js";
import { LspClient, serverMain } from "./lsp-client.js";

if (!existsSync(serverMain)) throw new Error(`build the server first (pnpm turbo run build): ${serverMain} is missing`);

/** Protocol tests: the built `perf-language-server --stdio`, driven as an editor would. */
describe("perf-language-server --stdio", () => {
  let client: LspClient;
  let doc: TextDocument;
  const uri = yongzhouUri;

  /** Applies edits to our copy and sends them as one incremental change. */
  function change(edits: TextEdit[]): number {
    const version = doc.version + 1;
    const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    void client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: doc.uri, version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    doc = TextDocument.update(doc, sorted.map((e) => ({ range: e.range, text: e.newText })), version);
    return version;
  }

  function open(u: string, text: string, version = 1): void {
    void client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: u, languageId: "perf", version, text } });
  }

  async function rss(): Promise<number> {
    const status = await client.connection.sendRequest<{ rss: number; pendingAnalyses: number }>("perf/serverStatus");
    return status.rss;
  }

  beforeAll(async () => {
    client = new LspClient();
    const init = await client.connection.sendRequest<{ capabilities: Record<string, unknown> }>("initialize", {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(join(repoRoot, "examples")).href, name: "examples" }],
      initializationOptions: { language: "zh" },
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    expect(init.capabilities).toMatchObject({ hoverProvider: true, inlayHintProvider: true, renameProvider: { prepareProvider: true }, documentFormattingProvider: true });
    await client.connection.sendNotification("initialized", {});
    doc = TextDocument.create(uri, "perf", 1, yongzhouText);
    open(uri, yongzhouText);
  });

  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
  });

  it("publishes no diagnostics for the 永州 example, and its result", async () => {
    expect(problems((await client.diagnosticsFor(uri, 1)).diagnostics)).toEqual([]);
    expect(await client.resultFor(uri, 1)).toMatchObject({ uri, version: 1, total: "82.46", grade: "良", errors: 0 });
    const result = await client.connection.sendRequest("perf/evaluatedResult", { uri });
    const parsed = EvaluationResultSchema.parse(result);
    expect(parsed.total.score).toBe("82.46");
  });

  it("answers hover, inlay hints and code lens with the computed scores", async () => {
    const hover = await client.connection.sendRequest<Hover>("textDocument/hover", { textDocument: { uri }, position: positionOf(yongzhouText, "indicator 预算执行率", 12) });
    expect((hover.contents as { value: string }).value).toContain("得分 1.92");
    const line = positionOf(yongzhouText, "indicator 预算执行率").line;
    const hints = await client.connection.sendRequest<InlayHint[]>("textDocument/inlayHint", { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } } });
    expect(hints.map((h) => h.label)).toEqual(["1.92 / 2"]);
    const lenses = await client.connection.sendRequest<{ command: { title: string } }[]>("textDocument/codeLens", { textDocument: { uri } });
    expect(lenses.map((l) => l.command.title)).toEqual(["82.46 · 良"]);
  });

  it("answers completion, definition, references, symbols and rename", async () => {
    const completion = await client.connection.sendRequest<{ label: string }[]>("textDocument/completion", { textDocument: { uri }, position: positionOf(yongzhouText, "on 制度执行有效性", 3) });
    expect(completion.map((c) => c.label)).toContain("预算执行率");

    const definition = await client.connection.sendRequest<{ uri: string; range: { start: { line: number } } }[]>("textDocument/definition", { textDocument: { uri }, position: positionOf(yongzhouText, "ratio 实际支出", 7) });
    expect(definition).toEqual([{ uri, range: expect.objectContaining({ start: positionOf(yongzhouText, "实际支出 = ") }) }]);

    const refs = await client.connection.sendRequest<unknown[]>("textDocument/references", { textDocument: { uri }, position: positionOf(yongzhouText, "fact 到位资金", 6), context: { includeDeclaration: true } });
    expect(refs).toHaveLength(3); // the fact, ratio 实际支出 / 到位资金 and assert 预算执行率

    const symbols = await client.connection.sendRequest<{ name: string; children?: { name: string }[] }[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(expect.arrayContaining(["项目决策", "项目过程", "项目产出", "项目效益", "到位资金"]));
    expect(symbols.find((s) => s.name === "项目过程")!.children!.map((c) => c.name)).toEqual(["资金管理", "组织实施"]);

    // The workspace index holds the other example, which is not open.
    const ws = await client.connection.sendRequest<{ location: { uri: string } }[]>("workspace/symbol", { query: "" });
    expect(new Set(ws.map((s) => s.location.uri)).size).toBeGreaterThanOrEqual(2);

    const at = positionOf(yongzhouText, "fact 实际支出", 6);
    expect(await client.connection.sendRequest("textDocument/prepareRename", { textDocument: { uri }, position: at })).toMatchObject({ placeholder: "实际支出" });
    const edit = await client.connection.sendRequest<{ changes: Record<string, TextEdit[]> }>("textDocument/rename", { textDocument: { uri }, position: at, newName: "实际支出金额" });
    expect(edit.changes[uri]).toHaveLength(3); // the fact, the ratio and assert 预算执行率
    await expect(client.connection.sendRequest("textDocument/rename", { textDocument: { uri }, position: at, newName: "指标" })).rejects.toThrow(/关键字/);
  });

  it("reports PERF010 on the parent's weight after a weight edit, and its quick fix restores 82.46", async () => {
    // 服务对象满意度 is the only child of 服务对象满意度_二级 (weight 10).
    const child = positionOf(doc.getText(), "indicator 服务对象满意度 weight 10", "indicator 服务对象满意度 weight ".length);
    const v2 = change([{ range: { start: child, end: { line: child.line, character: child.character + 2 } }, newText: "12" }]);
    const published = await client.diagnosticsFor(uri, v2);
    const perf010 = published.diagnostics.find((d) => d.code === "PERF010") as Diagnostic;
    expect(perf010).toBeDefined();
    const parentWeight = positionOf(doc.getText(), '"服务对象满意度" weight 10', '"服务对象满意度" weight '.length);
    expect(perf010.range).toEqual({ start: parentWeight, end: { line: parentWeight.line, character: parentWeight.character + 2 } });
    expect(perf010.source).toBe("perf");
    expect((await client.resultFor(uri, v2)).total).not.toBe("82.46");

    const actions = await client.connection.sendRequest<CodeAction[]>("textDocument/codeAction", { textDocument: { uri }, range: perf010.range, context: { diagnostics: [perf010] } });
    const scale = actions.find((a) => a.title.startsWith("按比例调整下级指标分值"));
    expect(scale, JSON.stringify(actions.map((a) => a.title))).toBeDefined();
    const v3 = change(scale!.edit!.changes![uri]!);
    expect(await client.resultFor(uri, v3)).toMatchObject({ total: "82.46", grade: "良", errors: 0 });
    expect(problems((await client.diagnosticsFor(uri, v3)).diagnostics)).toEqual([]);
  });

  it("formats the document into text that scores the same", async () => {
    const fact = positionOf(doc.getText(), "fact 到位资金 = 5412.69 万元");
    const line = doc.getText({ start: fact, end: { line: fact.line + 1, character: 0 } }).replace(/\r?\n$/, "");
    change([{ range: { start: fact, end: { line: fact.line, character: fact.character + line.length } }, newText: "fact   到位资金 =    5412.69万元" }]);
    const options = { tabSize: 2, insertSpaces: true };
    const edits = await client.connection.sendRequest<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options });
    expect(edits).toHaveLength(1);
    const v = change(edits);
    expect(doc.getText()).toContain("fact 到位资金 = 5412.69 万元");
    expect(await client.resultFor(uri, v)).toMatchObject({ total: "82.46", grade: "良" });
    expect(await client.connection.sendRequest<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options })).toEqual([]);
  });

  it("re-checks open documents in the language the settings ask for", async () => {
    const u = "file:///tmp/unscored.perf";
    open(u, "indicator a weight 100 {}\n");
    expect((await client.diagnosticsFor(u, 1)).diagnostics[0]!.message).toContain("没有评分方法");
    const seen = client.diagnostics.length;
    void client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { perf: { language: "en", strict: true } } });
    const english = await client.waitFor("English diagnostics", () => client.diagnostics.slice(seen).find((d) => d.uri === u));
    expect(english.diagnostics[0]).toMatchObject({ code: "PERF030", severity: 1, message: expect.stringContaining("has no scoring method") });
    void client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { perf: { language: "zh", strict: false } } });
    void client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: u } });
    const cleared = await client.waitFor("cleared diagnostics", () => client.diagnostics.slice(seen).find((d) => d.uri === u && d.diagnostics.length === 0));
    expect(cleared.diagnostics).toEqual([]);
  });

  it("keeps serving after malformed input", async () => {
    const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256)).toString("latin1");
    const bad = [bytes, 'indicator a "unterminated weight 5 {\n  explain "also open\n', "/* never closed\nindicator", "\u0000\uD800}}}{{"];
    for (const [i, text] of bad.entries()) {
      const u = `file:///tmp/bad${i}.perf`;
      open(u, text);
      const d = await client.diagnosticsFor(u, 1);
      expect(d.diagnostics.length).toBeGreaterThan(0);
      await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: u }, position: { line: 0, character: 2 } });
      await client.connection.sendRequest("textDocument/semanticTokens/full", { textDocument: { uri: u } });
      await client.connection.sendRequest("textDocument/formatting", { textDocument: { uri: u }, options: { tabSize: 2, insertSpaces: true } });
      void client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: u } });
    }
    expect(client.alive).toBe(true);
  });

  it("analyzes a 5 MB document and still answers", async () => {
    const parts: string[] = [];
    let bytes = 0;
    for (let n = 0; bytes < 5 * 1024 * 1024; n++) {
      const line = `indicator 指标${n} "显示名称${n}" weight 1 { score 1 explain "一些说明文字，一些说明文字。" }\n`;
      parts.push(line);
      bytes += Buffer.byteLength(line);
    }
    const u = "file:///tmp/big.perf";
    open(u, parts.join(""));
    const d = await client.diagnosticsFor(u, 1, 120_000);
    expect(d.diagnostics.map((x) => x.code)).toContain("PERF011");
    const hover = await client.connection.sendRequest<Hover>("textDocument/hover", { textDocument: { uri: u }, position: { line: 0, character: 12 } });
    expect((hover.contents as { value: string }).value).toContain("显示名称0");
    // Rapid edits of the big document: one analysis after the burst, of the last version.
    const at = parts[0]!.indexOf("score 1") + 6;
    for (let v = 2; v <= 31; v++) {
      void client.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri: u, version: v },
        contentChanges: [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at + 1 } }, text: v % 2 ? "0" : "1" }],
      });
    }
    expect(await client.resultFor(u, 31, 120_000)).toMatchObject({ version: 31, total: String(parts.length - 1) });
    expect(await rss()).toBeLessThan(2048 * 1024 * 1024);
    void client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: u } });
  }, 180_000);

  it("coalesces 200 rapid edits, drops stale results, and keeps memory bounded", async () => {
    const u = "file:///tmp/rapid.perf";
    let text = "indicator a weight 100 { score 0 }\n";
    open(u, text);
    await client.resultFor(u, 1);
    const before = await rss();
    const collections = async () => {
      const s = await client.connection.sendRequest<{ collections: number; compactions: number }>("perf/serverStatus");
      return s.collections + s.compactions;
    };
    const collected = await collections();
    for (let i = 1; i <= 200; i++) {
      const score = String(i % 101);
      const start = text.indexOf("score ") + 6;
      const end = text.indexOf(" }");
      text = text.slice(0, start) + score + text.slice(end);
      void client.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri: u, version: i + 1 },
        contentChanges: [{ range: { start: { line: 0, character: start }, end: { line: 0, character: end } }, text: score }],
      });
    }
    expect(await client.resultFor(u, 201)).toMatchObject({ version: 201, total: "99" });
    const versions = client.results.filter((r) => r.uri === u).map((r) => r.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    const status = await client.connection.sendRequest<{ pendingAnalyses: number }>("perf/serverStatus");
    expect(status.pendingAnalyses).toBe(0);
    // a small document's analyses end without a full collection (decisions 0203, 0207)
    expect(await collections()).toBe(collected);
    // Generous: the edits must not keep analyses alive (the 5 MB one is closed by now).
    expect(await rss()).toBeLessThan(Math.max(before, 512 * 1024 * 1024) + 512 * 1024 * 1024);
    expect(client.alive).toBe(true);
  }, 60_000);
});

describe("perf-language-server --node-ipc", () => {
  it("speaks LSP over Node IPC, as the VS Code extension starts it", async () => {
    const client = new LspClient("node-ipc");
    try {
      await client.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
      await client.connection.sendNotification("initialized", {});
      void client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: yongzhouUri, languageId: "perf", version: 1, text: yongzhouText } });
      expect(await client.resultFor(yongzhouUri, 1)).toMatchObject({ total: "82.46", grade: "良" });
    } finally {
      expect(await client.stop()).toBe(0);
    }
  });
});
