import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { diagnosticText, type Diagnostic } from "@perf/language";
import { collectPerfFiles, displayPath } from "../files.js";
import { folders, usersOf } from "../project.js";
import { checkOne, reportFile, type CheckedFile, type FileReport, type ReportContext } from "../check-report.js";
import { toGithubAnnotations } from "../github-format.js";
import { toSarif } from "../sarif-format.js";
import type { CliIO, CommonOptions } from "../io.js";
import { t } from "../messages.js";
import { autoBytesPerWorker, autoJobs, checkInThreads, jobsCap } from "../jobs.js";
import { mergeAudit } from "./audit.js";

export type { CheckedFile } from "../check-report.js";

export interface CheckOptions extends CommonOptions {
  format: "text" | "json" | "sarif" | "github";
  /** Apply the unambiguous quick fixes first (`--fix`); with `dryRun`, only print their diff. */
  fix?: boolean;
  dryRun?: boolean;
  /** List the audit findings (`--audit`), acknowledged or not, instead of every diagnostic. */
  audit?: boolean;
  /** Threads that check files (`--jobs N`, a positive integer: the main thread and N − 1 workers); automatic when not given (decision 0210). */
  jobs?: number;
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
  // --fix (above) stays sequential: a fix written to a framework would race with its users' checks
  const jobs = options.jobs === undefined ? autoJobs(files.length, bytesUpTo(files, availableParallelism() * autoBytesPerWorker)) : Math.min(options.jobs, jobsCap(files.length));
  if (jobs > 1) {
    const here = (file: string) => reportFile(checkOne(file, options, io.cwd, roots), ctx);
    return checkInThreads(files, jobs, { ctx, roots }, io, here).then((reports) => report(files, reports, missing, ctx, io));
  }
  // each file's report is made as soon as it is checked: its analysis is not kept for the others
  const reports = files.map((file) => {
    const c = checkOne(file, options, io.cwd, roots);
    if (options.format === "text" && files.length === 1 && !roots.length) noteFrameworkAlone(c, options, io);
    return reportFile(c, ctx);
  });
  return report(files, reports, missing, ctx, io);
}

/** The size of `files` in bytes, counted until it reaches `limit` (enough to choose the workers). */
function bytesUpTo(files: string[], limit: number): number {
  let bytes = 0;
  for (const f of files) {
    if (bytes >= limit) break;
    try {
      bytes += statSync(f).size;
    } catch {
      // the check says why it cannot read it
    }
  }
  return bytes;
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
