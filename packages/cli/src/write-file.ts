import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import { constants as osConstants } from "node:os";
import { basename, dirname, join } from "node:path";
import type { Diagnostic, Locale } from "@perf/language";
import { fileDiagnostic, kindArgs, kindOf, type FileId } from "./read-source.js";

/** Where a write may go: the path to replace (a symlink resolved) and what is there now. */
export type WriteTarget = { ok: true; path: string; existing?: Stats } | { ok: false; diagnostic: Diagnostic };

export interface TargetOptions {
  /** The inputs of this run: never written over, whatever name leads to them. */
  inputs: (FileId & { shown: string })[];
  /** Write through a symlink to the file it points to (otherwise a symlink is refused). */
  followSymlinks: boolean;
  locale: Locale;
  /** The target as the user should read it. */
  shown: string;
}

/**
 * Decides whether `target` may be written: a new path or a regular file, never a device, FIFO,
 * socket or directory (PERF113), never one of the run's inputs, by any name (PERF114), and a
 * symlink only when asked (PERF115), in which case the file it points to is written and the
 * link stays a link.
 */
export function checkWriteTarget(target: string, options: TargetOptions): WriteTarget {
  const { locale, shown } = options;
  let st: Stats;
  try {
    st = lstatSync(target);
  } catch {
    return { ok: true, path: target }; // a new path; a bad parent shows when writing
  }
  let path = target;
  if (st.isSymbolicLink()) {
    const points = readlinkSync(target);
    if (!options.followSymlinks) return { ok: false, diagnostic: fileDiagnostic("PERF115", target, { file: shown, target: points }, locale) };
    try {
      path = realpathSync(target);
      st = statSync(path);
    } catch {
      return { ok: false, diagnostic: fileDiagnostic("PERF115", target, { file: shown, target: points }, locale) }; // dangling
    }
  }
  const kind = kindOf(st);
  if (kind !== "file") return { ok: false, diagnostic: fileDiagnostic("PERF113", target, { file: shown, ...kindArgs(kind) }, locale) };
  const input = options.inputs.find((i) => i.dev === st.dev && i.ino === st.ino);
  if (input) return { ok: false, diagnostic: fileDiagnostic("PERF114", target, { file: shown, input: input.shown }, locale) };
  return { ok: true, path, existing: st };
}

/** Temp files of writes under way, removed if a signal ends the run. */
const liveTemps = new Set<string>();
const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let cleanupInstalled = false;

/**
 * On SIGINT/SIGTERM/SIGHUP: remove our temp files, then die of the same signal (the default
 * action, so the exit status still says what happened). A JS handler runs between synchronous
 * steps, so it never sees a half-written temp it does not know about.
 */
function installSignalCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const handler = (signal: NodeJS.Signals) => {
    for (const tmp of liveTemps) removeQuietly(tmp);
    liveTemps.clear();
    for (const s of signals) process.removeListener(s, handler);
    cleanupInstalled = false;
    try {
      process.kill(process.pid, signal);
    } catch {
      process.exit(128 + (osConstants.signals[signal] ?? 1));
    }
  };
  for (const s of signals) process.on(s, handler);
}

/**
 * One turn of the event loop, so that a signal which arrived during a (synchronous) write ends
 * the run now, before the next file, and not after the last one (or never: signal watchers do
 * not keep the process alive, so a pending signal is dropped at exit).
 */
export async function signalsTakeEffect(): Promise<void> {
  // two turns: a watcher started during the write is only polled from the second one (tried on Node 20)
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Our temp files for `target` left by a run that was killed (kill -9, power loss): named
 * `.NAME.perf-PID-RANDOM.tmp` (and `.NAME.PID.RANDOM.tmp` by earlier versions); removed when
 * their process is gone. A live process's temp is left alone.
 */
function removeStaleTemps(dir: string, name: string): void {
  const pattern = new RegExp(`^\\.${escapeRe(name)}\\.(?:perf-(\\d+)-|(\\d+)\\.)[0-9a-f]{8}\\.tmp$`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = pattern.exec(entry);
    if (!m) continue;
    const pid = Number(m[1] ?? m[2]);
    if (pid === process.pid || alive(pid)) continue;
    const path = join(dir, entry);
    try {
      if (lstatSync(path).isFile()) unlinkSync(path);
    } catch {
      /* raced with someone else's cleanup */
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Creates the missing folders of `dir` one level at a time (a recursive mkdir spins forever on
 * some paths, e.g. under /proc); fails on the first level the system refuses.
 */
function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; ; ) {
    let st: Stats;
    try {
      st = statSync(d);
    } catch (e) {
      const up = dirname(d);
      if ((e as NodeJS.ErrnoException).code !== "ENOENT" || up === d) throw e;
      missing.push(d);
      d = up;
      continue;
    }
    if (!st.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, '${d}'`), { code: "ENOTDIR" });
    break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(d).isDirectory()) throw e;
    }
  }
}

/**
 * Writes `data` to `path` (a regular file or a new path, see checkWriteTarget) atomically: a
 * temp file in the same folder, fsync, the old file's mode (and owner, as root), rename, fsync
 * of the folder. A reader never sees half a file; the temp is removed on any error and on
 * SIGINT/SIGTERM/SIGHUP.
 */
export function writeAtomic(path: string, data: string | Uint8Array, existing?: Stats): void {
  const dir = dirname(path);
  ensureDir(dir);
  removeStaleTemps(dir, basename(path));
  installSignalCleanup();
  const tmp = join(dir, `.${basename(path)}.perf-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  liveTemps.add(tmp);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o666);
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    if (existing) {
      fchmodSync(fd, existing.mode & 0o7777);
      if (process.getuid?.() === 0) fchownSync(fd, existing.uid, existing.gid);
    }
    closeSync(fd);
    fd = undefined;
    holdForTest();
    renameSync(tmp, path);
    liveTemps.delete(tmp);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(tmp);
    liveTemps.delete(tmp);
    throw e;
  }
  syncDir(dir);
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not supported here (Windows): the rename is still atomic */
  }
}

/**
 * Tests only: PERF_TEST_HOLD_BEFORE_RENAME names a FIFO; the write waits (temp written, not yet
 * renamed) until the test writes to it, so a test can send a signal at exactly that point.
 */
function holdForTest(): void {
  const fifo = process.env.PERF_TEST_HOLD_BEFORE_RENAME;
  if (fifo) readFileSync(fifo);
}
