import {
  CodeActionKind,
  CompletionTriggerKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { semanticTokensLegend } from "./features/semantic-tokens.js";
import { nodeFileSystem, type FileSystem } from "./file-system.js";
import { AnalysisScheduler } from "./scheduler.js";
import { PerfLanguageService } from "./service.js";
import { readSettings } from "./settings.js";
import {
  EvaluatedResultRequest,
  ResultChangedNotification,
  ServerStatusRequest,
  type ResultChangedParams,
  type ServerStatus,
} from "./protocol.js";

export interface ServerOptions {
  fs?: FileSystem;
  /** Quiet time after the last edit before a document is analyzed again. */
  debounceMs?: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;

/**
 * Starts the perf language server on a connection (stdio, node-ipc, or the extension's own).
 * Returns the service so an embedding host can reach it directly.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): PerfLanguageService {
  const log = (m: string) => connection.console.error(m);
  const service = new PerfLanguageService(options.fs ?? nodeFileSystem, log);
  const ws = service.ws;
  const documents = new TextDocuments(TextDocument);
  const debounce = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const scheduler = new AnalysisScheduler(publish, (e) => log(`perf: analysis failed: ${(e as Error)?.stack ?? e}`));
  const openedVersion = new Map<string, number>();
  let capabilities: InitializeParams["capabilities"] = {};

  /** Analyzes a group and publishes its diagnostics and result, unless a newer edit made them stale. */
  function publish(group: string): void {
    const a = ws.analyzeGroup(group);
    if (!a || ws.signatureOf(group) !== a.signature) return;
    for (const uri of a.uris) {
      const doc = ws.document(uri);
      if (!doc) continue;
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: service.diagnostics(uri) });
      const { total, grade, summary } = a.analysis.result;
      const params: ResultChangedParams = { uri: doc.uri, version: doc.version, total: total.score, grade: grade.name, vetoedBy: grade.vetoedBy, errors: summary.errors, warnings: summary.warnings };
      void connection.sendNotification(ResultChangedNotification, params);
    }
  }

  function scheduleDependants(uri: string, delay: number): void {
    for (const g of ws.dependantGroups(uri)) {
      if (ws.membersOf(g).some((m) => ws.isOpen(m))) scheduler.schedule(g, delay);
    }
  }

  function recheckAll(): void {
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
        completionProvider: { triggerCharacters: [" ", "(", ",", "，", "、", '"'] },
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
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration)
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.perf" }] });
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration)
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "perf" });
    if (capabilities.workspace?.workspaceFolders)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) ws.removeFolder(f.uri);
        for (const f of e.added) ws.addFolder(f.uri);
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
    for (const c of params.changes) {
      ws.diskChanged(c.uri, c.type === FileChangeType.Deleted);
      scheduleDependants(c.uri, debounce);
    }
  });

  documents.onDidOpen(({ document }) => {
    openedVersion.set(document.uri, document.version);
    ws.open(document);
  });
  documents.onDidChangeContent(({ document }) => {
    ws.change(document);
    // The first analysis of a just-opened document is not debounced.
    const delay = openedVersion.get(document.uri) === document.version ? 0 : debounce;
    openedVersion.delete(document.uri);
    scheduleDependants(document.uri, delay);
  });
  documents.onDidClose(({ document }) => {
    openedVersion.delete(document.uri);
    const groups = ws.dependantGroups(document.uri);
    ws.close(document.uri);
    for (const g of groups) if (!ws.membersOf(g).some((m) => ws.isOpen(m))) scheduler.cancel(g);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  /** A request handler that answers `empty` instead of failing when anything goes wrong. */
  const safe =
    <P, R>(empty: R, f: (p: P) => R) =>
    (p: P, token?: { isCancellationRequested: boolean }): R => {
      if (token?.isCancellationRequested) return empty;
      try {
        return f(p);
      } catch (e) {
        // A refusal meant for the user (an invalid rename) goes back as the error it is.
        if (e instanceof ResponseError) throw e;
        log(`perf: request failed: ${(e as Error)?.stack ?? e}`);
        return empty;
      }
    };

  connection.onHover(safe(null, (p) => service.hover(p.textDocument.uri, p.position)));
  connection.onCompletion(safe([], (p) => service.completion(p.textDocument.uri, p.position, p.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? p.context.triggerCharacter : undefined)));
  connection.onDefinition(safe([], (p) => service.definition(p.textDocument.uri, p.position)));
  connection.onReferences(safe([], (p) => service.references(p.textDocument.uri, p.position, p.context.includeDeclaration)));
  connection.onDocumentHighlight(safe([], (p) => service.documentHighlights(p.textDocument.uri, p.position)));
  connection.onPrepareRename(safe(null, (p) => service.prepareRename(p.textDocument.uri, p.position)));
  connection.onRenameRequest(safe(null, (p) => service.rename(p.textDocument.uri, p.position, p.newName)));
  connection.onDocumentSymbol(safe([], (p) => service.documentSymbols(p.textDocument.uri)));
  connection.onWorkspaceSymbol(safe([], (p) => service.workspaceSymbols(p.query)));
  connection.onFoldingRanges(safe([], (p) => service.foldingRanges(p.textDocument.uri)));
  connection.onSelectionRanges(safe([], (p) => service.selectionRanges(p.textDocument.uri, p.positions)));
  connection.languages.semanticTokens.on(safe({ data: [] }, (p) => service.semanticTokens(p.textDocument.uri)));
  connection.languages.semanticTokens.onRange(safe({ data: [] }, (p) => service.semanticTokens(p.textDocument.uri, p.range)));
  connection.languages.inlayHint.on(safe([], (p) => service.inlayHints(p.textDocument.uri, p.range)));
  connection.onCodeLens(safe([], (p) => service.codeLenses(p.textDocument.uri)));
  connection.onCodeAction(safe([], (p) => service.codeActions(p)));
  connection.onDocumentLinks(safe([], (p) => service.documentLinks(p.textDocument.uri)));
  connection.onDocumentFormatting(safe([], (p) => service.formatting(p.textDocument.uri)));

  connection.onRequest(EvaluatedResultRequest, safe(null, (p) => service.result(p.uri)));
  connection.onRequest(ServerStatusRequest, (): ServerStatus => {
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, openDocuments: ws.openUris().length, knownFiles: ws.knownUris().length, pendingAnalyses: scheduler.pending };
  });

  connection.onShutdown(() => scheduler.cancelAll());

  documents.listen(connection);
  connection.listen();
  return service;
}
