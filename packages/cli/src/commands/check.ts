import { dirname, isAbsolute, relative, sep } from "node:path";
import { evidencePathDiagnostics, sortDiagnostics, type Analysis } from "@perf/engine";
import { diagnosticText, type Diagnostic } from "@perf/language";
import { collectPerfFiles, displayPath } from "../files.js";
import { formatDiagnostic, formatFileDiagnostic } from "../format-diagnostic.js";
import { checkNarrative, narrativePath, readNarrative } from "../narrative-file.js";
import { readSourceFile } from "../read-source.js";
import { analyzeEntry, folders, rootOf, usersOf } from "../project.js";
import { toGithubAnnotations } from "../github-format.js";
import { toSarif } from "../sarif-format.js";
import type { CliIO, CommonOptions } from "../io.js";
import { t } from "../messages.js";
import { reportAudit } from "./audit.js";

export interface CheckOptions extends CommonOptions {
  format: "text" | "json" | "sarif" | "github";
  /** Apply the unambiguous quick fixes first (`--fix`); with `dryRun`, only print their diff. */
  fix?: boolean;
  dryRun?: boolean;
  /** List the audit findings (`--audit`), acknowledged or not, instead of every diagnostic. */
  audit?: boolean;
}

export interface CheckedFile {
  file: string;
  analysis?: Analysis;
  /** The workspace folder the evaluation may not leave (its `use`s, its evidence paths). */
  root?: string;
  /** The system's error code when the file could not be opened or read. */
  readError?: string;
  /** Why the file was not read: not UTF-8 (PERF110), not a regular file, too large. */
  refusal?: Diagnostic;
}

/**
 * The one checker: each file is one evaluation with the files it `use`s (a framework file is
 * checked alone as a framework); `cwd` makes the paths in refusals relative; `folders` are the
 * folders given on the command line, the workspaces `use` may not leave.
 */
export function checkFiles(files: string[], options: CommonOptions, cwd?: string, folders: string[] = []): CheckedFile[] {
  const here = cwd ?? process.cwd();
  return files.map((file) => {
    const read = readSourceFile(file, options.locale, cwd ? displayPath(file, cwd) : file);
    if (!read.ok) return "error" in read ? { file, readError: read.error } : { file, refusal: read.diagnostic };
    const root = rootOf(file, folders, here);
    return { file, root, analysis: analyzeEntry(file, read.source.text, root, here, options) };
  });
}

export function runCheck(paths: string[], options: CheckOptions, io: CliIO): number | Promise<number> {
  const absolute = paths.map((p) => (p.startsWith("/") ? p : `${io.cwd}/${p}`));
  const { files, missing } = collectPerfFiles(absolute);
  for (const m of missing) io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotRead")} ${m}\n`);
  if (!files.length && !missing.length) {
    io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "noFiles")}\n`);
    return 1;
  }
  if (options.fix) return import("./fix.js").then(({ fixFiles }) => fixFiles(files, { ...options, dryRun: !!options.dryRun }, io)).then((checked) => report(checked, missing, options, io));
  const checked = checkFiles(files, options, io.cwd, folders(absolute));
  if (options.format === "text" && checked.length === 1 && !folders(absolute).length) noteFrameworkAlone(checked[0]!, options, io);
  return report(checked, missing, options, io);
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

/**
 * The analysis' diagnostics with PERF125 for evidence paths that leave the workspace `root` (or
 * are absolute, URLs, devices…), as the language server reports them: a path may climb from a
 * file's folder up to the root, never above it.
 */
function withEvidencePaths(a: Analysis, root: string | undefined, options: CommonOptions): readonly Diagnostic[] {
  if (root === undefined) return a.result.diagnostics;
  const extra: Diagnostic[] = [];
  for (const [uri, parsed] of a.parsed) {
    const rel = relative(root, dirname(uri));
    if (rel.startsWith("..") || isAbsolute(rel)) continue;
    const maxUp = rel === "" ? 0 : rel.split(sep).length;
    extra.push(...evidencePathDiagnostics(parsed.ast, uri, maxUp, { strict: options.strict }));
  }
  return extra.length ? sortDiagnostics([...a.result.diagnostics, ...extra]) : a.result.diagnostics;
}

/** Prints the diagnostics of the checked files in the chosen format; the exit code. */
function report(checked: CheckedFile[], missing: string[], options: CheckOptions, io: CliIO): number {
  if (options.audit) return reportAudit(checked, missing, options, io);
  let errors = missing.length;
  let warnings = 0;
  const all: (Diagnostic & { file: string })[] = [];
  const blocks: string[] = [];
  // a framework used by several evaluations (and checked alone) is reported once
  const seen = new Set<string>();
  for (const c of checked) {
    const shown = displayPath(c.file, io.cwd);
    if (c.readError) {
      errors++;
      blocks.push(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotRead")} ${shown}: ${c.readError}`);
      continue;
    }
    if (c.refusal) {
      errors++;
      all.push({ ...c.refusal, file: shown });
      blocks.push(formatFileDiagnostic(c.refusal, shown, options.locale, { color: io.color }));
      continue;
    }
    const a = c.analysis!;
    const lines = a.parsed.get(c.file)!.lines;
    for (const d of withEvidencePaths(a, c.root, options)) {
      const key = `${d.code}\u0000${d.uri}\u0000${d.range.start.offset}\u0000${d.range.end.offset}\u0000${JSON.stringify(d.args)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // an acknowledged audit finding is not a problem of the file: `perf check --audit` lists it
      if (d.data?.acknowledged !== undefined) continue;
      if (d.severity === "error") errors++;
      else if (d.severity === "warning") warnings++;
      all.push({ ...d, file: shown });
      // an acknowledged audit finding (decision 0092) is information the audit lists, not noise in every check
      if (d.data?.acknowledged !== undefined && !(options as { audit?: boolean }).audit) continue;
      blocks.push(formatDiagnostic(d, a.parsed.get(d.uri)?.lines ?? lines, displayPath(d.uri, io.cwd), options.locale, { color: io.color }, (u) => displayPath(u, io.cwd)));
    }
    // the evaluation's narrative (NAME.report.md): its references must resolve against this result
    let narrative;
    try {
      narrative = readNarrative(c.file, options.locale);
    } catch (e) {
      errors++;
      blocks.push(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotRead")} ${displayPath(narrativePath(c.file)!, io.cwd)}: ${(e as Error).message}`);
    }
    if (narrative) {
      for (const d of checkNarrative(narrative, a.result, options.locale)) {
        if (d.severity === "error") errors++;
        else if (d.severity === "warning") warnings++;
        all.push({ ...d, file: shown });
        blocks.push(formatDiagnostic(d, narrative.lines, displayPath(d.uri, io.cwd), options.locale, { color: io.color }));
      }
    }
  }
  if (options.format === "sarif" || options.format === "github") {
    const located = all.map(({ file, ...diagnostic }) => ({ diagnostic, path: diagnostic.uri === file ? file : displayPath(diagnostic.uri, io.cwd) }));
    io.stdout(options.format === "sarif" ? JSON.stringify(toSarif(located, options.locale), null, 2) + "\n" : toGithubAnnotations(located, options.locale));
  } else if (options.format === "json") {
    io.stdout(JSON.stringify({ files: checked.map((c) => displayPath(c.file, io.cwd)), errors, warnings, diagnostics: all.map((d) => ({ ...d, ...diagnosticText(d, options.locale) })) }, null, 2) + "\n");
  } else if (blocks.length) {
    io.stdout(blocks.join("\n\n") + "\n\n" + t(options.locale, "summary", { files: checked.length, errors, warnings }) + "\n");
  }
  return errors > 0 ? 1 : 0;
}

