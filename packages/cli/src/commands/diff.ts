import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { loadEvaluation, type EvaluationResult } from "@perf/engine";
import { diagnosticText, parse, type Diagnostic, type Locale } from "@perf/language";
import { diffResults, printJson, printMarkdown, printText, textconv, type EvaluationDiff } from "@perf/diff";
import { displayPath } from "../files.js";
import { readAtRevision } from "../git-read.js";
import { analyzeEntry, cliHost, diskReader, workspaceOf, type UsedFileReader } from "../project.js";
import { formatFileDiagnostic } from "../format-diagnostic.js";
import { readSourceFile, type FileId } from "../read-source.js";
import { checkWriteTarget, writeAtomic } from "../write-file.js";
import type { CliIO, CommonOptions } from "../io.js";
import { t } from "../messages.js";

export interface DiffOptions extends CommonOptions {
  format: "text" | "md" | "json";
  /** `-o PATH`: write the diff there instead of stdout (kept unless `force`). */
  output?: string;
  force?: boolean;
  followSymlinks?: boolean;
  /** Compare with git revisions instead of two files. */
  git: boolean;
  textconv: boolean;
  /** Paths after `--` (git mode). */
  paths: string[];
}

/** One side of a comparison; `text` undefined when the file does not exist on that side. */
interface Side {
  label: string;
  uri: string;
  text: string | undefined;
  /** Where the text really is, when it is scored under another name: its `use` is resolved from here. */
  home?: string;
  /** The file on disk it was read from (not for a git revision): never an output. */
  id?: FileId;
  /** The git revision it was read from (with the repository's top folder): what it `use`s is read there too. */
  git?: { rev: string; root: string };
}

class DiffError extends Error {
  /** A coded refusal of one side (not UTF-8, not a regular file), printed as such. */
  constructor(
    message: string,
    readonly refusal?: { diagnostic: Diagnostic; shown: string },
  ) {
    super(message);
  }
}

/**
 * `perf diff OLD NEW`, `perf diff --git [REV | REV1..REV2] [-- paths]`, `perf diff --textconv FILE`.
 * Exit codes (terraform's --detailed-exitcode): 0 no change, 2 changes, 1 error.
 */
export function runDiff(positionals: string[], options: DiffOptions, io: CliIO): number {
  const err = (msg: string) => io.stderr(`perf: ${t(options.locale, "error")}: ${msg}\n`);
  try {
    if (options.textconv) return runTextconv(positionals, options, io);
    const pairs = options.git ? gitPairs(positionals, options, io) : filePairs(positionals, options, io);
    let changed = false;
    let out = "";
    const json: unknown[] = [];
    const blocks: string[] = [];
    for (const [before, after] of pairs) {
      const a = score(before, options, io);
      const b = score(after, options, io);
      const d = diffResults(a, b);
      if (options.git && !d.changed) continue;
      changed ||= d.changed;
      const label = `${before.label} → ${after.label}`;
      const print = { locale: options.locale, color: io.color, precision: b.precision, label };
      if (options.format === "json") json.push({ old: before.label, new: after.label, ...(JSON.parse(printJson(d, print)) as EvaluationDiff) });
      else blocks.push(options.format === "md" ? printMarkdown(d, print) : printText(d, print));
    }
    if (options.format === "json") out = JSON.stringify(options.git ? json : json[0], null, 2) + "\n";
    else if (blocks.length) out = blocks.join("\n");
    else if (options.git) out = t(options.locale, "diffNoChanges") + "\n";
    if (options.output === undefined) io.stdout(out);
    else if (!writeOutput(out, options.output, pairs.flat(), options, io)) return 1;
    return changed ? 2 : 0;
  } catch (e) {
    if (e instanceof DiffError) {
      if (e.refusal) io.stderr(formatFileDiagnostic(e.refusal.diagnostic, e.refusal.shown, options.locale, { color: io.color }) + "\n");
      else err(e.message);
      return 1;
    }
    throw e;
  }
}

/** `-o PATH`: the diff written as render writes (never over an input or a device; an existing file only with --force). */
function writeOutput(out: string, output: string, sides: Side[], options: DiffOptions, io: CliIO): boolean {
  const target = resolve(io.cwd, output);
  const shown = displayPath(target, io.cwd);
  // a side scored under the other's name (two files) is shown where it was read
  const inputs = sides.flatMap((side) => (side.id ? [{ ...side.id, shown: displayPath(side.home ?? side.uri, io.cwd) }] : []));
  const writable = checkWriteTarget(target, { inputs, followSymlinks: !!options.followSymlinks, locale: options.locale, shown });
  if (!writable.ok) {
    io.stderr(formatFileDiagnostic(writable.diagnostic, shown, options.locale, { color: io.color }) + "\n");
    return false;
  }
  if (writable.existing && !options.force) {
    io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "exists", { file: shown })}\n`);
    return false;
  }
  try {
    writeAtomic(writable.path, out, writable.existing);
  } catch (e) {
    io.stderr(`perf: ${t(options.locale, "error")}: ${t(options.locale, "cannotWrite")} ${shown}: ${(e as Error).message}\n`);
    return false;
  }
  io.stderr(`${t(options.locale, "wrote", { file: shown })}\n`);
  return true;
}

function score(side: Side, options: DiffOptions, io: CliIO): EvaluationResult {
  // what the side `use`s is read where the side is: the same revision, or the working tree
  const reader = side.git && revisionReader(side.git.rev, side.git.root, options.locale);
  let a = analyzeEntry(side.uri, side.text ?? "", workspaceOf(side.uri, io.cwd, false), io.cwd, options, reader);
  // an evaluation that uses a framework is scored where it is, against its own framework
  if (a.result.framework && side.home && side.home !== side.uri) a = analyzeEntry(side.home, side.text ?? "", workspaceOf(side.home, io.cwd, false), io.cwd, options, reader);
  const errors = a.result.summary.errors;
  if (side.text !== undefined && errors) io.stderr(`perf: ${t(options.locale, "warning")}: ${side.label}: ${t(options.locale, "hasErrors", { n: errors })}\n`);
  return a.result;
}

function readSide(path: string, options: DiffOptions, io: CliIO): Side {
  const file = resolve(io.cwd, path);
  const shown = displayPath(file, io.cwd);
  const read = readSourceFile(file, options.locale, shown);
  if (read.ok) return { label: shown, uri: file, text: read.source.text, id: read.id };
  if ("error" in read) throw new DiffError(`${t(options.locale, "cannotRead")} ${path}: ${read.error}`);
  throw new DiffError(diagnosticText(read.diagnostic, options.locale).message, { diagnostic: read.diagnostic, shown });
}

function filePairs(positionals: string[], options: DiffOptions, io: CliIO): [Side, Side][] {
  if (positionals.length !== 2) throw new DiffError(t(options.locale, "diffNeedsTwo"));
  const before = readSide(positionals[0]!, options, io);
  const after = readSide(positionals[1]!, options, io);
  // Two versions of one evaluation: scored under one name, so a default title (from the file name) is no change.
  return [[{ ...before, uri: after.uri, home: before.uri }, after]];
}

function git(args: string[], cwd: string): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
}

/** A file as stored in a revision (read like a file on disk), or undefined when it is not there; a refusal stops the diff. */
function gitShow(rev: string, path: string, root: string, options: DiffOptions): string | undefined {
  const read = readAtRevision(rev, path, root, options.locale);
  if (read.ok) return read.text;
  if ("missing" in read) return undefined; // not in that revision
  throw new DiffError(diagnosticText(read.diagnostic, options.locale).message, { diagnostic: read.diagnostic, shown: `${rev}:${path}` });
}

/** Used files read from the revision `rev`, as `use` resolves them (absolute paths inside the repository at `root`). */
function revisionReader(rev: string, root: string, locale: Locale): UsedFileReader {
  return (file, shown) => {
    const rel = relative(root, file);
    if (rel.startsWith("..") || isAbsolute(rel)) return { error: `ENOENT (${rev})` };
    const read = readAtRevision(rev, rel.split(sep).join("/"), root, locale, `${rev}:${shown}`);
    if (read.ok) return { text: read.text };
    return "missing" in read ? { error: `ENOENT (${rev})` } : { diagnostic: read.diagnostic };
  };
}

function gitPairs(positionals: string[], options: DiffOptions, io: CliIO): [Side, Side][] {
  if (positionals.length > 1) throw new DiffError(t(options.locale, "diffGitUsage"));
  const spec = positionals[0] ?? "HEAD";
  let root: string;
  try {
    root = git(["rev-parse", "--show-toplevel"], io.cwd).trim();
  } catch (e) {
    throw new DiffError(`${t(options.locale, "notGit")}: ${((e as { stderr?: string }).stderr ?? "").trim()}`);
  }
  // REV1..REV2 compares the two; REV1...REV2 (as in a pull request) compares REV2 with its merge base with REV1.
  const threeDots = spec.includes("...");
  const [from, to] = spec.includes("..") ? (spec.split(/\.\.\.?/) as [string, string]) : [spec, undefined];
  let fromRev = from || "HEAD";
  const toRev = to === "" ? "HEAD" : to;
  let fromLabel = fromRev;
  if (threeDots) {
    try {
      fromRev = git(["merge-base", fromRev, toRev ?? "HEAD"], io.cwd).trim();
      fromLabel = fromRev.slice(0, 10);
    } catch (e) {
      throw new DiffError(`git: ${((e as { stderr?: string }).stderr ?? "").trim() || t(options.locale, "badRevision") + " " + spec}`);
    }
  }
  const pathspec = ["--", ...(options.paths.length ? options.paths : ["."])];
  let names: string[];
  try {
    for (const r of [fromRev, ...(toRev ? [toRev] : [])]) git(["rev-parse", "--verify", "--quiet", `${r}^{commit}`], io.cwd);
    names = git(["diff", "--name-only", "--no-renames", "-z", fromRev, ...(toRev ? [toRev] : []), ...pathspec], io.cwd).split("\0");
    if (!toRev) names.push(...git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z", ...pathspec], io.cwd).split("\0"));
  } catch (e) {
    throw new DiffError(`git: ${((e as { stderr?: string }).stderr ?? (e as Error).message).trim() || t(options.locale, "badRevision") + " " + spec}`);
  }
  const files = [...new Set(names.filter((n) => n.endsWith(".perf")))].sort();
  const worktree = options.locale === "zh" ? "工作区" : "working tree";
  const pairOf = (path: string): [Side, Side] => {
    const abs = join(root, path);
    const shown = displayPath(abs, io.cwd);
    const before: Side = { label: `${fromLabel}:${shown}`, uri: abs, text: gitShow(fromRev, path, root, options), git: { rev: fromRev, root } };
    let after: Side;
    if (toRev) after = { label: `${toRev}:${shown}`, uri: abs, text: gitShow(toRev, path, root, options), git: { rev: toRev, root } };
    else {
      const read = readSourceFile(abs, options.locale, shown);
      if (!read.ok && "diagnostic" in read) throw new DiffError(diagnosticText(read.diagnostic, options.locale).message, { diagnostic: read.diagnostic, shown });
      const text = read.ok ? read.source.text : undefined; // undefined: deleted in the working tree
      after = { label: `${shown} (${worktree})`, uri: abs, text, ...(read.ok ? { id: read.id } : {}) };
    }
    return [before, after];
  };
  const changed = files.map(pairOf);
  const { users, used } = usersOf(changed, { fromRev, toRev, root, pathspec }, options, io);
  // a changed framework is shown through the evaluations that use it (its changes once, then each subject's scores)
  return [...changed.filter(([b]) => !used.has(b.uri)), ...users.map(pairOf)].sort((x, y) => (x[0].uri < y[0].uri ? -1 : x[0].uri > y[0].uri ? 1 : 0));
}

/**
 * The unchanged evaluations (in the paths asked for) that `use` a changed file on either side,
 * directly or through another used file, and the changed files some evaluation (changed or not) uses.
 */
function usersOf(changed: [Side, Side][], at: { fromRev: string; toRev: string | undefined; root: string; pathspec: string[] }, options: DiffOptions, io: CliIO): { users: string[]; used: Set<string> } {
  // a used file is a framework or a bare tree, never an evaluation (a second header is PERF007): without one changed, nothing to look for
  const usable = (side: Side) => side.text !== undefined && !parse(side.text, side.uri).ast.declarations.some((d) => d.kind === "evaluation");
  const changedUris = new Set(changed.filter((pair) => pair.some(usable)).map(([b]) => b.uri));
  const diffed = new Set(changed.map(([b]) => b.uri));
  const used = new Set<string>();
  const users: string[] = [];
  if (!changedUris.size) return { users, used };
  const list = (args: string[]) => git(args, io.cwd).split("\0").filter((n) => n.endsWith(".perf"));
  const before = list(["ls-tree", "-r", "-z", "--name-only", "--full-name", at.fromRev, ...at.pathspec]);
  const after = at.toRev
    ? list(["ls-tree", "-r", "-z", "--name-only", "--full-name", at.toRev, ...at.pathspec])
    : list(["ls-files", "-z", "--full-name", "--cached", "--others", "--exclude-standard", ...at.pathspec]);
  const sides: { names: Set<string>; rev?: string }[] = [{ names: new Set(before), rev: at.fromRev }, { names: new Set(after), ...(at.toRev ? { rev: at.toRev } : {}) }];
  for (const path of [...new Set([...before, ...after])].sort()) {
    const abs = join(at.root, path);
    if (changedUris.has(abs)) continue;
    let isUser = false;
    for (const side of sides) {
      if (!side.names.has(path)) continue;
      // a file either side cannot read is left out here (it is no user to show)
      const reader = side.rev ? revisionReader(side.rev, at.root, options.locale) : diskReader(options.locale);
      const read = reader(abs, path);
      if (!("text" in read)) continue;
      const loaded = loadEvaluation(abs, cliHost(abs, read.text, workspaceOf(abs, io.cwd, false), io.cwd, options.locale, reader));
      for (const uri of loaded.involved ?? []) {
        if (uri === abs || !changedUris.has(uri)) continue;
        used.add(uri);
        isUser = true;
      }
    }
    // a changed evaluation is diffed anyway; it only marks the framework it uses as shown through it
    if (isUser && !diffed.has(abs)) users.push(path);
  }
  return { users, used };
}

/**
 * `perf diff --textconv FILE`: the canonical view git diffs (diff.perf.textconv). Never fails on
 * bad input (a failing textconv stops the whole `git diff`): a file perf refuses to read is shown
 * as a note with the refusal, then its lines as they are (bytes that are not UTF-8 as U+FFFD).
 */
function runTextconv(positionals: string[], options: DiffOptions, io: CliIO): number {
  if (positionals.length !== 1) throw new DiffError(t(options.locale, "textconvUsage"));
  const file = resolve(io.cwd, positionals[0]!);
  const read = readSourceFile(file, options.locale, positionals[0]);
  if (!read.ok) {
    if ("error" in read) throw new DiffError(`${t(options.locale, "cannotRead")} ${positionals[0]}: ${read.error}`);
    const d = read.diagnostic;
    const raw = d.code === "PERF110" ? readFileSync(file) : undefined;
    io.stdout(`# perf: ${t(options.locale, "error")}[${d.code}]: ${diagnosticText(d, options.locale).message}\n${raw ? raw.toString("utf8") : ""}`);
    return 0;
  }
  const a = analyzeEntry(file, read.source.text, workspaceOf(file, io.cwd, false), io.cwd, options);
  const errors = a.result.summary.errors;
  const note = errors ? `# perf: ${t(options.locale, "hasErrors", { n: errors })}\n` : "";
  io.stdout(note + textconv(a.result, options.locale));
  return 0;
}
