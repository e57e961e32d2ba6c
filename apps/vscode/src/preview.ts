// The "perf: 预览报告 / Preview report" webview: one panel beside the editor. It follows the
// active .perf editor, re-renders whenever the server reports a new analysis of the
// previewed document, and comes back after a window reload (a webview serializer).
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { message, type Locale } from "./messages.js";
import { evaluatedResultRequest, type EvaluatedResultParams, type EvaluationResult } from "./protocol.js";
import { renderNotice, renderPreviewDocument, renderReportBody } from "./report-html.js";

export const previewViewType = "perf.preview";

export interface PreviewState {
  uri: string;
  /** The last body posted to the webview (for tests). */
  body: string;
  total: string | null;
}

export class ReportPreview implements vscode.Disposable, vscode.WebviewPanelSerializer<{ uri?: string }> {
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
    if (!this.panel) {
      this.attach(
        vscode.window.createWebviewPanel(previewViewType, this.title(uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
          enableScripts: true,
          enableFindWidget: true,
          localResourceRoots: [],
        }),
      );
    } else {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    await this.follow(uri);
  }

  /** Switches an open preview to `uri` without revealing it (the active editor changed). */
  async follow(uri: vscode.Uri): Promise<void> {
    if (!this.panel) return;
    if (this.uri?.toString() !== uri.toString()) {
      this.uri = uri;
      this.state = undefined;
      this.load(renderNotice("loading", this.locale()));
    }
    this.panel.title = this.title(uri);
    await this.refresh(uri);
  }

  /** A preview left open when the window closed comes back with its document. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, saved: { uri?: string } | undefined): Promise<void> {
    if (this.panel || typeof saved?.uri !== "string") {
      panel.dispose();
      return;
    }
    panel.webview.options = { enableScripts: true, localResourceRoots: [] };
    this.attach(panel);
    await this.follow(vscode.Uri.parse(saved.uri));
  }

  /** Renders the previewed document again (after a settings change). */
  async rerender(): Promise<void> {
    if (this.panel && this.uri) {
      this.state = undefined;
      await this.follow(this.uri);
    }
  }

  /** Called for every `perf/resultChanged`; re-renders if it is about the previewed document. */
  async refresh(uri: vscode.Uri): Promise<void> {
    if (!this.panel || !this.uri || uri.toString() !== this.uri.toString()) return;
    const client = this.client();
    if (!client?.isRunning()) return; // a restart sends fresh results when it is up
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

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.onDidReceiveMessage((m: { type?: string; line?: unknown }) => {
      if (m?.type === "reveal" && typeof m.line === "number" && this.uri) void this.reveal(this.uri, m.line);
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.uri = undefined;
      this.state = undefined;
    });
    // A hidden webview loses its page; load it again with the latest report when shown.
    let visible = panel.visible;
    panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.visible && !visible) this.load(this.state?.body ?? renderNotice("loading", this.locale()));
      visible = webviewPanel.visible;
    });
  }

  private title(uri: vscode.Uri): string {
    return `${message("previewTitle", this.locale())} · ${uri.path.split("/").pop()}`;
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
      uri: this.uri?.toString() ?? "",
    });
  }

  dispose(): void {
    this.panel?.dispose();
    this.changed.dispose();
  }
}
