import { Worker } from "node:worker_threads";
import type { Figure } from "./figures.js";
import { generateModel, renderPerf } from "./generate.js";
import { now, stats } from "./measure.js";

const workerFile = new URL("./workspace-worker.js", import.meta.url);

/** Checks every text with `count` workers pulling from one shared list; returns the wall time of the work. */
async function checkWorkspace(texts: string[], warmup: string[], count: number): Promise<number> {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const workers = Array.from({ length: count }, () => new Worker(workerFile, { workerData: { texts, warmup, counter } }));
  try {
    await Promise.all(workers.map((w) => new Promise((resolve, reject) => w.once("message", resolve).once("error", reject))));
    const t0 = now();
    const done = await Promise.all(
      workers.map((w) => new Promise<{ files: number; errors: number }>((resolve, reject) => w.once("message", resolve).once("error", reject).postMessage("go"))),
    );
    const elapsed = now() - t0;
    const files = done.reduce((s, d) => s + d.files, 0);
    const errors = done.reduce((s, d) => s + d.errors, 0);
    if (files !== texts.length || errors !== 0) throw new Error(`workspace: ${files} of ${texts.length} files checked, ${errors} errors`);
    return elapsed;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * A workspace of `files` documents of 30 leaves each, checked by one worker and by two (the
 * project has no worker mode yet, so the workers call the public analyze API). Worker start-up
 * and warm-up are outside the timed part.
 */
export async function workspaceFigure(files: number, rounds: number): Promise<Figure> {
  // Without `declared`: scoring a thousand drafts to fill them in would double the set-up time, not the checks.
  const texts = Array.from({ length: files }, (_, i) => renderPerf(generateModel({ leaves: 30, seed: 1000 + i })));
  const warmup = texts.slice(0, 20);
  const one: number[] = [];
  const two: number[] = [];
  for (let r = 0; r < rounds; r++) {
    one.push(await checkWorkspace(texts, warmup, 1));
    two.push(await checkWorkspace(texts, warmup, 2));
  }
  const s1 = stats(one);
  const s2 = stats(two);
  return {
    id: "workspace-2-vs-1",
    label: `workspace ${files} files × 30 leaves: 2 workers ÷ 1 worker`,
    value: s2.median / s1.median,
   
    unit: "×",
    target: { op: "<", limit: 1 },
    // Wall time: it measures parallelism, which other processes on the machine take away; not regression-checked.
    stats: s2,
    clock: "wall",
    detail: `1 worker ${s1.median.toFixed(0)} ms`,
  };
}
