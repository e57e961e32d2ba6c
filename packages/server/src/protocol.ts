import type { EvaluationResult } from "@perf/engine";
import { NotificationType, RequestType, RequestType0 } from "vscode-languageserver";

/**
 * perf's own LSP messages, for the extension's status bar and preview. Names and payloads
 * are a contract with apps/vscode: change them only together.
 */

export interface EvaluatedResultParams {
  uri: string;
}
/** `perf/evaluatedResult` ({uri}) → the engine's EvaluationResult for that document's evaluation, or null. */
export const EvaluatedResultRequest = new RequestType<EvaluatedResultParams, EvaluationResult | null, void>("perf/evaluatedResult");

export interface SubjectTotal {
  id: string;
  name: string;
  total: string | null;
  grade: string | null;
  vetoedBy: string | null;
}

export interface ResultChangedParams {
  uri: string;
  /** The document version the result was computed for. */
  version: number;
  /** Total score, an exact decimal string ("82.46"); null when nothing is scored at the top (several subjects, a published total only). */
  total: string | null;
  /** The total a published report states (`declared`), if any: what a published total only shows. */
  declared?: string | null;
  /** With several subjects: every subject's total and grade, in source order. */
  subjects?: SubjectTotal[];
  /** Grade name, or null when no band matches. */
  grade: string | null;
  /** The veto that set the grade, if any. */
  vetoedBy: string | null;
  errors: number;
  warnings: number;
}
/** `perf/resultChanged`: sent for each open document after every analysis that was published. */
export const ResultChangedNotification = new NotificationType<ResultChangedParams>("perf/resultChanged");

export interface ServerStatus {
  /** process.memoryUsage() of the server, in bytes. */
  rss: number;
  heapUsed: number;
  openDocuments: number;
  knownFiles: number;
  pendingAnalyses: number;
  /** Analyses run since the server started (a burst of edits should cost one). */
  analyses: number;
  /** Full collections the server ran after the analysis of a large document (decision 0203). */
  collections: number;
  /** Second collections that followed one of those because old space was left fragmented (decision 0207). */
  compactions: number;
  /** CPU time (ms, the whole process) of those collections and of the second ones. */
  collectionMs: number;
  compactionMs: number;
}
/** `perf/serverStatus` → memory and queue figures, for tests and diagnostics. */
export const ServerStatusRequest = new RequestType0<ServerStatus, void>("perf/serverStatus");

export interface DebugHeap {
  /** process.memoryUsage().heapUsed right after a full collection (when the server runs with --expose-gc). */
  heapUsed: number;
  /** The rest of process.memoryUsage() after that collection, in bytes. */
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  rss: number;
  /** Whether a collection ran (the server was started with --expose-gc). */
  collected: boolean;
  /** V8's heap spaces after that collection: bytes reserved and in use, by space name. */
  spaces: Record<string, { size: number; used: number }>;
}
/** `perf/debug/heap` → heap after a collection; answered only when the server runs with PERF_SERVER_DEBUG=1. */
export const DebugHeapRequest = new RequestType0<DebugHeap, void>("perf/debug/heap");
