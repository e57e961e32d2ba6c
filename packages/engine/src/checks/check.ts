import type * as A from "@perf/language";
import type { Framework } from "../framework.js";
import type { At, Header, Linked } from "../model.js";
import type { DiagnosticSink } from "../sink.js";

/** An indicator where it sits in the tree. */
export interface IndicatorNode {
  decl: A.IndicatorDecl;
  uri: string;
  parent?: A.IndicatorDecl;
  level: number;
}

/** What a check runs on, by declaration kind. `evaluation` runs once, with or without a header. */
export interface CheckedNodes {
  evaluation: Header | undefined;
  indicator: IndicatorNode;
  fact: At<A.FactDecl>;
  survey: At<A.SurveyDecl>;
  finding: At<A.FindingDecl>;
  veto: At<A.VetoDecl>;
}

export interface CheckContext {
  model: Linked;
  framework: Framework;
  sink: DiagnosticSink;
}

/** One validation rule of a family (weights, references, grades, …) for one kind of declaration. */
export type Check = {
  [K in keyof CheckedNodes]: { family: string; kind: K; run(node: CheckedNodes[K], ctx: CheckContext): void };
}[keyof CheckedNodes];

export function check<K extends keyof CheckedNodes>(family: string, kind: K, run: (node: CheckedNodes[K], ctx: CheckContext) => void): Check {
  return { family, kind, run } as Check;
}
