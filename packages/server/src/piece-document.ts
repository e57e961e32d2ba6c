import { TextDocument, type Position, type Range, type TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";

/** Beyond this many pieces an edit joins them into one string again (one copy every so many keystrokes). */
const MAX_PIECES = 256;

/**
 * An open document whose text is kept as pieces (slices of the text the editor sent, and the
 * typed strings) until someone reads all of it. `TextDocument.update` of the library builds
 * `before + typed + after` and then reads a character next to the edit, which makes V8 copy
 * the whole text: 50–80 ms a keystroke for the 18 MiB of the 10 000-leaf document, spent before
 * the hover sent with it is read (issue 12). Here a keystroke costs a slice of a piece and the
 * shift of the line offsets after it; the text is joined when the analysis (or any reader of
 * `getText()`) asks for it, or when there are more than {@link MAX_PIECES} pieces. Positions,
 * offsets, line offsets and texts are those of the library's document for the same changes
 * (test/piece-document.test.ts compares them on random edits).
 */
export class PieceTextDocument implements TextDocument {
  private pieces: string[];
  /** The whole text when it is one string (`pieces` is then `[flat]`). */
  private flat: string | undefined;
  private size: number;
  private lineOffsets: number[] | undefined;
  private currentVersion: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    text: string,
  ) {
    this.currentVersion = version;
    this.flat = text;
    this.pieces = [text];
    this.size = text.length;
  }

  /** The document of the editor's `didOpen`; a text that is not a string stays the library's document (refused by the server). */
  static create(uri: string, languageId: string, version: number, text: string): TextDocument {
    return typeof text === "string" ? new PieceTextDocument(uri, languageId, version, text) : TextDocument.create(uri, languageId, version, text);
  }

  /** Applies changes as `TextDocument.update` does, to either kind of document. */
  static update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    if (document instanceof PieceTextDocument) document.update(changes, version);
    else TextDocument.update(document, changes, version);
    return document;
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The text's length in UTF-16 units, without joining it. */
  get length(): number {
    return this.size;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    if (range) {
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      return this.slice(Math.min(start, end), Math.max(start, end));
    }
    if (this.flat === undefined) {
      this.flat = this.pieces.join("");
      this.pieces = [this.flat];
    }
    return this.flat;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.size), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid]! > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeEol(offset, lineOffsets[line]!);
    return { line, character: offset - lineOffsets[line]! };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.size;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line]!;
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1]! : this.size;
    return this.beforeEol(Math.min(lineOffset + position.character, nextLineOffset), lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const last = lineOffsets.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.size - lineOffsets[last]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lineOffsets[line]!;
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.size;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return "";
    const next = line + 1 < lineOffsets.length ? lineOffsets[line + 1]! : this.size;
    return this.slice(this.beforeEol(next, lineOffsets[line]!), next);
  }

  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) this.replace(wellFormed(change.range), change.text);
      else if (isFull(change)) {
        this.flat = change.text;
        this.pieces = [change.text];
        this.size = change.text.length;
        this.lineOffsets = undefined;
      } else throw new Error("Unknown change event received");
    }
    this.currentVersion = version;
  }

  private replace(range: Range, text: string): void {
    const startOffset = this.offsetAt(range.start);
    const endOffset = this.offsetAt(range.end);
    this.splice(startOffset, endOffset, text);
    // The line offsets as the library keeps them (vscode-languageserver-textdocument 1.0.16).
    const insertedEnd = startOffset + text.length;
    const crlfAt = (i: number) => this.charCodeAt(i - 1) === 13 && this.charCodeAt(i) === 10;
    if (crlfAt(startOffset) || crlfAt(insertedEnd)) {
      this.lineOffsets = undefined; // a CR LF pair across the edit's boundary: counted again when asked
      return;
    }
    const startLine = Math.max(range.start.line, 0);
    const endLine = Math.max(range.end.line, 0);
    let lineOffsets = this.getLineOffsets();
    const added = computeLineOffsets(text, false, startOffset);
    if (endLine - startLine === added.length) {
      for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i]!;
    } else if (added.length < 10000) lineOffsets.splice(startLine + 1, endLine - startLine, ...added);
    else this.lineOffsets = lineOffsets = lineOffsets.slice(0, startLine + 1).concat(added, lineOffsets.slice(endLine + 1));
    const diff = text.length - (endOffset - startOffset);
    if (diff !== 0) for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i]! += diff;
  }

  /** `[start, end)` replaced by `text` in the pieces; slices of a string share its characters. */
  private splice(start: number, end: number, text: string): void {
    const out: string[] = [];
    let at = 0;
    let inserted = false;
    const insert = () => {
      if (!inserted && text.length) out.push(text);
      inserted = true;
    };
    for (const piece of this.pieces) {
      const next = at + piece.length;
      if (next <= start) out.push(piece);
      else if (at >= end) {
        insert();
        out.push(piece);
      } else {
        if (start > at) out.push(piece.substring(0, start - at));
        insert();
        if (end < next) out.push(piece.substring(end - at));
      }
      at = next;
    }
    insert();
    this.size += text.length - (end - start);
    if (out.length > MAX_PIECES) {
      this.flat = out.join("");
      this.pieces = [this.flat];
    } else {
      this.pieces = out.length ? out : [""];
      this.flat = this.pieces.length === 1 ? this.pieces[0] : undefined;
    }
  }

  private slice(start: number, end: number): string {
    if (this.flat !== undefined) return this.flat.substring(start, end);
    let out = "";
    let at = 0;
    for (const piece of this.pieces) {
      const next = at + piece.length;
      if (next > start && at < end) out += piece.substring(Math.max(0, start - at), Math.min(piece.length, end - at));
      if (next >= end) break;
      at = next;
    }
    return out;
  }

  private charCodeAt(offset: number): number {
    if (this.flat !== undefined) return this.flat.charCodeAt(offset);
    let at = 0;
    for (const piece of this.pieces) {
      if (offset < at + piece.length) return offset < at ? NaN : piece.charCodeAt(offset - at);
      at += piece.length;
    }
    return NaN;
  }

  private getLineOffsets(): number[] {
    return (this.lineOffsets ??= computeLineOffsets(this.getText(), true, 0));
  }

  private beforeEol(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEol(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/** A document's text length without joining a {@link PieceTextDocument}'s pieces. */
export function textLength(document: TextDocument): number {
  return document instanceof PieceTextDocument ? document.length : document.getText().length;
}

function isEol(c: number): boolean {
  return c === 13 || c === 10;
}

function computeLineOffsets(text: string, atLineStart: boolean, textOffset: number): number[] {
  const result = atLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isEol(c)) {
      if (c === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

function isIncremental(e: TextDocumentContentChangeEvent): e is { range: Range; rangeLength?: number; text: string } {
  const c = e as { range?: Range; rangeLength?: number; text?: unknown } | null | undefined;
  return c !== undefined && c !== null && typeof c.text === "string" && c.range !== undefined && (c.rangeLength === undefined || typeof c.rangeLength === "number");
}

function isFull(e: TextDocumentContentChangeEvent): e is { text: string } {
  const c = e as { range?: Range; rangeLength?: number; text?: unknown } | null | undefined;
  return c !== undefined && c !== null && typeof c.text === "string" && c.range === undefined && c.rangeLength === undefined;
}
