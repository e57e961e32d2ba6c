import { makeDiagnostic, parse, type Args, type Diagnostic, type DiagnosticCode, type ParseResult, type Range } from "@perf/language";
import { analyzeParsed, type Analysis, type AnalyzeOptions, type SourceDocument } from "./analyze.js";
import { analyzeEdited } from "./incremental.js";

/**
 * The project model: which documents form one evaluation (the entry and what it `use`s), and a
 * version-keyed cache of analyses for long-lived hosts. No file system and no LSP types: a host
 * answers reads with a text or a coded refusal; URIs are `file:` URIs or plain paths, whichever
 * the host gives (the CLI gives absolute paths, the server `file:` URIs).
 */
export type HostRead = { text: string } | { refusal: { code: DiagnosticCode; args: Args } };

export interface ProjectHost {
  read(uri: string): HostRead;
  /** workspace root URI; `use` may not leave it */
  root?: string;
  /** The parse of a document read, when the host has an exact one at hand (an incremental re-parse, decision 0195); else it is parsed. */
  parsed?(uri: string, text: string): ParseResult | undefined;
}

export interface LoadedEvaluation {
  entry: string;
  /** The entry first, then each used document once, in the order they were reached. */
  documents: SourceDocument[];
  /** Located errors at the `use` clauses (missing, refused, cyclic, outside the root), and a refused entry. */
  diagnostics: Diagnostic[];
  /** Every document parsed while loading, so analysis does not parse it again. */
  parsed?: Map<string, ParseResult>;
  /** Every URI the loading looked at, read or not: a change to any of them may change the analysis. */
  involved?: string[];
}

const start = { line: 0, character: 0, offset: 0 };
const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]+:/;

/** The URI `path` (written in a `use` of the document `from`) names: relative to `from`'s folder. */
export function resolveUse(from: string, path: string): string {
  const rel = path.replace(/\\/g, "/");
  if (scheme.test(from)) {
    try {
      return new URL(rel.split("/").map((s) => (s === "." || s === ".." ? s : encodeURIComponent(s))).join("/"), from).href;
    } catch {
      return rel;
    }
  }
  const base = rel.startsWith("/") ? rel : from.replace(/[^/]*$/, "") + rel;
  return normalizePath(base);
}

function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "." || (part === "" && out.length)) continue;
    if (part === "..") {
      if (out.length > 1 || (out.length === 1 && out[0] !== "")) out.pop();
      continue;
    }
    out.push(part);
  }
  return out.join("/") || "/";
}

/** Whether `uri` lies inside the folder `root` (both as the host writes them). */
export function insideRoot(uri: string, root: string): boolean {
  const r = scheme.test(root) ? root : normalizePath(root);
  const u = scheme.test(uri) ? uri : normalizePath(uri);
  const dir = r.endsWith("/") ? r : r + "/";
  return u.startsWith(dir);
}

/** The documents of the evaluation `entry`: it and, transitively, what it `use`s. Never throws. */
export function loadEvaluation(entry: string, host: ProjectHost, options: AnalyzeOptions = {}): LoadedEvaluation {
  const documents: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const parsed = new Map<string, ParseResult>();
  const involved = new Set<string>([entry]);
  const report = (code: DiagnosticCode, uri: string, range: Range, args: Args) => diagnostics.push(makeDiagnostic(code, uri, range, args, { strict: options.strict }));

  const first = host.read(entry);
  if ("refusal" in first) {
    report(first.refusal.code, entry, { start, end: start }, first.refusal.args);
    return { entry, documents, diagnostics, parsed, involved: [...involved] };
  }
  const visit = (uri: string, text: string, chain: string[]) => {
    documents.push({ uri, text });
    const p = host.parsed?.(uri, text) ?? parse(text, uri, { strict: options.strict });
    parsed.set(uri, p);
    for (const d of p.ast.declarations) {
      if (d.kind !== "evaluation" || !d.use) continue;
      const use = d.use;
      const target = resolveUse(uri, use.path.value);
      involved.add(target);
      const args = { path: use.path.value };
      if (host.root !== undefined && !insideRoot(target, host.root)) {
        report("PERF162", uri, use.range, { ...args, root: host.root });
        continue;
      }
      if (chain.includes(target)) {
        report("PERF161", uri, use.range, { ...args, cycle: [...chain.slice(chain.indexOf(target)), target].map(baseName).join(" → ") });
        continue;
      }
      if (parsed.has(target)) continue;
      const read = host.read(target);
      if ("refusal" in read) {
        report(read.refusal.code, uri, use.range, { ...args, ...read.refusal.args });
        continue;
      }
      visit(target, read.text, [...chain, target]);
    }
  };
  visit(entry, first.text, [entry]);
  return { entry, documents, diagnostics, parsed, involved: [...involved] };
}

function baseName(uri: string): string {
  const name = uri.replace(/^.*[\\/]/, "");
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Analyses a loaded evaluation: the load's diagnostics join the analysis'. `previous`: the last analysis of it, with the same options (decision 0195). */
export function analyzeLoaded(loaded: LoadedEvaluation, options: AnalyzeOptions = {}, previous?: Analysis): Analysis {
  const parsed = new Map<string, ParseResult>();
  for (const d of loaded.documents) parsed.set(d.uri, loaded.parsed?.get(d.uri) ?? parse(d.text, d.uri, { strict: options.strict }));
  return previous ? analyzeEdited(previous, parsed, options, loaded.diagnostics) : analyzeParsed(parsed, options, loaded.diagnostics);
}

interface Cached {
  analysis: Analysis;
  /** Every involved URI with the version it had (-1: read from the host, not set by the editor). */
  versions: Map<string, number>;
}

/**
 * A version-keyed cache for long-lived hosts (the language server): documents the editor holds
 * are set with their version; others are read from the host once and kept until set or removed.
 * An analysis is reused while no document it involves changed version.
 */
export class Project {
  private readonly open = new Map<string, { version: number; text: string }>();
  private readonly read = new Map<string, HostRead>();
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly host: ProjectHost,
    private readonly options: AnalyzeOptions = {},
  ) {}

  setDocument(uri: string, version: number, text: string): void {
    const before = this.open.get(uri);
    if (before && before.version === version && before.text === text) return;
    this.open.set(uri, { version, text });
    this.read.delete(uri);
    this.invalidate(uri);
  }

  removeDocument(uri: string): void {
    this.open.delete(uri);
    this.read.delete(uri);
    this.invalidate(uri);
    this.cache.delete(uri);
  }

  /** Evaluations (among those analysed) whose analysis includes `uri`: a framework edit reaches all its users. */
  entriesUsing(uri: string): string[] {
    const out: string[] = [];
    for (const [entry, c] of this.cache) if (c.versions.has(uri)) out.push(entry);
    return out.sort();
  }

  /** The analysis of `entry` with what it uses; cached while no involved document's version changed. */
  analyze(entry: string): Analysis {
    const hit = this.cache.get(entry);
    if (hit && [...hit.versions].every(([uri, v]) => this.versionOf(uri) === v)) return hit.analysis;
    const host: ProjectHost = { read: (uri) => this.readDocument(uri) };
    if (this.host.root !== undefined) host.root = this.host.root;
    const loaded = loadEvaluation(entry, host, this.options);
    const analysis = analyzeLoaded(loaded, this.options);
    const versions = new Map<string, number>();
    for (const uri of loaded.involved ?? [entry]) versions.set(uri, this.versionOf(uri));
    this.cache.set(entry, { analysis, versions });
    return analysis;
  }

  private versionOf(uri: string): number {
    return this.open.get(uri)?.version ?? -1;
  }

  private readDocument(uri: string): HostRead {
    const o = this.open.get(uri);
    if (o) return { text: o.text };
    let r = this.read.get(uri);
    if (!r) this.read.set(uri, (r = this.host.read(uri)));
    return r;
  }

  private invalidate(uri: string): void {
    for (const [entry, c] of this.cache) if (c.versions.has(uri)) this.cache.delete(entry);
  }
}
