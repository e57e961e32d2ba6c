import { existsSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
// the narrative module alone: `perf check` must not load the docx/xlsx/chart writers
import { resolveNarrative } from "@perf/render/narrative";
import { diagnosticText, LineIndex, type Diagnostic, type Locale } from "@perf/language";
import type { EvaluationResult } from "@perf/engine";
import { readSourceFile } from "./read-source.js";

/**
 * The narrative of an evaluation is `NAME.report.md` beside `NAME.perf` (docs/narrative.md).
 * Found by name, so the parser and the project model need no change; `perf check` resolves its
 * references and `perf render` refuses a report whose narrative has an error.
 */
export function narrativePath(perfFile: string): string | undefined {
  const p = join(dirname(perfFile), `${basename(perfFile, extname(perfFile))}.report.md`);
  return existsSync(p) ? p : undefined;
}

export interface NarrativeFile {
  path: string;
  text: string;
  lines: LineIndex;
}

/** Read like a `.perf` input: UTF-8 only, regular files only, bounded; throws with the reason. */
export function readNarrative(perfFile: string, locale: Locale = "zh"): NarrativeFile | undefined {
  const path = narrativePath(perfFile);
  if (!path) return undefined;
  const read = readSourceFile(path, locale, basename(path));
  if (!read.ok) throw new Error("error" in read ? read.error : `[${read.diagnostic.code}] ${diagnosticText(read.diagnostic, locale).message}`);
  const text = read.source.text;
  return { path, text, lines: new LineIndex(text) };
}

/** The narrative's diagnostics (PERF150–PERF155), located in the .md file. */
export function checkNarrative(n: NarrativeFile, result: EvaluationResult, locale: Locale): Diagnostic[] {
  return resolveNarrative(n.text, result, n.path, locale).diagnostics;
}
