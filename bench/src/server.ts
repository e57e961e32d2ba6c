import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from "vscode-languageserver-protocol/node";
import { leafAt } from "./core.js";
import type { Figure } from "./figures.js";
import type { GeneratedDocument } from "./generate.js";
import { MiB, now, percentile } from "./measure.js";

export const serverMain = join(dirname(fileURLToPath(import.meta.resolve("@perf/server"))), "main.js");

interface Position {
  line: number;
  character: number;
}

function positionAt(text: string, offset: number): Position {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The real server over stdio, as an editor drives it; keeps what it publishes. */
class Server {
  private readonly child = spawn(process.execPath, [serverMain, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  readonly connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
  private readonly published: PublishDiagnosticsParams[] = [];
  private wake: (() => void)[] = [];
  private stderr = "";

  constructor() {
    this.child.stderr.on("data", (d) => (this.stderr += d));
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      for (const w of this.wake.splice(0)) w();
    });
    this.connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.listen();
  }

  async start(): Promise<void> {
    await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await this.connection.sendNotification("initialized", {});
  }

  /** Waits (at most `deadlineMs`) for diagnostics of `uri` at `version` or later. */
  async diagnostics(uri: string, version: number, deadlineMs = 300_000): Promise<PublishDiagnosticsParams> {
    const deadline = now() + deadlineMs;
    for (;;) {
      const found = this.published.find((p) => p.uri === uri && (p.version ?? 0) >= version);
      if (found) return found;
      if (now() > deadline) throw new Error(`no diagnostics for ${uri} v${version}; server stderr: ${this.stderr.slice(-1000)}`);
      await new Promise<void>((resolve) => {
        this.wake.push(resolve);
        setTimeout(resolve, 1000);
      });
    }
  }

  async rss(): Promise<number> {
    return (await this.connection.sendRequest<{ rss: number }>("perf/serverStatus")).rss;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    } catch {
      /* already gone */
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 5000);
      this.child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

export interface ServerOptions {
  edits: number;
  /** Pause between keystrokes. */
  typingMs: number;
  /** Retained heap of the document's JSON twin, the yardstick for memory. */
  jsonBytes: number;
  /** Median in-process cold check of the same document (CPU), shown beside the server's. */
  coldCheckMs: number;
}

/**
 * Opens the document, types `edits` characters into a note and, after each keystroke, asks for
 * hover, inlay hints and completion at once (as an editor does), timing each round trip. RSS
 * comes from `perf/serverStatus`: idle before opening, the peak while editing, the lowest of a
 * few readings after closing.
 */
export async function serverFigures(doc: GeneratedDocument, o: ServerOptions): Promise<Figure[]> {
  const server = new Server();
  try {
    await server.start();
    await sleep(500);
    const idle = Math.min(await server.rss(), await server.rss(), await server.rss());
    const uri = pathToFileURL("/bench/generated.perf").href;
    const leaf = leafAt(doc, 0.5);
    const leafOffset = doc.perf.indexOf(`indicator ${leaf} `);
    const hoverAt = positionAt(doc.perf, leafOffset + "indicator ".length + 1);
    const typeAt = positionAt(doc.perf, doc.perf.indexOf('note "', leafOffset) + 'note "'.length);
    const completeAt = { line: typeAt.line + 1, character: 6 }; // start of the method line below the note
    const inlayRange = { start: { line: Math.max(0, hoverAt.line - 60), character: 0 }, end: { line: hoverAt.line + 60, character: 0 } };

    const t0 = now();
    await server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "perf", version: 1, text: doc.perf } });
    await server.diagnostics(uri, 1);
    const openMs = now() - t0;

    const latency = { hover: [] as number[], inlay: [] as number[], completion: [] as number[] };
    const timed = async (key: keyof typeof latency, method: string, params: object) => {
      const start = now();
      await server.connection.sendRequest(method, params);
      latency[key].push(now() - start);
    };
    let peak = await server.rss();
    for (let version = 2; version <= o.edits + 1; version++) {
      const at = { line: typeAt.line, character: typeAt.character + version - 2 };
      await server.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: "改" }],
      });
      await Promise.all([
        timed("hover", "textDocument/hover", { textDocument: { uri }, position: hoverAt }),
        timed("inlay", "textDocument/inlayHint", { textDocument: { uri }, range: inlayRange }),
        timed("completion", "textDocument/completion", { textDocument: { uri }, position: completeAt }),
      ]);
      peak = Math.max(peak, await server.rss());
      await sleep(o.typingMs);
    }
    await server.diagnostics(uri, o.edits + 1);
    peak = Math.max(peak, await server.rss());

    await server.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    let afterClose = Infinity;
    for (let i = 0; i < 6; i++) {
      await sleep(500);
      afterClose = Math.min(afterClose, await server.rss());
    }

    const figures: Figure[] = [];
    // Latencies are wall time under whatever else the machine runs: printed against the target, not regression-checked.
    for (const [key, label] of [["hover", "hover"], ["inlay", "inlay hints"], ["completion", "completion"]] as const) {
      const p95 = percentile(latency[key], 95);
      figures.push({ id: `server-${key}-p95`, label: `server ${label} p95 during ${o.edits} edits, ${doc.leaves} leaves`, value: p95, unit: "ms", target: { op: "<=", limit: 50 }, detail: `${(p95 / openMs).toFixed(2)}× the server's open → diagnostics` });
    }
    const json = o.jsonBytes;
    figures.push(
      { id: "server-open", label: `server open → diagnostics, ${doc.leaves} leaves (wall)`, value: openMs, unit: "ms", detail: `in-process cold check ${o.coldCheckMs.toFixed(0)} ms CPU` },
      {
        id: "server-rss-editing-vs-json",
        label: `server RSS while editing above idle ÷ JSON heap`,
        value: (peak - idle) / json,
        unit: "×",
        target: { op: "<=", limit: 10 },
        // Not regression-checked: the peak depends on when the collector ran (49× to 109× in runs minutes apart).
        detail: `idle ${(idle / MiB).toFixed(0)} MiB, peak ${(peak / MiB).toFixed(0)} MiB, JSON ${(json / MiB).toFixed(0)} MiB`,
      },
      {
        id: "server-rss-closed-vs-json",
        label: `server RSS after close above idle ÷ JSON heap`,
        value: Math.max(0, afterClose - idle) / json,
        unit: "×",
        target: { op: "<=", limit: 2 },
        detail: `${(afterClose / MiB).toFixed(0)} MiB after close`,
      },
    );
    return figures;
  } finally {
    await server.stop();
  }
}
