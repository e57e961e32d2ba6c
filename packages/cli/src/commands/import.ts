import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, extname, isAbsolute, join, resolve } from "node:path";
import { ImportRefusal, importScoringTable, limits, mb, refusalMessage } from "@perf/import";
import { displayPath } from "../files.js";
import { formatFileDiagnostic } from "../format-diagnostic.js";
import { fileDiagnostic, kindArgs, kindOf } from "../read-source.js";
import { checkWriteTarget, writeAtomic } from "../write-file.js";
import type { CliIO, CommonOptions } from "../io.js";
import { t } from "../messages.js";

export interface ImportCommandOptions extends CommonOptions {
  output?: string;
  force: boolean;
}

/**
 * `perf import FILE.xlsx|FILE.docx [-o out.perf] [--force]`: reads a 评分表 in the 附件1 layout
 * into a `.perf` file (default ./NAME.perf); what could not be mapped is listed on stderr with
 * its cell. A file it will not read (old .xls, not a zip, zip bomb, too large) is refused, exit 1.
 */
export async function runImport(paths: string[], options: ImportCommandOptions, io: CliIO): Promise<number> {
  const { locale } = options;
  const fail = (msg: string, code = 1) => (io.stderr(`perf: ${t(locale, "error")}: ${msg}\n`), code);
  if (paths.length !== 1) return fail(t(locale, "importUsage"), 2);
  const input = resolve(io.cwd, paths[0]!);
  const shown = displayPath(input, io.cwd);
  const target = options.output ? (isAbsolute(options.output) ? options.output : join(io.cwd, options.output)) : join(io.cwd, `${basename(input, extname(input))}.perf`);
  const shownTarget = displayPath(target, io.cwd);
  let inputStat;
  try {
    inputStat = statSync(input);
  } catch (e) {
    return fail(`${t(locale, "cannotRead")} ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!inputStat.isFile()) return (io.stderr(formatFileDiagnostic(fileDiagnostic("PERF111", input, { file: shown, ...kindArgs(kindOf(inputStat)) }, locale), shown, locale, { color: io.color }) + "\n"), 1);
  // the same rules as render: a regular file or a new path, never the input itself
  const writable = checkWriteTarget(target, { inputs: [{ dev: inputStat.dev, ino: inputStat.ino, shown }], followSymlinks: false, locale, shown: shownTarget });
  if (!writable.ok) return (io.stderr(formatFileDiagnostic(writable.diagnostic, shownTarget, locale, { color: io.color }) + "\n"), 1);
  if (writable.existing && !options.force) return fail(t(locale, "exists", { file: shownTarget }));
  let bytes: Uint8Array;
  try {
    // refuse a huge file before reading it into memory
    const size = inputStat.size;
    if (size > limits.fileBytes) throw new ImportRefusal("tooLarge", { size: mb(size), max: mb(limits.fileBytes) });
    bytes = readFileSync(input);
  } catch (e) {
    if (e instanceof ImportRefusal) return fail(`${shown}: ${refusalMessage(e, locale)}`);
    return fail(`${t(locale, "cannotRead")} ${shown}: ${(e as Error).message}`);
  }
  let result;
  try {
    result = await importScoringTable(bytes, { fileName: input, locale });
  } catch (e) {
    if (e instanceof ImportRefusal) return fail(`${shown}: ${refusalMessage(e, locale)}`);
    return fail(`${shown}: ${t(locale, "importFailed")}: ${(e as Error).message}`);
  }
  for (const p of result.problems) io.stderr(`perf: ${t(locale, "warning")}: ${shown}: ${p}\n`);
  try {
    writeAtomic(writable.path, result.text, writable.existing);
  } catch (e) {
    return fail(`${t(locale, "cannotWrite")} ${shownTarget}: ${(e as Error).message}`);
  }
  io.stderr(`${result.summary}\n${t(locale, "wrote", { file: shownTarget })}\n${t(locale, "importNext", { file: shownTarget })}\n`);
  return 0;
}
