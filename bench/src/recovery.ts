import { parse } from "@perf/language";
import type { Figure } from "./figures.js";
import { interleavedSamples, pairedRatio, processCpu, stats } from "./measure.js";

/**
 * Error recovery on hostile input (issue 12, decision 0191): a stray '}' before each of n
 * declarations, the corpus's stray-braces input. Chevrotain's re-sync scan read to the end of the
 * file at each of them (quadratic: 2× the braces took 3–4× the time). Both sizes stay below the
 * 51 × 50 stray tokens after which parse() stops resuming, so all of each is parsed — which is
 * also why the inputs cannot simply be made larger: the scaling figure is the median of the
 * per-round ratios instead (decision 0208), as the ratio of two medians of runs of a hundred
 * milliseconds swung between 1.1× and 1.8× from one run of the bench to the next.
 */
export async function recoveryFigures(n: number, rounds: number): Promise<Figure[]> {
  const stray = (k: number) => "}\nfact a = 1\n".repeat(k);
  const valid = "fact a = 1\n".repeat(2 * n);
  const [small, large] = [stray(n), stray(2 * n)];
  // The valid text parses in a few milliseconds: parsed `validRuns` times a round, so its samples are as long as the others'.
  const validRuns = 8;
  const runs = await interleavedSamples(
    { small: () => parse(small), large: () => parse(large), valid: () => Array.from({ length: validRuns }, () => parse(valid)) },
    rounds,
    1,
    processCpu,
  );
  const samples = { ...runs, valid: runs.valid.map((ms) => ms / validRuns) };
  const times = { small: stats(samples.small), large: stats(samples.large), valid: stats(samples.valid) };
  return [
    {
      id: "recovery-scaling",
      label: `recovery: parse of ${2 * n} ÷ ${n} stray '}' between declarations (2× the size)`,
      value: pairedRatio(samples.large, samples.small),
      unit: "×",
      target: { op: "<=", limit: 2.2 },
      better: "lower",
      stats: times.large,
      clock: "CPU",
    },
    {
      id: "recovery-vs-valid",
      label: `recovery: parse of ${2 * n} stray '}' ÷ the same ${2 * n} declarations without them`,
      value: pairedRatio(samples.large, samples.valid),
      unit: "×",
      better: "lower",
      clock: "CPU",
      detail: `${times.large.median.toFixed(0)} ms vs ${times.valid.median.toFixed(0)} ms`,
    },
  ];
}
