export interface Stats {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** The p-th percentile (nearest rank) of a sample. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function now(): number {
  return performance.now();
}

/**
 * Runs each task once per round, interleaved (a, b, c, a, b, c, …), after `warmup` rounds that
 * are not recorded: load from other processes then hits every task alike, which is what makes
 * the ratios between them meaningful on a shared machine.
 */
export async function interleaved<K extends string>(
  tasks: Record<K, () => unknown>,
  rounds: number,
  warmup = 1,
): Promise<Record<K, Stats>> {
  const samples = Object.fromEntries(Object.keys(tasks).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + rounds; round++) {
    for (const key of Object.keys(tasks) as K[]) {
      const t0 = now();
      await tasks[key]();
      const elapsed = now() - t0;
      if (round >= warmup) samples[key].push(elapsed);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v as number[])])) as Record<K, Stats>;
}

const gc = (globalThis as { gc?: () => void }).gc;

export function collectGarbage(): void {
  if (!gc) throw new Error("run with node --expose-gc (pnpm bench does)");
  // Two passes: the first may only finalize what the second frees.
  gc();
  gc();
}

/**
 * Bytes the value built by `make` keeps alive: heap after a full gc with it held, minus before.
 * `reset` runs first, e.g. to let a module-level cache drop what an earlier run left in it, so
 * what `make` leaves in such a cache is counted too.
 */
export function retainedBytes(make: () => unknown, reset?: () => void): number {
  reset?.();
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  let kept: unknown = make();
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  if (kept === undefined) throw new Error("nothing kept");
  kept = undefined;
  return after - before;
}

export const MiB = 1024 * 1024;
