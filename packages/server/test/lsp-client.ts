import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import type { ResultChangedParams } from "../src/protocol.js";

export const serverMain = join(import.meta.dirname, "..", "dist", "main.js");

/**
 * A minimal LSP client around the built server binary, as an editor would drive it: it keeps
 * every notification it receives and lets tests wait for one with a deadline.
 */
export class LspClient {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly results: ResultChangedParams[] = [];
  readonly logs: string[] = [];
  stderr = "";
  private waiters: (() => void)[] = [];

  /** `nodeArgs` go before the server's path (e.g. `--expose-gc`); `env` is added to the test's environment. */
  constructor(transport: "stdio" | "node-ipc" = "stdio", options: { nodeArgs?: string[]; env?: Record<string, string> } = {}) {
    const ipc = transport === "node-ipc";
    this.process = spawn(process.execPath, [...(options.nodeArgs ?? []), serverMain, `--${transport}`], {
      stdio: ipc ? ["pipe", "pipe", "pipe", "ipc"] : ["pipe", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    });
    this.process.stderr!.on("data", (d) => (this.stderr += d));
    this.connection = ipc
      ? createProtocolConnection(new IPCMessageReader(this.process), new IPCMessageWriter(this.process))
      : createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => this.record(() => this.diagnostics.push(p)));
    this.connection.onNotification("perf/resultChanged", (p: ResultChangedParams) => this.record(() => this.results.push(p)));
    this.connection.onNotification("window/logMessage", (p: { message: string }) => this.record(() => this.logs.push(p.message)));
    this.connection.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.listen();
  }

  private record(f: () => void): void {
    f();
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Resolves with the first value `find` returns once a notification makes it defined; rejects after the deadline. */
  waitFor<T>(what: string, find: () => T | undefined, deadlineMs = 20_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${deadlineMs} ms; server stderr: ${this.stderr.slice(-2000)}`)), deadlineMs);
      const check = () => {
        const v = find();
        if (v !== undefined) {
          clearTimeout(timer);
          resolve(v);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** The diagnostics published for a document at (at least) a version. */
  diagnosticsFor(uri: string, version: number, deadlineMs?: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri} v${version}`, () => this.diagnostics.find((d) => d.uri === uri && (d.version ?? 0) >= version), deadlineMs);
  }

  resultFor(uri: string, version: number, deadlineMs?: number): Promise<ResultChangedParams> {
    return this.waitFor(`perf/resultChanged for ${uri} v${version}`, () => this.results.find((r) => r.uri === uri && r.version >= version), deadlineMs);
  }

  async stop(): Promise<number | null> {
    if (this.alive) {
      try {
        await this.connection.sendRequest("shutdown");
        await this.connection.sendNotification("exit");
      } catch {
        /* already gone */
      }
    }
    const code = await new Promise<number | null>((resolve) => {
      if (!this.alive) return resolve(this.process.exitCode);
      const timer = setTimeout(() => {
        this.process.kill();
        resolve(null);
      }, 5000);
      this.process.once("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    this.connection.dispose();
    return code;
  }
}
