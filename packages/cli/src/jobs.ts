import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker, parentPort, workerData } from "node:worker_threads";
import { checkOne, describeFailure, reportFile, type FileReport, type ReportContext } from "./check-report.js";
import type { CliIO } from "./io.js";
import { t } from "./messages.js";

/**
 * `perf check --jobs N`: the files of a check shared among N threads, the main thread and N − 1
 * worker threads (decision 0210). Each worker runs the `perf` binary itself (dist/main.cjs,
 * through its code cache), which sees the `perf-check` role in its workerData and serves files
 * instead of reading arguments. The main thread hands out one file at a time (four per worker in
 * flight, so none waits for its next) and checks files itself between the answers; each answer is
 * the file's report as plain data (check-report.ts), and the reports are merged in the order of
 * the files, so the output is the one of `--jobs 1`.
 */
export interface WorkerSetup {
  role: "perf-check";
  ctx: ReportContext;
  /** The folders given on the command line (the workspaces `use` may not leave). */
  roots: string[];
  fault?: Fault;
}

/** A request: check file `i`. An answer: its report. */
interface Request {
  i: number;
  file: string;
}
interface Answer {
  i: number;
  report: FileReport;
}

/**
 * For tests only: PERF_TEST_JOBS=KIND:NAME makes a worker fail when it is given a file whose path
 * ends with NAME (an empty NAME: its first file) — `throw` (an uncaught exception), `exit`
 * (process.exit), `oom` (it allocates until its heap, limited to 64 MiB for that run, is
 * exhausted) — or makes every worker fail to start (`start:`). PERF_TEST_JOBS=workers-only keeps
 * the main thread from checking files (but those a failed worker leaves, or all once no worker is
 * left), so that a small test workspace is checked by the workers rather than by the main thread
 * while they start; `workers-only,KIND:NAME` does both. Nothing else reads it.
 */
export const testVariable = "PERF_TEST_JOBS";
interface Fault {
  kind: "throw" | "exit" | "oom" | "start";
  file: string;
}

function faultOf(value: string | undefined): Fault | undefined {
  const m = /^(throw|exit|oom|start):(.*)$/.exec((value ?? "").replace(/^workers-only,/, ""));
  return m ? { kind: m[1] as Fault["kind"], file: m[2]! } : undefined;
}

/**
 * Files in flight per worker. The main thread hears an answer only between the files it checks
 * itself, so the file it sends in reply reaches the worker up to one main-thread file later: with
 * two in flight the worker often finished its queued file first and waited (152 ms idle over its
 * first 200 files of 30 leaves); with four, 16 ms. A deeper queue only leaves more files with a
 * worker at the end, when the main thread has run out.
 */
export const filesInFlight = 4;

/** At most this many threads per core, whatever `--jobs` says: each worker holds its own heap. */
const perCore = 4;

/** The most threads `--jobs` may use for `files` files. */
export function jobsCap(files: number): number {
  return Math.max(1, Math.min(files, perCore * availableParallelism()));
}

/**
 * The threads `perf check` uses by itself for `files` files of `bytes` bytes in all: the main
 * thread alone until the files are worth a worker's start, then up to one thread per core.
 */
export function autoJobs(files: number, bytes: number): number {
  return Math.max(1, Math.min(files, availableParallelism(), 1 + Math.floor(bytes / autoBytesPerWorker)));
}

/**
 * The bytes of `.perf` text each thread beyond the first must have to check, so that its start
 * pays (decision 0210): a worker answers its first file ≈ 0.2 s after it is made, runs cold for
 * its first files, and on the two-core machine of the bench two busy threads cost 1.35–1.45× the
 * CPU of one. At 1 000 files of 57 KB (57 MB) `--jobs 2` took 0.88–0.90× the wall time of
 * `--jobs 1` with the other core mostly free, 0.93–1.63× (median 1.45×) with it busy; at 300
 * files (17 MB) and below it never paid.
 */
export const autoBytesPerWorker = 32 * 1024 * 1024;

/** The binary a worker runs: dist/main.cjs beside this module (the bundle or tsc's output), or the built one beside src/ (tests). */
function workerEntry(): URL {
  const beside = new URL("./main.cjs", import.meta.url);
  return existsSync(beside) ? beside : new URL("../dist/main.cjs", import.meta.url);
}

/**
 * Checks `files` with `threads` threads — this one and `threads − 1` workers — and returns the
 * reports in the order of the files. The main thread checks a file per turn of its event loop
 * (`checkHere`), between the workers' answers, and hands each worker its next file as it answers.
 * A worker that fails (an exception outside a file's check, an exit, out of memory, or no start
 * at all) leaves the files it held to the main thread — except the file a worker ran out of
 * memory on, which is reported as not checked rather than tried again in the main thread's heap.
 * Every worker is terminated before this returns, whatever happened.
 */
export async function checkInThreads(files: string[], threads: number, setup: Omit<WorkerSetup, "role" | "fault">, io: CliIO, checkHere: (file: string) => FileReport): Promise<FileReport[]> {
  const L = setup.ctx.locale;
  const fault = faultOf(io.env[testVariable]);
  const mainChecks = !/^workers-only(,|$)/.test(io.env[testVariable] ?? "");
  const debug = /\bperf-jobs\b/.test(io.env.NODE_DEBUG ?? "") ? (m: string) => io.stderr(`perf-jobs: ${m}\n`) : undefined;
  const started = performance.now();
  const reports: FileReport[] = new Array(files.length);
  const workers: Worker[] = [];
  const failures: string[] = [];
  let closing = false;
  let retried = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0; // the next file no thread has taken
      let inFlight = 0; // files handed to workers and not answered
      const retry: number[] = []; // files of a failed worker, for the main thread
      let mainIdle = false;
      let mainChecked = 0;
      let live = 0; // workers that have not failed
      const done = () => mainIdle && inFlight === 0 && next >= files.length;
      const mainTurn = () => {
        const i = retry.length ? retry.shift()! : next < files.length && (mainChecks || live === 0) ? next++ : undefined;
        if (i === undefined) {
          mainIdle = true;
          debug?.(`main thread checked ${mainChecked} file(s) in ${(performance.now() - started).toFixed(0)} ms`);
          if (done()) resolve();
          return;
        }
        try {
          reports[i] = checkHere(files[i]!);
        } catch (e) {
          reject(e);
          return;
        }
        mainChecked++;
        setImmediate(mainTurn);
      };
      const wakeMain = () => {
        if (!mainIdle) return;
        mainIdle = false;
        setImmediate(mainTurn);
      };
      const start = (n: number) => {
        const held: number[] = [];
        let error: unknown;
        let answered = 0;
        const give = () => {
          if (next >= files.length) return;
          held.push(next);
          inFlight++;
          worker.postMessage({ i: next, file: files[next]! } satisfies Request);
          next++;
        };
        const data: WorkerSetup = { role: "perf-check", ...setup, ...(fault ? { fault } : {}) };
        const entry = fault?.kind === "start" ? new URL("./no-such-binary.cjs", workerEntry()) : workerEntry();
        const limits = fault?.kind === "oom" ? { resourceLimits: { maxOldGenerationSizeMb: 64 } } : {};
        const worker = new Worker(entry, { workerData: data, stdout: false, stderr: false, ...limits });
        workers.push(worker);
        live++;
        worker.on("message", (m: Answer) => {
          if (answered++ === 0) debug?.(`worker ${n}: first answer at ${(performance.now() - started).toFixed(0)} ms`);
          reports[m.i] = m.report;
          held.splice(held.indexOf(m.i), 1);
          inFlight--;
          give();
          if (done()) resolve();
        });
        worker.on("error", (e) => {
          error ??= e;
        });
        worker.on("exit", (code) => {
          if (closing) return;
          live--;
          const reason = error === undefined ? `exit ${code}` : describeFailure(error);
          failures.push(reason);
          debug?.(`worker ${n} failed after ${answered} file(s): ${reason}`);
          // the first file it held is the one it was checking: out of memory there, it is not tried again
          if ((error as NodeJS.ErrnoException | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY" && held.length) {
            const i = held.shift()!;
            reports[i] = reportFile({ file: files[i]!, failure: t(L, "workerOutOfMemory", { code: "ERR_WORKER_OUT_OF_MEMORY" }) }, setup.ctx);
            inFlight--;
          }
          retried += held.length;
          retry.push(...held);
          inFlight -= held.length;
          held.length = 0;
          wakeMain();
          if (done()) resolve();
        });
        for (let k = 0; k < filesInFlight; k++) give();
      };
      for (let n = 1; n < threads; n++) {
        try {
          start(n);
        } catch (e) {
          // a worker that could not even be made: the main thread does its share
          failures.push(describeFailure(e));
        }
      }
      setImmediate(mainTurn);
    });
  } finally {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failures.length) io.stderr(`perf: ${t(L, "note")}: ${t(L, "workerFailed", { reason: failures[0]!, n: retried })}\n`);
  return reports;
}

/** The worker's side: checks each file it is given and answers with its report. */
export function serveCheckWorker(): void {
  const setup = workerData as WorkerSetup;
  const port = parentPort!;
  port.on("message", ({ i, file }: Request) => {
    if (setup.fault && file.endsWith(setup.fault.file)) injectFault(setup.fault.kind);
    const report = reportFile(checkOne(file, setup.ctx, setup.ctx.cwd, setup.roots), setup.ctx);
    port.postMessage({ i, report } satisfies Answer);
  });
}

/** Whether this thread is a `perf check` worker (bin.ts asks before reading any argument). */
export function isCheckWorker(): boolean {
  return parentPort !== null && (workerData as Partial<WorkerSetup> | undefined)?.role === "perf-check";
}

function injectFault(kind: Fault["kind"]): void {
  if (kind === "throw") throw new Error("injected worker fault");
  if (kind === "exit") process.exit(70);
  if (kind === "oom") {
    const hoard: unknown[] = [];
    for (;;) hoard.push(new Array(1 << 16).fill(hoard.length));
  }
}
