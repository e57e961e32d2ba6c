/** A position in a document: 0-based line and UTF-16 column, as LSP counts them, plus the offset. */
export interface Position {
  line: number;
  character: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Maps offsets to positions for one text; built once per document. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  /** The line of the last lookup: the parser asks for positions mostly in order, so most lookups are this line or the next. */
  private hint = 0;
  constructor(readonly text: string) {
    // indexOf finds line feeds far faster than a loop over every character; a carriage return
    // (rare) sends the text through the loop that tells a lone CR from a CRLF.
    const starts = this.lineStarts;
    if (text.indexOf("\r") < 0) {
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
  }
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    const last = starts.length - 1;
    let line = this.hint;
    if (starts[line]! <= o && (line === last || o < starts[line + 1]!)) return { line, character: o - starts[line]!, offset: o };
    line++;
    if (line <= last && starts[line]! <= o && (line === last || o < starts[line + 1]!)) {
      this.hint = line;
      return { line, character: o - starts[line]!, offset: o };
    }
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return { line: lo, character: o - starts[lo]!, offset: o };
  }
  offsetAt(line: number, character: number): number {
    if (line >= this.lineStarts.length) return this.text.length;
    if (line < 0) return 0;
    const start = this.lineStarts[line]!;
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, character), next);
  }
  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }
  get lineCount(): number {
    return this.lineStarts.length;
  }
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, "");
  }
}
