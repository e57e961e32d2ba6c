import type { EvaluationResult } from "@perf/engine";
import { byStart, diagnosticText } from "@perf/language";
import { LSPErrorCodes, ResponseError } from "vscode-languageserver";
import type {
  CodeAction,
  CodeActionParams,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  Position,
  Range,
  SelectionRange,
  SemanticTokens,
  TextEdit,
  WorkspaceEdit,
  WorkspaceSymbol,
} from "vscode-languageserver";
import { featureContext, type FeatureContext } from "./context.js";
import { toLspDiagnostic } from "./convert.js";
import { codeActions } from "./features/code-actions.js";
import { completion, type CompletionCursor } from "./features/completion.js";
import { documentLinks, evidenceDiagnostics } from "./features/document-links.js";
import { formatting } from "./features/formatting.js";
import { hover } from "./features/hover.js";
import { codeLenses, inlayHints } from "./features/inlay-hints.js";
import { definition, documentHighlights, prepareRename, references, rename } from "./features/navigation.js";
import { semanticTokens } from "./features/semantic-tokens.js";
import { foldingRanges, selectionRanges } from "./features/structure.js";
import { documentSymbols, workspaceSymbols } from "./features/symbols.js";
import { problemDiagnostic } from "./file-problems.js";
import type { FileSystem } from "./file-system.js";
import { msg } from "./messages.js";
import { textLength } from "./piece-document.js";
import { StaleView } from "./stale.js";
import { PerfWorkspace } from "./workspace.js";

/** More diagnostics than this in one file are noise; errors are kept first. */
export const MAX_PUBLISHED_DIAGNOSTICS = 1000;

/**
 * Every feature of the server as plain functions of (uri, params), with no connection: the
 * LSP wiring in server.ts and the unit tests both call this.
 */
export class PerfLanguageService {
  readonly ws: PerfWorkspace;
  /** The client command the total's code lens runs (initializationOptions.codeLensCommand); none by default. */
  codeLensCommand = "";

  /** `workspace` lets a host (or a test) bring its own grouping of files into evaluations. */
  constructor(fs: FileSystem, log: (message: string) => void = () => {}, workspace?: PerfWorkspace) {
    this.ws = workspace ?? new PerfWorkspace(fs, log);
  }

  private with<T>(uri: string, empty: T, f: (ctx: FeatureContext) => T): T {
    const ctx = featureContext(this.ws, uri);
    return ctx ? f(ctx) : empty;
  }

  /**
   * The last analysis of a large open document that was edited since, seen through the edits
   * (decision 0036): hover, completion, inlay hints, symbols, code lens and semantic tokens
   * answer from it instead of waiting for a full analysis. Undefined when the document is
   * small, the analysis is current, or the edits cannot be mapped: then the feature analyzes.
   */
  stale(uri: string): StaleView | undefined {
    const doc = this.ws.document(uri);
    if (!doc || textLength(doc) < this.ws.staleAnswersAboveChars) return undefined;
    const s = this.ws.staleAnalysis(uri);
    const reported = this.ws.reportedUri(uri);
    const parsed = s?.group.analysis.parsed.get(reported);
    if (!s || !parsed) return undefined;
    return new StaleView({ ws: this.ws, group: s.group, uri: reported, parsed, locale: this.ws.settings.locale }, s.doc, s.edits);
  }

  /** The diagnostic standing for a file that is not analyzed (PERF126–128), if any: never analyzes. */
  problemDiagnostics(uri: string): Diagnostic[] {
    const problem = this.ws.problemOf(uri);
    const d = problem && problemDiagnostic(problem, this.ws.reportedUri(uri), this.ws.settings.locale);
    return d ? [toLspDiagnostic(d, this.ws.settings.locale)] : [];
  }

  diagnostics(uri: string): Diagnostic[] {
    const group = this.ws.analysisFor(uri);
    if (this.ws.problemOf(uri)) return this.problemDiagnostics(uri);
    if (!group) return [];
    const reported = this.ws.reportedUri(uri);
    let ds = group.analysis.result.diagnostics.filter((d) => d.uri === reported);
    // PERF125 is the server's until the engine raises it: merged in by position.
    const ctx = featureContext(this.ws, uri);
    const evidence = ctx ? evidenceDiagnostics(ctx) : [];
    if (evidence.length) ds = [...ds, ...evidence].sort(byStart);
    if (ds.length > MAX_PUBLISHED_DIAGNOSTICS) {
      const rank = { error: 0, warning: 1, info: 2 } as const;
      ds = [...ds].sort((a, b) => rank[a.severity] - rank[b.severity]).slice(0, MAX_PUBLISHED_DIAGNOSTICS);
      ds.sort(byStart);
    }
    return ds.map((d) => toLspDiagnostic(d, this.ws.settings.locale));
  }

  /**
   * `perf/evaluatedResult`: only for a document the server knows (open, or a `.perf` file
   * inside a workspace folder); a file it does not analyze is refused with its diagnostic's message.
   */
  result(uri: string): EvaluationResult | null {
    const locale = this.ws.settings.locale;
    // A `.perf` file inside a workspace folder that no scan or watcher event announced yet is taken in (stat only).
    if (!this.ws.knows(uri)) this.ws.diskChanged(uri, false);
    if (!this.ws.knows(uri)) throw new ResponseError(LSPErrorCodes.RequestFailed, msg(locale, "unknownDocument", { uri: uri.length > 200 ? `${uri.slice(0, 200)}…` : uri }));
    const a = this.ws.analysisFor(uri);
    const problem = this.ws.problemOf(uri);
    const d = problem && problemDiagnostic(problem, this.ws.reportedUri(uri), locale);
    if (d) throw new ResponseError(LSPErrorCodes.RequestFailed, `${d.code}: ${diagnosticText(d, locale).message}`);
    return a?.analysis.result ?? null;
  }

  hover(uri: string, position: Position): Hover | null {
    const v = this.stale(uri);
    if (!v) return this.with(uri, null, (c) => hover(c, position));
    const at = v.toAnalyzed(position);
    const h = at && hover(v.ctx, at);
    if (!h) return null;
    // The hover's subject may have been edited: keep what it says, drop a range that no longer holds.
    const range = h.range && v.rangeToCurrent(h.range, true);
    return range ? { ...h, range } : { contents: h.contents };
  }
  completion(uri: string, position: Position, triggerCharacter?: string): CompletionItem[] {
    const v = this.stale(uri);
    if (!v) return this.with(uri, [], (c) => completion(c, position, triggerCharacter));
    // The enclosing block from the analysis; the typed line and the replaced range from the editor's text.
    const offset = v.analyzedOffset(position, "start");
    if (offset === undefined) return [];
    const current = v.doc.offsetAt(position);
    const cursor: CompletionCursor = {
      offset,
      before: v.doc.getText({ start: { line: position.line, character: 0 }, end: position }),
      replace: (length) => ({ start: v.doc.positionAt(current - length), end: v.doc.positionAt(current) }),
    };
    return completion(v.ctx, position, triggerCharacter, cursor);
  }
  definition(uri: string, position: Position): Location[] {
    return this.with(uri, [], (c) => definition(c, position));
  }
  references(uri: string, position: Position, includeDeclaration = true): Location[] {
    return this.with(uri, [], (c) => references(c, position, includeDeclaration));
  }
  documentHighlights(uri: string, position: Position): DocumentHighlight[] {
    return this.with(uri, [], (c) => documentHighlights(c, position));
  }
  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | null {
    return this.with(uri, null, (c) => prepareRename(c, position));
  }
  /** Throws a ResponseError with a message in the user's language when the name is refused. */
  rename(uri: string, position: Position, newName: string): WorkspaceEdit | null {
    return this.with(uri, null, (c) => rename(c, position, newName));
  }
  documentSymbols(uri: string): DocumentSymbol[] {
    const v = this.stale(uri);
    return v ? v.symbols(documentSymbols(v.ctx)) : this.with(uri, [], documentSymbols);
  }
  workspaceSymbols(query: string): WorkspaceSymbol[] {
    return workspaceSymbols(this.ws, query);
  }
  foldingRanges(uri: string): FoldingRange[] {
    return this.with(uri, [], foldingRanges);
  }
  selectionRanges(uri: string, positions: Position[]): SelectionRange[] {
    return this.with(uri, [], (c) => selectionRanges(c, positions));
  }
  semanticTokens(uri: string, range?: Range): SemanticTokens {
    const v = this.stale(uri);
    if (!v) return this.with(uri, { data: [] }, (c) => semanticTokens(c, range));
    const analyzed = range && v.rangeToAnalyzed(range);
    return v.semanticTokens(semanticTokens(v.ctx, analyzed));
  }
  inlayHints(uri: string, range?: Range): InlayHint[] {
    const v = this.stale(uri);
    if (!v) return this.with(uri, [], (c) => inlayHints(c, range));
    const analyzed = range && v.rangeToAnalyzed(range);
    const out: InlayHint[] = [];
    for (const h of inlayHints(v.ctx, analyzed)) {
      const position = v.toCurrent(h.position);
      if (position) out.push({ ...h, position });
    }
    return out;
  }
  codeLenses(uri: string): CodeLens[] {
    const v = this.stale(uri);
    if (!v) return this.with(uri, [], (c) => codeLenses(c, this.codeLensCommand));
    return codeLenses(v.ctx, this.codeLensCommand).map((l) => ({ ...l, range: v.rangeToCurrent(l.range)! }));
  }
  codeActions(params: CodeActionParams): CodeAction[] {
    return this.with(params.textDocument.uri, [], (c) => codeActions(c, params));
  }
  documentLinks(uri: string): DocumentLink[] {
    return this.with(uri, [], documentLinks);
  }
  formatting(uri: string): TextEdit[] {
    return this.with(uri, [], formatting);
  }
}
