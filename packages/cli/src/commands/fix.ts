import { readFileSync } from "node:fs";
import { applyFixes, fixesFor, type Analysis, type Fix } from "@perf/engine";
import { diagnosticText, encodeSource, type Diagnostic, type Locale, type SourceText } from "@perf/language";
import type { CheckedFile } from "./check.js";
import { displayPath } from "../files.js";
import type { CliIO, CommonOptions } from "../io.js";
import { readSourceFile } from "../read-source.js";
import { analyzeEntry, workspaceOf } from "../project.js";
import { t } from "../messages.js";
import { checkWriteTarget, signalsTakeEffect, writeAtomic } from "../write-file.js";

/** At most this many rounds of analyse → fix per file (a fix can reveal another; none loops). */
export const maxFixPasses = 10;

export interface FixOptions extends CommonOptions {
  /** Print a unified diff of what would change; write nothing. */
  dryRun: boolean;
}

/** A fix applied or left for a person, where its diagnostic was (1-based, in the text of its pass). */
export interface FixNote {
  line: number;
  column: number;
  code: string;
  titles: string[];
  /** Why it was not applied: several fixes to choose from, one that is not sure, or the pass limit. */
  reason?: "choice" | "confirm" | "passes";
}

export interface FixOutcome {
  /** The analysis of the text after the fixes (what remains to report). */
  analysis: Analysis;
  applied: FixNote[];
  /** Diagnostics with fixes that need a choice or a confirmation: never applied here. */
  notApplied: FixNote[];
  /** The text changed (and, unless a dry run, was written). */
  changed: boolean;
  /** Why the file was not fixed or not written, when it was not. */
  refused?: string;
}

/**
 * `perf check --fix`: fixes each file (see fixFile), says what it fixed and what it left for a
 * person and why (on stdout in text format, on stderr otherwise), and returns the files as
 * checked after the fixes, for the usual report of what remains.
 */
export async function fixFiles(files: string[], options: FixOptions & { format: string }, io: CliIO): Promise<CheckedFile[]> {
  const L = options.locale;
  const say = options.format === "text" ? io.stdout : io.stderr;
  const checked: CheckedFile[] = [];
  const lines: string[] = [];
  let fixed = 0;
  let left = 0;
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    const read = readSourceFile(file, L, shown);
    if (!read.ok) {
      checked.push("error" in read ? { file, readError: read.error } : { file, refusal: read.diagnostic });
      continue;
    }
    const out = await fixFile(file, shown, read, options, { ...io, stdout: say });
    checked.push({ file, analysis: out.analysis });
    if (out.refused) lines.push(`perf: ${t(L, "fixNotApplied")}: ${t(L, "fixRefused", { file: shown, reason: out.refused })}`);
    const written = !out.refused || options.dryRun;
    for (const n of written ? out.applied : []) lines.push(`${shown}:${n.line}:${n.column}: ${t(L, options.dryRun ? "fixWouldApply" : "fixApplied")} ${n.code}: ${n.titles[0]}`);
    for (const n of out.notApplied) {
      const reason = t(L, `fixReason.${n.reason ?? "confirm"}`, { n: maxFixPasses });
      lines.push(`${shown}:${n.line}:${n.column}: ${t(L, "fixNotApplied")} ${n.code} (${reason}): ${n.titles.join(L === "en" ? " | " : " ｜ ")}`);
    }
    if (written) fixed += out.applied.length;
    left += out.notApplied.length;
  }
  // like check, silent when there is nothing to say
  if (lines.length) say([...lines, t(L, options.dryRun ? "fixSummaryDry" : "fixSummary", { files: files.length, fixed, left })].join("\n") + "\n");
  return checked;
}

/**
 * `perf check --fix` for one read, decoded file: applies the fixes that are preferred and the only
 * one offered for their diagnostic, re-analyses and repeats (at most `maxFixPasses` rounds), then
 * writes the file once, atomically, with its BOM and line endings as they were; every byte but the
 * edits is kept. A file with syntax errors is not fixed. A dry run prints a unified diff instead.
 */
export async function fixFile(file: string, shown: string, read: { source: SourceText; bytes: Uint8Array }, options: FixOptions, io: CliIO): Promise<FixOutcome> {
  const { source } = read;
  const analyse = (text: string) => analyzeEntry(file, text, workspaceOf(file, io.cwd, false), io.cwd, options);
  let text = source.text;
  let analysis = analyse(text);
  const applied: FixNote[] = [];
  let notApplied: FixNote[] = [];
  const syntax = analysis.parsed.get(file)!.diagnostics.filter((d) => d.severity === "error").length;
  if (syntax) return { analysis, applied, notApplied, changed: false, refused: t(options.locale, "fixNotParsed", { n: syntax }) };
  for (let pass = 0; ; pass++) {
    const chosen: Fix[] = [];
    const where = new Map<Fix, FixNote>();
    notApplied = [];
    for (const d of analysis.result.diagnostics) {
      if (d.uri !== file) continue;
      const fixes = fixesFor(d, analysis, { locale: options.locale });
      if (!fixes.length) continue;
      const note = noteOf(d, fixes);
      const sure = fixes.length === 1 && fixes[0]!.preferred;
      if (sure && pass < maxFixPasses) {
        // inserted text takes the file's line ending, so nothing else in the file changes
        const fix = { ...fixes[0]!, edits: fixes[0]!.edits.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, source.eol) })) };
        chosen.push(fix);
        where.set(fix, note);
      } else notApplied.push({ ...note, reason: fixes.length > 1 ? "choice" : sure ? "passes" : "confirm" });
    }
    if (!chosen.length) break;
    const r = applyFixes(text, chosen);
    applied.push(...r.applied.map((f) => where.get(f)!));
    text = r.text;
    analysis = analyse(text);
  }
  if (text === source.text) return { analysis, applied, notApplied, changed: false };
  const bytes = encodeSource(text, { bom: source.bom, eol: "\n" }); // the line endings are already the file's own
  if (options.dryRun) {
    const { createTwoFilesPatch, FILE_HEADERS_ONLY } = await import("diff");
    const patch = createTwoFilesPatch(`a/${shown}`, `b/${shown}`, withoutBom(read.bytes, source.bom), withoutBom(bytes, source.bom), undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
    io.stdout(patch);
    return { analysis, applied, notApplied, changed: true };
  }
  const refused = await writeFixed(file, shown, read.bytes, bytes, options.locale);
  return { analysis, applied, notApplied, changed: !refused, ...(refused ? { refused } : {}) };
}

function noteOf(d: Diagnostic, fixes: Fix[]): FixNote {
  return { line: d.range.start.line + 1, column: d.range.start.character + 1, code: d.code, titles: fixes.map((f) => f.title) };
}

function withoutBom(bytes: Uint8Array, bom: boolean): string {
  return Buffer.from(bom ? bytes.subarray(3) : bytes).toString("utf8");
}

/** Writes through the CLI's safe writer; a file changed since it was read is left alone. Returns why not, if not. */
async function writeFixed(file: string, shown: string, before: Uint8Array, after: Uint8Array, locale: Locale): Promise<string | undefined> {
  const target = checkWriteTarget(file, { inputs: [], followSymlinks: true, locale, shown });
  if (!target.ok) return diagnosticText(target.diagnostic, locale).message;
  try {
    if (!readFileSync(target.path).equals(before)) return t(locale, "fixChangedMeanwhile");
    writeAtomic(target.path, after, target.existing);
    await signalsTakeEffect();
    return undefined;
  } catch (e) {
    return `${t(locale, "cannotWrite")}: ${(e as Error).message}`;
  }
}
