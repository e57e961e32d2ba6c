import type * as A from "@perf/language";
import { Decimal, ONE, ZERO, decimalText, divide, sum } from "../decimal.js";
import { numberValue } from "../expression.js";
import { percentOf, shortfall, type Scorer } from "./method.js";

/** Tier shares unless the indicator says `tiers { … }`: 达成 100%, 部分达成 50%, 未达成 0. */
export const DEFAULT_TIER_SHARES: Record<A.TierName, Decimal> = { met: ONE, partial: new Decimal("0.5"), unmet: ZERO };

/**
 * `targets [A, B]` (按目标): the weight is split equally; a met target scores its share in full, a
 * missed one in proportion to its completion, a qualitative one by its tier's share. The score is
 * weight × Σ parts ÷ n, divided last so that nothing is rounded before the weight multiplies it.
 */
export const scoreTargets: Scorer<"targets"> = (m, ctx) => {
  const shares = { ...DEFAULT_TIER_SHARES };
  for (const t of m.tiers) if (t.share) shares[t.tier] = numberValue(t.share).value;
  const parts: { id: string; part: Decimal | null }[] = [];
  const missed: { name: string; percent: string; tier: A.TierName | null }[] = [];
  for (const ref of m.targets) {
    const t = ctx.target(ref.text);
    let part: Decimal | null = null;
    if (t?.result.operator === "qualitative") {
      if (t.tier) part = shares[t.tier];
    } else if (t && t.met !== null) {
      part = t.met ? ONE : t.completion ? Decimal.max(ZERO, Decimal.min(ONE, t.completion)) : ZERO;
    }
    parts.push({ id: ref.text, part });
    if (t && part && part.lt(ONE)) missed.push({ name: t.result.name, percent: percentOf(part), tier: t.result.operator === "qualitative" ? t.tier : null });
  }
  const method = { kind: "targets", targets: parts.map((p) => ({ id: p.id, part: p.part ? decimalText(p.part) : null })) } as const;
  if (!parts.length || parts.some((p) => p.part === null)) return { score: null, method, deductions: [] };
  const raw = divide(ctx.weight.times(sum(parts.map((p) => p.part!))), parts.length);
  return shortfall(ctx, raw, { kind: "targets", values: { missed } }, method);
};
