import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliMain } from "./cli.js";
import type { Figure } from "./figures.js";
import { generateModel, renderPerf } from "./generate.js";
import { availableParallelism } from "node:os";
import { childrenCpu, interleavedSamples, machineBusy, now, pairedRatio, stats } from "./measure.js";

/** `perf check DIR --jobs N` as a user runs it (a child process); resolves when it has exited. */
function check(dir: string, jobs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // the child's output is drained (a full pipe would stall it) and kept only for the error below
    const child = spawn(process.execPath, [cliMain, "check", dir, "--jobs", String(jobs)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (out = (out + s).slice(-2000)));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (out = (out + s).slice(-2000)));
    child.on("error", reject);
    // the generated drafts check with warnings only: exit 0
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`perf check --jobs ${jobs} exited ${code}: ${out}`))));
  });
}

/**
 * A workspace of `files` documents of 30 leaves each, written to a temporary folder and checked
 * by the product: `perf check DIR --jobs 1` (one thread) against `--jobs 2` (the main thread and
 * one worker), both spawned, interleaved, on the wall clock — the whole run, the workers' start
 * included (decision 0210).
 */
export async function workspaceFigure(files: number, rounds: number): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), "perf-bench-workspace-"));
  try {
    // Without `declared`: scoring a thousand drafts to fill them in would double the set-up time, not the checks.
    for (let i = 0; i < files; i++) writeFileSync(join(dir, `f${String(i).padStart(4, "0")}.perf`), renderPerf(generateModel({ leaves: 30, seed: 1000 + i })));
    // Wall time: it measures parallelism, which other processes on the machine take away — how
    // much they took is part of the figure (the machine's busy time less this bench's children).
    const before = { wall: now(), busy: machineBusy?.(), children: childrenCpu?.() };
    const t = await interleavedSamples({ one: () => check(dir, 1), two: () => check(dir, 2) }, rounds, 0, now);
    const others = before.busy === undefined || before.children === undefined ? undefined : (machineBusy!() - before.busy - (childrenCpu!() - before.children)) / (now() - before.wall);
    const s1 = stats(t.one);
    const s2 = stats(t.two);
    return {
      id: "workspace-2-vs-1",
      label: `perf check of ${files} files × 30 leaves: --jobs 2 ÷ --jobs 1`,
      value: pairedRatio(t.two, t.one),
      unit: "×",
      target: { op: "<", limit: 1 },
      // not regression-checked (no `better`): the wall clock of two threads depends on what else the machine runs
      stats: s2,
      clock: "wall",
      detail: `--jobs 1 ${s1.median.toFixed(0)} ms [${s1.min.toFixed(0)}…${s1.max.toFixed(0)}]${others === undefined ? "" : `; other processes kept ${Math.max(0, others).toFixed(1)} of ${availableParallelism()} cores busy`}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
