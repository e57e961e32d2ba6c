import { existsSync } from "node:fs";
import { analyze } from "@perf/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionItem, Hover, InlayHint } from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { toLspDiagnostic } from "../src/convert.js";
import { STALE_ANSWERS_ABOVE_CHARS } from "../src/workspace.js";
import { LspClient, serverMain } from "./lsp-client.js";

if (!existsSync(serverMain)) throw new Error(`build the server first (pnpm turbo run build): ${serverMain} is missing`);

/** Leaves with report-like texts until the document is over the size where requests answer from the last analysis. */
function largeDocument(): string {
  const parts: string[] = [];
  let chars = 0;
  for (let n = 0; chars < STALE_ANSWERS_ABOVE_CHARS * 1.5; n++) {
    const line = `indicator 指标${n} "显示名称${n}" weight 1 { score 1 explain "项目资金到位及时，支出符合规定，一些说明文字。" }\n`;
    parts.push(line);
    chars += line.length;
  }
  return parts.join("");
}

/**
 * The real server over stdio, a large document, a burst of edits with hovers, inlay hints and
 * completion in between: each is answered from the last analysis (mapped through the edits)
 * before the burst's analysis publishes, none runs an analysis, and the diagnostics finally
 * published equal a cold analysis of the final text. Order of events, no timings.
 */
describe("a burst of edits on a large document", () => {
  let client: LspClient;

  beforeAll(async () => {
    client = new LspClient();
    await client.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
    await client.connection.sendNotification("initialized", {});
  });

  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
  });

  it("answers every request from the last analysis before the burst's analysis publishes", async () => {
    const uri = "file:///tmp/burst.perf";
    let doc = TextDocument.create(uri, "perf", 1, largeDocument());
    void client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "perf", version: 1, text: doc.getText() } });
    await client.diagnosticsFor(uri, 1, 120_000);
    const status = () => client.connection.sendRequest<{ analyses: number; pendingAnalyses: number; collections: number; compactions: number }>("perf/serverStatus");
    const opened = await status();
    const before = opened.analyses;
    // the large document's analysis ended with a full collection, before its diagnostics went out (decision 0203)
    expect(opened.collections).toBe(1);

    const hoverOn = (n: number) => {
      const at = doc.positionAt(doc.getText().indexOf(`指标${n} `) + 1);
      return client.connection.sendRequest<Hover | null>("textDocument/hover", { textDocument: { uri }, position: at });
    };
    const hints = () => client.connection.sendRequest<InlayHint[]>("textDocument/inlayHint", { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } });
    const top = await hoverOn(3);
    const topHints = await hints();
    expect(topHints.length).toBeGreaterThan(3);
    expect((top?.contents as { value: string }).value).toContain("显示名称3");

    const edited = 2000;
    const last = 21;
    const answers: Promise<{ what: string; value: unknown; finalPublished: boolean }>[] = [];
    const finalPublished = () => client.diagnostics.some((d) => d.uri === uri && d.version === last);
    const track = (what: string, p: Promise<unknown>) => answers.push(p.then((value) => ({ what, value, finalPublished: finalPublished() })));
    for (let v = 2; v <= last; v++) {
      // Comment lines typed above leaf `edited`, then the last edit breaks its score (over its weight).
      const at = doc.positionAt(doc.getText().indexOf(`indicator 指标${edited} `));
      const change = v < last ? { range: { start: at, end: at }, text: `// 第${v}行注释\n` } : { range: { start: doc.positionAt(doc.getText().indexOf("score 1", doc.offsetAt(at)) + 6), end: doc.positionAt(doc.getText().indexOf("score 1", doc.offsetAt(at)) + 7) }, text: "9" };
      void client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: v }, contentChanges: [change] });
      doc = TextDocument.update(doc, [change], v);
      track("hover before the edits", hoverOn(3));
      track("hover after the edits", hoverOn(edited + 1));
      track("inlay hints", hints());
      track("completion", client.connection.sendRequest<CompletionItem[]>("textDocument/completion", { textDocument: { uri }, position: doc.positionAt(doc.getText().indexOf("{ score", doc.getText().indexOf(`指标${edited + 5} `)) + 2) }));
    }
    const done = await Promise.all(answers);
    const final = await client.diagnosticsFor(uri, last, 120_000);

    expect(done.filter((a) => a.finalPublished).map((a) => a.what)).toEqual([]);
    for (const a of done.filter((x) => x.what === "hover before the edits")) expect(a.value).toEqual(top);
    for (const a of done.filter((x) => x.what === "hover after the edits")) expect((a.value as Hover).contents).toMatchObject({ value: expect.stringContaining(`显示名称${edited + 1}`) });
    for (const a of done.filter((x) => x.what === "inlay hints")) expect(a.value).toEqual(topHints);
    for (const a of done.filter((x) => x.what === "completion")) expect((a.value as CompletionItem[]).map((c) => c.label)).toContain("weight");

    // One analysis for the burst (two if the machine stalled the server past the debounce mid-burst);
    // before the stale answers every request after an edit analyzed the whole document again.
    const ended = await status();
    expect(ended.analyses - before).toBeLessThanOrEqual(2);
    // and so did the burst's: at most one collection per analysis
    expect(ended.collections - opened.collections).toBeGreaterThanOrEqual(1);
    expect(ended.collections - opened.collections).toBeLessThanOrEqual(ended.analyses - before);
    // a second collection follows one only when it left old space fragmented (decision 0207)
    expect(ended.compactions).toBeLessThanOrEqual(ended.collections);

    const cold = analyze([{ uri, text: doc.getText() }]).result.diagnostics.map((d) => toLspDiagnostic(d));
    expect(final.diagnostics).toEqual(cold);
    expect(cold.length).toBeGreaterThan(1);
  }, 240_000);
});
