// Measures the language server on one large document, as an editor drives it (decision 0036):
// cold check, hover / inlay hints / completion latency during a burst of one-character edits
// typed every 100 ms, edit → diagnostics, RSS idle / while editing / after close.
//   node packages/server/bench/latency.mjs FILE.perf [edits=30]
// (build first; a realistic document comes from the bench generator, e.g. 10 000 leaves.)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";

const [file, editsArg] = process.argv.slice(2);
if (!file) throw new Error("usage: node bench/latency.mjs FILE.perf [edits]");
const edits = Number(editsArg ?? 30);
const main = process.env.SERVER_MAIN ?? join(import.meta.dirname, "..", "dist", "main.js");
const child = spawn(process.execPath, [main, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
const c = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const published = [];
let wake = () => {};
c.onNotification("textDocument/publishDiagnostics", (p) => {
  published.push({ ...p, at: performance.now() });
  wake();
});
c.onRequest("workspace/configuration", (p) => p.items.map(() => null));
c.listen();
const diagnosticsFor = async (uri, version) => {
  for (;;) {
    const d = published.find((x) => x.uri === uri && x.version === version);
    if (d) return d;
    await new Promise((r) => (wake = r));
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const status = () => c.sendRequest("perf/serverStatus");
const MiB = (b) => (b / 1024 / 1024).toFixed(0) + " MiB";
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const fmt = (xs) => `p50 ${[...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(1)} ms, p95 ${p95(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

await c.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
await c.sendNotification("initialized", {});
const text = readFileSync(file, "utf8");
const uri = pathToFileURL("/tmp/latency-bench.perf").href;
await sleep(2000);
const idle = await status();
let doc = TextDocument.create(uri, "perf", 1, text);
let t = performance.now();
void c.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "perf", version: 1, text } });
await diagnosticsFor(uri, 1);
const cold = performance.now() - t;
const opened = await status();

// A one-character edit each 100 ms inside a leaf's text in the middle, each followed by a hover on
// a name before it, inlay hints of the first screen and a completion in the edited block.
const anchor = text.indexOf("explain", text.indexOf("indicator", Math.floor(text.length / 2))) + 'explain "'.length + 1;
const latency = { hover: [], inlay: [], completion: [] };
const hoverAt = doc.positionAt(text.indexOf("indicator") + "indicator ".length + 1);
let rssMax = 0;
const timed = async (kind, p) => {
  const s = performance.now();
  await p;
  latency[kind].push(performance.now() - s);
};
const pending = [];
for (let v = 2; v <= edits + 1; v++) {
  const at = doc.positionAt(anchor + (v - 2));
  const change = { range: { start: at, end: at }, text: "改" };
  void c.sendNotification("textDocument/didChange", { textDocument: { uri, version: v }, contentChanges: [change] });
  doc = TextDocument.update(doc, [change], v);
  pending.push(timed("hover", c.sendRequest("textDocument/hover", { textDocument: { uri }, position: hoverAt })));
  pending.push(timed("inlay", c.sendRequest("textDocument/inlayHint", { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } } })));
  pending.push(timed("completion", c.sendRequest("textDocument/completion", { textDocument: { uri }, position: doc.positionAt(anchor + v - 1) })));
  if (v === edits + 1) t = performance.now();
  await sleep(100);
  rssMax = Math.max(rssMax, (await status()).rss);
}
await Promise.all(pending);
await diagnosticsFor(uri, edits + 1);
const recheck = performance.now() - t;
rssMax = Math.max(rssMax, (await status()).rss);
void c.sendNotification("textDocument/didClose", { textDocument: { uri } });
await sleep(10_000);
const closed = await status();

console.log(`document: ${file}, ${text.length} characters, ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB`);
console.log(`cold open → diagnostics: ${cold.toFixed(0)} ms`);
console.log(`last one-character edit → diagnostics: ${recheck.toFixed(0)} ms (includes the quiet time before an analysis: 150 ms, for a large document as long as its last analysis took, at most 2 s) = ${(recheck / cold).toFixed(2)} × cold`);
for (const [k, xs] of Object.entries(latency)) console.log(`${k} during the burst: ${fmt(xs)}`);
console.log(`analyses run: ${closed.analyses}`);
console.log(`RSS idle ${MiB(idle.rss)}, after open ${MiB(opened.rss)}, max while editing ${MiB(rssMax)}, 10 s after close ${MiB(closed.rss)}`);
await c.sendRequest("shutdown");
void c.sendNotification("exit");
