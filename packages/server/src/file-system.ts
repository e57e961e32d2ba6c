import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { decodeSource, type Diagnostic } from "@perf/language";

/**
 * Why a file is not analyzed: it cannot be read (each becomes a coded diagnostic or a refusal,
 * never a hang), or — the last resort — the analysis of its text threw.
 */
export type FileProblem =
  | { kind: "missing" }
  | { kind: "not-regular"; what: "fifo" | "device" | "socket" | "directory" | "other" }
  | { kind: "too-large"; size: number; limit: number }
  /** Bytes that are not UTF-8: the shared decoder's refusal (PERF110, naming the encoding and the fix). */
  | { kind: "not-utf8"; refusal: Diagnostic }
  | { kind: "unreadable"; detail: string }
  | { kind: "analysis-failed"; detail: string };

export type ReadResult = { text: string } | { problem: FileProblem };

/** A `.perf` name found under a folder, with the reason it cannot be read if it cannot. */
export interface ListedFile {
  uri: string;
  problem?: FileProblem;
}

/** The only I/O the server does; tests pass an in-memory one. */
export interface FileSystem {
  /**
   * The text of a regular file of at most `maxBytes`, decoded as strict UTF-8. Never opens a
   * FIFO, device or socket, and never reads more than `maxBytes + 1` bytes.
   */
  readFile(uri: string, maxBytes: number): ReadResult;
  /** What `readFile` would refuse, from the file's metadata alone (nothing is opened). */
  inspect(uri: string, maxBytes: number): FileProblem | undefined;
  /** Every `.perf` name under a folder (not following folder links), with what is wrong with it. */
  listPerfFiles(folderUri: string, maxBytes: number): ListedFile[];
}

/** The default `perf.maxFileSize`: larger files are neither analyzed nor indexed. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
/** The largest cap a setting may ask for: V8 cannot hold a longer string anyway. */
export const MAX_FILE_BYTES_CEILING = 512 * 1024 * 1024;
/** A workspace with more `.perf` files than this is indexed partially. */
export const MAX_INDEXED_FILES = 5000;
/** Folders visited per workspace folder at most: a folder like `/` must not keep the server busy for long. */
export const MAX_SCANNED_FOLDERS = 20_000;
const skippedFolders = new Set(["node_modules", ".git", "dist", "out", ".turbo", ".vscode-test"]);
const CHUNK = 1024 * 1024;

function kindOf(st: Stats): FileProblem | undefined {
  if (st.isFile()) return undefined;
  const what = st.isFIFO() ? "fifo" : st.isCharacterDevice() || st.isBlockDevice() ? "device" : st.isSocket() ? "socket" : st.isDirectory() ? "directory" : "other";
  return { kind: "not-regular", what };
}

function checkStats(st: Stats, maxBytes: number): FileProblem | undefined {
  return kindOf(st) ?? (st.size > maxBytes ? { kind: "too-large", size: st.size, limit: maxBytes } : undefined);
}

function errorProblem(e: unknown): FileProblem {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
  return { kind: "unreadable", detail: code ?? String((e as Error)?.message ?? e) };
}

function pathOf(uri: string): string | FileProblem {
  if (!uri.startsWith("file:")) return { kind: "unreadable", detail: "not a file: URI" };
  try {
    return fileURLToPath(uri);
  } catch (e) {
    return { kind: "unreadable", detail: (e as NodeJS.ErrnoException).code ?? "invalid file URI" };
  }
}

/** Reads an open descriptor to its end, refusing once more than `maxBytes` arrive. */
function readBounded(fd: number, expected: number, maxBytes: number): Buffer | FileProblem {
  const chunks: Buffer[] = [];
  let total = 0;
  let buf = Buffer.allocUnsafe(Math.min(expected, maxBytes) + 1);
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    // The file grew past the cap since it was stat'ed: stop reading.
    if (total > maxBytes) return { kind: "too-large", size: total, limit: maxBytes };
    buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

export const nodeFileSystem: FileSystem = {
  readFile(uri, maxBytes) {
    const path = pathOf(uri);
    if (typeof path !== "string") return { problem: path };
    let fd: number;
    try {
      // stat first: opening a FIFO blocks until a writer comes, opening a device may act.
      const before = checkStats(statSync(path), maxBytes);
      if (before) return { problem: before };
      // O_NONBLOCK: should the path turn into a FIFO between the stat and the open, the open does not hang.
      fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (e) {
      return { problem: errorProblem(e) };
    }
    try {
      const st = fstatSync(fd);
      const problem = checkStats(st, maxBytes);
      if (problem) return { problem };
      const bytes = readBounded(fd, st.size, maxBytes);
      if ("kind" in bytes) return { problem: bytes };
      const decoded = decodeSource(bytes, uri);
      return decoded.ok ? { text: decoded.text } : { problem: { kind: "not-utf8", refusal: decoded.diagnostic } };
    } catch (e) {
      return { problem: errorProblem(e) };
    } finally {
      closeSync(fd);
    }
  },

  inspect(uri, maxBytes) {
    const path = pathOf(uri);
    if (typeof path !== "string") return path;
    try {
      return checkStats(statSync(path), maxBytes);
    } catch (e) {
      return errorProblem(e);
    }
  },

  listPerfFiles(folderUri, maxBytes) {
    const out: ListedFile[] = [];
    const root = pathOf(folderUri);
    if (typeof root !== "string") return out;
    const stack = [root];
    let visited = 0;
    while (stack.length && out.length < MAX_INDEXED_FILES && visited++ < MAX_SCANNED_FOLDERS) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          if (!skippedFolders.has(e.name) && !e.name.startsWith(".")) stack.push(path);
          continue;
        }
        if (!e.name.endsWith(".perf")) continue;
        let problem: FileProblem | undefined;
        try {
          // A link is followed to see what it names; FIFOs and devices are only stat'ed, never opened.
          problem = checkStats(statSync(path), maxBytes);
        } catch (err) {
          problem = errorProblem(err);
        }
        if (problem?.kind === "missing" || (problem?.kind === "not-regular" && problem.what === "directory")) continue;
        out.push({ uri: pathToFileURL(path).href, ...(problem ? { problem } : {}) });
        if (out.length >= MAX_INDEXED_FILES) break;
      }
    }
    return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  },
};
