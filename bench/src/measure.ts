import { readFileSync } from "node:fs";

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

const gc = (globalThis as { gc?: () => void }).gc;

/** A clock in milliseconds. */
export type Clock = () => number;

/**
 * CPU time of this process (user + system, every thread: the collector's helpers too). Other
 * processes on a shared machine slow the wall clock down by 2–3×, but barely this one.
 */
export const processCpu: Clock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const ticksPerSecond = 100; // USER_HZ on Linux

/**
 * CPU time of the children this process has waited for (`cutime + cstime` of /proc/self/stat,
 * in 10 ms ticks), for spawned commands; undefined where /proc is missing.
 */
export const childrenCpu: Clock | undefined = (() => {
  const read = (): number => {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond; // cutime, cstime (fields 16 and 17)
  };
  try {
    return Number.isFinite(read()) ? read : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * Resolves once this process has been idle for a moment: `clock` (its CPU time) advanced by less
 * than `idleMs` over one `sleep` of `windowMs`, at most `maxWindows` windows. A full `gc()` returns
 * with work still running on V8's helper threads — sweeping, freeing — 7–35 ms of CPU in the 50 ms
 * after it in the bench's heaps, which the process clock charged to whichever task ran next: all of
 * it to a 40 ms check, a part to a 3 ms JSON.parse.
 */
export async function settle({
  clock = processCpu,
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  windowMs = 5,
  idleMs = 0.25,
  maxWindows = 40,
}: { clock?: Clock; sleep?: (ms: number) => Promise<void>; windowMs?: number; idleMs?: number; maxWindows?: number } = {}): Promise<number> {
  for (let window = 1; window <= maxWindows; window++) {
    const t0 = clock();
    await sleep(windowMs);
    if (clock() - t0 < idleMs) return window;
  }
  return maxWindows;
}

/** A full collection (with --expose-gc), then {@link settle}: where every timed call starts. */
export async function cleanHeap(): Promise<void> {
  if (!gc) return;
  gc();
  await settle();
}

/**
 * Runs each task once per round, interleaved (a, b, c, a, b, c, …), after `warmup` rounds that
 * are not recorded, timing each on `clock` (CPU time of this process by default): whatever load
 * is left then hits every task alike, which is what makes the ratios between them meaningful
 * on a shared machine. Before each run, {@link cleanHeap}.
 */
export async function interleaved<K extends string>(
  tasks: Record<K, () => unknown>,
  rounds: number,
  warmup = 1,
  clock: Clock = processCpu,
  /** Runs per round of cheap tasks (a limit such as JSON.parse), so their median is as steady as the others'. */
  repeat: Partial<Record<K, number>> = {},
): Promise<Record<K, Stats>> {
  const samples = await interleavedSamples(tasks, rounds, warmup, clock, repeat);
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v as number[])])) as Record<K, Stats>;
}

/** What `interleaved` measures, as the samples of each task in round order. */
export async function interleavedSamples<K extends string>(
  tasks: Record<K, () => unknown>,
  rounds: number,
  warmup = 1,
  clock: Clock = processCpu,
  repeat: Partial<Record<K, number>> = {},
): Promise<Record<K, number[]>> {
  const samples = Object.fromEntries(Object.keys(tasks).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + rounds; round++) {
    for (const key of Object.keys(tasks) as K[]) {
      for (let i = 0; i < (repeat[key] ?? 1); i++) {
        // each task starts on a clean heap and pays for its own garbage, not the last one's
        await cleanHeap();
        const t0 = clock();
        await tasks[key]();
        const elapsed = clock() - t0;
        if (round >= warmup) samples[key].push(elapsed);
      }
    }
  }
  return samples;
}

/**
 * The median of the per-round ratios a[i] / b[i] of two interleaved tasks: a round's load or
 * collection hits both of its runs alike, so the ratio of a pair is steadier than the ratio of
 * two medians taken apart.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) throw new Error("pairedRatio needs two samples of one length");
  return stats(a.map((x, i) => x / b[i]!)).median;
}

/**
 * Full collections until the heap stops shrinking: one pass may only finalize what the next
 * frees, and V8 drops old bytecode over several collections.
 */
export function settledHeap(): number {
  if (!gc) throw new Error("run with node --expose-gc (pnpm bench does)");
  let used = Infinity;
  for (let i = 0; i < 10; i++) {
    gc();
    const now = process.memoryUsage().heapUsed;
    if (used - now < 64 * 1024) return now;
    used = now;
  }
  return used;
}

/**
 * Bytes one value built by `make` keeps alive: the settled heap with `copies` of them held,
 * minus the settled heap before, divided by `copies` (several copies of a small value lift it
 * above the collector's noise). `reset` runs first, e.g. to let a module-level cache drop what
 * an earlier run left in it, so what `make` leaves in such a cache is counted too.
 */
export function retainedBytes(make: () => unknown, { copies = 1, reset }: { copies?: number; reset?: () => void } = {}): number {
  reset?.();
  const before = settledHeap();
  let kept: unknown[] | undefined = Array.from({ length: copies }, make);
  const after = settledHeap();
  if (kept.length !== copies) throw new Error("nothing kept");
  kept = undefined;
  return (after - before) / copies;
}

export const MiB = 1024 * 1024;

/**
 * CPU time the whole machine spent busy (every process, every core: the non-idle fields of
 * /proc/stat's `cpu` line), in milliseconds; undefined where /proc is missing. With
 * `childrenCpu` it tells how much of the machine other processes took during a measurement.
 */
export const machineBusy: Clock | undefined = (() => {
  const read = (): number => {
    const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle, iowait
    return ((fields.slice(0, 8).reduce((s, x) => s + x, 0) - idle) * 1000) / ticksPerSecond; // user … steal
  };
  try {
    return Number.isFinite(read()) ? read : undefined;
  } catch {
    return undefined;
  }
})();
