import { analyze, type Analysis } from "@perf/engine";
import type { Diagnostic } from "@perf/language";
import { collectPerfFiles, displayPath, readText } from "../files.js";
import { formatDiagnostic } from "../format-diagnostic.js";
import { checkNarrative, narrativePath, readNarrative } from "../narrative-file.js";
import { toGithubAnnotations } from "../github-format.js";
import { toSarif } from "../sarif-format.js";
import type { CliIO, CommonOptions } from "../io.js";
import { t } from "../messages.js";

export interface CheckOptions extends CommonOptions {
  format: "text" | "json" | "sarif" | "github";
}

export interface CheckedFile {
  file: string;
  analysis?: Analysis;
  readError?: string;
}

/** The one checker: each file is one evaluation. Returns the process exit code. */
export function checkFiles(files: string[], options: CommonOptions): CheckedFile[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readText(file);
    } catch (e) {
      return { file, readError: (e as Error).message };
    }
    return { file, analysis: analyze([{ uri: file, text }], options) };
  });
}

export function runCheck(paths: string[], options: CheckOptions, io: CliIO): number {
  const { files, missing } = collectPerfFiles(paths.map((p) => (p.startsWith("/") ? p : `${io.cwd}/${p}`)));
  for (const m of missing) io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotRead")} ${m}\n`);
  if (!files.length && !missing.length) {
    io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "noFiles")}\n`);
    return 1;
  }
  const checked = checkFiles(files, options);
  let errors = missing.length;
  let warnings = 0;
  const all: (Diagnostic & { file: string })[] = [];
  const blocks: string[] = [];
  for (const c of checked) {
    const shown = displayPath(c.file, io.cwd);
    if (c.readError) {
      errors++;
      blocks.push(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotRead")} ${shown}: ${c.readError}`);
      continue;
    }
    const a = c.analysis!;
    const lines = a.parsed.get(c.file)!.lines;
    for (const d of a.result.diagnostics) {
      if (d.severity === "error") errors++;
      else if (d.severity === "warning") warnings++;
      all.push({ ...d, file: shown });
      blocks.push(formatDiagnostic(d, a.parsed.get(d.uri)?.lines ?? lines, displayPath(d.uri, io.cwd), options.locale, { color: io.color }));
    }
    // the evaluation's narrative (NAME.report.md): its references must resolve against this result
    let narrative;
    try {
      narrative = readNarrative(c.file);
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
    io.stdout(options.format === "sarif" ? JSON.stringify(toSarif(located, options.locale), null, 2) + "\n" : toGithubAnnotations(located));
  } else if (options.format === "json") {
    io.stdout(JSON.stringify({ files: checked.map((c) => displayPath(c.file, io.cwd)), errors, warnings, diagnostics: all }, null, 2) + "\n");
  } else if (blocks.length) {
    io.stdout(blocks.join("\n\n") + "\n\n" + t(options.locale, "summary", { files: checked.length, errors, warnings }) + "\n");
  }
  return errors > 0 ? 1 : 0;
}
