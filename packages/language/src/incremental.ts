import type * as A from "./ast.js";
import type { Diagnostic, DiagnosticFactoryOptions } from "./diagnostics.js";
import { MAX_NESTING } from "./limits.js";
import { joinNumberWords, numberWords, setNumberWords } from "./number-words.js";
import { parse, type ParseResult } from "./parse.js";
import { comparePositions, isPosition, isRange, LineIndex, type Position, type Range } from "./range.js";

/** One region of the previous text, `[start, end)`, replaced by `length` characters. */
export interface ChangedRegion {
  start: number;
  end: number;
  length: number;
}

/** What {@link reparse} re-parsed: the declaration (top-level or nested indicator) whose text was parsed again. */
export interface Reparsed extends ParseResult {
  /** The path to the replaced declaration: its index among the top-level declarations, then among each indicator's children. */
  path: number[];
  /** The replaced declaration in the previous AST and its counterpart in the new one. */
  before: A.Declaration;
  after: A.Declaration;
  /** The changed region of the previous text. */
  region: ChangedRegion;
  /** Lines the edit added (negative: removed). */
  lineDelta: number;
}

/**
 * Whether the re-parse left everything in `range` (of the previous tree) where it was, and shared
 * it: it ends before the re-parsed declaration, or it starts on a later line than that one ends
 * and the edit added or removed no line (decision 0225). What the carry-over of an analysis may
 * keep as it is.
 */
export function unmovedBy(r: Pick<Reparsed, "before" | "lineDelta">, range: Range): boolean {
  return comparePositions(range.end, r.before.range.start) <= 0 || (r.lineDelta === 0 && range.start.line > r.before.range.end.line);
}

/** Codes whose presence anywhere makes the previous tree's declaration boundaries untrustworthy (recovery, limits). */
const structural = new Set(["PERF001", "PERF002", "PERF003", "PERF004", "PERF014", "PERF015"]);

/** Above this many previous diagnostics a fresh parse may cap differently (parse.ts caps at 50): parse again. */
const MAX_KEPT_DIAGNOSTICS = 40;

/**
 * The parse of `text` from the parse of `previousText`, re-parsing only the innermost
 * declaration (a top-level declaration or a nested indicator) whose block strictly contains
 * the changed region; every declaration before it is shared, and so is every one after it that
 * starts on a later line when the edit added or removed no line (positions are lines and columns,
 * decision 0225); the others after it are copied with their positions moved. Returns null whenever the result could differ from
 * `parse(text)` — the edit touches a declaration's head or closing brace, the slice does
 * not parse cleanly to one declaration of the same kind, the previous parse had syntax
 * errors, or the slice sits near the nesting limit — and the caller parses the whole text.
 * Never throws on any input.
 */
export function reparse(previous: ParseResult, previousText: string, text: string, region?: ChangedRegion, options: DiagnosticFactoryOptions = {}): Reparsed | null {
  if (previous.diagnostics.length > MAX_KEPT_DIAGNOSTICS || previous.diagnostics.some((d) => structural.has(d.code))) return null;
  const changed = region ?? changedRegion(previousText, text);
  if (!changed || changed.end < changed.start || changed.end > previousText.length || previousText.length - (changed.end - changed.start) + changed.length !== text.length) return null;

  const oldLines = previous.lines;
  const path: number[] = [];
  const found = enclosing(previous.ast.declarations, changed, previousText, path, oldLines);
  if (!found) return null;
  const { decl: before, ancestors } = found;
  const start = before.range.start;
  const oldEnd = before.range.end;
  const startOffset = oldLines.offsetOf(start);
  const oldEndOffset = oldLines.offsetOf(oldEnd);
  const delta = changed.length - (changed.end - changed.start);
  const sliceText = text.slice(startOffset, oldEndOffset + delta);
  if (!sliceText.endsWith("}") || ancestors + brackets(sliceText) > MAX_NESTING) return null;

  const slice = parse(sliceText, previous.ast.uri, options);
  if (slice.diagnostics.length || slice.ast.declarations.length !== 1) return null;
  const parsedDecl = slice.ast.declarations[0]!;
  if (parsedDecl.kind !== before.kind || slice.lines.offsetOf(parsedDecl.range.start) !== 0 || slice.lines.offsetOf(parsedDecl.range.end) !== sliceText.length) return null;

  // Positions of the slice move to where it starts; positions after it as the edit moved its end.
  const local = slice.ast.range.end;
  const newEnd: Position = { line: start.line + local.line, character: local.line === 0 ? start.character + local.character : local.character };
  const intoPlace = (p: Position): Position => ({ line: p.line + start.line, character: p.line === 0 ? p.character + start.character : p.character });
  const lineDelta = newEnd.line - oldEnd.line;
  const columnDelta = newEnd.character - oldEnd.character;
  // A position on a later line stays where it was unless lines were added or removed (decision 0225).
  const after = (p: Position): Position | undefined =>
    p.line < oldEnd.line || (p.line === oldEnd.line ? p.character < oldEnd.character : lineDelta === 0)
      ? undefined
      : { line: p.line + lineDelta, character: p.line === oldEnd.line ? p.character + columnDelta : p.character };
  const shift = { before, lineDelta };
  const moved = <T extends { range: Range }>(node: T): T => (unmovedBy(shift, node.range) ? node : (movePositions(node, after) as T));

  const placed = movePositions(parsedDecl, intoPlace) as A.Declaration;
  const declarations = previous.ast.declarations.map((d, i) => (i < path[0]! ? d : i > path[0]! ? moved(d) : replaceAt(d, path, 1, placed, after, moved)));

  const lines = LineIndex.edited(previous.lines, text, changed);
  const ast: A.PerfFile = {
    uri: previous.ast.uri,
    declarations,
    comments: splice(previous.ast.comments, slice.ast.comments, start, oldEnd, intoPlace, moved),
    keywords: previous.ast.keywords.spliced(startOffset, oldEndOffset, slice.ast.keywords, delta),
    range: lines.range(0, text.length),
  };
  const words = joinNumberWords(numberWords(previous.ast), numberWords(slice.ast));
  if (words) setNumberWords(ast, words);
  // Parse diagnostics are in an order a shift keeps; the slice had none.
  const diagnostics: Diagnostic[] = [];
  for (const d of previous.diagnostics) {
    if (comparePositions(d.range.end, start) <= 0) diagnostics.push(d);
    else if (comparePositions(d.range.start, oldEnd) >= 0) diagnostics.push(moved(d));
    // one that straddles the slice's edge cannot be placed: parse the whole text
    else if (comparePositions(d.range.start, start) < 0 || comparePositions(d.range.end, oldEnd) > 0) return null;
  }
  return { ast, diagnostics, lines, path, before, after: declarationAt(declarations, path), region: changed, lineDelta };
}

/** The smallest region of `before` that, replaced, gives `after` (common prefix and suffix); null when they are equal. */
export function changedRegion(before: string, after: string): ChangedRegion | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  const prefix = commonRun(before, after, max, 1);
  const suffix = commonRun(before, after, max - prefix, -1);
  return { start: prefix, end: before.length - suffix, length: after.length - suffix - prefix };
}

/** How many characters agree from the start (`dir` 1) or the end (-1), at most `max`; compares in chunks first. */
function commonRun(a: string, b: string, max: number, dir: 1 | -1): number {
  let n = 0;
  const at = (s: string, i: number, len: number) => (dir === 1 ? s.substr(i, len) : s.substr(s.length - i - len, len));
  for (let chunk = 65536; chunk >= 1; chunk = chunk >> 4 || (chunk > 1 ? 1 : 0)) {
    while (n + chunk <= max && at(a, n, chunk) === at(b, n, chunk)) n += chunk;
    if (chunk === 1) break;
  }
  return n;
}

/**
 * The innermost declaration whose block strictly holds the region: it starts after the
 * declaration's head (its first token and name, or an indicator's whole head) and ends before
 * its closing `}`, so every token outside the slice lexes as before. `path` receives the indices.
 */
function enclosing(decls: readonly A.Declaration[], r: ChangedRegion, text: string, path: number[], lines: LineIndex): { decl: A.Declaration; ancestors: number } | undefined {
  const i = indexAround(decls, r.start, lines);
  const d = decls[i];
  if (!d || !holds(d, r, text, lines)) return undefined;
  path.push(i);
  let decl: A.Declaration = d;
  let ancestors = 0;
  while (decl.kind === "indicator") {
    const j = indexAround(decl.children, r.start, lines);
    const c = decl.children[j];
    if (!c || !holds(c, r, text, lines)) break;
    path.push(j);
    decl = c;
    ancestors++;
  }
  return { decl, ancestors };
}

/** The last declaration that starts at or before `offset` (declarations are in source order). */
function indexAround(decls: readonly A.Declaration[], offset: number, lines: LineIndex): number {
  let lo = 0;
  let hi = decls.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lines.offsetOf(decls[mid]!.range.start) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function holds(d: A.Declaration, r: ChangedRegion, text: string, lines: LineIndex): boolean {
  const head = headEnd(d);
  const end = lines.offsetOf(d.range.end);
  return head !== undefined && r.start > lines.offsetOf(head) && r.end < end - 1 && text.charCodeAt(end - 1) === 125; /* } */
}

/** Where the part of a declaration that an edit may touch begins. */
function headEnd(d: A.Declaration): Position | undefined {
  switch (d.kind) {
    case "indicator":
      return d.headRange.end;
    case "evaluation":
    case "framework":
    case "subject":
      return d.keywordRange.end;
    case "units":
      return undefined;
    case "fact":
    case "survey":
    case "finding":
    case "veto":
    case "table":
    case "assert":
    case "target":
      return d.name.range.end;
    case "override":
      return d.indicator.range.end;
  }
}

/** `{` and `(` in the slice: a bound on how deep it nests, whatever its strings hold. */
function brackets(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 40) n++;
  }
  return n;
}

/** The declaration at `path` (top-level index, then children). */
function declarationAt(decls: readonly A.Declaration[], path: number[]): A.Declaration {
  let d = decls[path[0]!]!;
  for (const j of path.slice(1)) d = (d as A.IndicatorDecl).children[j]!;
  return d;
}

/** `node` with the child at `path[depth…]` replaced and every position after the slice moved; untouched parts shared. */
function replaceAt(node: A.Declaration, path: number[], depth: number, placed: A.Declaration, after: (p: Position) => Position | undefined, moved: <T extends { range: Range }>(node: T) => T): A.Declaration {
  if (depth === path.length) return placed;
  const ind = node as A.IndicatorDecl;
  const i = path[depth]!;
  const own = movePositions({ ...ind, children: [] }, after) as A.IndicatorDecl;
  const children = ind.children.map((c, j) => (j < i ? c : j === i ? (replaceAt(c, path, depth + 1, placed, after, moved) as A.IndicatorDecl) : moved(c)));
  return { ...own, children };
}

/** A list in source order with the entries in `[from, to)` replaced by the slice's (placed) and the later ones moved. */
function splice(old: readonly A.Comment[], fresh: readonly A.Comment[], from: Position, to: Position, place: (p: Position) => Position, moved: <T extends { range: Range }>(node: T) => T): A.Comment[] {
  const a = firstAtOrAfter(old, from);
  const b = firstAtOrAfter(old, to);
  const out = old.slice(0, a);
  for (const x of fresh) out.push(movePositions(x, place) as A.Comment);
  for (let i = b; i < old.length; i++) out.push(moved(old[i]!));
  return out;
}

function firstAtOrAfter(list: readonly A.Comment[], at: Position): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePositions(list[mid]!.range.start, at) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function moveRange(r: Range, move: (p: Position) => Position | undefined): Range {
  const start = move(r.start);
  const end = move(r.end);
  return start === undefined && end === undefined ? r : { start: start ?? r.start, end: end ?? r.end };
}

/**
 * A copy of a tree of plain data with `move` applied to every position; a part in which
 * `move` changes nothing (returns undefined) is shared, not copied. The tree is an AST or a
 * diagnostic: bounded in depth by the parser's limits.
 */
export function movePositions(value: unknown, move: (p: Position) => Position | undefined): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const x: unknown = value[i];
      if (x === null || typeof x !== "object") continue;
      const v = movePositions(x, move);
      if (v !== x) (out ??= value.slice())[i] = v;
    }
    return out ?? value;
  }
  if (isPosition(value)) return move(value) ?? value;
  let out: Record<string, unknown> | undefined;
  const o = value as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    let v: unknown;
    // a range, the commonest object of a tree, is made anew, not spread and written key by key
    if (x !== null && typeof x === "object") v = isRange(x) ? moveRange(x, move) : movePositions(x, move);
    else continue;
    if (v !== x) (out ??= { ...o })[k] = v;
  }
  return out ?? value;
}
