import { readFileSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { formats, NarrativeError, parseGrouping, render, RenderLimitError, RenderOptionError, textFormats, type Format, type Grouping } from "@perf/render";
import { resultWithOffsets } from "@perf/engine";
import { collectPerfFiles, displayPath } from "../files.js";
import { analyzeEntry, entriesOf, folders, rootOf } from "../project.js";
import { formatDiagnostic, formatFileDiagnostic } from "../format-diagnostic.js";
import { readNarrative, type NarrativeFile } from "../narrative-file.js";
import { docxToPdf, findSoffice } from "../pdf.js";
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
  /** A firm's Word template (styles, header/footer, cover) for docx and pdf. */
  template?: string;
}

/** "2026年11月" / "November 2026" for the cover of a Word report. */
function coverDate(locale: string, now = new Date()): string {
  return locale === "en" ? now.toLocaleDateString("en-GB", { month: "long", year: "numeric" }) : `${now.getFullYear()}年${now.getMonth() + 1}月`;
}

/**
 * `perf render FILE|DIR … --format md|html|docx|pdf|xlsx|csv|json [--table NAME] [--group G=a,b] [--template firm.docx] [-o PATH] [--force]`.
 *
 * `NAME.report.md` beside `NAME.perf` is the report's narrative (docs/narrative.md); one with an
 * unresolved reference is refused like a file that does not parse. `pdf` is the docx converted
 * by LibreOffice.
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
  const requested = options.format === "text" ? "md" : options.format;
  const pdf = requested === "pdf";
  // a PDF is the Word report converted by LibreOffice
  const format = (pdf ? "docx" : requested) as Format;
  if (!(formats as readonly string[]).includes(format)) return fail(t(locale, "unknownFormat", { format: options.format, formats: [...formats, "pdf"].join("|") }));
  if (options.template && format !== "docx") return fail(t(locale, "templateOnlyDocx"));
  const soffice = pdf ? findSoffice(io.env) : undefined;
  if (pdf && !soffice) return fail(t(locale, "pdfNoSoffice"));
  let template: Uint8Array | undefined;
  if (options.template) {
    try {
      template = readBytes(resolve(io.cwd, options.template));
    } catch (e) {
      return fail(t(locale, "templateUnreadable", { file: options.template, detail: (e as Error).message }));
    }
  }
  let groups: Grouping[];
  try {
    groups = options.groups.map((g) => parseGrouping(g, locale));
  } catch (e) {
    return fail((e as Error).message);
  }
  if (paths.length === 0) return fail(t(locale, "renderNeedsInput"));
  const abs = paths.map((p) => resolve(io.cwd, p));
  const collected = collectPerfFiles(abs);
  const { missing } = collected;
  // in a folder, a framework (or a file another one uses) is part of an evaluation, not a report of its own
  const entries = new Set(entriesOf(collected.files, locale));
  const files = collected.files.filter((f) => entries.has(f) || abs.includes(f));
  for (const m of missing) io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "cannotRead")} ${displayPath(m, io.cwd)}\n`);
  if (files.length === 0) return fail(t(locale, "noFiles"), missing.length ? 1 : 2);
  const ext = pdf ? "pdf" : format;
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
    const analysis = analyzeEntry(shown, text, rootOf(file, folders(abs), io.cwd), io.cwd, options);
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
    let narrative: NarrativeFile | undefined;
    try {
      narrative = readNarrative(file, locale);
    } catch (e) {
      io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "cannotRead")} ${shown}: ${(e as Error).message}\n`);
      code = 1;
      continue;
    }
    let out: string | Uint8Array;
    try {
      out = await render(format === "json" ? resultWithOffsets(analysis) : analysis.result, format, {
        locale,
        groups,
        tables: options.tables,
        ...(narrative ? { narrative: { text: narrative.text, uri: narrative.path } } : {}),
        ...(format === "docx" ? { date: coverDate(locale), template } : {}),
      });
      if (pdf) {
        const converted = docxToPdf(out as Uint8Array, basename(file, extname(file)), soffice!);
        out = converted.bytes;
        if (!converted.indexesUpdated) io.stderr(`perf: ${t(locale, "warning")}: ${t(locale, "pdfIndexesNotUpdated", { file: shown })}\n`);
      }
    } catch (e) {
      if (e instanceof RenderOptionError) return fail(e.message);
      if (e instanceof NarrativeError) {
        for (const d of e.diagnostics) io.stderr(formatDiagnostic(d, narrative!.lines, displayPath(d.uri, io.cwd), locale, { color: io.color }) + "\n\n");
        io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "narrativeRefused", { file: displayPath(narrative!.path, io.cwd), n: e.diagnostics.length })}\n`);
        code = 1;
        continue;
      }
      if (e instanceof Error && e.name === "TemplateError") return fail(t(locale, "templateUnreadable", { file: options.template!, detail: e.message }));
      if (e instanceof Error && e.name === "PdfError") {
        io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "pdfFailed", { file: shown, detail: e.message })}\n`);
        code = 1;
        continue;
      }
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

function readBytes(p: string): Uint8Array {
  return new Uint8Array(readFileSync(p));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

