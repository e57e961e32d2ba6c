import { dirname, isAbsolute, relative, sep } from "node:path";
import { documentLines, evidencePathDiagnostics, sortDiagnostics, type Analysis } from "@perf/engine";
import { diagnosticKey, diagnosticText, isAuditCode, withOffsets, type Diagnostic, type Locale, type Severity } from "@perf/language";
import type { CommonOptions } from "./io.js";
import { displayPath } from "./files.js";
import { analyzeEntry, rootOf } from "./project.js";
import { readSourceFile } from "./read-source.js";
import { formatDiagnostic, formatFileDiagnostic } from "./format-diagnostic.js";
import { checkNarrative, narrativePath, readNarrative } from "./narrative-file.js";
import { t } from "./messages.js";

/**
 * What `perf check` prints for one file, as plain data: computed next to the file's analysis (in
 * process or in a worker thread, decision 0210) and merged in the order of the files by
 * `mergeReports`/`mergeAudit`. Only what the chosen format prints is kept: the formatted blocks for
 * text, the diagnostics for json, sarif and github.
 */
export interface ReportContext {
  locale: Locale;
  strict: boolean;
  format: "text" | "json" | "sarif" | "github";
  audit: boolean;
  cwd: string;
  color: boolean;
}

/** One thing a file reports, in order. */
export interface ReportEntry {
  /** A diagnostic already reported by an earlier file (a framework its users share) is not reported again. */
  key?: string;
  /** What it counts as; a line about the file (not read, not checked) is an error without a diagnostic. */
  severity?: Severity;
  /** An acknowledged audit finding: only its key takes part (`perf check --audit` lists it). */
  hidden?: true;
  /** The diagnostic, with the path the file is shown under (json, sarif, github). */
  diagnostic?: Diagnostic & { file: string };
  /** The block printed in text format. */
  block?: string;
  /** A line about the file itself (could not read or check it): printed on stderr outside text format. */
  line?: string;
}

export interface AuditFinding {
  diagnostic: Diagnostic;
  /** The acknowledgement's reason, if the file acknowledges the finding. */
  reason?: string;
  /** The finding as printed in text format. */
  text?: string;
}

export type FileReport = { entries: ReportEntry[] } | { audit: { otherErrors: number; findings: AuditFinding[] } };

/** A checked file: its analysis, or why it was not read or not checked. */
export interface CheckedFile {
  file: string;
  analysis?: Analysis;
  /** The workspace folder the evaluation may not leave (its `use`s, its evidence paths). */
  root?: string;
  /** The system's error code when the file could not be opened or read. */
  readError?: string;
  /** Why the file was not read: not UTF-8 (PERF110), not a regular file, too large. */
  refusal?: Diagnostic;
  /** Why it was read but could not be checked: the checker's exception, or its worker ran out of memory. */
  failure?: string;
}

/**
 * Checks one file: read through the CLI's one reader, then analysed as one evaluation with the
 * files it `use`s (a framework file alone as a framework). An exception of the checker is the
 * file's failure, reported with the others, not a stack trace.
 */
export function checkOne(file: string, options: CommonOptions, cwd: string | undefined, roots: string[]): CheckedFile {
  const here = cwd ?? process.cwd();
  const read = readSourceFile(file, options.locale, cwd ? displayPath(file, cwd) : file);
  if (!read.ok) return "error" in read ? { file, readError: read.error } : { file, refusal: read.diagnostic };
  const root = rootOf(file, roots, here);
  try {
    return { file, root, analysis: analyzeEntry(file, read.source.text, root, here, options) };
  } catch (e) {
    return { file, root, failure: describeFailure(e) };
  }
}

/** An exception as one line: its name or code and its message, never its stack. */
export function describeFailure(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as NodeJS.ErrnoException).code;
  return `${code ?? e.name}: ${e.message.split("\n")[0]}`;
}

/**
 * The analysis' diagnostics with PERF125 for evidence paths that leave the workspace `root` (or
 * are absolute, URLs, devices…), as the language server reports them: a path may climb from a
 * file's folder up to the root, never above it.
 */
function withEvidencePaths(a: Analysis, root: string | undefined, strict: boolean): readonly Diagnostic[] {
  if (root === undefined) return a.result.diagnostics;
  const extra: Diagnostic[] = [];
  for (const [uri, parsed] of a.parsed) {
    const rel = relative(root, dirname(uri));
    if (rel.startsWith("..") || isAbsolute(rel)) continue;
    const maxUp = rel === "" ? 0 : rel.split(sep).length;
    extra.push(...evidencePathDiagnostics(parsed.ast, uri, maxUp, { strict }));
  }
  return extra.length ? sortDiagnostics([...a.result.diagnostics, ...extra]) : a.result.diagnostics;
}

/** The line said about a file that was not checked (it is counted as an error). */
export function failureLine(c: CheckedFile, ctx: ReportContext): string | undefined {
  const shown = displayPath(c.file, ctx.cwd);
  if (c.readError) return `perf: ${t(ctx.locale, "error")}: ${t(ctx.locale, "cannotRead")} ${shown}: ${c.readError}`;
  if (c.failure) return `perf: ${t(ctx.locale, "error")}: ${t(ctx.locale, "cannotCheck")} ${shown}: ${c.failure}`;
  return undefined;
}

/** What one checked file reports (see FileReport). */
export function reportFile(c: CheckedFile, ctx: ReportContext): FileReport {
  return ctx.audit ? { audit: auditFile(c, ctx) } : { entries: fileEntries(c, ctx) };
}

function fileEntries(c: CheckedFile, ctx: ReportContext): ReportEntry[] {
  const { locale, cwd } = ctx;
  const text = ctx.format === "text";
  const style = { color: ctx.color };
  const shown = displayPath(c.file, cwd);
  const failed = failureLine(c, ctx);
  // a file that could not be read is not in the machine formats' diagnostics, only in their error count
  if (failed) return [{ severity: "error", ...(text ? { block: failed } : { line: failed }) }];
  if (c.refusal) return [{ severity: "error", ...(text ? { block: formatFileDiagnostic(c.refusal, shown, locale, style) } : { diagnostic: { ...c.refusal, file: shown } }) }];
  const entries: ReportEntry[] = [];
  const a = c.analysis!;
  const lines = a.parsed.get(c.file)!.lines;
  for (const d of withEvidencePaths(a, c.root, ctx.strict)) {
    const key = diagnosticKey(d);
    // an acknowledged audit finding is not a problem of the file: `perf check --audit` lists it
    if (d.data?.acknowledged !== undefined) {
      entries.push({ key, hidden: true });
      continue;
    }
    entries.push({
      key,
      severity: d.severity,
      ...(text
        ? { block: formatDiagnostic(d, a.parsed.get(d.uri)?.lines ?? lines, displayPath(d.uri, cwd), locale, style, (u) => displayPath(u, cwd)) }
        : { diagnostic: { ...withOffsets(d, documentLines(a)), file: shown } }),
    });
  }
  // the evaluation's narrative (NAME.report.md): its references must resolve against this result
  let narrative;
  try {
    narrative = readNarrative(c.file, locale);
  } catch (e) {
    const line = `perf: ${t(locale, "error")}: ${t(locale, "cannotRead")} ${displayPath(narrativePath(c.file)!, cwd)}: ${(e as Error).message}`;
    entries.push({ severity: "error", ...(text ? { block: line } : { line }) });
  }
  if (narrative) {
    for (const d of checkNarrative(narrative, a.result, locale)) {
      entries.push({ severity: d.severity, ...(text ? { block: formatDiagnostic(d, narrative.lines, displayPath(d.uri, cwd), locale, style) } : { diagnostic: { ...withOffsets(d, () => narrative.lines), file: shown } }) });
    }
  }
  return entries;
}

/** Why the file acknowledges an audit finding (`acknowledged "…"`), if it does. */
function reasonOf(d: Diagnostic): string | undefined {
  const r = d.data?.acknowledged;
  return typeof r === "string" ? r : undefined;
}

function auditFile(c: CheckedFile, ctx: ReportContext): { otherErrors: number; findings: AuditFinding[] } {
  if (!c.analysis) return { otherErrors: 1, findings: [] };
  const a = c.analysis;
  let otherErrors = 0;
  const findings: AuditFinding[] = [];
  for (const d of a.result.diagnostics) {
    if (isAuditCode(d.code)) {
      const reason = reasonOf(d);
      const lines = a.parsed.get(d.uri)?.lines;
      const text =
        ctx.format !== "text" ? undefined : lines ? formatDiagnostic(d, lines, displayPath(d.uri, ctx.cwd), ctx.locale, { color: ctx.color }, (u) => displayPath(u, ctx.cwd)) : diagnosticText(d, ctx.locale).message;
      findings.push({ diagnostic: ctx.format === "text" ? d : withOffsets(d, documentLines(a)), ...(reason !== undefined ? { reason } : {}), ...(text !== undefined ? { text } : {}) });
    } else if (d.severity === "error") otherErrors++;
  }
  return { otherErrors, findings };
}
