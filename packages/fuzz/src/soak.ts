#!/usr/bin/env node
// pnpm test:soak [-- --edits N] [--seconds S] [--seed S]
// Drives the real language server (packages/server/dist/main.js --stdio) as an editor would:
// one open document, N keystroke-like edits (typing, backspace, paste, cut, odd Unicode), then
// checks that the published diagnostics equal a cold `analyze` of the same text and that the
// live heap returns within 20% of its size after the first few hundred edits.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { analyze } from "@perf/engine";
import { LineIndex, type Diagnostic } from "@perf/language";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic as LspDiagnostic,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { repoRoot } from "./corpus.js";
import { randomChar } from "./mutate.js";
import { rng } from "./rng.js";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    edits: { type: "string", default: "10000" },
    seconds: { type: "string", default: "900" },
    seed: { type: "string", default: "1" },
    /** Edits between two waits for the server's diagnostics (an editor pauses now and then). */
    pause: { type: "string", default: "25" },
  },
});
const edits = Number(values.edits);
const deadline = Date.now() + Number(values.seconds) * 1000;
const r = rng(Number(values.seed), 0x50a1);
const pauseEvery = Math.max(1, Number(values.pause));
const baselineAt = Math.min(300, Math.floor(edits / 3));
/** The server publishes at most this many diagnostics per document (packages/server/src/service.ts). */
const MAX_PUBLISHED = 1000;

const dir = mkdtempSync(join(tmpdir(), "perf-soak-"));
const file = join(dir, "soak.perf");
const seedText = readFileSync(join(repoRoot, "examples", "yongzhou-2023", "yongzhou-2023.perf"), "utf8");
writeFileSync(file, seedText);
const uri = pathToFileURL(file).href;

const server = spawn(process.execPath, ["--expose-gc", "-r", join(import.meta.dirname, "gc-on-signal.cjs"), join(repoRoot, "packages", "server", "dist", "main.js"), "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
let stderr = "";
server.stderr.on("data", (d) => (stderr += d));
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const published = new Map<number, PublishDiagnosticsParams>();
let waiter: (() => void) | undefined;
connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
  if (p.uri === uri && p.version !== undefined) published.set(p.version, p);
  waiter?.();
});
connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => null));
connection.onRequest("client/registerCapability", () => null);
connection.listen();

const alive = () => server.exitCode === null && server.signalCode === null;

async function diagnosticsAt(version: number, ms = 30_000): Promise<PublishDiagnosticsParams | undefined> {
  const end = Date.now() + ms;
  while (!published.has(version) && alive() && Date.now() < end)
    await new Promise<void>((resolve) => {
      waiter = resolve;
      setTimeout(resolve, 100);
    });
  return published.get(version);
}

/** The live heap of the server after a full collection, and its resident set from /proc. */
async function memory(): Promise<{ heap: number; rss: number }> {
  server.kill("SIGUSR2");
  await new Promise((resolve) => setTimeout(resolve, 300));
  const status = await connection.sendRequest<{ heapUsed: number }>("perf/serverStatus");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1] ?? 0);
  return { heap: status.heapUsed, rss: rssKb * 1024 };
}

const severity = { error: 1, warning: 2, info: 3 } as const;
/**
 * What `perf check` would report, as comparable text: code, severity and range. The words are
 * left out on purpose: they are made from the same diagnostic at the edges, and this keeps the
 * soak independent of how and in which language they are worded.
 */
function cold(text: string): string[] {
  const ds: Diagnostic[] = analyze([{ uri, text }]).result.diagnostics;
  return ds.map((d) => key({ range: d.range, severity: severity[d.severity], code: d.code }));
}
function key(d: Pick<LspDiagnostic, "range" | "severity" | "code">): string {
  const { start, end } = d.range;
  return `${d.code} ${d.severity} ${start.line}:${start.character}-${end.line}:${end.character}`;
}
/** Equal as multisets; when the server capped its list, every published one must be in the cold list. */
function sameDiagnostics(server: LspDiagnostic[], text: string): string | undefined {
  const want = cold(text).sort();
  const got = server.map(key).sort();
  if (want.length > MAX_PUBLISHED && got.length === MAX_PUBLISHED) {
    const pool = new Map<string, number>();
    for (const w of want) pool.set(w, (pool.get(w) ?? 0) + 1);
    const extra = got.find((g) => !(pool.get(g)! > 0 && pool.set(g, pool.get(g)! - 1)));
    return extra ? `published but not in a cold check: ${extra}` : undefined;
  }
  if (want.length !== got.length) return `${got.length} published, ${want.length} from a cold check`;
  const i = want.findIndex((w, k) => w !== got[k]);
  return i < 0 ? undefined : `first difference:\n  server: ${got[i]}\n  cold:   ${want[i]}`;
}

/** One keystroke-like edit of `text`: the range it replaces (offsets) and the new text. */
function edit(text: string, cursor: number): { from: number; to: number; insert: string } {
  const p = Math.min(cursor, text.length);
  const roll = r.next();
  if (roll < 0.55) return { from: p, to: p, insert: r.pick([..."abc 指标项目分值得扣 \n{}()\"%.,;:0123456789/", "weight ", "score ", "扣分 ", "\n  "]) };
  if (roll < 0.8) return { from: Math.max(0, p - 1), to: p, insert: "" }; // backspace
  if (roll < 0.88) {
    const a = r.int(0, text.length);
    return { from: p, to: p, insert: text.slice(a, a + r.int(1, 400)) }; // paste
  }
  if (roll < 0.96) {
    const a = r.int(0, text.length);
    return { from: a, to: Math.min(text.length, a + r.int(1, 300)), insert: "" }; // cut
  }
  return { from: p, to: p, insert: randomChar(r) };
}

const checks: { name: string; ok: boolean; detail: string }[] = [];
const check = (name: string, ok: boolean, detail = "") => {
  checks.push({ name, ok, detail });
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
};

async function main(): Promise<void> {
  const started = Date.now();
  await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "soak" }], capabilities: {} });
  await connection.sendNotification("initialized", {});
  let text = seedText;
  let version = 1;
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "perf", version, text } });
  check("diagnostics for the opened document", (await diagnosticsAt(version)) !== undefined);

  let cursor = Math.floor(text.length / 2);
  let baseline: { heap: number; rss: number } | undefined;
  let peak = 0;
  let waits = 0;
  let slowest = 0;
  let mismatches = 0;
  let done = 0;
  for (; done < edits && Date.now() < deadline && alive(); done++) {
    if (r.chance(0.02)) cursor = r.int(0, text.length);
    const e = edit(text, cursor);
    const lines = new LineIndex(text);
    const range = lines.range(e.from, e.to);
    text = text.slice(0, e.from) + e.insert + text.slice(e.to);
    cursor = e.from + e.insert.length;
    version++;
    await connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } }, text: e.insert }],
    });
    if ((done + 1) % pauseEvery === 0) {
      const t0 = Date.now();
      const p = await diagnosticsAt(version);
      slowest = Math.max(slowest, Date.now() - t0);
      waits++;
      if (!p) {
        check(`diagnostics for version ${version}`, false, alive() ? "none within 30 s" : `the server exited: ${stderr.slice(-2000)}`);
        break;
      }
      // Every 4th pause, the diagnostics must be those of a cold check of the same text.
      if (waits % 4 === 0) {
        const problem = sameDiagnostics(p.diagnostics, text);
        if (problem) {
          mismatches++;
          if (mismatches <= 3) console.log(`FAIL diagnostics at version ${version} differ from a cold check: ${problem}`);
        }
      }
      for (const v of published.keys()) if (v < version) published.delete(v);
    }
    if (done + 1 === baselineAt) {
      baseline = await memory();
      console.log(`  after ${baselineAt} edits: heap ${(baseline.heap / 2 ** 20).toFixed(1)} MB, rss ${(baseline.rss / 2 ** 20).toFixed(1)} MB`);
    }
    if ((done + 1) % 1000 === 0) {
      const m = await memory();
      peak = Math.max(peak, m.heap);
      console.log(`  ${done + 1} edits, ${text.length} characters, heap ${(m.heap / 2 ** 20).toFixed(1)} MB, rss ${(m.rss / 2 ** 20).toFixed(1)} MB, ${((done + 1) / ((Date.now() - started) / 1000)).toFixed(0)} edits/s`);
    }
  }
  check("the server is alive", alive(), alive() ? "" : stderr.slice(-2000));
  check(`${done} edits sent`, done === edits, done === edits ? "" : `stopped at the time bound of ${values.seconds} s`);
  check("intermediate diagnostics equal a cold check", mismatches === 0, `${mismatches} of ${Math.floor(waits / 4)} compared differ`);

  // Idle: the final version's diagnostics, then the same text once more from cold.
  const final = alive() ? await diagnosticsAt(version) : undefined;
  const problem = final ? sameDiagnostics(final.diagnostics, text) : "no diagnostics for the final version";
  check("final diagnostics equal a cold check", !problem, problem ?? `${final!.diagnostics.length} diagnostics, ${text.length} characters`);

  if (alive() && baseline) {
    const end = await memory();
    peak = Math.max(peak, end.heap);
    const ratio = end.heap / baseline.heap;
    check(
      "live heap back within 20% of its size after the first edits",
      ratio <= 1.2,
      `${(baseline.heap / 2 ** 20).toFixed(1)} MB after ${baselineAt} edits, ${(end.heap / 2 ** 20).toFixed(1)} MB at the end (×${ratio.toFixed(2)}), peak ${(peak / 2 ** 20).toFixed(1)} MB; rss ${(baseline.rss / 2 ** 20).toFixed(1)} → ${(end.rss / 2 ** 20).toFixed(1)} MB`,
    );
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`soak: ${done} edits in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(0)} edits/s), ${waits} waits for diagnostics (slowest ${slowest} ms), final text ${text.length} characters, seed ${values.seed}`);
}

try {
  await main();
} catch (e) {
  check("the soak ran to the end", false, `${(e as Error).stack ?? e}\n${stderr.slice(-2000)}`);
} finally {
  if (alive()) {
    await Promise.race([connection.sendRequest("shutdown").then(() => connection.sendNotification("exit")), new Promise((resolve) => setTimeout(resolve, 3000))]).catch(() => undefined);
    setTimeout(() => alive() && server.kill(), 3000).unref();
  }
  connection.dispose();
  rmSync(dir, { recursive: true, force: true });
}
const failed = checks.filter((c) => !c.ok).length;
console.log(`${checks.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
