import { statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { analyze } from "@perf/engine";
import { formats, parseGrouping, render, RenderLimitError, RenderOptionError, textFormats, type Format, type Grouping } from "@perf/render";
import { collectPerfFiles, displayPath } from "../files.js";
import { formatFileDiagnostic } from "../format-diagnostic.js";
import { readInput, type FileId } from "../read-source.js";
import { checkWriteTarget, signalsTakeEffect, writeAtomic } from "../write-file.js";
import type { CliIO, CommonOptions } from "../io.js";
import { t } from "../messages.js";

export interface RenderOptions extends CommonOptions {
  format: string;
  tables: string[];
  groups: string[];
  output?: string;
  force: boolean;
  /** Write through a symlink given as the output (otherwise refused, PERF115). */
  followSymlinks: boolean;
}

/**
 * `perf render FILE|DIR … --format md|html|docx|xlsx|csv|json [--table NAME] [--group G=a,b] [-o PATH] [--force]`.
 *
 * A file that does not parse is refused (nothing written); a file that parses but has other
 * errors is rendered, its diagnostics summarised on stderr, and the exit code is 1 so CI
 * notices. Text formats go to stdout without -o; docx/xlsx go to ./NAME.ext. Existing files
 * are never overwritten without --force, never an input of the run, a device, FIFO or folder,
 * nor a symlink without --follow-symlinks; every write is a temp file renamed into place.
 */
export async function runRender(paths: string[], options: RenderOptions, io: CliIO): Promise<number> {
  const { locale } = options;
  const fail = (msg: string, code = 2) => (io.stderr(`perf: ${t(locale, "error")}: ${msg}\n`), code);
  const format = (options.format === "text" ? "md" : options.format) as Format;
  if (!(formats as readonly string[]).includes(format)) return fail(t(locale, "unknownFormat", { format: options.format, formats: formats.join("|") }));
  let groups: Grouping[];
  try {
    groups = options.groups.map((g) => parseGrouping(g, locale));
  } catch (e) {
    return fail((e as Error).message);
  }
  if (paths.length === 0) return fail(t(locale, "renderNeedsInput"));
  const abs = paths.map((p) => resolve(io.cwd, p));
  const { files, missing } = collectPerfFiles(abs);
  for (const m of missing) io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "cannotRead")} ${displayPath(m, io.cwd)}\n`);
  if (files.length === 0) return fail(t(locale, "noFiles"), missing.length ? 1 : 2);
  const ext = format;
  // a folder holding one file with `-o report.docx` still means that file
  const many = files.length > 1 || (abs.some((p) => isDir(p)) && !options.output?.toLowerCase().endsWith(`.${ext}`));
  const output = options.output === undefined ? undefined : resolve(io.cwd, options.output);

  // where each file goes: undefined = stdout
  const targets: (string | undefined)[] = files.map((f) => {
    const name = `${basename(f, extname(f))}.${ext}`;
    if (many) return join(output ?? io.cwd, name);
    if (output === undefined) return textFormats.has(format) ? undefined : join(io.cwd, name);
    return isDir(output) || /[\\/]$/.test(options.output!) ? join(output, name) : output;
  });
  const seen = new Map<string, string>();
  for (const [i, target] of targets.entries()) {
    if (!target) continue;
    if (seen.has(target)) return fail(t(locale, "sameOutput", { a: displayPath(seen.get(target)!, io.cwd), b: displayPath(files[i]!, io.cwd), out: displayPath(target, io.cwd) }));
    seen.set(target, files[i]!);
  }

  // every input by device and inode, so no output name (symlink, hard link) can lead back to one
  const inputs: (FileId & { shown: string })[] = [];
  for (const f of files) {
    try {
      const st = statSync(f);
      inputs.push({ dev: st.dev, ino: st.ino, shown: displayPath(f, io.cwd) });
    } catch {
      /* unreadable: reported when read */
    }
  }

  let code = 0;
  for (const [i, file] of files.entries()) {
    const shown = displayPath(file, io.cwd);
    const target = targets[i];
    if (many) io.stderr(`[${i + 1}/${files.length}] ${shown} → ${target ? displayPath(target, io.cwd) : "stdout"}\n`);
    const read = readInput(file, shown, locale, io);
    if (!read) {
      code = 1;
      continue;
    }
    const text = read.source.text;
    const analysis = analyze([{ uri: shown, text }], options);
    const parseErrors = [...analysis.parsed.values()].flatMap((p) => p.diagnostics).filter((d) => d.severity === "error").length;
    const { errors, warnings } = analysis.result.summary;
    if (parseErrors > 0) {
      io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "renderRefused", { file: shown, n: parseErrors })}\n`);
      code = 1;
      continue;
    }
    if (errors > 0 || warnings > 0) io.stderr(`perf: ${t(locale, errors > 0 ? "warning" : "info")}: ${t(locale, "renderDiagnostics", { file: shown, errors, warnings })}\n`);
    if (errors > 0) code = 1;
    const shownTarget = target && displayPath(target, io.cwd);
    const writable = target ? checkWriteTarget(target, { inputs, followSymlinks: options.followSymlinks, locale, shown: shownTarget! }) : undefined;
    if (writable && !writable.ok) {
      io.stderr(formatFileDiagnostic(writable.diagnostic, shownTarget!, locale, { color: io.color }) + "\n");
      code = 1;
      continue;
    }
    if (writable?.existing && !options.force) {
      io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "exists", { file: shownTarget! })}\n`);
      code = 1;
      continue;
    }
    let out: string | Uint8Array;
    try {
      out = await render(analysis.result, format, { locale, groups, tables: options.tables });
    } catch (e) {
      if (e instanceof RenderOptionError) return fail(e.message);
      if (e instanceof RenderLimitError) {
        io.stderr(`perf: ${t(locale, "error")}[${e.code}]: ${shown}: ${e.message}\n${t(locale, "fix")}${locale === "en" ? ": " : "："}${e.hint}\n`);
        code = 1;
        continue;
      }
      throw e;
    }
    if (!writable?.ok) {
      if (typeof out !== "string") return fail(t(locale, "binaryToStdout", { format }));
      io.stdout(out);
      continue;
    }
    try {
      writeAtomic(writable.path, out, writable.existing);
      await signalsTakeEffect();
    } catch (e) {
      io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "cannotWrite")} ${shownTarget}: ${(e as Error).message}\n`);
      code = 1;
      continue;
    }
    if (!many) io.stderr(`${t(locale, "wrote", { file: shownTarget! })}\n`);
  }
  if (many) io.stderr(`${t(locale, "renderDone", { n: files.length })}\n`);
  return code;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

