import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { PerfWorkspace } from "../src/workspace.js";
import { LspClient } from "./lsp-client.js";
import { memoryFileSystem, yongzhouText } from "./helpers.js";

const MiB = 1024 * 1024;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Collects after the current job, so WeakRefs created in it may be cleared. */
async function collected<T extends object>(ref: WeakRef<T>): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  return ref.deref() === undefined;
}

/** A document of about `n` leaves with texts and evidence, ~100 characters a leaf. */
function bigDocument(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`indicator 指标${i} "显示名称${i}" weight 1 { score 1 explain "一些说明文字，一些说明文字。" evidence "佐证材料/会议纪要${i}.pdf" }\n`);
  return parts.join("");
}

describe("the workspace lets go of closed documents", () => {
  it("drops a document's analysis when it is closed", async () => {
    const ws = new PerfWorkspace(memoryFileSystem({}));
    ws.open(TextDocument.create("file:///tmp/a.perf", "perf", 1, yongzhouText));
    const ref = new WeakRef(ws.analysisFor("file:///tmp/a.perf")!.analysis);
    ws.close("file:///tmp/a.perf");
    expect(await collected(ref)).toBe(true);
  });

  it("keeps an analysis of a closed workspace file only while it is small, and drops it when its folder goes", async () => {
    const files = { "file:///ws/small.perf": yongzhouText, "file:///ws/big.perf": bigDocument(12_000) };
    const ws = new PerfWorkspace(memoryFileSystem(files));
    ws.addFolder("file:///ws/");
    const big = new WeakRef(ws.analysisFor("file:///ws/big.perf")!.analysis);
    const small = new WeakRef(ws.analysisFor("file:///ws/small.perf")!.analysis);
    expect(await collected(big)).toBe(true);
    expect(await collected(small)).toBe(false);
    ws.removeFolder("file:///ws/");
    expect(await collected(small)).toBe(true);
  });
});

/**
 * The built server with --expose-gc and PERF_SERVER_DEBUG=1, which answers `perf/debug/heap`
 * with heapUsed after a full collection: a large document, every feature asked for, closed,
 * asked for again from disk — and the heap is back where it was.
 */
describe("perf-language-server memory after a large document is closed", () => {
  let client: LspClient;
  let dir: string;
  const heap = async () => (await client.connection.sendRequest<{ heapUsed: number; collected: boolean }>("perf/debug/heap"));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "perf-memory-"));
    client = new LspClient("stdio", { nodeArgs: ["--expose-gc"], env: { PERF_SERVER_DEBUG: "1" } });
    await client.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "m" }], capabilities: {} });
    await client.connection.sendNotification("initialized", {});
  });
  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("returns to its baseline heap", async () => {
    const request = (method: string, params: object) => client.connection.sendRequest(method, params);
    const exercise = async (uri: string, version: number) => {
      await client.resultFor(uri, version, 120_000);
      const textDocument = { uri };
      await request("textDocument/hover", { textDocument, position: { line: 0, character: 12 } });
      await request("textDocument/inlayHint", { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } } });
      await request("textDocument/semanticTokens/full", { textDocument });
      await request("textDocument/documentSymbol", { textDocument });
      await request("textDocument/codeLens", { textDocument });
      await request("perf/evaluatedResult", { uri });
      // Last: it matches regular expressions on slices of the text (V8 keeps the last subject).
      await request("textDocument/documentLink", { textDocument });
    };
    const close = async (uri: string) => {
      void client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
      await client.waitFor(`cleared ${uri}`, () => client.diagnostics.find((d) => d.uri === uri && d.diagnostics.length === 0));
    };
    // Warm up with a small document, so code compiled on first use is in the baseline.
    const small = pathToFileURL(join(dir, "small.perf")).href;
    void client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: small, languageId: "perf", version: 1, text: yongzhouText } });
    await exercise(small, 1);
    await close(small);
    const baseline = await heap();
    expect(baseline.collected).toBe(true);

    const text = bigDocument(20_000);
    const path = join(dir, "big.perf");
    writeFileSync(path, text);
    const uri = pathToFileURL(path).href;
    void client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri, type: 1 }] });
    void client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "perf", version: 1, text } });
    await exercise(uri, 1);
    const open = (await heap()).heapUsed - baseline.heapUsed;
    // The measure sees the document: its analysis is tens of MB.
    expect(open).toBeGreaterThan(40 * MiB);
    await close(uri);
    // Nothing of it is left: not its analysis, not its tokens, not its text (4 MB as a V8 string).
    const closed = (await heap()).heapUsed - baseline.heapUsed;
    expect(closed, `heap ${(closed / MiB).toFixed(1)} MiB above the baseline after close (${(open / MiB).toFixed(1)} MiB while open)`).toBeLessThan(2 * MiB);
    // Asked for from disk once closed (the preview does): answered, and only the workspace
    // index's summary is kept (names, titles and ranges of 20 000 symbols), not the analysis.
    expect(await request("perf/evaluatedResult", { uri })).toMatchObject({ total: { score: "20000" } });
    expect(await request("workspace/symbol", { query: "指标19999" })).toEqual(expect.arrayContaining([expect.objectContaining({ name: "指标19999 显示名称19999" })]));
    const indexed = (await heap()).heapUsed - baseline.heapUsed;
    console.info(`perf-language-server heap above its baseline: ${(open / MiB).toFixed(1)} MiB with the ${(text.length / 1e6).toFixed(1)} M-character document open, ${(closed / MiB).toFixed(1)} MiB after closing it, ${(indexed / MiB).toFixed(1)} MiB with its summary in the workspace index`);
    expect(indexed).toBeLessThan(12 * MiB);
  }, 180_000);
});
