import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublishDiagnosticsParams } from "vscode-languageserver-protocol";
import { LspClient, serverMain } from "./lsp-client.js";

if (!existsSync(serverMain)) throw new Error(`build the server first (pnpm turbo run build): ${serverMain} is missing`);

/**
 * The server as a hostile workspace and client meet it: device files, FIFOs, links to
 * /dev/zero, files over the cap, bytes that are not UTF-8, requests for files it does not
 * know. Each must end in a coded diagnostic or an LSP error, and the server must keep answering.
 */
describe("perf-language-server against hostile files", () => {
  let client: LspClient;
  let dir: string;
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;
  const codesFor = (uri: string) => (d: PublishDiagnosticsParams) => (d.uri === uri && d.diagnostics.length ? d.diagnostics.map((x) => x.code) : undefined);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "perf-hostile-"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "ok.perf"), 'indicator 好 "好指标" weight 100 { score 90 }\n');
    // 12 KiB: over the 0.01 MiB cap this test sets.
    writeFileSync(join(dir, "big.perf"), `indicator a weight 100 { score 1 }\n${"// padding\n".repeat(1200)}`);
    writeFileSync(join(dir, "gbk.perf"), Buffer.from([0xd6, 0xb8, 0xb1, 0xea, 0x20, 0x61, 0x0a])); // 指标 in GBK
    symlinkSync("/dev/zero", join(dir, "zero.perf"));
    execFileSync("mkfifo", [join(dir, "sub", "x.perf")]);
    client = new LspClient();
    await client.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "hostile" }],
      initializationOptions: { language: "en", maxFileSize: 0.01 },
      capabilities: { workspace: { configuration: false } },
    });
    await client.connection.sendNotification("initialized", {});
  });

  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("indexes the workspace without opening devices or FIFOs, and says why it skips them", async () => {
    expect(await client.waitFor("PERF127 for zero.perf", () => client.diagnostics.find(codesFor(uriOf("zero.perf")))?.diagnostics)).toEqual([
      expect.objectContaining({ code: "PERF127", severity: 2, message: expect.stringMatching(/^the language server does not read 'zero.perf': it is a device\n/), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }),
    ]);
    expect(await client.waitFor("PERF127 for x.perf", () => client.diagnostics.map(codesFor(uriOf("sub/x.perf"))).find(Boolean))).toEqual(["PERF127"]);
    const big = await client.waitFor("PERF126 for big.perf", () => client.diagnostics.find(codesFor(uriOf("big.perf")))?.diagnostics[0]);
    expect(big).toMatchObject({ code: "PERF126", message: expect.stringMatching(/^the file is 0\.01\d MiB, over the language server's limit of 0\.010 MiB/) });
  });

  it("answers workspace symbols from the readable files and reports the file that is not UTF-8", async () => {
    const symbols = await client.connection.sendRequest<{ name: string; location: { uri: string } }[]>("workspace/symbol", { query: "" });
    expect(symbols.map((s) => s.location.uri)).toEqual([uriOf("ok.perf")]);
    expect(await client.waitFor("PERF110 for gbk.perf", () => client.diagnostics.map(codesFor(uriOf("gbk.perf"))).find(Boolean))).toEqual(["PERF110"]);
  });

  it("takes watcher events for a link to /dev/zero and a FIFO without reading them", async () => {
    symlinkSync("/dev/zero", join(dir, "sub", "late.perf"));
    execFileSync("mkfifo", [join(dir, "late-fifo.perf")]);
    void client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [
        { uri: uriOf("zero.perf"), type: 2 },
        { uri: uriOf("sub/late.perf"), type: 1 },
        { uri: uriOf("late-fifo.perf"), type: 1 },
        { uri: uriOf("sub/x.perf"), type: 2 },
      ],
    });
    expect(await client.waitFor("PERF127 for late-fifo.perf", () => client.diagnostics.map(codesFor(uriOf("late-fifo.perf"))).find(Boolean))).toEqual(["PERF127"]);
    // Every known file is looked at again for the index: nothing blocks, nothing balloons.
    const symbols = await client.connection.sendRequest<unknown[]>("workspace/symbol", { query: "" });
    expect(symbols).toHaveLength(1);
    const status = await client.connection.sendRequest<{ rss: number; knownFiles: number }>("perf/serverStatus");
    expect(status.knownFiles).toBe(7);
    expect(status.rss).toBeLessThan(1024 * 1024 * 1024);
  });

  it("refuses perf/evaluatedResult for /dev/zero, unknown files and skipped files with an LSP error", async () => {
    const ask = (uri: unknown) => client.connection.sendRequest("perf/evaluatedResult", { uri });
    await expect(ask("file:///dev/zero")).rejects.toThrow(/'file:\/\/\/dev\/zero' is neither an open document nor a \.perf file of the workspace/);
    await expect(ask(`${pathToFileURL(dir).href}/../../../dev/zero`)).rejects.toThrow(/neither an open document/);
    await expect(ask(uriOf("zero.perf"))).rejects.toThrow(/PERF127/);
    await expect(ask(uriOf("sub/x.perf"))).rejects.toThrow(/PERF127: .*FIFO/);
    await expect(ask(uriOf("big.perf"))).rejects.toThrow(/PERF126/);
    await expect(ask(42)).rejects.toThrow(/invalid request parameters: uri must be a string/);
    await expect(client.connection.sendRequest("perf/evaluatedResult", null)).rejects.toThrow(/invalid request parameters/);
    expect(await ask(uriOf("ok.perf"))).toMatchObject({ total: { score: "90" } });
    // A regular .perf file of the workspace that no watcher event announced is still answered; other names are not.
    writeFileSync(join(dir, "sub", "unannounced.perf"), "indicator u weight 100 { score 33 }\n");
    writeFileSync(join(dir, "notes.txt"), "indicator u weight 100 { score 33 }\n");
    expect(await ask(uriOf("sub/unannounced.perf"))).toMatchObject({ total: { score: "33" } });
    await expect(ask(uriOf("notes.txt"))).rejects.toThrow(/neither an open document/);
    await expect(ask(uriOf("missing.perf"))).rejects.toThrow(/neither an open document/);
    // Ordinary requests on a file the server does not know answer empty, without reading it.
    expect(await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: "file:///dev/zero" }, position: { line: 0, character: 0 } })).toBeNull();
    expect(await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri: "file:///dev/urandom" } })).toEqual([]);
    expect(client.alive).toBe(true);
  });

  it("refuses an open document over the cap with PERF126 and analyzes it once the cap allows", async () => {
    const uri = uriOf("open-big.perf");
    const text = `indicator a weight 100 { score 7 }\n${"// 填充\n".repeat(2000)}`;
    void client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "perf", version: 1, text } });
    expect((await client.diagnosticsFor(uri, 1)).diagnostics.map((d) => d.code)).toEqual(["PERF126"]);
    await expect(client.connection.sendRequest("perf/evaluatedResult", { uri })).rejects.toThrow(/PERF126/);
    void client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { perf: { maxFileSize: 1 } } });
    expect(await client.resultFor(uri, 1)).toMatchObject({ total: "7" });
    void client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
  });

  it("clears a file's diagnostic when it becomes readable or goes away", async () => {
    rmSync(join(dir, "zero.perf"));
    writeFileSync(join(dir, "zero.perf"), "fact z = 1\n");
    const seen = client.diagnostics.length;
    void client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf("zero.perf"), type: 2 }, { uri: uriOf("late-fifo.perf"), type: 3 }] });
    const cleared = (name: string) => client.waitFor(`cleared ${name}`, () => client.diagnostics.slice(seen).find((d) => d.uri === uriOf(name) && d.diagnostics.length === 0));
    await cleared("zero.perf");
    await cleared("late-fifo.perf");
  });
});
