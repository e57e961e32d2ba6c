import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient, serverMain } from "./lsp-client.js";

if (!existsSync(serverMain)) throw new Error(`build the server first (pnpm turbo run build): ${serverMain} is missing`);

/**
 * A client that sends what no editor should: ranges far beyond the text, positions that are
 * not numbers, documents without text, missing parameters, URIs that are not URIs. The server
 * answers each request (an LSP error for malformed parameters, else an empty answer), never
 * throws out of a handler, and goes on analyzing the real document afterwards.
 */
describe("perf-language-server against a hostile client", () => {
  let client: LspClient;
  const uri = "file:///tmp/hostile-client.perf";
  const note = (method: string, params: unknown) => void client.connection.sendNotification(method, params as object);
  const ask = (method: string, params: unknown) => client.connection.sendRequest(method, params as object);

  beforeAll(async () => {
    client = new LspClient();
    await client.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: { workspace: { workspaceFolders: true } } });
    await client.connection.sendNotification("initialized", {});
    note("textDocument/didOpen", { textDocument: { uri, languageId: "perf", version: 1, text: "indicator a weight 100 { score 9 }\n" } });
    await client.resultFor(uri, 1);
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
  });

  it("takes malformed notifications without failing, and keeps analyzing", async () => {
    note("textDocument/didChange", { textDocument: { uri: "file:///unknown.perf", version: 2 }, contentChanges: [{ text: "x" }] });
    // Far beyond the end: clamped to the end of the text, as LSP says.
    note("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 1e9, character: 1e9 }, end: { line: 1e9, character: 1e9 } }, text: "// tail\n" }] });
    expect(await client.resultFor(uri, 2)).toMatchObject({ total: "9", errors: 0 });
    note("textDocument/didChange", { textDocument: { uri, version: 3 }, contentChanges: null });
    note("textDocument/didChange", null);
    note("textDocument/didOpen", { textDocument: { uri: "file:///tmp/number.perf", languageId: "perf", version: 1, text: 12345 } });
    note("textDocument/didOpen", { textDocument: { uri: 7, languageId: "perf", version: 1, text: "fact a = 1\n" } });
    note("textDocument/didOpen", {});
    note("textDocument/didClose", { textDocument: { uri: 7 } });
    note("textDocument/didClose", { textDocument: { uri: "file:///never-opened.perf" } });
    note("workspace/didChangeWatchedFiles", { changes: null });
    note("workspace/didChangeWatchedFiles", { changes: [null, { uri: 5, type: 1 }, { uri: "file:///etc/passwd", type: 1 }] });
    note("workspace/didChangeConfiguration", { settings: { perf: { maxFileSize: "abc", language: 5 } } });
    note("workspace/didChangeWorkspaceFolders", { event: null });
    note("workspace/didChangeWorkspaceFolders", { event: { added: [null, { uri: 3 }], removed: "x" } });
    // Opened with a URI that is not a file: analyzed from the editor's text, never looked for on disk.
    note("textDocument/didOpen", { textDocument: { uri: "not a uri", languageId: "perf", version: 1, text: "indicator b weight 100 { score 5 }\n" } });
    expect(await client.resultFor("not a uri", 1)).toMatchObject({ total: "5" });
    note("textDocument/didChange", { textDocument: { uri, version: 10 }, contentChanges: [{ text: "indicator a weight 100 { score 42 }\n" }] });
    expect(await client.resultFor(uri, 10)).toMatchObject({ total: "42", errors: 0 });
    const status = await client.connection.sendRequest<{ knownFiles: number }>("perf/serverStatus");
    // This document and "not a uri"; the documents without a string URI or text were left alone.
    expect(status.knownFiles).toBe(2);
    expect(client.logs.filter((l) => l.startsWith("perf: uncaught") || l.startsWith("perf: analysis failed"))).toEqual([]);
  });

  it("answers malformed requests with InvalidParams, and positions beyond the text with nothing", async () => {
    const invalid = [
      ["textDocument/hover", { textDocument: { uri }, position: { line: -1, character: 0 } }],
      ["textDocument/hover", { textDocument: { uri }, position: { line: 0, character: "a" } }],
      ["textDocument/hover", { textDocument: { uri } }],
      ["textDocument/hover", { textDocument: { uri: 5 }, position: { line: 0, character: 0 } }],
      ["textDocument/definition", { textDocument: { uri }, position: { line: 0.5, character: 0 } }],
      ["textDocument/selectionRange", { textDocument: { uri }, positions: null }],
      ["textDocument/semanticTokens/range", { textDocument: { uri } }],
      ["textDocument/codeAction", { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: null }],
      ["textDocument/inlayHint", { textDocument: { uri }, range: { start: { line: 0, character: 0 } } }],
      ["perf/evaluatedResult", {}],
    ] as const;
    for (const [method, params] of invalid) await expect(ask(method, params), `${method} ${JSON.stringify(params)}`).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/^请求参数无效：/) });

    expect(await ask("textDocument/hover", { textDocument: { uri }, position: { line: 1e9, character: 1e9 } })).toBeNull();
    expect(await ask("textDocument/completion", { textDocument: { uri }, position: { line: 0, character: 1e9 }, context: { triggerKind: 2, triggerCharacter: 123 } })).toEqual(expect.any(Array));
    expect(await ask("textDocument/references", { textDocument: { uri }, position: { line: 0, character: 10 }, context: null })).toHaveLength(1);
    expect(await ask("workspace/symbol", { query: null })).toEqual(expect.any(Array));
    expect(await ask("textDocument/inlayHint", { textDocument: { uri }, range: { start: { line: 5, character: 0 }, end: { line: 0, character: 0 } } })).toEqual([]);
    expect(await ask("textDocument/formatting", { textDocument: { uri }, options: null })).toEqual([]);
    for (const u of ["file://host/share/x.perf", "file:///%00/x.perf", "file:///tmp/%2e%2e/%2e%2e/etc/passwd"]) {
      expect(await ask("textDocument/documentSymbol", { textDocument: { uri: u } })).toEqual([]);
      await expect(ask("perf/evaluatedResult", { uri: u })).rejects.toMatchObject({ code: -32803 });
    }
    expect(client.alive).toBe(true);
    expect(await ask("perf/evaluatedResult", { uri })).toMatchObject({ total: { score: "42" } });
  });
});
