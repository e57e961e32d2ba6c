import type * as A from "@perf/language";
import type { Range } from "@perf/language";

export type SymbolKind = "indicator" | "fact" | "survey" | "finding" | "veto" | "subject" | "table" | "target";

export interface PerfSymbol {
  kind: SymbolKind;
  id: string;
  uri: string;
  nameRange: Range;
  range: Range;
  node: A.IndicatorDecl | A.FactDecl | A.SurveyDecl | A.FindingDecl | A.VetoDecl | A.SubjectDecl | A.TableDecl | A.TargetDecl;
  /** Facts, surveys and vetoes of a subject block: the subject's id. */
  subject?: string;
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

/**
 * The candidate nearest to `name` by edit distance, if it is within half the name's length
 * (at least 1): for "did you mean". Candidates whose length alone puts them out of reach are
 * skipped and each distance stops once it exceeds the best so far; `budget` caps how many
 * candidates are looked at, so a file with tens of thousands of unknown names stays fast.
 */
export function closest(name: string, candidates: Iterable<string>, budget = Infinity): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 2));
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    if (budget-- <= 0) break;
    if (Math.abs(c.length - name.length) >= bestD) continue;
    const d = editDistance(name, c, bestD);
    if (d < bestD) {
      bestD = d;
      best = c;
      // 0 would be the name itself, which resolved: one edit is the best there is
      if (d <= 1) break;
    }
  }
  return best;
}

const row: number[] = [];

/** Levenshtein distance of a and b, or any value ≥ `cutoff` once it is certain to reach it. */
function editDistance(a: string, b: string, cutoff: number): number {
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    let min = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
      if (row[j]! < min) min = row[j]!;
    }
    if (min >= cutoff) return cutoff;
  }
  return row[b.length]!;
}
