import { parse } from "@perf/language";
import type { Figure } from "./figures.js";
import { interleaved, processCpu } from "./measure.js";

/**
 * Error recovery on hostile input (issue 12, decision 0191): a stray '}' before each of n
 * declarations, the corpus's stray-braces input. Chevrotain's re-sync scan read to the end of the
 * file at each of them (quadratic: 2× the braces took 3–4× the time). Both sizes stay below the
 * 51 × 50 stray tokens after which parse() stops resuming, so all of each is parsed.
 */
export async function recoveryFigures(n: number, rounds: number): Promise<Figure[]> {
  const stray = (k: number) => "}\nfact a = 1\n".repeat(k);
  const valid = "fact a = 1\n".repeat(2 * n);
  const [small, large] = [stray(n), stray(2 * n)];
  const times = await interleaved({ small: () => parse(small), large: () => parse(large), valid: () => parse(valid) }, rounds, 1, processCpu);
  return [
    {
      id: "recovery-scaling",
      label: `recovery: parse of ${2 * n} ÷ ${n} stray '}' between declarations (2× the size)`,
      value: times.large.median / times.small.median,
      unit: "×",
      target: { op: "<=", limit: 2.2 },
      better: "lower",
      stats: times.large,
      clock: "CPU",
    },
    {
      id: "recovery-vs-valid",
      label: `recovery: parse of ${2 * n} stray '}' ÷ the same ${2 * n} declarations without them`,
      value: times.large.median / times.valid.median,
      unit: "×",
      better: "lower",
      clock: "CPU",
      detail: `${times.large.median.toFixed(0)} ms vs ${times.valid.median.toFixed(0)} ms`,
    },
  ];
}
