import type * as A from "@perf/language";
import type { Args, DiagnosticCode, Range } from "@perf/language";
import { decimalText, roundHalfUp, type Decimal } from "../decimal.js";
import type { Quantity } from "../expression.js";
import type { At } from "../model.js";
import type { Deduction, DeductionCause, Method } from "../schema.js";
import type { TargetEvaluation } from "../targets.js";

/** What a scoring method may ask about the leaf it scores and the subject's inputs. */
export interface LeafContext {
  decl: A.IndicatorDecl;
  uri: string;
  /** Display name (title or id). */
  name: string;
  weight: Decimal;
  precision: number;
  /** Reports at `range` in the leaf's document, or in `uri` when the cause lives elsewhere (a survey). */
  report(code: DiagnosticCode, range: Range, args?: Args, data?: Record<string, string | number>, uri?: string): void;
  /** Evaluates an expression against the subject's facts and surveys; a problem is reported and gives undefined. */
  evaluate(e: A.Expression): Quantity | undefined;
  /** `q` in `unit` when they are of one dimension (元/万元, declared units); absent before the numbers phase existed. */
  convert?(q: Quantity, unit: string): Quantity | undefined;
  /** The findings attached to this leaf, each once, in source order. */
  attached(): At<A.FindingDecl>[];
  survey(id: string): At<A.SurveyDecl> | undefined;
  /** The percentage written in the source when `e` is one (`250%`, or a fact or survey written with `%`). */
  percentInput(e: A.Expression): A.NumberValue | undefined;
  /** A performance target as judged (`targets [A, B]`). */
  target(id: string): TargetEvaluation | undefined;
}

export interface LeafScore {
  score: Decimal | null;
  method: Method;
  deductions: Deduction[];
}

export type MethodKind = A.ScoringMethod["kind"];
export type Scorer<K extends MethodKind> = (m: Extract<A.ScoringMethod, { kind: K }>, ctx: LeafContext) => LeafScore;

/**
 * A computed rule scores `raw` of the weight: the score is `raw` rounded half-up to the
 * evaluation's precision, and what falls short of the weight is one deduction with its cause.
 */
export function shortfall(ctx: LeafContext, raw: Decimal, because: DeductionCause, method: Method): LeafScore {
  const score = roundHalfUp(raw, ctx.precision);
  const lost = ctx.weight.minus(score);
  const deductions: Deduction[] = lost.greaterThan(0) ? [{ amount: decimalText(lost), source: sourceOf(because), because }] : [];
  return { score, method, deductions };
}

function sourceOf(c: DeductionCause): Deduction["source"] {
  return c.kind === "bandsUnmatched" ? "bands" : c.kind === "element" ? "elements" : c.kind;
}

/** Percentage of a fraction, half-up to two places, as text ("95.91"). */
export function percentOf(fraction: Decimal): string {
  return roundHalfUp(fraction.times(100), 2).toFixed(2);
}
