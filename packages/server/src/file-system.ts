import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The only I/O the server does; tests pass an in-memory one. */
export interface FileSystem {
  /** The text of a file, or undefined when it cannot be read or is too large to index. */
  readFile(uri: string): string | undefined;
  /** Every `.perf` file under a folder. */
  listPerfFiles(folderUri: string): string[];
}

/** Files larger than this are analyzed when opened but not indexed from disk. */
export const MAX_INDEXED_FILE_BYTES = 8 * 1024 * 1024;
/** A workspace with more `.perf` files than this is indexed partially. */
export const MAX_INDEXED_FILES = 5000;
const skippedFolders = new Set(["node_modules", ".git", "dist", "out", ".turbo", ".vscode-test"]);

export const nodeFileSystem: FileSystem = {
  readFile(uri) {
    try {
      const path = fileURLToPath(uri);
      if (statSync(path).size > MAX_INDEXED_FILE_BYTES) return undefined;
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
  listPerfFiles(folderUri) {
    const out: string[] = [];
    let root: string;
    try {
      root = fileURLToPath(folderUri);
    } catch {
      return out;
    }
    const stack = [root];
    while (stack.length && out.length < MAX_INDEXED_FILES) {
      const dir = stack.pop()!;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory()) {
          if (!skippedFolders.has(e.name) && !e.name.startsWith(".")) stack.push(join(dir, e.name));
        } else if (e.isFile() && e.name.endsWith(".perf")) {
          out.push(pathToFileURL(join(dir, e.name)).href);
          if (out.length >= MAX_INDEXED_FILES) break;
        }
      }
    }
    return out.sort();
  },
};
