import type * as A from "@perf/language";
import { forEachIndicator } from "../model.js";
import { ClassKeeper } from "../class-keeper.js";
import type { Check, CheckContext, CheckedNodes, IndicatorNode } from "./check.js";
import { elementChecks } from "./elements.js";
import { emptyChecks } from "./empty.js";
import { frameworkScaleChecks } from "./framework-scale.js";
import { gradeChecks } from "./grades.js";
import { numberChecks } from "./numbers.js";
import { ruleChecks } from "./rules.js";
import { surveyChecks } from "./surveys.js";
import { tallyChecks } from "./tallies.js";
import { unusedChecks } from "./unused.js";
import { weightChecks } from "./weights.js";

/** Every static check, by family. Declared scores (checks/declared.ts) are checked after scoring. */
export const checks: Check[] = [...numberChecks, ...weightChecks, ...ruleChecks, ...gradeChecks, ...surveyChecks, ...unusedChecks, ...emptyChecks, ...elementChecks, ...tallyChecks, ...frameworkScaleChecks];

/** The registry keyed by declaration kind. */
export function checksByKind(list: Check[] = checks): { [K in keyof CheckedNodes]: ((node: CheckedNodes[K], ctx: CheckContext) => void)[] } {
  const by = { evaluation: [], indicator: [], fact: [], survey: [], finding: [], veto: [] } as { [K in keyof CheckedNodes]: ((node: CheckedNodes[K], ctx: CheckContext) => void)[] };
  for (const c of list) (by[c.kind] as ((n: unknown, ctx: CheckContext) => void)[]).push(c.run as (n: unknown, ctx: CheckContext) => void);
  return by;
}

/** Runs the registry over every declaration of the model. */
export function runChecks(ctx: CheckContext, list: Check[] = checks): void {
  const by = checksByKind(list);
  const { model } = ctx;
  for (const run of by.evaluation) run(ctx.framework.header, ctx);
  runsOf.use({ runs: by.indicator, ctx }, checkIndicators);
  runEach(model.facts, by.fact, ctx);
  runEach(model.surveys, by.survey, ctx);
  runEach(model.findings, by.finding, ctx);
  runEach(model.vetoes, by.veto, ctx);
}

/** Every indicator's checks (module-level, not a closure made per analysis: decision 0216). */
function checkIndicators(r: IndicatorRuns): void {
  forEachIndicator(r.ctx.framework.roots, checkIndicator, r);
}

/** What checkIndicator is handed, made once per analysis: its class kept between analyses (decision 0221). */
const runsOf = new ClassKeeper<IndicatorRuns>();
interface IndicatorRuns {
  runs: readonly ((node: IndicatorNode, ctx: CheckContext) => void)[];
  ctx: CheckContext;
}

/** The indicator checks over one indicator (a forEachIndicator visitor: decision 0219). */
function checkIndicator(decl: A.IndicatorDecl, uri: string, parent: A.IndicatorDecl | undefined, level: number, { runs, ctx }: IndicatorRuns): void {
  const node = parent ? { decl, uri, parent, level } : { decl, uri, level };
  for (let i = 0; i < runs.length; i++) runs[i]!(node, ctx);
}

/**
 * Each check over each node. Indexed loops in a function of their own: runChecks runs once per
 * analysis, seldom optimised, where a for…of makes an iterator result per step.
 */
function runEach<N>(nodes: readonly N[], runs: readonly ((node: N, ctx: CheckContext) => void)[], ctx: CheckContext): void {
  for (let i = 0; i < nodes.length; i++) for (let j = 0; j < runs.length; j++) runs[j]!(nodes[i]!, ctx);
}

export type { Check, CheckContext, CheckedNodes, IndicatorNode } from "./check.js";
