// The perf extension: starts the bundled language server (dist/server.js) over node-ipc,
// shows the total and grade of the active .perf file in the status bar and offers the
// report preview. Everything else (diagnostics, inlay scores, code lens, quick fixes …)
// comes from the server through LSP.
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { message, readLocale, type Locale } from "./messages.js";
import { previewViewType, ReportPreview, type PreviewState } from "./preview.js";
import { evaluatedResultRequest, resultChangedNotification, type EvaluationResult, type ResultChangedParams } from "./protocol.js";
import { statusText } from "./report-html.js";
import { registerWalkthrough } from "./walkthrough.js";

/** What `activate` returns: read by the editor-level test suite, harmless for everyone else. */
export interface PerfExtensionApi {
  /** Resolves once the language server answered `initialize`. */
  ready: Promise<void>;
  /** The last `perf/resultChanged` of a document, if any. */
  lastResult(uri: vscode.Uri): ResultChangedParams | undefined;
  /** Fires on every `perf/resultChanged`. */
  onResult: vscode.Event<ResultChangedParams>;
  /** The server's full result for a document (`perf/evaluatedResult`). */
  requestResult(uri: vscode.Uri): Promise<EvaluationResult | null>;
  /** The status bar item's text and whether it is shown. */
  status(): { text: string; visible: boolean };
  /** The preview panel's current state, if one is open. */
  preview(): PreviewState | undefined;
  onPreviewRender: vscode.Event<PreviewState>;
}

let client: LanguageClient | undefined;

function settings(): { language: Locale; strict: boolean } {
  const config = vscode.workspace.getConfiguration("perf");
  return { language: readLocale(config.get("language")), strict: config.get<boolean>("strict") === true };
}

export function activate(context: vscode.ExtensionContext): PerfExtensionApi {
  const serverModule = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "perf" },
      { scheme: "untitled", language: "perf" },
      // the report narrative beside NAME.perf: references {{…}} completed, hovered and checked (docs/narrative.md)
      { scheme: "file", language: "markdown", pattern: "**/*.report.md" },
    ],
    // The total's code lens opens the preview (the server calls it with the document URI).
    initializationOptions: { ...settings(), codeLensCommand: "perf.preview" },
    // The server re-reads `perf.language` / `perf.strict` from didChangeConfiguration.
    synchronize: { configurationSection: "perf", fileEvents: vscode.workspace.createFileSystemWatcher("**/*.perf") },
    outputChannelName: "perf",
  };
  client = new LanguageClient("perf", "perf language server", serverOptions, clientOptions);

  const results = new Map<string, ResultChangedParams>();
  const resultEmitter = new vscode.EventEmitter<ResultChangedParams>();
  const locale = () => settings().language;
  const preview = new ReportPreview(() => client, locale);

  const status = vscode.window.createStatusBarItem("perf.total", vscode.StatusBarAlignment.Right, 100);
  status.name = "perf";
  status.command = "perf.preview";
  const updateStatus = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== "perf") {
      status.hide();
      return;
    }
    const r = results.get(editor.document.uri.toString());
    const problems = r?.errors ? ` $(error) ${r.errors}` : "";
    const shown = r && statusText(r);
    status.text = shown ? `$(checklist) ${shown}${problems}` : `$(sync~spin) ${message("statusPending", locale())}`;
    status.tooltip = message("statusTooltip", locale());
    status.show();
  };

  context.subscriptions.push(
    client,
    status,
    preview,
    resultEmitter,
    vscode.window.registerWebviewPanelSerializer(previewViewType, preview),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      updateStatus();
      if (editor?.document.languageId === "perf") void preview.follow(editor.document.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("perf")) {
        updateStatus();
        void preview.rerender();
      }
    }),
    vscode.commands.registerCommand("perf.restartServer", async () => {
      results.clear();
      updateStatus();
      await client?.restart();
    }),
    vscode.commands.registerCommand("perf.preview", async (target?: vscode.Uri | string) => {
      // From the editor title or palette: no argument or a Uri; from the code lens: a URI string.
      // From the walkthrough no text editor is active: the .perf file visible beside it.
      const shown = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.languageId === "perf");
      const uri = target instanceof vscode.Uri ? target : typeof target === "string" ? vscode.Uri.parse(target) : shown?.document.uri;
      const doc = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (!uri || (doc && doc.languageId !== "perf") || (!doc && !uri.path.endsWith(".perf"))) {
        void vscode.window.showInformationMessage(message("noPerfEditor", locale()));
        return;
      }
      await preview.show(uri);
    }),
  );

  registerWalkthrough(context, locale);

  // Registered before start so no notification of the first analyses is missed.
  context.subscriptions.push(
    client.onNotification(resultChangedNotification, (params: ResultChangedParams) => {
      results.set(params.uri, params);
      updateStatus();
      resultEmitter.fire(params);
      void preview.refresh(vscode.Uri.parse(params.uri));
    }),
  );
  const ready = client.start().then(
    () => undefined,
    (error: unknown) => {
      void vscode.window.showErrorMessage(message("serverFailed", locale()) + String(error));
      throw error;
    },
  );
  updateStatus();

  return {
    ready,
    lastResult: (uri) => results.get(uri.toString()),
    requestResult: async (uri) => {
      await ready;
      return client!.sendRequest<EvaluationResult | null>(evaluatedResultRequest, { uri: uri.toString() });
    },
    onResult: resultEmitter.event,
    status: () => ({ text: status.text, visible: vscode.window.activeTextEditor?.document.languageId === "perf" }),
    preview: () => preview.current,
    onPreviewRender: preview.onDidRender,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
