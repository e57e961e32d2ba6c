import { readFileSync } from "node:fs";
import { format, LineIndex } from "@perf/language";
import { collectPerfFiles, displayPath, writeAtomic } from "../files.js";
import { formatDiagnostic } from "../format-diagnostic.js";
import type { CliIO, CommonOptions } from "../io.js";
import { t } from "../messages.js";

export interface FmtOptions extends CommonOptions {
  /** List unformatted files and exit 1 instead of writing. */
  check: boolean;
  /** Print the formatted text instead of writing (one file). */
  stdout: boolean;
}

/**
 * `perf fmt [files…]`: rewrites each file in the canonical layout. A file that does not
 * parse is reported and left alone; writes go to a temporary file renamed over the original.
 */
export function runFmt(paths: string[], options: FmtOptions, io: CliIO): number {
  const { files, missing } = collectPerfFiles((paths.length ? paths : ["."]).map((p) => (p.startsWith("/") ? p : `${io.cwd}/${p}`)));
  let failed = missing.length > 0;
  for (const m of missing) io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotRead")} ${m}\n`);
  if (!files.length && !missing.length) {
    io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "noFiles")}\n`);
    return 1;
  }
  const unformatted: string[] = [];
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotRead")} ${shown}: ${(e as Error).message}\n`);
      failed = true;
      continue;
    }
    const r = format(text, { uri: file, locale: options.locale });
    if (!r.ok) {
      failed = true;
      const lines = r.diagnostics.map((d) => formatDiagnostic(d, new LineIndex(text.replace(/^\uFEFF/, "")), shown, options.locale, { color: io.color }));
      io.stderr(`${lines.join("\n\n")}\n\nperf: ${t(options.locale, "error")}: ${t(options.locale, "fmtNotRewritten", { file: shown })}\n`);
      continue;
    }
    if (options.stdout) {
      io.stdout(r.text);
      continue;
    }
    if (!r.changed) continue;
    if (options.check) {
      unformatted.push(shown);
      continue;
    }
    try {
      writeAtomic(file, r.text);
    } catch (e) {
      failed = true;
      io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotWrite")} ${shown}: ${(e as Error).message}\n`);
    }
  }
  if (unformatted.length) io.stdout(unformatted.join("\n") + "\n");
  return failed || unformatted.length ? 1 : 0;
}

