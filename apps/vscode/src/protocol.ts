// The custom messages of the perf language server, mirrored from packages/server/src/protocol.ts
// (the extension must not depend on the server package at run time). Only types are
// imported from the monorepo; nothing of it is needed at run time.
import type { EvaluationResult } from "@perf/engine";

export type { EvaluationResult };

/** Request: the engine's result for one open document. */
export const evaluatedResultRequest = "perf/evaluatedResult";
export interface EvaluatedResultParams {
  uri: string;
}

/** Notification sent after each analysis of a document (packages/server/src/protocol.ts). */
export const resultChangedNotification = "perf/resultChanged";
export interface ResultChangedParams {
  uri: string;
  /** The document version the result was computed for. */
  version?: number;
  /** The total score as an exact decimal string ("82.46"); null when nothing is scored at the top. */
  total: string | null;
  /** A published total only: the total the report states. */
  declared?: string | null;
  /** Several subjects: every subject's total and grade. */
  subjects?: { id: string; name: string; total: string | null; grade: string | null; vetoedBy: string | null }[];
  /** The grade name ("良"), or null when no band matches. */
  grade: string | null;
  /** The veto that set the grade, if any. */
  vetoedBy?: string | null;
  errors?: number;
  warnings?: number;
}
