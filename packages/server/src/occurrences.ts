import type { Analysis, SymbolKind } from "@perf/engine";
import { byStart } from "@perf/language";
import type { Range } from "@perf/language";
import { findAt } from "./find-at.js";

/** A name written in a file: where a symbol is declared or used. */
export interface Occurrence {
  id: string;
  /** The resolved symbol's kind, or what the position expects when it does not resolve. */
  kind: SymbolKind;
  declaration: boolean;
  resolved: boolean;
  uri: string;
  range: Range;
}

export interface Occurrences {
  all: Occurrence[];
  /** The occurrence under an offset; a cursor just after a name still counts. */
  at(offset: number): Occurrence | undefined;
}

export function buildOccurrences(analysis: Analysis, uri: string): Occurrences {
  const all: Occurrence[] = [];
  for (const s of analysis.symbols.symbols.values())
    if (s.uri === uri) all.push({ id: s.id, kind: s.kind, declaration: true, resolved: true, uri, range: s.nameRange });
  for (const r of analysis.symbols.references)
    if (r.uri === uri) all.push({ id: r.id, kind: r.target?.kind ?? r.expects[0]!, declaration: false, resolved: !!r.target, uri, range: r.range });
  all.sort(byStart);
  const lines = analysis.parsed.get(uri)?.lines;
  return {
    all,
    at: (offset) => (lines ? findAt(all, lines.positionAt(offset)) : undefined),
  };
}

/** Every occurrence of a symbol across the files of an analysis. */
export function occurrencesOf(id: string, perUri: (uri: string) => Occurrences, uris: string[]): Occurrence[] {
  return uris.flatMap((u) => perUri(u).all.filter((o) => o.id === id));
}
