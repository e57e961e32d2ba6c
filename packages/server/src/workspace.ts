import { analyzeLoaded, loadEvaluation, parseFrom, subjectsOf, type Analysis, type HostRead, type LoadedEvaluation, type ProjectHost } from "@perf/engine";
import { parse, type ParseResult, type PerfFile } from "@perf/language";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { FileProblem, FileSystem } from "./file-system.js";
import { EditMap, type Edit } from "./edit-map.js";
import { textLength } from "./piece-document.js";
import { buildOccurrences, type Occurrences } from "./occurrences.js";
import { defaultSettings, sameSettings, type PerfSettings } from "./settings.js";
import { summarize, type FileSummary } from "./summary.js";
import { msg } from "./messages.js";

interface FileRecord {
  /** The URI we report: the client's spelling once the file is open. */
  uri: string;
  open?: TextDocument;
  /** Bumped whenever the file changes on disk; part of the analysis signature. */
  diskGeneration: number;
  summary?: { key: string; value: FileSummary };
  /** Why the file's text is not analyzed (disk or size cap); cleared when the file changes. */
  problem?: FileProblem;
  /** An open document's edits since the text its group's last analysis read; undefined when unknown (just opened, replaced whole). */
  edits?: EditMap;
}

/** One analysis of one group of files (an evaluation), valid for exactly one signature. */
export interface GroupAnalysis {
  group: string;
  signature: string;
  /** The settings it was computed with (a stale analysis of other settings is not shown). */
  settingsGeneration: number;
  /** The reported URIs of the group's files, in analysis order. */
  uris: string[];
  /** Characters of source text analyzed: what keeping this analysis around costs. */
  chars: number;
  /** The text of each document as analyzed, by reported URI: the next analysis re-parses only what an edit changed (decision 0195). */
  texts: Map<string, string>;
  /** How long the analysis took (ms). */
  durationMs: number;
  analysis: Analysis;
  /** Name occurrences per URI, built on first use. */
  occurrences(uri: string): Occurrences;
}

/**
 * Which files form a group, as the engine's project model loaded them (the entry and what it
 * `use`s), valid while none of those files changed version. `loaded` is kept only until the
 * group's analysis takes it, so a membership does not hold texts and trees.
 */
interface Membership {
  members: string[];
  versions: string;
  loaded?: LoadedEvaluation;
}

/** Analyses of closed groups kept for navigation (at most this many, of at most this much text); open groups are always kept. */
const CLOSED_CACHE = 4;
const CLOSED_CACHE_CHARS = 1024 * 1024;

/**
 * Open documents at least this long are answered from their last analysis while a newer one is
 * pending (hover, completion, inlay hints, symbols, code lens, semantic tokens): below it, a
 * fresh analysis takes milliseconds and answers exactly (decision 0036).
 */
export const STALE_ANSWERS_ABOVE_CHARS = 256 * 1024;

/** Map keys: `file:` URIs are normalised so the client's and our own spelling of a path agree. */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith("file:")) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/**
 * Lets go of the last text parsed, which two global references keep alive after a parse:
 * the shared Chevrotain parser's input (every token, and through their images the whole
 * text: tens of MB after a large document, until the parser drops it itself, issue 12), and
 * V8's legacy `RegExp.input` of the last successful match, a slice of a token image whose
 * parent is the whole text. Parsing nothing and matching an empty string replace both.
 */
function releaseLastText(): void {
  parse("", "release.perf");
  /^/.test("");
}

function folderPrefix(folderUri: string): string {
  return canonicalUri(folderUri).replace(/\/?$/, "/");
}

/** A problem in a log line (English, for the output channel). */
export function describeProblem(p: FileProblem): string {
  switch (p.kind) {
    case "missing":
      return "it does not exist";
    case "not-regular":
      return `it is not a regular file (${p.what})`;
    case "too-large":
      return `${p.size} bytes, over the limit of ${p.limit} (perf.maxFileSize)`;
    case "not-utf8":
      return "it is not valid UTF-8";
    case "unreadable":
      return `it cannot be read (${p.detail})`;
    case "analysis-failed":
      return `its analysis failed (${p.detail})`;
  }
}

/**
 * The document store: open documents (the editor's text, by version) and the workspace's
 * `.perf` files on disk, grouped into evaluations that are analyzed together.
 *
 * Every file is the entry of its own group, and the group's members are what the engine's
 * project model loads for it (`loadEvaluation`: the file and, through `use`, its framework),
 * exactly as `perf check` loads it; a framework checked alone is its own group too. An edit to
 * a framework re-analyzes every group that loaded it ({@link dependantGroups}). The cache is
 * keyed by the members' versions (editor versions, disk generations), the scheduler and every
 * feature work on groups (decision 0110).
 */
export class PerfWorkspace {
  settings: PerfSettings = defaultSettings;
  private settingsGeneration = 0;
  private readonly files = new Map<string, FileRecord>();
  private readonly analyses = new Map<string, GroupAnalysis>();
  private readonly memberships = new Map<string, Membership>();
  readonly folders: string[] = [];
  /** The folders' canonical URIs with a trailing slash: a key inside starts with one. */
  private prefixes: string[] = [];
  /** Reported URIs whose problem appeared or went away since {@link takeProblemChanges}. */
  private readonly problemChanges = new Set<string>();
  /** The signature at which a group's analysis threw: not retried until something changes. */
  private readonly failed = new Map<string, string>();
  /** How many analyses ran (`perf/serverStatus`: the protocol tests count them). */
  analysesRun = 0;
  /** See {@link STALE_ANSWERS_ABOVE_CHARS}; tests lower it. */
  staleAnswersAboveChars = STALE_ANSWERS_ABOVE_CHARS;

  constructor(
    private readonly fs: FileSystem,
    private readonly log: (message: string) => void = () => {},
  ) {}

  setSettings(settings: PerfSettings): boolean {
    if (sameSettings(settings, this.settings)) return false;
    const capChanged = settings.maxFileBytes !== this.settings.maxFileBytes;
    this.settings = settings;
    this.settingsGeneration++;
    // A new cap may admit or refuse closed files: look at their sizes again (stat only).
    if (capChanged) for (const [key, r] of this.files) if (!r.open && r.problem?.kind !== "not-utf8") this.inspect(key, r);
    // Problems are worded in the user's language: publish them again.
    for (const r of this.files.values()) if (r.problem) this.problemChanges.add(r.uri);
    return true;
  }

  // ── files ───────────────────────────────────────────────────────────────

  /**
   * Indexes the `.perf` files of a workspace folder (paths only; texts are read when needed).
   * Names that are not regular files or are over the cap are kept with their problem.
   */
  addFolder(folderUri: string): number {
    this.folders.push(folderUri);
    this.prefixes = this.folders.map(folderPrefix);
    const found = this.fs.listPerfFiles(folderUri, this.settings.maxFileBytes);
    for (const { uri, problem } of found) {
      const key = canonicalUri(uri);
      let r = this.files.get(key);
      if (!r) this.files.set(key, (r = { uri, diskGeneration: 0 }));
      if (!r.open) this.setProblem(r, problem);
    }
    return found.length;
  }

  /** Forgets a folder's closed files (open documents stay until closed) and their analyses. */
  removeFolder(folderUri: string): void {
    const i = this.folders.indexOf(folderUri);
    if (i >= 0) this.folders.splice(i, 1);
    this.prefixes = this.folders.map(folderPrefix);
    const prefix = folderPrefix(folderUri);
    for (const [key, r] of this.files) if (key.startsWith(prefix) && !r.open && !this.isInside(key)) this.forget(key);
  }

  /** Whether a canonical key lies inside one of the workspace folders: only those are ever read from disk. */
  isInside(key: string): boolean {
    return key.startsWith("file:") && this.prefixes.some((p) => key.startsWith(p));
  }

  /** The innermost workspace folder holding a file, as a canonical URI ending in `/`. */
  folderOf(uri: string): string | undefined {
    const key = canonicalUri(uri);
    let best: string | undefined;
    for (const p of this.prefixes) if (key.startsWith(p) && (!best || p.length > best.length)) best = p;
    return best;
  }

  /** Whether the server knows a file: open, or a `.perf` file of the workspace. */
  knows(uri: string): boolean {
    return this.files.has(canonicalUri(uri));
  }

  /** Why a known file is not analyzed, if it is not. */
  problemOf(uri: string): FileProblem | undefined {
    return this.files.get(canonicalUri(uri))?.problem;
  }

  /** The reported URIs whose problem changed since the last call (to publish or clear its diagnostic). */
  takeProblemChanges(): string[] {
    const out = [...this.problemChanges];
    this.problemChanges.clear();
    return out;
  }

  private setProblem(r: FileRecord, problem: FileProblem | undefined): void {
    if (JSON.stringify(problem) === JSON.stringify(r.problem)) return;
    if (problem) this.log(`perf: not analyzing ${r.uri}: ${describeProblem(problem)}`);
    r.problem = problem;
    this.problemChanges.add(r.uri);
  }

  /** Looks at a closed file's metadata (never opens it); forgets it when it is gone. */
  private inspect(key: string, r: FileRecord): void {
    const problem = this.fs.inspect(r.uri, this.settings.maxFileBytes);
    if (problem?.kind === "missing") this.forget(key);
    else this.setProblem(r, problem);
  }

  /** Drops a file and everything computed from it. */
  private forget(key: string): void {
    const r = this.files.get(key);
    if (!r) return;
    this.files.delete(key);
    if (r.problem) this.problemChanges.add(r.uri);
    // the members as last loaded: forgetting happens while loading too (a used file found missing)
    for (const g of this.dependantGroups(key)) {
      if (!(this.memberships.get(g)?.members ?? [g]).some((k) => this.files.get(k)?.open)) this.analyses.delete(g);
      this.failed.delete(g);
    }
    this.memberships.delete(key);
  }

  open(doc: TextDocument): void {
    const key = canonicalUri(doc.uri);
    const r = this.files.get(key);
    if (r) {
      r.uri = doc.uri;
      // A (re)opened text has no known relation to any earlier analysis.
      if (r.open !== doc) r.edits = undefined;
      r.open = doc;
    } else this.files.set(key, { uri: doc.uri, open: doc, diskGeneration: 0 });
  }

  /** The editor's text changed: the document object is the same or a new version of it. */
  change(doc: TextDocument): void {
    const r = this.files.get(canonicalUri(doc.uri));
    if (r?.open) r.open = doc;
    else this.open(doc);
  }

  /**
   * An open document is about to change (offsets in its text before this change); `undefined`
   * when its whole text is replaced. Lets requests map positions onto its last analysis.
   */
  recordEdit(uri: string, edit: Edit | undefined): void {
    const r = this.files.get(canonicalUri(uri));
    if (!r) return;
    if (edit) r.edits?.add(edit);
    else r.edits = undefined;
  }

  /**
   * The last analysis of the group holding an open document, when it is not current but its
   * positions can be mapped onto the current text: the same settings, every member open with
   * its edits since that analysis known. Never analyzes.
   */
  staleAnalysis(uri: string): { group: GroupAnalysis; edits: EditMap; doc: TextDocument } | undefined {
    const group = this.groupOf(uri);
    const a = this.analyses.get(group);
    const r = this.files.get(canonicalUri(uri));
    if (!a || !r?.open || r.problem || !r.edits?.usable || a.settingsGeneration !== this.settingsGeneration || a.signature === this.signatureOf(group)) return undefined;
    if (!this.membersOf(group).every((k) => this.files.get(k)?.edits?.usable)) return undefined;
    return { group: a, edits: r.edits, doc: r.open };
  }

  close(uri: string): void {
    const key = canonicalUri(uri);
    const r = this.files.get(key);
    if (!r) return;
    r.open = undefined;
    r.summary = undefined;
    // The size problem was the editor's text; the disk's is looked at when it is read.
    r.problem = undefined;
    // The editor's version is gone; a closed workspace file is re-read from disk if ever needed.
    for (const g of this.dependantGroups(uri)) {
      if (this.membersOf(g).some((k) => this.files.get(k)?.open)) continue;
      this.analyses.delete(g);
      // a load nobody will analyze holds texts and trees
      const m = this.memberships.get(g);
      if (m) m.loaded = undefined;
    }
    // An untitled file, or one outside the workspace folders, has nothing the server may read.
    if (!this.isInside(key)) this.forget(key);
    this.trimCache();
    // A feature may have matched a regular expression on a slice of the text since the last parse.
    releaseLastText();
  }

  /**
   * A file watcher saw a change on disk. Open documents keep the editor's text. Only `.perf`
   * files inside the workspace folders are taken; their metadata is looked at, nothing is opened.
   */
  diskChanged(uri: string, deleted: boolean): void {
    const key = canonicalUri(uri);
    if (!this.isInside(key) || !key.endsWith(".perf")) return;
    const r = this.files.get(key);
    if (deleted) {
      if (r && !r.open) this.forget(key);
      return;
    }
    if (r) {
      r.diskGeneration++;
      if (!r.open) {
        r.summary = undefined;
        this.inspect(key, r);
      }
    } else {
      const added: FileRecord = { uri, diskGeneration: 0 };
      this.files.set(key, added);
      this.inspect(key, added);
    }
  }

  isOpen(uri: string): boolean {
    return !!this.files.get(canonicalUri(uri))?.open;
  }

  openUris(): string[] {
    return [...this.files.values()].filter((r) => r.open).map((r) => r.uri);
  }

  knownUris(): string[] {
    return [...this.files.values()].map((r) => r.uri);
  }

  /**
   * The current text of a known file: the editor's if open, else the disk's. Undefined for a
   * file the server does not know, one outside the workspace folders, and one with a problem
   * (over the size cap, not a regular file, not UTF-8), which {@link problemOf} then tells.
   */
  textOf(uri: string): string | undefined {
    const key = canonicalUri(uri);
    const r = this.files.get(key);
    if (!r) return undefined;
    const limit = this.settings.maxFileBytes;
    if (r.open) {
      const text = r.open.getText();
      // UTF-16 length × 3 bounds the UTF-8 size: count the bytes only near the cap.
      const size = text.length * 3 <= limit ? 0 : Buffer.byteLength(text, "utf8");
      this.setProblem(r, size > limit ? { kind: "too-large", size, limit } : undefined);
      return r.problem ? undefined : text;
    }
    // A failed read is not retried until the file changes (a watcher event) or the cap does.
    if (r.problem || !this.isInside(key)) return undefined;
    const read = this.fs.readFile(r.uri, limit);
    if ("text" in read) return read.text;
    if (read.problem.kind === "missing") this.forget(key);
    else this.setProblem(r, read.problem);
    return undefined;
  }

  document(uri: string): TextDocument | undefined {
    return this.files.get(canonicalUri(uri))?.open;
  }

  /** The URI to report for a file (the client's spelling when open). */
  reportedUri(uri: string): string {
    return this.files.get(canonicalUri(uri))?.uri ?? uri;
  }

  private versionOf(key: string): string {
    const r = this.files.get(key);
    if (!r) return "missing";
    return r.open ? `v${r.open.version}` : `d${r.diskGeneration}`;
  }

  // ── groups ──────────────────────────────────────────────────────────────

  /** The evaluation a file is the entry of: every file is checked as its own entry, as `perf check FILE` does. */
  groupOf(uri: string): string {
    return canonicalUri(uri);
  }

  /** The files analyzed together for a group, as canonical keys: the entry, then what it `use`s (even when missing). */
  membersOf(group: string): string[] {
    return this.membership(group).members;
  }

  /** Groups whose analysis reads this file: re-checked when it changes (a framework: every evaluation that uses it). */
  dependantGroups(uri: string): string[] {
    const key = canonicalUri(uri);
    const out = [this.groupOf(uri)];
    // an open document is analyzed anyway: learn what it uses if not yet known
    for (const [k, r] of this.files) if (r.open && !this.memberships.has(k)) this.membership(k);
    for (const [g, m] of this.memberships) if (g !== out[0] && m.members.includes(key)) out.push(g);
    return out;
  }

  /**
   * Changes whenever the text of any member or the settings change. The members are the last
   * ones loaded: a new `use` needs an edit to a member, which changes the signature anyway.
   */
  signatureOf(group: string): string {
    return `${this.settingsGeneration}|${this.versionsOf(this.membership(group).members)}`;
  }

  private versionsOf(keys: string[]): string {
    return keys.map((k) => `${k}@${this.versionOf(k)}`).join("|");
  }

  /** The group's members as last loaded (loaded now if never: a file just opened or announced). */
  private membership(group: string): Membership {
    const known = this.memberships.get(group);
    if (known) return known;
    // A file the server does not know (forgotten, never announced) is a group of itself, not loaded.
    if (!this.files.has(group)) return { members: [group], versions: this.versionsOf([group]) };
    return this.load(group);
  }

  /** Loads a group through the engine's project model: the entry and, following `use`, what it uses. */
  private load(group: string): Membership & { loaded: LoadedEvaluation } {
    const host: ProjectHost = { read: (uri) => this.readForProject(uri), parsed: (uri, text) => this.parseFromLast(group, uri, text) };
    const root = this.folderOf(group);
    if (root) host.root = root;
    let loaded: LoadedEvaluation;
    try {
      loaded = loadEvaluation(this.reportedUri(group), host, this.settings);
    } finally {
      releaseLastText();
    }
    const members = [...new Set([group, ...(loaded.involved ?? []).map(canonicalUri)])];
    const fresh = { members, versions: this.versionsOf(members), loaded };
    this.memberships.set(group, fresh);
    return fresh;
  }

  /**
   * A document's parse from the group's last analysis when it read this document under the same
   * URI and settings: the same parse for the same text, else only the declaration an edit falls
   * inside is parsed again (decision 0195). Undefined when there is nothing to start from.
   */
  private parseFromLast(group: string, uri: string, text: string): ParseResult | undefined {
    const a = this.analyses.get(group);
    if (!a || a.settingsGeneration !== this.settingsGeneration) return undefined;
    const reported = this.reportedUri(canonicalUri(uri));
    const before = a.texts.get(reported);
    const parsed = a.analysis.parsed.get(reported);
    if (before === undefined || !parsed) return undefined;
    return parseFrom({ text: before, parsed }, text, uri, this.settings);
  }

  /** The project model's reads: a known file's text, or why it cannot be read (PERF160 at the `use`). */
  private readForProject(uri: string): HostRead {
    const key = canonicalUri(uri);
    // a `.perf` file of the workspace that no scan or watcher event announced yet is taken in (stat only)
    if (!this.files.has(key) && this.isInside(key) && key.endsWith(".perf")) {
      const problem = this.fs.inspect(key, this.settings.maxFileBytes);
      if (problem?.kind !== "missing") {
        const r: FileRecord = { uri: key, diskGeneration: 0 };
        this.files.set(key, r);
        this.setProblem(r, problem);
      }
    }
    const text = this.textOf(key);
    if (text !== undefined) return { text };
    const problem = this.problemOf(key);
    const why = problem ? problem.kind : this.isInside(key) || !key.startsWith("file:") ? "missing" : "outside";
    return { refusal: { code: "PERF160", args: { reason: msg(this.settings.locale, `unreadable.${why}`) } } };
  }

  // ── analysis ────────────────────────────────────────────────────────────

  /** The analysis of the group holding `uri` at the current versions, computed if needed. */
  analysisFor(uri: string): GroupAnalysis | undefined {
    return this.analyzeGroup(this.groupOf(uri));
  }

  /** The cached analysis if it is current, without computing one. */
  cachedAnalysis(group: string): GroupAnalysis | undefined {
    const a = this.analyses.get(group);
    return a && a.signature === this.signatureOf(group) ? a : undefined;
  }

  analyzeGroup(group: string): GroupAnalysis | undefined {
    const cached = this.analyses.get(group);
    if (cached && cached.signature === this.signatureOf(group)) {
      // Refresh its place in the LRU order.
      this.analyses.delete(group);
      this.analyses.set(group, cached);
      return cached;
    }
    if (this.failed.get(group) === this.signatureOf(group) || !this.files.has(group)) return undefined;
    // The load a membership kept (a group loaded to learn its members) if still current, else a fresh one.
    const known = this.memberships.get(group);
    const m = known?.loaded && known.versions === this.versionsOf(known.members) ? known : this.load(group);
    const loaded = m.loaded!;
    m.loaded = undefined;
    const signature = `${this.settingsGeneration}|${m.versions}`;
    // The entry's own problem (size cap, not UTF-8…) stands for it, as before: nothing to analyze.
    if (!loaded.documents.length || this.problemOf(group)) return undefined;
    const source = this.reported(loaded);
    const chars = source.documents.reduce((n, d) => n + d.text.length, 0);
    let analysis: Analysis;
    const started = performance.now();
    // The last analysis of the group, read with the same settings: an edit of texts no score reads carries it over (decision 0195).
    const last = this.analyses.get(group);
    const previous = last && last.settingsGeneration === this.settingsGeneration ? last.analysis : undefined;
    try {
      this.analysesRun++;
      analysis = analyzeLoaded(source, this.settings, previous);
    } catch (e) {
      // The engine promises not to throw; if it ever does, the server keeps serving and the
      // document says so (PERF129) instead of keeping the diagnostics of an older text.
      this.log(`perf: analysis of ${group} failed: ${(e as Error)?.stack ?? e}`);
      this.failed.set(group, signature);
      const detail = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 200);
      for (const key of this.membersOf(group)) {
        const r = this.files.get(key);
        if (r) this.setProblem(r, { kind: "analysis-failed", detail });
      }
      return undefined;
    } finally {
      releaseLastText();
    }
    const documents = source.documents;
    const occurrences = new Map<string, Occurrences>();
    const result: GroupAnalysis = {
      group,
      signature,
      settingsGeneration: this.settingsGeneration,
      uris: documents.map((d) => d.uri),
      chars,
      texts: new Map(documents.map((d) => [d.uri, d.text])),
      durationMs: performance.now() - started,
      analysis,
      occurrences(uri) {
        let o = occurrences.get(uri);
        if (!o) occurrences.set(uri, (o = buildOccurrences(analysis, uri)));
        return o;
      },
    };
    this.failed.delete(group);
    this.analyses.delete(group);
    this.analyses.set(group, result);
    // The analysis read every open member's current text: edits from here on are mapped onto it.
    for (const key of this.membersOf(group)) {
      const r = this.files.get(key);
      if (r?.open) r.edits = new EditMap();
    }
    for (const [uri, p] of analysis.parsed) {
      const r = this.files.get(canonicalUri(uri));
      if (r) r.summary = { key: this.versionOf(canonicalUri(uri)), value: summarize(p.ast) };
    }
    this.trimCache();
    return result;
  }

  /**
   * The analysis that scores a file's indicators: its own group's when that has subjects;
   * otherwise, for a framework, the analysis of an evaluation that uses it (open ones first,
   * then ones already analyzed) whose subjects it can show. Analyzes only open groups.
   */
  scoringAnalysis(uri: string, own: GroupAnalysis): GroupAnalysis {
    if (subjectsOf(own.analysis.result).length) return own;
    const users = this.dependantGroups(uri).filter((g) => g !== own.group);
    const open = (g: string) => this.membersOf(g).some((k) => this.files.get(k)?.open);
    for (const g of [...users.filter(open), ...users.filter((g) => !open(g))]) {
      const a = open(g) ? this.analyzeGroup(g) : this.cachedAnalysis(g);
      if (a && subjectsOf(a.analysis.result).length) return a;
    }
    return own;
  }

  /**
   * A load with every document under the URI the server reports for it (the client's spelling
   * when open), so diagnostics and locations of a used framework name the editor's document.
   */
  private reported(loaded: LoadedEvaluation): LoadedEvaluation {
    const rename = (uri: string) => this.reportedUri(canonicalUri(uri));
    if (loaded.documents.every((d) => rename(d.uri) === d.uri)) return loaded;
    const diagnostics = loaded.diagnostics.map((d) => ({ ...d, uri: rename(d.uri), ...(d.related ? { related: d.related.map((r) => ({ ...r, uri: rename(r.uri) })) } : {}) }));
    return { entry: rename(loaded.entry), documents: loaded.documents.map((d) => ({ uri: rename(d.uri), text: d.text })), diagnostics };
  }

  /** Drops analyses of groups nobody has open, keeping the few most recent small ones. */
  private trimCache(): void {
    const closed = [...this.analyses.values()].filter((a) => !this.membersOf(a.group).some((k) => this.files.get(k)?.open));
    let kept = 0;
    let chars = 0;
    // Newest last in the map's order: keep from the end.
    for (let i = closed.length - 1; i >= 0; i--) {
      const a = closed[i]!;
      if (kept < CLOSED_CACHE && chars + a.chars <= CLOSED_CACHE_CHARS) {
        kept++;
        chars += a.chars;
      } else this.analyses.delete(a.group);
    }
  }

  /** Whether a group holds an open document large enough to be answered from its last analysis while edited. */
  isLarge(group: string): boolean {
    return this.membersOf(group).some((k) => {
      const open = this.files.get(k)?.open;
      return open !== undefined && textLength(open) >= this.staleAnswersAboveChars;
    });
  }

  /** How long the group's last analysis took, if it has one. */
  lastAnalysisMs(group: string): number | undefined {
    return this.analyses.get(group)?.durationMs;
  }

  /** The parse of one file at its current version (from its group's analysis). */
  parsed(uri: string): ParseResult | undefined {
    const a = this.analysisFor(uri);
    return a?.analysis.parsed.get(this.reportedUri(uri)) ?? undefined;
  }

  // ── workspace-wide summaries ────────────────────────────────────────────

  /** Declarations and finding types of every known file; parses closed files once per disk version. */
  summaries(): FileSummary[] {
    const out: FileSummary[] = [];
    for (const [key, r] of this.files) {
      const version = this.versionOf(key);
      // A large open document being edited keeps the summary of its last analysis until the next one.
      const keep = r.summary && r.open && r.edits?.usable && textLength(r.open) >= this.staleAnswersAboveChars;
      if (r.summary?.key !== version && !keep) {
        const text = this.textOf(key);
        if (text === undefined) continue;
        let ast: PerfFile;
        try {
          ast = parse(text, r.uri, this.settings).ast;
        } catch {
          continue;
        } finally {
          releaseLastText();
        }
        r.summary = { key: version, value: summarize(ast) };
      }
      out.push(r.summary!.value);
    }
    return out;
  }
}
