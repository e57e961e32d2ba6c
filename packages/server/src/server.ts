import {
  CodeActionKind,
  ErrorCodes,
  CompletionTriggerKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type CompletionParams,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type Position,
} from "vscode-languageserver";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { subjectsOf, type EvaluationResult } from "@perf/engine";
import { editOf } from "./edit-map.js";
import { evaluationUriOf, isNarrativeUri, narrativeCompletion, narrativeDiagnostics, narrativeHover } from "./features/narrative.js";
import { PieceTextDocument } from "./piece-document.js";
import { semanticTokensLegend } from "./features/semantic-tokens.js";
import { nodeFileSystem, type FileSystem } from "./file-system.js";
import { AnalysisScheduler, quietTime } from "./scheduler.js";
import { PerfLanguageService } from "./service.js";
import type { GroupAnalysis } from "./workspace.js";
import { msg } from "./messages.js";
import { readSettings } from "./settings.js";
import {
  EvaluatedResultRequest,
  ResultChangedNotification,
  DebugHeapRequest,
  ServerStatusRequest,
  type DebugHeap,
  type ResultChangedParams,
  type ServerStatus,
} from "./protocol.js";

export interface ServerOptions {
  fs?: FileSystem;
  /** Answer `perf/debug/heap` (tests measure retained memory with it); default: env PERF_SERVER_DEBUG=1. */
  debug?: boolean;
  /** Quiet time after the last edit before a document is analyzed again. */
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;

/** Free space in old space, as a share of the space in use, above which a second collection follows an analysis's (decision 0207). */
const FRAGMENTED = 0.1;

let gc: (() => void) | undefined;

/** The CPU time (ms, the whole process: V8's helper threads too) that `f` takes. */
function cpuMs(f: () => void): number {
  const start = process.cpuUsage();
  f();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** A full garbage collection, through the `gc` that `--expose-gc` gives a new context. */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  gc();
}

/**
 * Starts the perf language server on a connection (stdio, node-ipc, or the extension's own).
 * Returns the service so an embedding host can reach it directly.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): PerfLanguageService {
  const log = (m: string) => connection.console.error(m);
  const service = new PerfLanguageService(options.fs ?? nodeFileSystem, log);
  const ws = service.ws;
  // Each change is applied on its own so its offsets can be recorded in the text it applies to:
  // requests on a large document are answered from its last analysis through these edits.
  // The text is kept in pieces until the analysis reads it: a keystroke does not copy 18 MiB.
  const documents = new TextDocuments<TextDocument>({
    create: PieceTextDocument.create,
    update(document, changes, version) {
      for (const c of changes) {
        if (typeof document.uri === "string") ws.recordEdit(document.uri, editOf(document, c));
        PieceTextDocument.update(document, [c], version);
      }
      return document;
    },
  });
  const debounce = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const scheduler = new AnalysisScheduler(publish, (e) => log(`perf: analysis failed: ${(e as Error)?.stack ?? e}`));
  const openedVersion = new Map<string, number>();
  let capabilities: InitializeParams["capabilities"] = {};

  /** Publishes (or clears) the one diagnostic of closed files the server found it cannot analyze. */
  function flushProblems(): void {
    for (const uri of ws.takeProblemChanges()) {
      // An open document's diagnostics go out with its analysis.
      if (!ws.isOpen(uri)) void connection.sendDiagnostics({ uri, diagnostics: service.problemDiagnostics(uri) });
    }
  }

  /** Analyzes a group and publishes its diagnostics and result, unless a newer edit made them stale. */
  function publish(group: string): void {
    const a = ws.analyzeGroup(group);
    if (a && ws.isLarge(group)) settle(a);
    flushProblems();
    if (!a) {
      // Not analyzed (over the size cap): the document shows why instead of stale diagnostics.
      for (const key of ws.membersOf(group)) {
        const doc = ws.document(key);
        const diagnostics = service.problemDiagnostics(key);
        if (doc && diagnostics.length) void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
      }
      return;
    }
    if (ws.signatureOf(group) !== a.signature) return;
    for (const uri of a.uris) {
      const doc = ws.document(uri);
      // A used framework's own diagnostics and result come from its own group (it checked alone).
      if (!doc || ws.groupOf(uri) !== group) continue;
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: service.diagnostics(uri) });
      // a framework shows the subjects of an evaluation that uses it
      void connection.sendNotification(ResultChangedNotification, resultChanged(doc.uri, doc.version, a.analysis.result, ws.scoringAnalysis(uri, a).analysis.result));
    }
    // the narratives beside this group's files quote its result
    for (const doc of documents.all()) if (isNarrativeUri(doc.uri) && ws.groupOf(evaluationUriOf(doc.uri)) === group) publishNarrative(doc);
  }

  /** `ws.analysesRun` when the last collection ran: an analysis since leaves garbage behind. */
  let analysesAtCollection = 0;
  let collections = 0;
  let compactions = 0;
  let collectionMs = 0;
  let compactionMs = 0;

  /**
   * Ends the analysis of a group holding a large open document, before its diagnostics go out
   * (decision 0203): builds what the first requests on it would (the names' occurrences, the
   * document's line offsets), then runs a full collection if any analysis ran since the last
   * one. An analysis of the 10 000-leaf document leaves 100–200 MiB of garbage (the old
   * analysis, the parse's tokens and trees), which V8 keeps as RSS until its heap limit, and
   * collects in a pause that lands on the next keystroke's requests.
   */
  function settle(a: GroupAnalysis): void {
    for (const uri of a.uris) {
      const doc = ws.document(uri);
      if (!doc) continue;
      a.occurrences(uri);
      void doc.lineCount;
    }
    if (ws.analysesRun === analysesAtCollection) return;
    analysesAtCollection = ws.analysesRun;
    collectionMs += cpuMs(collectGarbage);
    collections++;
    // Once the diagnostics are out (requests already waiting go first): a second collection
    // when the first left old space fragmented (decision 0207).
    setImmediate(compactIfFragmented);
  }

  /**
   * The collection after an analysis frees the last analysis' objects, which lie between those
   * of the new one: at 10 000 leaves old space kept 26–36 MiB of holes (137 MiB reserved for
   * 106 in use). V8 picks the pages a collection empties by their live bytes as the last one
   * counted them, so a second collection right after moves the sparse pages' objects and gives
   * their pages back (110 MiB for 105), for about as much CPU as the first (≈ 200 ms at 10 000
   * leaves). Asking V8 to compact every page instead (`--compact-on-every-full-gc`) cost four
   * to seven times the collection and raised RSS.
   */
  function compactIfFragmented(): void {
    const old = getHeapSpaceStatistics().find((s) => s.space_name === "old_space");
    if (!old || old.space_size - old.space_used_size < FRAGMENTED * old.space_used_size) return;
    // Swept in the pause, so the emptied pages are returned before the next request is read
    // (swept concurrently, RSS stayed up to 25 MiB higher for the next 100 ms).
    setFlagsFromString("--no-concurrent-sweeping");
    try {
      compactionMs += cpuMs(collectGarbage);
    } finally {
      setFlagsFromString("--concurrent-sweeping");
    }
    compactions++;
  }

  /** A `NAME.report.md`'s references against the result of `NAME.perf` (PERF150–PERF155). */
  function publishNarrative(doc: TextDocument): void {
    try {
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: narrativeDiagnostics(ws, doc) });
    } catch (e) {
      log(`perf: narrative check failed: ${(e as Error)?.stack ?? e}`);
    }
    flushProblems();
  }

  function scheduleDependants(uri: string, delay: number): void {
    for (const g of ws.dependantGroups(uri)) {
      if (ws.membersOf(g).some((m) => ws.isOpen(m))) scheduler.schedule(g, delay && quietTime(delay, ws.isLarge(g), ws.lastAnalysisMs(g)));
    }
  }

  function recheckAll(): void {
    flushProblems();
    for (const uri of ws.openUris()) scheduler.schedule(ws.groupOf(uri), 0);
    const w = capabilities.workspace;
    if (w?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh();
    if (w?.codeLens?.refreshSupport) void connection.sendRequest("workspace/codeLens/refresh");
    if (w?.semanticTokens?.refreshSupport) connection.languages.semanticTokens.refresh();
  }

  async function pullSettings(): Promise<void> {
    if (!capabilities.workspace?.configuration) return;
    try {
      const [perf] = (await connection.workspace.getConfiguration([{ section: "perf" }])) as unknown[];
      if (ws.setSettings(readSettings(perf, ws.settings))) recheckAll();
    } catch (e) {
      log(`perf: cannot read settings: ${(e as Error).message}`);
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    ws.setSettings(readSettings(params.initializationOptions, ws.settings));
    const lensCommand = (params.initializationOptions as { codeLensCommand?: unknown } | undefined)?.codeLensCommand;
    if (typeof lensCommand === "string") service.codeLensCommand = lensCommand;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    // Indexing reads the disk; do it once the client is listening, not in the handshake.
    pendingFolders = folders;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        // "{" "." ":" open reference names inside a narrative's {{…}}; .perf documents ignore them
        completionProvider: { triggerCharacters: [" ", "(", ",", "，", "、", '"', "{", ".", ":"] },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: true },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        documentLinkProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: "perf-language-server", version: "0.1.0" },
    };
  });
  let pendingFolders: string[] = [];

  connection.onInitialized(() => {
    for (const f of pendingFolders) {
      const n = ws.addFolder(f);
      log(`perf: indexed ${n} .perf files in ${f}`);
    }
    pendingFolders = [];
    flushProblems();
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration)
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.perf" }] });
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "perf" });
    if (capabilities.workspace?.workspaceFolders)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const uris = (list: unknown) => (Array.isArray(list) ? list.map((f: { uri?: unknown } | null) => f?.uri).filter((u): u is string => typeof u === "string") : []);
        for (const f of uris(e?.removed)) ws.removeFolder(f);
        for (const f of uris(e?.added)) ws.addFolder(f);
        flushProblems();
      });
    void pullSettings();
  });

  connection.onDidChangeConfiguration((params) => {
    const settings = params.settings as Record<string, unknown> | null | undefined;
    if (settings && typeof settings === "object" && "perf" in settings) {
      if (ws.setSettings(readSettings(settings, ws.settings))) recheckAll();
    } else void pullSettings();
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const c of Array.isArray(params?.changes) ? params.changes : []) {
      if (typeof c?.uri !== "string") continue;
      ws.diskChanged(c.uri, c.type === FileChangeType.Deleted);
      scheduleDependants(c.uri, debounce);
      // an open narrative quotes the evaluation beside it, open or not
      for (const doc of documents.all()) if (isNarrativeUri(doc.uri) && ws.groupOf(evaluationUriOf(doc.uri)) === ws.groupOf(c.uri)) publishNarrative(doc);
    }
    flushProblems();
  });

  /** A document a client sent without a string URI or text is not one: leave it alone. */
  const malformed = (document: TextDocument): boolean => {
    // (a PieceTextDocument holds a string by construction; asking it for its text would join its pieces)
    if (typeof document.uri === "string" && (document instanceof PieceTextDocument || typeof document.getText() === "string")) return false;
    log(`perf: ignoring a document without a string uri and text (uri: ${String(document.uri).slice(0, 100)})`);
    return true;
  };

  documents.onDidOpen(({ document }) => {
    if (malformed(document)) return;
    // a report narrative is Markdown, not a member of any .perf group
    if (isNarrativeUri(document.uri)) return publishNarrative(document);
    openedVersion.set(document.uri, document.version);
    ws.open(document);
  });
  documents.onDidChangeContent(({ document }) => {
    if (malformed(document)) return;
    if (isNarrativeUri(document.uri)) return publishNarrative(document);
    ws.change(document);
    // The first analysis of a just-opened document is not debounced.
    const delay = openedVersion.get(document.uri) === document.version ? 0 : debounce;
    openedVersion.delete(document.uri);
    scheduleDependants(document.uri, delay);
  });
  documents.onDidClose(({ document }) => {
    if (typeof document.uri !== "string") return;
    if (isNarrativeUri(document.uri)) return void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    openedVersion.delete(document.uri);
    const groups = ws.dependantGroups(document.uri);
    const large = ws.isOpen(document.uri) && groups.some((g) => ws.isLarge(g));
    ws.close(document.uri);
    for (const g of groups) if (!ws.membersOf(g).some((m) => ws.isOpen(m))) scheduler.cancel(g);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    // V8 keeps the pages of a dropped analysis (hundreds of MiB for a large document) until a
    // full collection, which an idle server may not run for minutes: ask for one (decision 0172).
    if (large) {
      setTimeout(collectGarbage, 0);
      setTimeout(collectGarbage, 1000);
    }
  });

  /**
   * A request handler that checks the parameters every request shares (an LSP error when they
   * are malformed) and answers `empty` instead of failing when anything else goes wrong.
   */
  const safe =
    <P, R>(empty: R, f: (p: P) => R, required: readonly string[] = []) =>
    (p: P, token?: { isCancellationRequested: boolean }): R => {
      if (token?.isCancellationRequested) return empty;
      const invalid = invalidParams(p, required);
      if (invalid) throw new ResponseError(ErrorCodes.InvalidParams, msg(ws.settings.locale, "invalidParams", { detail: invalid }));
      // a narrative gets only hover and completion (narrative.ts); no .perf feature reads Markdown
      if (isNarrativeUri((p as { textDocument?: { uri?: unknown } }).textDocument?.uri)) return empty;
      try {
        return f(p);
      } catch (e) {
        // A refusal meant for the user (an invalid rename) goes back as the error it is.
        if (e instanceof ResponseError) throw e;
        log(`perf: request failed: ${(e as Error)?.stack ?? e}`);
        return empty;
      } finally {
        flushProblems();
      }
    };

  /** The open narrative a request is about, if it is about one. */
  const narrative = (p: { textDocument?: { uri?: unknown } } | null | undefined): TextDocument | undefined => {
    const uri = p && typeof p === "object" ? p.textDocument?.uri : undefined;
    return isNarrativeUri(uri) && invalidParams(p, ["textDocument", "position"]) === undefined ? documents.get(uri) : undefined;
  };
  const narrativeSafe =
    <R>(empty: R, f: (doc: TextDocument, position: Position) => R) =>
    (p: { textDocument: { uri: string }; position: Position }): R => {
      const doc = narrative(p)!;
      try {
        return f(doc, p.position);
      } catch (e) {
        log(`perf: narrative request failed: ${(e as Error)?.stack ?? e}`);
        return empty;
      } finally {
        flushProblems();
      }
    };
  const hover = safe(null, (p: HoverParams) => service.hover(p.textDocument.uri, p.position), ["textDocument", "position"]);
  const narrativeHoverAt = narrativeSafe(null, (doc, position) => narrativeHover(ws, doc, position));
  connection.onHover((p, token) => (narrative(p) && !token?.isCancellationRequested ? narrativeHoverAt(p) : hover(p, token)));
  const complete = safe([], (p: CompletionParams) => {
    const trigger = p.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? p.context.triggerCharacter : undefined;
    // the narrative's trigger characters mean nothing in a .perf file
    if (trigger === "{" || trigger === "." || trigger === ":") return [];
    return service.completion(p.textDocument.uri, p.position, trigger);
  }, ["textDocument", "position"]);
  const narrativeComplete = narrativeSafe([], (doc, position) => narrativeCompletion(ws, doc, position));
  connection.onCompletion((p, token) => (narrative(p) && !token?.isCancellationRequested ? narrativeComplete(p) : complete(p, token)));
  connection.onDefinition(safe([], (p) => service.definition(p.textDocument.uri, p.position), ["textDocument", "position"]));
  connection.onReferences(safe([], (p) => service.references(p.textDocument.uri, p.position, p.context?.includeDeclaration !== false), ["textDocument", "position"]));
  connection.onDocumentHighlight(safe([], (p) => service.documentHighlights(p.textDocument.uri, p.position), ["textDocument", "position"]));
  connection.onPrepareRename(safe(null, (p) => service.prepareRename(p.textDocument.uri, p.position), ["textDocument", "position"]));
  connection.onRenameRequest(safe(null, (p) => service.rename(p.textDocument.uri, p.position, p.newName), ["textDocument", "position"]));
  connection.onDocumentSymbol(safe([], (p) => service.documentSymbols(p.textDocument.uri)));
  connection.onWorkspaceSymbol(safe([], (p) => service.workspaceSymbols(typeof p.query === "string" ? p.query : "")));
  connection.onFoldingRanges(safe([], (p) => service.foldingRanges(p.textDocument.uri)));
  connection.onSelectionRanges(safe([], (p) => service.selectionRanges(p.textDocument.uri, p.positions), ["textDocument", "positions"]));
  connection.languages.semanticTokens.on(safe({ data: [] }, (p) => service.semanticTokens(p.textDocument.uri)));
  connection.languages.semanticTokens.onRange(safe({ data: [] }, (p) => service.semanticTokens(p.textDocument.uri, p.range), ["textDocument", "range"]));
  connection.languages.inlayHint.on(safe([], (p) => service.inlayHints(p.textDocument.uri, p.range)));
  connection.onCodeLens(safe([], (p) => service.codeLenses(p.textDocument.uri)));
  connection.onCodeAction(safe([], (p) => service.codeActions(p), ["textDocument", "range", "context"]));
  connection.onDocumentLinks(safe([], (p) => service.documentLinks(p.textDocument.uri)));
  connection.onDocumentFormatting(safe([], (p) => service.formatting(p.textDocument.uri)));

  connection.onRequest(EvaluatedResultRequest, safe(null, (p) => service.result(p.uri), ["uri"]));
  if (options.debug ?? process.env.PERF_SERVER_DEBUG === "1")
    connection.onRequest(DebugHeapRequest, (): DebugHeap => {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const m = process.memoryUsage();
      const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]));
      return { heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, rss: m.rss, collected: !!gc, spaces };
    });
  connection.onRequest(ServerStatusRequest, (): ServerStatus => {
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, openDocuments: ws.openUris().length, knownFiles: ws.knownUris().length, pendingAnalyses: scheduler.pending, analyses: ws.analysesRun, collections, compactions, collectionMs, compactionMs };
  });

  connection.onShutdown(() => scheduler.cancelAll());

  documents.listen(connection);
  connection.listen();
  return service;
}

/**
 * `perf/resultChanged` for a document: the total and grade; with several subjects their totals
 * too. The fields of a single-subject evaluation are exactly as before (tests pin them).
 */
export function resultChanged(uri: string, version: number, result: EvaluationResult, scoring: EvaluationResult = result): ResultChangedParams {
  const { total, grade, summary } = result;
  const params: ResultChangedParams = { uri, version, total: total.score, grade: grade.name, vetoedBy: grade.vetoedBy, errors: summary.errors, warnings: summary.warnings };
  if (total.score === null && total.declared !== null) params.declared = total.declared;
  const subjects = subjectsOf(scoring);
  if (subjects.length) params.subjects = subjects.map((s) => ({ id: s.id, name: s.name, total: s.total.score, grade: s.grade.name, vetoedBy: s.grade.vetoedBy }));
  return params;
}

const isPosition = (x: unknown): boolean => {
  const p = x as { line?: unknown; character?: unknown } | null;
  return !!p && typeof p === "object" && Number.isSafeInteger(p.line) && Number.isSafeInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
};

/** What is wrong with the parts of a request every handler relies on (a document URI, positions, ranges), if anything. */
export function invalidParams(p: unknown, required: readonly string[] = []): string | undefined {
  if (!p || typeof p !== "object") return "params must be an object";
  const o = p as Record<string, unknown>;
  for (const key of required) if (o[key] === undefined || o[key] === null) return `${key} is required`;
  if ("textDocument" in o && typeof (o.textDocument as { uri?: unknown } | null)?.uri !== "string") return "textDocument.uri must be a string";
  if ("uri" in o && typeof o.uri !== "string") return "uri must be a string";
  if ("position" in o && !isPosition(o.position)) return "position must hold non-negative integers line and character";
  if ("positions" in o && !(Array.isArray(o.positions) && o.positions.every(isPosition))) return "positions must be positions";
  if ("range" in o && o.range !== undefined) {
    const r = o.range as { start?: unknown; end?: unknown } | null;
    if (!r || !isPosition(r.start) || !isPosition(r.end)) return "range must hold a start and an end position";
  }
  return undefined;
}
