import { scoreBands } from "./bands.js";
import { scoreJudgement } from "./deduct.js";
import { scoreElements } from "./elements.js";
import { scoreFixed } from "./fixed.js";
import type { MethodKind, Scorer } from "./method.js";
import { scorePerFinding } from "./per-finding.js";
import { scoreRatio } from "./ratio.js";
import { scoreSatisfaction } from "./satisfaction.js";
import { scoreTargets } from "./targets.js";

/** One scorer per scoring method of the language. */
export const scorers: { [K in MethodKind]: Scorer<K> } = {
  fixed: scoreFixed,
  judgement: scoreJudgement,
  ratio: scoreRatio,
  perFinding: scorePerFinding,
  bands: scoreBands,
  satisfaction: scoreSatisfaction,
  elements: scoreElements,
  targets: scoreTargets,
};

export type { LeafContext, LeafScore, MethodKind, Scorer } from "./method.js";
