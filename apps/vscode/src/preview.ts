// The "perf: 预览报告 / Preview report" webview: one panel beside the editor that follows the
// previewed document and re-renders whenever the server reports a new analysis of it.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { message, type Locale } from "./messages.js";
import { evaluatedResultRequest, type EvaluatedResultParams, type EvaluationResult } from "./protocol.js";
import { renderNotice, renderPreviewDocument, renderReportBody } from "./report-html.js";

export interface PreviewState {
  uri: string;
  /** The last body posted to the webview (for tests and the status bar). */
  body: string;
  total: string | null;
}

export class ReportPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private state: PreviewState | undefined;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<PreviewState>();
  /** Fires after the webview received a new report body. */
  readonly onDidRender = this.changed.event;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly locale: () => Locale,
  ) {}

  get current(): PreviewState | undefined {
    return this.panel ? this.state : undefined;
  }

  /** Opens (or reveals) the preview of `uri` beside the active editor. */
  async show(uri: vscode.Uri): Promise<void> {
    this.uri = uri;
    const title = this.title(uri);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel("perf.preview", title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [],
      });
      this.panel.webview.onDidReceiveMessage((m: { type?: string; line?: unknown }) => {
        if (m?.type === "reveal" && typeof m.line === "number" && this.uri) void this.reveal(this.uri, m.line);
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.state = undefined;
      });
      // A hidden webview loses its page; load it again with the latest report when shown.
      let visible = true;
      this.panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.visible && !visible) this.load(this.state?.body ?? renderNotice("loading", this.locale()));
        visible = webviewPanel.visible;
      });
      this.load(renderNotice("loading", this.locale()));
    } else {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    await this.refresh(uri);
  }

  private title(uri: vscode.Uri): string {
    return `${message("previewTitle", this.locale())} · ${uri.path.split("/").pop()}`;
  }

  /** Renders the previewed document again (after a settings change). */
  async rerender(): Promise<void> {
    if (this.panel && this.uri) {
      this.panel.title = this.title(this.uri);
      await this.refresh(this.uri);
    }
  }

  /** Called for every `perf/resultChanged`; re-renders if it is about the previewed document. */
  async refresh(uri: vscode.Uri): Promise<void> {
    if (!this.panel || !this.uri || uri.toString() !== this.uri.toString()) return;
    const client = this.client();
    if (!client) return;
    const generation = ++this.generation;
    let result: EvaluationResult | null = null;
    try {
      result = await client.sendRequest<EvaluationResult | null>(evaluatedResultRequest, { uri: uri.toString() } satisfies EvaluatedResultParams);
    } catch {
      result = null; // the server restarts or the document closed: show the notice, keep the panel
    }
    // A newer refresh started while this one waited: its answer wins.
    if (generation !== this.generation || !this.panel) return;
    const body = result ? renderReportBody(result, this.locale()) : renderNotice("unavailable", this.locale());
    // Before the first report the page shows "loading": replace the page so nothing is lost
    // to a message sent while it is still loading. Later updates keep the scroll position.
    if (this.state) await this.panel.webview.postMessage({ type: "report", html: body });
    else this.load(body);
    this.state = { uri: uri.toString(), body, total: result?.total.score ?? null };
    this.changed.fire(this.state);
  }

  private async reveal(uri: vscode.Uri, line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = new vscode.Position(Math.max(0, Math.min(line, doc.lineCount - 1)), 0);
    const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
    await vscode.window.showTextDocument(doc, { viewColumn: column, selection: new vscode.Range(at, at) });
  }

  private load(body: string): void {
    if (!this.panel) return;
    this.panel.webview.html = renderPreviewDocument({
      nonce: randomBytes(16).toString("base64"),
      cspSource: this.panel.webview.cspSource,
      locale: this.locale(),
      title: this.panel.title,
      body,
    });
  }

  dispose(): void {
    this.panel?.dispose();
    this.changed.dispose();
  }
}
