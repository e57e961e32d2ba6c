import { parse, reparse, type Diagnostic, type ParseResult } from "@perf/language";
import { analyzeParsed, type Analysis, type AnalyzeOptions, type SourceDocument } from "./analyze.js";

/** What an earlier parse of a document knew: its text and its parse (from the last analysis). */
export interface PreviousParse {
  text: string;
  parsed: ParseResult;
}

/**
 * The parse of `text` given an earlier one of the same document: the earlier parse itself
 * when the text did not change, `reparse` of the declaration an edit falls inside when that
 * is exact, else a fresh parse. Equal to `parse(text, uri, options)` in every case (decision 0195).
 */
export function parseFrom(previous: PreviousParse | undefined, text: string, uri: string, options: AnalyzeOptions = {}): ParseResult {
  if (previous && previous.parsed.ast.uri === uri) {
    if (previous.text === text) return previous.parsed;
    const r = reparse(previous.parsed, previous.text, text, undefined, { strict: options.strict });
    if (r) return { ast: r.ast, diagnostics: r.diagnostics, lines: r.lines };
  }
  return parse(text, uri, { strict: options.strict });
}

/**
 * The analysis of `documents` after an edit, from the previous analysis and the texts it read
 * (`previousTexts`, by URI): each document is parsed with {@link parseFrom}, so an edit re-parses
 * only the declaration it falls inside and every untouched declaration of the previous tree is
 * shared; then the engine's phases run as in {@link analyzeParsed}. The result equals
 * `analyze(documents, options)` (a property test compares them); `loaded` as in analyzeParsed.
 */
export function reanalyze(previous: Analysis, previousTexts: ReadonlyMap<string, string>, documents: SourceDocument[], options: AnalyzeOptions = {}, loaded: Diagnostic[] = []): Analysis {
  const parsed = new Map<string, ParseResult>();
  for (const d of documents) {
    const text = previousTexts.get(d.uri);
    const p = previous.parsed.get(d.uri);
    parsed.set(d.uri, parseFrom(text !== undefined && p ? { text, parsed: p } : undefined, d.text, d.uri, options));
  }
  return analyzeParsed(parsed, options, loaded);
}
