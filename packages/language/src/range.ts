/**
 * A position in a document: 0-based line and UTF-16 column, as LSP counts them. Its offset is the
 * document's to give (`LineIndex.offsetOf`), not the position's: an edit that adds no line leaves
 * every later line's positions as they were, so a re-parse shares them (decision 0225).
 */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** The order of two positions of one document: negative when `a` comes first, 0 when they are the same place. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Source order of two things of one document: by where they start (for `sort`). */
export function byStart(a: { range: Range }, b: { range: Range }): number {
  return comparePositions(a.range.start, b.range.start);
}

/** Source order of things of several documents: by document, then by where they start (for `sort`). */
export function bySource(a: { uri: string; range: Range }, b: { uri: string; range: Range }): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : comparePositions(a.range.start, b.range.start);
}

/** Whether two positions of one document are the same place. */
export function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/** A string that is the same for two positions of one document exactly when they are the same place: for sets and keys. */
export function placeKey(p: Position): string {
  return `${p.line}:${p.character}`;
}

/** Whether `v` is a position: `line` and `character` numbers. */
export function isPosition(v: object): v is Position {
  const p = v as Partial<Position>;
  return typeof p.line === "number" && typeof p.character === "number";
}

/**
 * Whether `v` is exactly a range — `{ start, end }` with two positions, as `LineIndex.range` makes
 * it. Its keys are counted, not listed: ranges are the commonest objects of a tree and of an analysis.
 */
export function isRange(v: object): v is Range {
  const r = v as { start?: unknown; end?: unknown };
  if (typeof r.start !== "object" || r.start === null || typeof r.end !== "object" || r.end === null || !isPosition(r.start) || !isPosition(r.end)) return false;
  let keys = 0;
  for (const _ in r) keys++;
  return keys === 2;
}

/**
 * A copy of plain data (a tree, a result, diagnostics) with each position's offset written after
 * its line and column, as the JSON output gives positions (docs/result-schema.md; decision 0225).
 * A position's document is the `uri` of the nearest object around it that has one, else `uri`;
 * a position whose document `linesOf` does not know is copied without an offset. Maps, class
 * instances and functions are kept as they are. Bounded in depth by what it is given: a tree is
 * bounded by the parser's limits.
 */
export function withOffsets<T>(value: T, linesOf: (uri: string) => LineIndex | undefined, uri?: string): T {
  return addOffsets(value, linesOf, uri) as T;
}

function addOffsets(v: unknown, linesOf: (uri: string) => LineIndex | undefined, uri: string | undefined): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => addOffsets(x, linesOf, uri));
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return v;
  if (isPosition(v)) {
    const lines = uri === undefined ? undefined : linesOf(uri);
    return lines ? { ...v, offset: lines.offsetOf(v) } : { ...v };
  }
  const o = v as Record<string, unknown>;
  const here = typeof o.uri === "string" ? o.uri : uri;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = addOffsets(o[k], linesOf, here);
  return out;
}

/** Maps offsets to positions for one text; built once per document. */
export class LineIndex {
  /**
   * Where each line starts, exactly as long as the line count: a typed array, filled through a
   * buffer that doubles — 150 000 pushes onto a plain array took 3× the time of the scan itself.
   */
  private lineStarts: Uint32Array;
  /**
   * The lines of the last lookups, one for range starts and one for range ends: the AST builder
   * asks for positions mostly in order (an indicator's end lies far ahead, its items' starts and
   * ends follow each other), so most lookups land on the line of the last one of their kind or a
   * few lines after it, and need no binary search. A `#` field: a cache, not part of the value,
   * so two indexes of one text compare equal whatever each was asked before (toStrictEqual).
   */
  readonly #hints = [0, 0];
  constructor(readonly text: string) {
    this.lineStarts = lineStartsOf(text);
  }
  /**
   * The index of `text`, which is `previous.text` with `[region.start, region.end)` replaced by
   * `region.length` characters: the line starts before the region are kept, those after it
   * shifted, and only the inserted characters are scanned — equal to `new LineIndex(text)`.
   * A carriage return in or beside the region (where a lone CR and a CRLF differ) scans the whole text.
   */
  static edited(previous: LineIndex, text: string, region: { start: number; end: number; length: number }): LineIndex {
    const { start, end, length } = region;
    const insertedEnd = start + length;
    if (text.charCodeAt(start - 1) === 13 || text.charCodeAt(insertedEnd) === 13 || text.slice(start, insertedEnd).indexOf("\r") >= 0) return new LineIndex(text);
    const old = previous.lineStarts;
    // the line starts at or before the region stay, those whose line feed it replaced go, the inserted text's come in
    const kept = previous.search(start, 0, old.length - 1) + 1;
    const next = previous.search(end, kept - 1, old.length - 1) + 1;
    const inserted: number[] = [];
    for (let j = text.indexOf("\n", start); j >= 0 && j < insertedEnd; j = text.indexOf("\n", j + 1)) inserted.push(j + 1);
    const starts = new Uint32Array(kept + inserted.length + old.length - next);
    starts.set(old.subarray(0, kept));
    starts.set(inserted, kept);
    starts.set(old.subarray(next), kept + inserted.length);
    const delta = length - (end - start);
    if (delta) for (let i = kept + inserted.length; i < starts.length; i++) starts[i]! += delta;
    const index = new LineIndex("");
    (index as { text: string }).text = text;
    index.lineStarts = starts;
    return index;
  }
  positionAt(offset: number): Position {
    return this.position(offset, 0);
  }
  private position(offset: number, slot: 0 | 1): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    const last = starts.length - 1;
    let line = this.#hints[slot]!;
    if (starts[line]! <= o) {
      // a few lines forward, then a binary search over the rest
      const stop = Math.min(last, line + 8);
      while (line < stop && starts[line + 1]! <= o) line++;
      if (line < last && starts[line + 1]! <= o) line = this.search(o, line + 1, last);
    } else line = this.search(o, 0, line - 1);
    this.#hints[slot] = line;
    return { line, character: o - starts[line]! };
  }
  /** The last line in [lo, hi] that starts at or before `o` (lineStarts[lo] <= o). */
  private search(o: number, lo: number, hi: number): number {
    const starts = this.lineStarts;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  /**
   * The offset of a position of this document (decision 0225: readers ask here, not the position).
   * A position this document has no place for (another document's) gives an offset inside the
   * text, never NaN: a caller's mistake cuts the text at a wrong place, not at none.
   */
  offsetOf(p: Position): number {
    const start = this.lineStarts[p.line];
    return start === undefined ? this.text.length : Math.min(start + p.character, this.text.length);
  }
  offsetAt(line: number, character: number): number {
    if (line >= this.lineStarts.length) return this.text.length;
    if (line < 0) return 0;
    const start = this.lineStarts[line]!;
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, character), next);
  }
  range(startOffset: number, endOffset: number): Range {
    return { start: this.position(startOffset, 0), end: this.position(endOffset, 1) };
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

/** Where each line of `text` starts: after a line feed, a lone carriage return or a CRLF. */
function lineStartsOf(text: string): Uint32Array {
  let starts: Uint32Array = new Uint32Array(Math.min(1024, text.length + 1));
  let count = 1;
  // indexOf finds line feeds far faster than a loop over every character; a carriage return
  // (rare) sends the text through the loop that tells a lone CR from a CRLF.
  if (text.indexOf("\r") < 0) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
      if (count === starts.length) starts = grown(starts);
      starts[count++] = i + 1;
    }
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        if (count === starts.length) starts = grown(starts);
        starts[count++] = i + 1;
      }
    }
  }
  return count === starts.length ? starts : starts.slice(0, count);
}

/** `starts` copied into a buffer twice as long. */
function grown(starts: Uint32Array): Uint32Array {
  const g = new Uint32Array(starts.length * 2);
  g.set(starts);
  return g;
}
