import { analyze, type Analysis } from "@perf/engine";
import { parse, type ParseResult, type PerfFile } from "@perf/language";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { FileSystem } from "./file-system.js";
import { buildOccurrences, type Occurrences } from "./occurrences.js";
import { defaultSettings, type PerfSettings } from "./settings.js";
import { summarize, type FileSummary } from "./summary.js";

interface FileRecord {
  /** The URI we report: the client's spelling once the file is open. */
  uri: string;
  open?: TextDocument;
  /** Bumped whenever the file changes on disk; part of the analysis signature. */
  diskGeneration: number;
  summary?: { key: string; value: FileSummary };
}

/** One analysis of one group of files (an evaluation), valid for exactly one signature. */
export interface GroupAnalysis {
  group: string;
  signature: string;
  /** The reported URIs of the group's files, in analysis order. */
  uris: string[];
  analysis: Analysis;
  /** Name occurrences per URI, built on first use. */
  occurrences(uri: string): Occurrences;
}

/** Analyses of closed groups kept for navigation; open groups are always kept. */
const CLOSED_CACHE = 4;

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
 * The document store: open documents (the editor's text, by version) and the workspace's
 * `.perf` files on disk, grouped into evaluations that are analyzed together.
 *
 * Today every file is its own evaluation (`analyze([{uri, text}])`, as `perf check` does).
 * Shared frameworks will put several files in one group: only {@link groupOf},
 * {@link membersOf} and {@link dependantGroups} need to learn about them; the cache, the
 * scheduler and every feature already work on groups.
 */
export class PerfWorkspace {
  settings: PerfSettings = defaultSettings;
  private settingsGeneration = 0;
  private readonly files = new Map<string, FileRecord>();
  private readonly analyses = new Map<string, GroupAnalysis>();
  readonly folders: string[] = [];

  constructor(
    private readonly fs: FileSystem,
    private readonly log: (message: string) => void = () => {},
  ) {}

  setSettings(settings: PerfSettings): boolean {
    if (settings.locale === this.settings.locale && settings.strict === this.settings.strict) return false;
    this.settings = settings;
    this.settingsGeneration++;
    return true;
  }

  // ── files ───────────────────────────────────────────────────────────────

  /** Indexes the `.perf` files of a workspace folder (paths only; texts are read when needed). */
  addFolder(folderUri: string): number {
    this.folders.push(folderUri);
    const found = this.fs.listPerfFiles(folderUri);
    for (const uri of found) {
      const key = canonicalUri(uri);
      if (!this.files.has(key)) this.files.set(key, { uri, diskGeneration: 0 });
    }
    return found.length;
  }

  /** Forgets a folder's closed files (open documents stay until closed). */
  removeFolder(folderUri: string): void {
    const i = this.folders.indexOf(folderUri);
    if (i >= 0) this.folders.splice(i, 1);
    const prefix = canonicalUri(folderUri).replace(/\/?$/, "/");
    for (const [key, r] of this.files) if (key.startsWith(prefix) && !r.open && !this.folders.some((f) => key.startsWith(canonicalUri(f).replace(/\/?$/, "/")))) this.files.delete(key);
  }

  open(doc: TextDocument): void {
    const key = canonicalUri(doc.uri);
    const r = this.files.get(key);
    if (r) {
      r.uri = doc.uri;
      r.open = doc;
    } else this.files.set(key, { uri: doc.uri, open: doc, diskGeneration: 0 });
  }

  /** The editor's text changed: the document object is the same or a new version of it. */
  change(doc: TextDocument): void {
    this.open(doc);
  }

  close(uri: string): void {
    const key = canonicalUri(uri);
    const r = this.files.get(key);
    if (!r) return;
    r.open = undefined;
    r.summary = undefined;
    // The editor's version is gone; a closed file is re-read from disk if ever needed.
    for (const g of this.dependantGroups(uri)) if (!this.membersOf(g).some((k) => this.files.get(k)?.open)) this.analyses.delete(g);
    // An untitled or deleted file has nothing on disk to fall back to.
    if (!uri.startsWith("file:") || this.fs.readFile(uri) === undefined) this.files.delete(key);
    this.trimCache();
  }

  /** A file watcher saw a change on disk. Open documents keep the editor's text. */
  diskChanged(uri: string, deleted: boolean): void {
    const key = canonicalUri(uri);
    const r = this.files.get(key);
    if (deleted) {
      if (r && !r.open) this.files.delete(key);
      return;
    }
    if (r) {
      r.diskGeneration++;
      if (!r.open) r.summary = undefined;
    } else this.files.set(key, { uri, diskGeneration: 0 });
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

  /** The current text of a file: the editor's if open, else the disk's. */
  textOf(uri: string): string | undefined {
    const r = this.files.get(canonicalUri(uri));
    if (r?.open) return r.open.getText();
    return this.fs.readFile(r?.uri ?? uri);
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

  /** The evaluation a file belongs to. */
  groupOf(uri: string): string {
    return canonicalUri(uri);
  }

  /** The files analyzed together for a group, as canonical keys. */
  membersOf(group: string): string[] {
    return [group];
  }

  /** Groups whose analysis reads this file: re-checked when it changes. */
  dependantGroups(uri: string): string[] {
    return [this.groupOf(uri)];
  }

  /** Changes whenever the text of any member or the settings change. */
  signatureOf(group: string): string {
    return `${this.settingsGeneration}|` + this.membersOf(group).map((k) => `${k}@${this.versionOf(k)}`).join("|");
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
    const signature = this.signatureOf(group);
    const cached = this.analyses.get(group);
    if (cached && cached.signature === signature) {
      // Refresh its place in the LRU order.
      this.analyses.delete(group);
      this.analyses.set(group, cached);
      return cached;
    }
    const documents: { uri: string; text: string }[] = [];
    for (const key of this.membersOf(group)) {
      const text = this.textOf(key);
      if (text !== undefined) documents.push({ uri: this.reportedUri(key), text });
    }
    if (!documents.length) return undefined;
    let analysis: Analysis;
    try {
      analysis = analyze(documents, this.settings);
    } catch (e) {
      // The engine promises not to throw; if it ever does, the server must keep serving.
      this.log(`perf: analysis of ${group} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
    const occurrences = new Map<string, Occurrences>();
    const result: GroupAnalysis = {
      group,
      signature,
      uris: documents.map((d) => d.uri),
      analysis,
      occurrences(uri) {
        let o = occurrences.get(uri);
        if (!o) occurrences.set(uri, (o = buildOccurrences(analysis, uri)));
        return o;
      },
    };
    this.analyses.delete(group);
    this.analyses.set(group, result);
    for (const [uri, p] of analysis.parsed) {
      const r = this.files.get(canonicalUri(uri));
      if (r) r.summary = { key: this.versionOf(canonicalUri(uri)), value: summarize(p.ast) };
    }
    this.trimCache();
    return result;
  }

  /** Drops analyses of groups nobody has open, keeping the few most recent. */
  private trimCache(): void {
    const closed = [...this.analyses.keys()].filter((g) => !this.membersOf(g).some((k) => this.files.get(k)?.open));
    for (const g of closed.slice(0, Math.max(0, closed.length - CLOSED_CACHE))) this.analyses.delete(g);
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
      if (r.summary?.key !== version) {
        const text = this.textOf(key);
        if (text === undefined) continue;
        let ast: PerfFile;
        try {
          ast = parse(text, r.uri, this.settings).ast;
        } catch {
          continue;
        }
        r.summary = { key: version, value: summarize(ast) };
      }
      out.push(r.summary.value);
    }
    return out;
  }
}
