import { realpathSync, statSync } from "node:fs";
import { encodeSource, eolName, format, LineIndex, toLf } from "@perf/language";
import { collectPerfFiles, displayPath } from "../files.js";
import { formatDiagnostic, formatFileDiagnostic } from "../format-diagnostic.js";
import { fileDiagnostic, readInput } from "../read-source.js";
import { signalsTakeEffect, writeAtomic } from "../write-file.js";
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
 * parse, is not UTF-8 or is not a regular file is reported and left alone. The printer works
 * on "\n"; the file keeps its BOM and line-ending style (the majority one when mixed, said on
 * stderr). A symlink is formatted through: the file it points to is rewritten, the link stays.
 * Writes go to a temporary file renamed over the original (docs/decisions/0023, 0024).
 */
export async function runFmt(paths: string[], options: FmtOptions, io: CliIO): Promise<number> {
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
    const read = readInput(file, shown, options.locale, io);
    if (!read) {
      failed = true;
      continue;
    }
    const { source, bytes } = read;
    const text = toLf(source.text);
    const r = format(text, { uri: file, locale: options.locale });
    if (!r.ok) {
      failed = true;
      const lines = r.diagnostics.map((d) => formatDiagnostic(d, new LineIndex(text), shown, options.locale, { color: io.color }));
      io.stderr(`${lines.join("\n\n")}\n\nperf: ${t(options.locale, "error")}: ${t(options.locale, "fmtNotRewritten", { file: shown })}\n`);
      continue;
    }
    const out = encodeSource(r.text, source);
    if (options.stdout) {
      io.stdout(Buffer.from(out).toString("utf8"));
      continue;
    }
    if (Buffer.from(out).equals(bytes)) continue;
    const { lf, crlf, cr } = source.eols;
    if ([lf, crlf, cr].filter((n) => n > 0).length > 1) {
      const d = fileDiagnostic("PERF116", file, { lf, crlf, cr, eol: eolName(source.eol) }, options.locale);
      io.stderr(formatFileDiagnostic(d, shown, options.locale, { color: io.color }) + "\n");
    }
    if (options.check) {
      unformatted.push(shown);
      continue;
    }
    try {
      const real = realpathSync(file);
      writeAtomic(real, out, statSync(real));
      await signalsTakeEffect();
    } catch (e) {
      failed = true;
      io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotWrite")} ${shown}: ${(e as Error).message}\n`);
    }
  }
  if (unformatted.length) io.stdout(unformatted.join("\n") + "\n");
  return failed || unformatted.length ? 1 : 0;
}

