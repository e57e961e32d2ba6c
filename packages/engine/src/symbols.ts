import type * as A from "@perf/language";
import type { Range } from "@perf/language";

export type SymbolKind = "indicator" | "fact" | "survey" | "finding" | "veto";

export interface PerfSymbol {
  kind: SymbolKind;
  id: string;
  uri: string;
  nameRange: Range;
  range: Range;
  node: A.IndicatorDecl | A.FactDecl | A.SurveyDecl | A.FindingDecl | A.VetoDecl;
  /** Indicators only: the parent indicator's id. */
  parent?: string;
}

/** A use of a name: in an expression, a satisfaction list, a finding's `on`, a veto's grade. */
export interface Reference {
  id: string;
  /** What the position expects; the resolved symbol may be of another kind (an error then). */
  expects: SymbolKind[];
  uri: string;
  range: Range;
  /** The indicator or finding the reference is written in. */
  from: string;
  target?: PerfSymbol;
}

export interface SymbolTable {
  symbols: Map<string, PerfSymbol>;
  references: Reference[];
}

/** Damerau-free Levenshtein, small inputs only: for "did you mean". */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(name.length / 2)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
