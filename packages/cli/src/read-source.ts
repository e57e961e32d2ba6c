import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { decodeSource, makeDiagnostic, maxSourceBytes, type Diagnostic, type Locale, type SourceText } from "@perf/language";
import { formatFileDiagnostic } from "./format-diagnostic.js";
import type { CliIO } from "./io.js";
import { t } from "./messages.js";

/** Identifies a file across names (symlinks, hard links): device and inode. */
export interface FileId {
  dev: number;
  ino: number;
}

export type ReadSource =
  | { ok: true; source: SourceText; bytes: Uint8Array; id: FileId }
  /** A coded refusal: PERF110 (not UTF-8), PERF111 (not a regular file), PERF112 (too large). */
  | { ok: false; diagnostic: Diagnostic }
  /** The system could not open or read it (missing, no permission): its error code. */
  | { ok: false; error: string };

/**
 * Reads a `.perf` input for any command. Opened without blocking (a FIFO must not hang the
 * run), checked to be a regular file on the open descriptor (so a symlink to /dev/zero or a
 * file swapped after a stat is caught), capped at `maxSourceBytes`, then decoded strictly.
 */
export function readSourceFile(file: string, locale: Locale, shown = file): ReadSource {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EISDIR") return { ok: false, diagnostic: fileDiagnostic("PERF111", file, { file: shown, ...kindArgs("dir") }, locale) };
    return { ok: false, error: code ?? (e as Error).message };
  }
  try {
    const st = fstatSync(fd);
    const kind = kindOf(st);
    if (kind !== "file") return { ok: false, diagnostic: fileDiagnostic("PERF111", file, { file: shown, ...kindArgs(kind) }, locale) };
    const tooLarge = (size: number) => ({ ok: false as const, diagnostic: fileDiagnostic("PERF112", file, { file: shown, size, limit: "64 MiB" }, locale) });
    if (st.size > maxSourceBytes) return tooLarge(st.size);
    // read to the end rather than trusting st.size (/proc files say 0; a file may grow meanwhile)
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxSourceBytes) return tooLarge(total);
    }
    const bytes = Buffer.concat(chunks, total);
    const decoded = decodeSource(bytes, file, { locale });
    if (!decoded.ok) return { ok: false, diagnostic: decoded.diagnostic };
    return { ok: true, source: decoded, bytes, id: { dev: st.dev, ino: st.ino } };
  } catch (e) {
    return { ok: false, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  } finally {
    closeSync(fd);
  }
}

export type FileKind = "file" | "dir" | "fifo" | "char" | "block" | "socket" | "symlink" | "other";

export function kindOf(st: Stats): FileKind {
  if (st.isFile()) return "file";
  if (st.isDirectory()) return "dir";
  if (st.isFIFO()) return "fifo";
  if (st.isCharacterDevice()) return "char";
  if (st.isBlockDevice()) return "block";
  if (st.isSocket()) return "socket";
  if (st.isSymbolicLink()) return "symlink";
  return "other";
}

const kinds: Record<FileKind, [string, string]> = {
  file: ["普通文件", "a regular file"],
  dir: ["目录", "a directory"],
  fifo: ["命名管道（FIFO）", "a FIFO (named pipe)"],
  char: ["字符设备", "a character device"],
  block: ["块设备", "a block device"],
  socket: ["套接字", "a socket"],
  symlink: ["符号链接", "a symbolic link"],
  other: ["特殊文件", "a special file"],
};

export function kindArgs(kind: FileKind): { kindZh: string; kindEn: string } {
  return { kindZh: kinds[kind][0], kindEn: kinds[kind][1] };
}

/** A diagnostic about a whole file (no text to point into): located at its start. */
export function fileDiagnostic(code: "PERF111" | "PERF112" | "PERF113" | "PERF114" | "PERF115" | "PERF116", uri: string, args: Record<string, string | number>, locale: Locale): Diagnostic {
  const at = { line: 0, character: 0, offset: 0 };
  return makeDiagnostic(code, uri, { start: at, end: at }, args, { locale });
}

/** Reads an input, or prints why it was not read (a coded refusal or the system's error) to stderr. */
export function readInput(file: string, shown: string, locale: Locale, io: CliIO): Extract<ReadSource, { ok: true }> | undefined {
  const read = readSourceFile(file, locale, shown);
  if (read.ok) return read;
  if ("error" in read) io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "cannotRead")} ${shown}: ${read.error}\n`);
  else io.stderr(formatFileDiagnostic(read.diagnostic, shown, locale, { color: io.color }) + "\n");
  return undefined;
}
