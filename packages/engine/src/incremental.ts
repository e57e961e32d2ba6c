import { comparePositions, parse, reparse, type Declaration, type Diagnostic, type ParseResult, type Position, type Reparsed } from "@perf/language";
import { analyzeParsed, type Analysis, type AnalyzeOptions, type SourceDocument } from "./analyze.js";
import { patchTextEdit } from "./text-edit.js";

/** What an earlier parse of a document knew: its text and its parse (from the last analysis). */
export interface PreviousParse {
  text: string;
  parsed: ParseResult;
}

/**
 * A parse that {@link parseFrom} made by re-parsing one declaration of an earlier parse: that parse
 * and what changed. Taken by {@link analyzeEdited}; an entry never points at a parse that has one
 * itself, so an unused entry keeps at most one earlier parse alive, never a chain of them.
 */
const provenance = new WeakMap<ParseResult, { previous: ParseResult; reparsed: Reparsed }>();

/**
 * The parse of `text` given an earlier one of the same document: the earlier parse itself
 * when the text did not change, `reparse` of the declaration an edit falls inside when that
 * is exact, else a fresh parse. Equal to `parse(text, uri, options)` in every case (decision 0195).
 */
export function parseFrom(previous: PreviousParse | undefined, text: string, uri: string, options: AnalyzeOptions = {}): ParseResult {
  if (previous && previous.parsed.ast.uri === uri) {
    if (previous.text === text) return previous.parsed;
    const r = reparse(previous.parsed, previous.text, text, undefined, { strict: options.strict });
    if (r) {
      ownStrings(r.after, r.ast.comments);
      provenance.delete(previous.parsed);
      const p: ParseResult = { ast: r.ast, diagnostics: r.diagnostics, lines: r.lines };
      provenance.set(p, { previous: previous.parsed, reparsed: r });
      return p;
    }
  }
  return parse(text, uri, { strict: options.strict });
}

/**
 * Gives every string of a re-parsed declaration (and of the comments inside it; a keyword use
 * holds only the parser's constants) a copy of its own. V8 makes a substring of 13 characters or
 * more a slice that keeps the whole string it was cut from alive, so each re-parsed
 * declaration's texts kept the whole document as it was at that edit: one more copy of the text
 * (18 MiB at 10 000 leaves) for every declaration edited since the document was opened. The declaration is the parser's own
 * (no earlier tree shares it), so its strings are replaced in place, by equal ones.
 */
function ownStrings(decl: Declaration, comments: readonly object[]): void {
  const { start, end } = decl.range;
  const inside = (x: object) => {
    const at = (x as { range?: { start?: Position } }).range?.start;
    return at !== undefined && comparePositions(at, start) >= 0 && comparePositions(at, end) < 0;
  };
  const seen = new Set<object>();
  const visit = (o: object): void => {
    if (seen.has(o)) return;
    seen.add(o);
    const rec = o as Record<string, unknown>;
    for (const k in rec) {
      const v = rec[k];
      if (typeof v === "string") {
        if (v.length >= SLICED_FROM) rec[k] = (" " + v).slice(1);
      } else if (v !== null && typeof v === "object") visit(v);
    }
  };
  visit(decl);
  for (const x of comments) if (inside(x)) visit(x);
}

/** The shortest substring V8 makes a slice of its parent rather than a copy (`SlicedString::kMinLength`). */
const SLICED_FROM = 13;

/**
 * The analysis of parsed documents given the previous analysis of the same evaluation (made with
 * the same options): when the only document was re-parsed by {@link parseFrom} from the previous
 * analysis' parse and the edit changed only texts no score reads, the previous analysis with its
 * positions moved and those texts replaced; otherwise {@link analyzeParsed}. Equal to
 * `analyzeParsed(parsed, options, loaded)` in every case (property-tested).
 */
export function analyzeEdited(previous: Analysis, parsed: Map<string, ParseResult>, options: AnalyzeOptions = {}, loaded: Diagnostic[] = []): Analysis {
  const from = [...parsed].map(([uri, p]) => {
    const f = provenance.get(p);
    provenance.delete(p);
    return f && { uri, p, ...f };
  });
  const only = from[0];
  if (from.length === 1 && only && !loaded.length) {
    const patched = patchTextEdit(previous, only.uri, only.previous, only.reparsed, only.p);
    if (patched) return patched;
  }
  return analyzeParsed(parsed, options, loaded);
}

/**
 * The analysis of `documents` after an edit, from the previous analysis and the texts it read
 * (`previousTexts`, by URI): each document is parsed with {@link parseFrom}, so an edit re-parses
 * only the declaration it falls inside and every untouched declaration of the previous tree is
 * shared; then {@link analyzeEdited}. The result equals `analyze(documents, options)`.
 */
export function reanalyze(previous: Analysis, previousTexts: ReadonlyMap<string, string>, documents: SourceDocument[], options: AnalyzeOptions = {}, loaded: Diagnostic[] = []): Analysis {
  const parsed = new Map<string, ParseResult>();
  for (const d of documents) {
    const text = previousTexts.get(d.uri);
    const p = previous.parsed.get(d.uri);
    parsed.set(d.uri, parseFrom(text !== undefined && p ? { text, parsed: p } : undefined, d.text, d.uri, options));
  }
  return analyzeEdited(previous, parsed, options, loaded);
}
