import type { DocumentSymbol, Position, Range, SemanticTokens } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { FeatureContext } from "./context.js";
import type { EditMap, Side } from "./edit-map.js";

/**
 * A feature context on the last analysis of a document that was edited since, with the maps
 * between the analyzed text's positions and the current text's (decision 0036). Positions
 * inside an edited region have no counterpart: a request there answers nothing, a result
 * there is left out (or, for the ends of ranges, clamped to the region).
 */
export class StaleView {
  constructor(
    readonly ctx: FeatureContext,
    readonly doc: TextDocument,
    private readonly edits: EditMap,
  ) {}

  /** A position of the current text in the analyzed text. */
  toAnalyzed(p: Position, side: Side = "strict"): Position | undefined {
    const o = this.edits.back(this.doc.offsetAt(p), side);
    if (o === undefined) return undefined;
    const q = this.ctx.parsed.lines.positionAt(o);
    return { line: q.line, character: q.character };
  }

  analyzedOffset(p: Position, side: Side = "strict"): number | undefined {
    return this.edits.back(this.doc.offsetAt(p), side);
  }

  /** A position of the analyzed text in the current text. */
  toCurrent(p: Position, side: Side = "strict"): Position | undefined {
    const o = this.edits.forward(this.ctx.parsed.lines.offsetAt(p.line, p.character), side);
    return o === undefined ? undefined : this.doc.positionAt(o);
  }

  rangeToAnalyzed(r: Range): Range | undefined {
    const start = this.toAnalyzed(r.start, "start");
    const end = this.toAnalyzed(r.end, "end");
    return start && end ? { start, end } : undefined;
  }

  /** A range of the analyzed text in the current text: `strict` drops one that touches an edit, else its ends are clamped. */
  rangeToCurrent(r: Range, strict = false): Range | undefined {
    if (strict && (!this.toCurrent(r.start) || !this.toCurrent(r.end))) return undefined;
    const start = this.toCurrent(r.start, "start")!;
    const end = this.toCurrent(r.end, "end")!;
    // Strict: the text in between must be untouched, i.e. as long as before.
    if (strict && this.doc.offsetAt(end) - this.doc.offsetAt(start) !== this.ctx.parsed.lines.offsetAt(r.end.line, r.end.character) - this.ctx.parsed.lines.offsetAt(r.start.line, r.start.character)) return undefined;
    return { start, end };
  }

  symbols(list: DocumentSymbol[]): DocumentSymbol[] {
    return list.map((s) => {
      const range = this.rangeToCurrent(s.range)!;
      const selection = this.rangeToCurrent(s.selectionRange)!;
      const out: DocumentSymbol = { ...s, range, selectionRange: selection };
      if (s.children) out.children = this.symbols(s.children);
      return out;
    });
  }

  /** Semantic tokens (relative encoding) of the analyzed text, re-encoded for the current one; tokens touching an edit are left out. */
  semanticTokens(tokens: SemanticTokens): SemanticTokens {
    const d = tokens.data;
    const out: number[] = [];
    let line = 0;
    let character = 0;
    let prevLine = 0;
    let prevChar = 0;
    for (let i = 0; i + 4 < d.length; i += 5) {
      line += d[i]!;
      character = d[i]! === 0 ? character + d[i + 1]! : d[i + 1]!;
      const length = d[i + 2]!;
      const r = this.rangeToCurrent({ start: { line, character }, end: { line, character: character + length } }, true);
      if (!r || r.start.line !== r.end.line) continue;
      out.push(r.start.line - prevLine, r.start.line === prevLine ? r.start.character - prevChar : r.start.character, length, d[i + 3]!, d[i + 4]!);
      prevLine = r.start.line;
      prevChar = r.start.character;
    }
    return { data: out };
  }
}
