import { dirname } from "node:path";
import { diagnosticText, type Diagnostic } from "@perf/language";
import { collectPerfFiles, displayPath } from "../files.js";
import { readSourceFile } from "../read-source.js";
import { analyzeEntry, folders, rootOf, usersOf } from "../project.js";
import { reportFile, type CheckedFile, type FileReport, type ReportContext } from "../check-report.js";
import { toGithubAnnotations } from "../github-format.js";
import { toSarif } from "../sarif-format.js";
import type { CliIO, CommonOptions } from "../io.js";
import { t } from "../messages.js";
import { mergeAudit } from "./audit.js";

export type { CheckedFile } from "../check-report.js";

export interface CheckOptions extends CommonOptions {
  format: "text" | "json" | "sarif" | "github";
  /** Apply the unambiguous quick fixes first (`--fix`); with `dryRun`, only print their diff. */
  fix?: boolean;
  dryRun?: boolean;
  /** List the audit findings (`--audit`), acknowledged or not, instead of every diagnostic. */
  audit?: boolean;
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
 * The one checker: each file is one evaluation with the files it `use`s (a framework file is
 * checked alone as a framework); `cwd` makes the paths in refusals relative; `folders` are the
 * folders given on the command line, the workspaces `use` may not leave.
 */
export function checkFiles(files: string[], options: CommonOptions, cwd?: string, folders: string[] = []): CheckedFile[] {
  return files.map((file) => checkOne(file, options, cwd, folders));
}

export function runCheck(paths: string[], options: CheckOptions, io: CliIO): number | Promise<number> {
  const absolute = paths.map((p) => (p.startsWith("/") ? p : `${io.cwd}/${p}`));
  const { files, missing } = collectPerfFiles(absolute);
  for (const m of missing) io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotRead")} ${m}\n`);
  if (!files.length && !missing.length) {
    io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "noFiles")}\n`);
    return 1;
  }
  const ctx = contextOf(options, io);
  if (options.fix)
    return import("./fix.js")
      .then(({ fixFiles }) => fixFiles(files, { ...options, dryRun: !!options.dryRun }, io))
      .then((checked) => report(files, checked.map((c) => reportFile(c, ctx)), missing, ctx, io));
  const roots = folders(absolute);
  // each file's report is made as soon as it is checked: its analysis is not kept for the others
  const reports = files.map((file) => {
    const c = checkOne(file, options, io.cwd, roots);
    if (options.format === "text" && files.length === 1 && !roots.length) noteFrameworkAlone(c, options, io);
    return reportFile(c, ctx);
  });
  return report(files, reports, missing, ctx, io);
}

function contextOf(options: CheckOptions, io: CliIO): ReportContext {
  return { locale: options.locale, strict: options.strict, format: options.format, audit: !!options.audit, cwd: io.cwd, color: io.color };
}

/**
 * `perf check framework.perf` (a framework named alone): says on stderr that only its tree was
 * checked, and which evaluations in its folder use it. stdout stays silent when it is clean.
 */
function noteFrameworkAlone(c: CheckedFile, options: CheckOptions, io: CliIO): void {
  const top = c.analysis?.parsed.get(c.file)?.ast.declarations ?? [];
  if (!top.some((d) => d.kind === "framework") || top.some((d) => d.kind === "evaluation")) return;
  const folder = dirname(c.file);
  const users = usersOf(c.file, folder, options.locale).map((f) => displayPath(f, io.cwd));
  const shownFolder = displayPath(folder, io.cwd) || ".";
  const tail = users.length ? t(options.locale, "frameworkUsers", { users: users.join(", "), folder: shownFolder }) : t(options.locale, "frameworkNoUsers");
  io.stderr(`perf: ${t(options.locale, "note")}: ${t(options.locale, "frameworkAlone", { file: displayPath(c.file, io.cwd) })}${tail}\n`);
}

/** Prints the reports of the checked files, in their order, in the chosen format; the exit code. */
function report(files: string[], reports: FileReport[], missing: string[], ctx: ReportContext, io: CliIO): number {
  if (ctx.audit) return mergeAudit(files, reports, missing, ctx, io);
  let errors = missing.length;
  let warnings = 0;
  const all: (Diagnostic & { file: string })[] = [];
  const blocks: string[] = [];
  // a framework used by several evaluations (and checked alone) is reported once
  const seen = new Set<string>();
  for (const r of reports) {
    if (!("entries" in r)) continue;
    for (const e of r.entries) {
      if (e.key !== undefined) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
      }
      if (e.hidden) continue;
      if (e.severity === "error") errors++;
      else if (e.severity === "warning") warnings++;
      if (e.diagnostic) all.push(e.diagnostic);
      if (e.block !== undefined) blocks.push(e.block);
      if (e.line !== undefined) io.stderr(e.line + "\n");
    }
  }
  if (ctx.format === "sarif" || ctx.format === "github") {
    const located = all.map(({ file, ...diagnostic }) => ({ diagnostic, path: diagnostic.uri === file ? file : displayPath(diagnostic.uri, io.cwd) }));
    io.stdout(ctx.format === "sarif" ? JSON.stringify(toSarif(located, ctx.locale), null, 2) + "\n" : toGithubAnnotations(located, ctx.locale));
  } else if (ctx.format === "json") {
    io.stdout(JSON.stringify({ files: files.map((f) => displayPath(f, io.cwd)), errors, warnings, diagnostics: all.map((d) => ({ ...d, ...diagnosticText(d, ctx.locale) })) }, null, 2) + "\n");
  } else if (blocks.length) {
    io.stdout(blocks.join("\n\n") + "\n\n" + t(ctx.locale, "summary", { files: files.length, errors, warnings }) + "\n");
  }
  return errors > 0 ? 1 : 0;
}
