import { execFileSync } from "node:child_process";
import { decodeSource, maxSourceBytes, type Diagnostic, type Locale } from "@perf/language";
import { fileDiagnostic, kindArgs } from "./read-source.js";

/** A file as stored in a git revision: its text, a coded refusal, or absent from the revision. */
export type RevisionRead = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } | { ok: false; missing: true };

const quiet: { stdio: ("ignore" | "pipe")[] } = { stdio: ["ignore", "pipe", "pipe"] };

/**
 * Reads `path` (relative to the repository's top `gitRoot`) as it is in `rev`, with the refusals
 * and the cap of a file on disk (read-source.ts): a tree, a submodule or a symbolic link is not a
 * regular file (PERF111), a blob over `maxSourceBytes` is PERF112 and is not read, and the bytes
 * are decoded strictly (PERF110). The size and kind come from `git ls-tree` before any byte is read.
 */
export function readAtRevision(rev: string, path: string, gitRoot: string, locale: Locale, shown = `${rev}:${path}`): RevisionRead {
  let listing: string;
  try {
    listing = execFileSync("git", ["--literal-pathspecs", "ls-tree", "-l", "-z", rev, "--", path], { ...quiet, cwd: gitRoot, encoding: "utf8" });
  } catch {
    return { ok: false, missing: true };
  }
  const entry = listing.split("\0").map((l) => /^(\d+) (\w+) [0-9a-f]+ +(-|\d+)\t([^]*)$/.exec(l)).find((m) => m?.[4] === path);
  if (!entry) return { ok: false, missing: true };
  const [, mode, type, size] = entry as unknown as [string, string, string, string];
  const refuse = (kind: "dir" | "symlink" | "other") => ({ ok: false as const, diagnostic: fileDiagnostic("PERF111", shown, { file: shown, ...kindArgs(kind) }, locale) });
  if (type === "tree") return refuse("dir");
  if (type !== "blob") return refuse("other");
  if (mode === "120000") return refuse("symlink");
  if (Number(size) > maxSourceBytes) return { ok: false, diagnostic: fileDiagnostic("PERF112", shown, { file: shown, size: Number(size), limit: "64 MiB" }, locale) };
  let bytes: Buffer;
  try {
    bytes = execFileSync("git", ["cat-file", "blob", `${rev}:${path}`], { ...quiet, cwd: gitRoot, maxBuffer: maxSourceBytes + 1 });
  } catch {
    return { ok: false, missing: true };
  }
  const decoded = decodeSource(bytes, shown, { locale });
  return decoded.ok ? { ok: true, text: decoded.text } : { ok: false, diagnostic: decoded.diagnostic };
}
