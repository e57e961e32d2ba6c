import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeText, type IndicatorResult } from "../src/index.js";

/**
 * The decimal engine against an independent reference written from docs/scoring.md in exact
 * integers: every input is a whole number of hundredths (percentages of ten-thousandths), every
 * intermediate value an exact fraction of BigInts, and only the leaf score is rounded half-up.
 * No decimal.js, no floating point.
 */

/** An exact non-negative fraction n/d. */
interface Q {
  n: bigint;
  d: bigint;
}
const q = (n: bigint, d = 1n): Q => ({ n, d });
const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
const cmp = (a: Q, b: Q): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
const min = (a: Q, b: Q): Q => (cmp(a, b) <= 0 ? a : b);
const max = (a: Q, b: Q): Q => (cmp(a, b) >= 0 ? a : b);
const ZERO = q(0n);
const ONE = q(1n);
const hundredths = (h: number): Q => q(BigInt(h), 100n);
const tenThousandths = (t: number): Q => q(BigInt(t), 10_000n);

/** 四舍五入 of a fraction ≥ 0 to `places` decimals, as a count of 10^-places. */
function roundHalfUp(x: Q, places: number): bigint {
  const scale = 10n ** BigInt(places);
  return (2n * x.n * scale + x.d) / (2n * x.d);
}

/** A count of 10^-places as the engine writes decimals: no exponent, no trailing zeros. */
function text(units: bigint, places: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(places + 1, "0");
  const int = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places).replace(/0+$/, "");
  return (neg ? "-" : "") + int + (frac ? "." + frac : "");
}

const dec = (h: number) => text(BigInt(h), 2);
const pct = (t: number) => `${text(BigInt(t), 2)}%`;

// ── random evaluations ─────────────────────────────────────────────────────

type Method =
  | { kind: "fixed"; score: number }
  | { kind: "judgement"; deductions: number[] }
  | { kind: "ratio"; actual: number; planned: number; unit: string }
  | { kind: "perFinding"; each: number; max: number | null; counts: number[] }
  | { kind: "satisfaction"; aggregation: "mean" | "weighted"; surveys: { satisfaction: number; respondents: number }[] }
  | { kind: "bands"; value: number; bands: { lower: number; score: number; percent: boolean }[]; otherwise: number };

type Node = { weight: number; children: Node[]; method?: Method };

/** Amounts in hundredths. */
const amount = (hi: number) => fc.integer({ min: 0, max: hi });

function methodFor(weight: number): fc.Arbitrary<Method> {
  return fc.oneof(
    amount(weight).map((score) => ({ kind: "fixed" as const, score })),
    fc.array(amount(weight), { minLength: 1, maxLength: 4 }).map((deductions) => ({ kind: "judgement" as const, deductions })),
    fc.record({ actual: amount(1_000_000), planned: fc.integer({ min: 1, max: 1_000_000 }), unit: fc.constantFrom("", "万元", "个") }).map((r) => ({ kind: "ratio" as const, ...r })),
    fc
      .record({ each: fc.integer({ min: 1, max: 500 }), max: fc.option(fc.integer({ min: 1, max: weight + 200 }), { nil: null }), counts: fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 4 }) })
      .map((r) => ({ kind: "perFinding" as const, ...r })),
    fc
      .record({
        aggregation: fc.constantFrom("mean" as const, "weighted" as const),
        surveys: fc.array(fc.record({ satisfaction: fc.integer({ min: 0, max: 10_000 }), respondents: fc.integer({ min: 1, max: 900 }) }), { minLength: 1, maxLength: 4 }),
      })
      .map((r) => ({ kind: "satisfaction" as const, ...r })),
    fc
      .record({
        value: amount(20_000),
        bands: fc.array(fc.record({ lower: amount(20_000), score: amount(weight), percent: fc.boolean() }), { minLength: 1, maxLength: 3 }),
        otherwise: amount(weight),
      })
      .map((r) => ({
        kind: "bands" as const,
        value: r.value,
        // Strictest first, as docs/scoring.md asks; a percent score is a share of the weight (≤ 100%).
        bands: [...r.bands].sort((a, b) => b.lower - a.lower).map((b) => (b.percent ? { ...b, score: Math.min(b.score, 100) * 100 } : b)),
        otherwise: r.otherwise,
      })),
  );
}

/**
 * Leaf weights are multiples of `step` hundredths: with precision 0 or 1 a weight has no more
 * decimals than the scores (a weight of 0.06 scored to one decimal is outside what the rules say).
 */
const leaf = (step: number): fc.Arbitrary<Node> =>
  fc.integer({ min: 1, max: Math.max(1, Math.floor(3000 / step)) }).chain((k) => methodFor(k * step).map((method) => ({ weight: k * step, children: [], method })));

/** A tree whose branch weights are the sums of their children's, so only scoring is under test. */
const tree = (step: number): fc.Arbitrary<Node> =>
  fc.letrec<{ node: Node }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf(step),
      fc.array(tie("node"), { minLength: 1, maxLength: 4 }).map((children) => ({ weight: children.reduce((s, c) => s + c.weight, 0), children })),
    ),
  })).node;

const evaluation = fc
  .constantFrom(0, 1, 2, 2, 2, 3, 4)
  .chain((precision) => fc.record({ roots: fc.array(tree(precision < 2 ? 10 ** (2 - precision) : 1), { minLength: 1, maxLength: 4 }), precision: fc.constant(precision) }));

// ── the reference ──────────────────────────────────────────────────────────

/** A leaf's exact score before rounding, from docs/scoring.md. */
function exactLeaf(weight: Q, m: Method): Q {
  switch (m.kind) {
    case "fixed":
      return hundredths(m.score);
    case "judgement":
      return max(ZERO, sub(weight, m.deductions.map(hundredths).reduce(add, ZERO)));
    case "ratio":
      return mul(weight, min(ONE, div(hundredths(m.actual), hundredths(m.planned))));
    case "perFinding": {
      const cases = m.counts.reduce((s, c) => s + c, 0);
      let deducted = mul(hundredths(m.each), q(BigInt(cases)));
      if (m.max !== null) deducted = min(deducted, hundredths(m.max));
      return max(ZERO, sub(weight, deducted));
    }
    case "satisfaction": {
      const s = m.surveys.map((v) => tenThousandths(v.satisfaction));
      const value =
        m.aggregation === "mean"
          ? div(s.reduce(add, ZERO), q(BigInt(s.length)))
          : div(
              s.map((x, i) => mul(x, q(BigInt(m.surveys[i]!.respondents)))).reduce(add, ZERO),
              q(BigInt(m.surveys.reduce((n, v) => n + v.respondents, 0))),
            );
      return mul(weight, min(ONE, value));
    }
    case "bands": {
      const band = m.bands.find((b) => m.value >= b.lower);
      if (!band) return hundredths(m.otherwise);
      return band.percent ? mul(weight, tenThousandths(band.score)) : hundredths(band.score);
    }
  }
}

interface Expected {
  score: bigint;
  weight: number;
}


/**
 * Scores in units of 10^-precision, by indicator id; branches add their children's rounded
 * scores, computed independently of the engine.
 */
function reference(roots: Node[], precision: number): { total: bigint; byId: Map<string, Expected> } {
  const byId = new Map<string, Expected>();
  let next = 0;
  const walk = (n: Node): bigint => {
    const id = `n${next++}`;
    let score: bigint;
    if (n.children.length) score = n.children.map(walk).reduce((a, b) => a + b, 0n);
    else {
      const exact = exactLeaf(hundredths(n.weight), n.method!);
      score = roundHalfUp(exact, precision);
    }
    byId.set(id, { score, weight: n.weight });
    return score;
  };
  return { total: roots.map(walk).reduce((a, b) => a + b, 0n), byId };
}

// ── the same evaluation as a .perf file ────────────────────────────────────

function perfText(roots: Node[], precision: number): string {
  const total = roots.reduce((s, r) => s + r.weight, 0);
  const out: string[] = [`evaluation "性质测试" {`, `  total ${dec(total)}`, `  precision ${precision}`, `}`];
  const decls: string[] = [];
  let next = 0;
  const walk = (n: Node, indent: string) => {
    const id = `n${next++}`;
    out.push(`${indent}indicator ${id} weight ${dec(n.weight)} {`);
    for (const c of n.children) walk(c, indent + "  ");
    const m = n.method;
    const body = indent + "  ";
    if (m?.kind === "fixed") out.push(`${body}score ${dec(m.score)}`);
    if (m?.kind === "judgement") for (const d of m.deductions) out.push(`${body}deduct ${dec(d)} "扣分理由"`);
    if (m?.kind === "ratio") {
      decls.push(`fact ${id}_actual = ${dec(m.actual)} ${m.unit}`, `fact ${id}_planned = ${dec(m.planned)} ${m.unit}`);
      out.push(`${body}ratio ${id}_actual / ${id}_planned`);
    }
    if (m?.kind === "perFinding") {
      out.push(`${body}per finding deduct ${dec(m.each)}${m.max === null ? "" : ` max ${dec(m.max)}`}`);
      m.counts.forEach((c, i) => decls.push(`finding ${id}_f${i} on ${id} { count ${c} }`));
    }
    if (m?.kind === "satisfaction") {
      m.surveys.forEach((s, i) => decls.push(`survey ${id}_s${i} { satisfaction ${pct(s.satisfaction)} respondents ${s.respondents} }`));
      out.push(`${body}satisfaction ${m.aggregation}(${m.surveys.map((_, i) => `${id}_s${i}`).join(", ")})`);
    }
    if (m?.kind === "bands") {
      decls.push(`fact ${id}_value = ${dec(m.value)}`);
      const bands = m.bands.map((b) => `>= ${dec(b.lower)}: ${b.percent ? pct(b.score) : dec(b.score)}`);
      out.push(`${body}bands ${id}_value { ${[...bands, `else: ${dec(m.otherwise)}`].join("; ")} }`);
    }
    out.push(`${indent}}`);
  };
  for (const r of roots) walk(r, "");
  return [...decls, ...out].join("\n") + "\n";
}

// ── the property ───────────────────────────────────────────────────────────

/** An engine decimal string as a count of 10^-places; it must not carry more decimals than that. */
function units(s: string, places: number): bigint {
  const [int, frac = ""] = s.split(".");
  expect(frac.length, `${s} has more than ${places} decimals`).toBeLessThanOrEqual(places);
  return BigInt(int! + frac.padEnd(places, "0"));
}

function flatten(rs: IndicatorResult[]): IndicatorResult[] {
  return rs.flatMap((r) => [r, ...flatten(r.children)]);
}

const RUNS = Number(process.env.SCORING_RUNS ?? 300);

describe("decimal scoring equals an integer reference", () => {
  it("on random trees of every method", () => {
    fc.assert(
      fc.property(evaluation, ({ roots, precision }) => {
        const source = perfText(roots, precision);
        const { result } = analyzeText(source, "property.perf", { locale: "en" });
        // A judgement that deducts more than the weight scores 0 with PERF012, as the reference does.
        const errors = result.diagnostics.filter((d) => d.severity === "error" && d.code !== "PERF012");
        expect(errors, source).toEqual([]);
        const all = flatten(result.indicators);
        const want = reference(roots, precision);
        for (const r of all) {
          const e = want.byId.get(r.id)!;
          expect(units(r.score!, precision), `${r.id} in\n${source}`).toBe(e.score);
          // 得分率: score ÷ weight, half-up to 4 places.
          const rate = roundHalfUp(div(q(e.score, 10n ** BigInt(precision)), hundredths(e.weight)), 4);
          expect(units(r.rate!, 4), `rate of ${r.id}`).toBe(rate);
        }
        const total = result.total.score;
        if (total === null) throw new Error(`no total score in\n${source}`);
        expect(units(total, precision), source).toBe(want.total);
      }),
      { numRuns: RUNS },
    );
  }, 120_000 + RUNS * 50);

  it("multiplies before it divides: a score exactly on a rounding half (15.54 × 1.6075 / 3 = 8.32685) rounds up to 8.3269", () => {
    const exact = roundHalfUp(mul(hundredths(1554), div(tenThousandths(16075), q(3n))), 4);
    expect(text(exact, 4)).toBe("8.3269");
    const surveys = "survey a { satisfaction 55.61% }\nsurvey b { satisfaction 6.62% }\nsurvey c { satisfaction 98.52% }\n";
    const header = 'evaluation "t" { total 15.54 precision 4 }\n';
    const got = [
      analyzeText(`${surveys}${header}indicator x weight 15.54 { satisfaction mean(a, b, c) }\n`).result.total.score,
      analyzeText(`fact a = 1.6075\nfact b = 3\n${header}indicator x weight 15.54 { ratio a / b }\n`).result.total.score,
    ];
    expect(got).toEqual(["8.3269", "8.3269"]);
  });

  it("the reference itself: 2 × 5191.10 / 5412.69 → 1.92, 1.005 → 1.01, 2.675 → 2.68", () => {
    expect(text(roundHalfUp(mul(hundredths(200), div(hundredths(519110), hundredths(541269))), 2), 2)).toBe("1.92");
    expect(roundHalfUp(q(1005n, 1000n), 2)).toBe(101n);
    expect(roundHalfUp(q(2675n, 1000n), 2)).toBe(268n);
    expect(text(roundHalfUp(mul(hundredths(1000), div(tenThousandths(9692 + 9856 + 8778), q(3n))), 2), 2)).toBe("9.44");
  });
});
