import type * as A from "@perf/language";
import { forEachIndicator } from "../model.js";
import type { Check, CheckContext, CheckedNodes } from "./check.js";
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
  forEachIndicator(ctx.framework.roots, (decl: A.IndicatorDecl, uri, parent, level) => {
    const node = parent ? { decl, uri, parent, level } : { decl, uri, level };
    for (const run of by.indicator) run(node, ctx);
  });
  for (const f of model.facts) for (const run of by.fact) run(f, ctx);
  for (const s of model.surveys) for (const run of by.survey) run(s, ctx);
  for (const f of model.findings) for (const run of by.finding) run(f, ctx);
  for (const v of model.vetoes) for (const run of by.veto) run(v, ctx);
}

export type { Check, CheckContext, CheckedNodes, IndicatorNode } from "./check.js";
