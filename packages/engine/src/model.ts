import type * as A from "@perf/language";
import type { ParseResult } from "@perf/language";
import type { PerfSymbol, Reference } from "./symbols.js";

/** A declaration with the document it comes from. */
export type At<T> = T & { uri: string };

export interface Header {
  decl: A.EvaluationHeader;
  uri: string;
}

/** Phase 1, collect: every declaration of the evaluation's documents, and the names they define. */
export interface Collected {
  parsed: Map<string, ParseResult>;
  header?: Header;
  roots: At<A.IndicatorDecl>[];
  facts: At<A.FactDecl>[];
  surveys: At<A.SurveyDecl>[];
  findings: At<A.FindingDecl>[];
  vetoes: At<A.VetoDecl>[];
  /** Performance targets (绩效目标), evaluation-wide. */
  targets: At<A.TargetDecl>[];
  /** The first definition of each identifier (a later one is PERF021). */
  symbols: Map<string, PerfSymbol>;
}

export interface Attachment {
  finding: At<A.FindingDecl>;
  ref: A.Name;
}

/** Phase 2, link: every use of a name resolved (or reported), and who uses what. */
export interface Linked extends Collected {
  references: Reference[];
  /** Ids of facts and surveys → the indicators that use them. */
  used: Map<string, Set<string>>;
  /** Findings by the indicator id they are attached to (`on`), in source order. */
  attachments: Map<string, Attachment[]>;
}

/** Is this declaration the one that defines its name (not a duplicate)? */
export function isDefining(model: Collected, d: { name: A.Name }): boolean {
  return model.symbols.get(d.name.text)?.nameRange === d.name.range;
}

/** Pre-order walk of every indicator with its parent. */
export function forEachIndicator(roots: At<A.IndicatorDecl>[], f: (d: A.IndicatorDecl, uri: string, parent: A.IndicatorDecl | undefined, level: number) => void): void {
  const walk = (d: A.IndicatorDecl, uri: string, parent: A.IndicatorDecl | undefined, level: number) => {
    f(d, uri, parent, level);
    for (const c of d.children) walk(c, uri, d, level + 1);
  };
  for (const r of roots) walk(r, r.uri, undefined, 1);
}
