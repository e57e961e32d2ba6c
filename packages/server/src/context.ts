import { majoritySpelling, samePosition, type IndicatorDecl, type Locale, type ParseResult, type PerfFile } from "@perf/language";
import type { IndicatorResult } from "@perf/engine";
import type { GroupAnalysis, PerfWorkspace } from "./workspace.js";

/** What every feature gets: the current analysis of the document's group and its own parse. */
export interface FeatureContext {
  ws: PerfWorkspace;
  group: GroupAnalysis;
  /** The document's URI as the analysis knows it. */
  uri: string;
  parsed: ParseResult;
  locale: Locale;
}

export function featureContext(ws: PerfWorkspace, uri: string): FeatureContext | undefined {
  const group = ws.analysisFor(uri);
  if (!group) return undefined;
  const reported = ws.reportedUri(uri);
  const parsed = group.analysis.parsed.get(reported);
  if (!parsed) return undefined;
  return { ws, group, uri: reported, parsed, locale: ws.settings.locale };
}

/**
 * The analysis that scores this file's indicators: its own, or, for a framework that evaluations
 * use, the analysis of one of those evaluations (an open one first), whose subjects it shows.
 */
export function scoringOf(ctx: FeatureContext): GroupAnalysis {
  return ctx.ws.scoringAnalysis(ctx.uri, ctx.group);
}

export function offsetAt(ctx: FeatureContext, position: { line: number; character: number }): number {
  return ctx.parsed.lines.offsetAt(position.line, position.character);
}

/** Every indicator declaration of a file, parents before children. */
export function* indicatorsOf(ast: PerfFile): Generator<IndicatorDecl> {
  const stack: IndicatorDecl[] = [];
  for (let i = ast.declarations.length - 1; i >= 0; i--) {
    const d = ast.declarations[i]!;
    if (d.kind === "indicator") stack.push(d);
  }
  while (stack.length) {
    const d = stack.pop()!;
    yield d;
    for (let i = d.children.length - 1; i >= 0; i--) stack.push(d.children[i]!);
  }
}

/** The engine's result for this very declaration (not a duplicate of the same id). */
export function resultOf(ctx: FeatureContext, d: IndicatorDecl): IndicatorResult | undefined {
  const r = ctx.group.analysis.indicators.get(d.name.text);
  return r && r.uri === ctx.uri && samePosition(r.nameRange.start, d.name.range.start) ? r : undefined;
}

const spellings = new WeakMap<PerfFile, "en" | "zh">();

/** The keyword spelling most of the file uses, as `perf fmt` decides it (counted once per tree: every keyword of the file). */
export function fileSpelling(ast: PerfFile): "en" | "zh" {
  let s = spellings.get(ast);
  if (s === undefined) spellings.set(ast, (s = majoritySpelling(ast)));
  return s;
}
