import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const skipped = new Set(["node_modules", ".git", "dist", ".turbo"]);

/** Expands folders to the `.perf` files below them, sorted for stable output. */
export function collectPerfFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) {
        if (!skipped.has(entry.name) && !entry.name.startsWith(".")) walk(join(dir, entry.name));
      } else if (entry.isFile() && entry.name.endsWith(".perf")) files.push(join(dir, entry.name));
    }
  };
  for (const p of paths.length ? paths : ["."]) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files: [...new Set(files.map((f) => resolve(f)))], missing };
}

export function displayPath(file: string, cwd: string): string {
  const r = relative(cwd, file);
  return r.startsWith("..") ? file : r;
}

// commands that write (render, fmt, and init/import on main) share one atomic writer
export { writeAtomic } from "./write-file.js";
