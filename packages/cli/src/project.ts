import { statSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { analyzeLoaded, loadEvaluation, resolveUse, type Analysis, type AnalyzeOptions, type HostRead, type ProjectHost } from "@perf/engine";
import { parse, type Diagnostic, type Locale } from "@perf/language";
import { collectPerfFiles, displayPath } from "./files.js";
import { readSourceFile } from "./read-source.js";

/**
 * The CLI's side of the project model: the engine follows `use`, this host reads what it asks
 * for through the CLI's one reader (UTF-8 only, regular files, size cap) and refuses a path
 * outside the workspace — the folder given to perf, or the current folder when the file is in it.
 */
export function cliHost(entry: string, entryText: string, root: string, cwd: string, locale: Locale, readFile: UsedFileReader = diskReader(locale)): ProjectHost {
  const rootAbs = resolve(cwd, root);
  return {
    read(uri: string): HostRead {
      if (uri === entry) return { text: entryText };
      const file = resolve(cwd, uri);
      const rel = relative(rootAbs, file);
      if (rel.startsWith("..") || isAbsolute(rel)) return { refusal: { code: "PERF162", args: { root: displayPath(rootAbs, cwd) || "." } } };
      const read = readFile(file, displayPath(file, cwd));
      if ("text" in read) return read;
      if ("error" in read) return { refusal: { code: "PERF160", args: { reason: read.error } } };
      return { refusal: { code: read.diagnostic.code as "PERF160", args: read.diagnostic.args } };
    },
  };
}

/** How a used file is read (from disk, or from a git revision): its text, a coded refusal, or the reason it could not be read. */
export type UsedFileReader = (file: string, shown: string) => { text: string } | { diagnostic: Diagnostic } | { error: string };

/** Used files read from disk, through the CLI's one reader. */
export function diskReader(locale: Locale): UsedFileReader {
  return (file, shown) => {
    const read = readSourceFile(file, locale, shown);
    return read.ok ? { text: read.source.text } : read;
  };
}

/** The workspace of a path given on the command line: the folder itself, or for a file the current folder when it holds the file, else the file's folder. */
export function workspaceOf(path: string, cwd: string, isDir: boolean): string {
  const abs = resolve(cwd, path);
  if (isDir) return abs;
  const rel = relative(cwd, abs);
  return rel.startsWith("..") || isAbsolute(rel) ? dirname(abs) : cwd;
}

/** Analyses the evaluation `entry` (already read as `text`) with the documents it uses. */
export function analyzeEntry(entry: string, text: string, root: string, cwd: string, options: AnalyzeOptions & { locale: Locale }, readFile?: UsedFileReader): Analysis {
  return analyzeLoaded(loadEvaluation(entry, cliHost(entry, text, root, cwd, options.locale, readFile), options), options);
}

/**
 * The evaluations among `files`: a framework file, or a file another one `use`s, is not one
 * (it is checked through its users, and alone as a framework by `perf check`).
 */
export function entriesOf(files: string[], locale: Locale): string[] {
  const headers = headersOf(files, locale);
  const used = new Set([...headers.values()].flatMap((h) => h.uses));
  return files.filter((f) => !used.has(f) && !headers.get(f)?.framework);
}

/** The evaluations among the `.perf` files below `folder` that `use` the file `framework` (none when it is no framework). */
export function usersOf(framework: string, folder: string, locale: Locale): string[] {
  const headers = headersOf(collectPerfFiles([folder]).files, locale);
  return [...headers].filter(([, h]) => h.uses.includes(framework)).map(([f]) => f);
}

/** What each readable file's top level says about it: a framework, and the files it `use`s (resolved). */
function headersOf(files: string[], locale: Locale): Map<string, { framework: boolean; uses: string[] }> {
  const out = new Map<string, { framework: boolean; uses: string[] }>();
  for (const f of files) {
    const read = readSourceFile(f, locale);
    if (!read.ok) continue;
    const h = { framework: false, uses: [] as string[] };
    for (const d of parse(read.source.text, f).ast.declarations) {
      if (d.kind === "framework") h.framework = true;
      if (d.kind === "evaluation" && d.use) h.uses.push(resolveUse(f, d.use.path.value));
    }
    out.set(f, h);
  }
  return out;
}

/** The one evaluation a path names: the file, or the one entry of a folder (undefined when a folder has none or several). */
export function oneEntry(path: string, cwd: string, locale: Locale): { file: string; root: string } | undefined {
  const abs = resolve(cwd, path);
  let dir = false;
  try {
    dir = statSync(abs).isDirectory();
  } catch {
    /* missing: the reader reports it */
  }
  // a folder named NAME.perf is a file the reader refuses (PERF111), not a workspace
  if (!dir || abs.endsWith(".perf")) return { file: path.startsWith("/") ? path : `${cwd}/${path}`, root: workspaceOf(path, cwd, false) };
  const entries = entriesOf(collectPerfFiles([abs]).files, locale);
  return entries.length === 1 ? { file: entries[0]!, root: abs } : undefined;
}

/** The workspace of a file found by `perf check`: the innermost folder given that holds it, else as for a single file. */
export function rootOf(file: string, folders: string[], cwd: string): string {
  const abs = resolve(cwd, file);
  const holding = folders.map((f) => resolve(cwd, f)).filter((f) => {
    const rel = relative(f, abs);
    return !rel.startsWith("..") && !isAbsolute(rel);
  });
  return holding.sort((a, b) => b.length - a.length)[0] ?? workspaceOf(file, cwd, false);
}

/** The folders among the paths given (each is a workspace). */
export function folders(paths: string[]): string[] {
  return paths.filter((p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  });
}
