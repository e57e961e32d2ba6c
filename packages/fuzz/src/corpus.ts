import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** The repository root, from dist/ or src/ of this package. */
export const repoRoot = join(import.meta.dirname, "..", "..", "..");
export const corpusDir = join(repoRoot, "packages", "fuzz", "corpus");

export interface Input {
  name: string;
  text: string;
}

function perfFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (n === "node_modules" || n === "dist") return [];
      return statSync(p).isDirectory() ? perfFiles(p) : n.endsWith(".perf") ? [p] : [];
    });
}

/** Seeds: the examples and every `.perf` test case of the packages. */
export function seeds(): Input[] {
  const dirs = [join(repoRoot, "examples"), ...readdirSync(join(repoRoot, "packages")).map((p) => join(repoRoot, "packages", p, "test"))];
  return dirs.flatMap(perfFiles).map((p) => ({ name: p.slice(repoRoot.length + 1), text: readFileSync(p, "utf8") }));
}

/**
 * A generated input, for what is too big to keep as a file: prefix + repeat × times + suffix
 * (each part itself optionally repeated with `…Times`).
 */
export interface Generated {
  description: string;
  prefix?: string;
  repeat: string;
  times: number;
  suffix?: string;
  suffixTimes?: number;
}

export function generate(g: Generated): string {
  return (g.prefix ?? "") + g.repeat.repeat(g.times) + (g.suffix ?? "").repeat(g.suffixTimes ?? 1);
}

/** Regression inputs: minimised crashes (`*.perf`, read as bytes → UTF-8) and generated ones (`*.gen.json`). */
export function corpus(): Input[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir)
    .sort()
    .flatMap((n) => {
      const p = join(corpusDir, n);
      if (n.endsWith(".perf")) return [{ name: `corpus/${n}`, text: readFileSync(p, "utf8") }];
      if (n.endsWith(".gen.json")) return [{ name: `corpus/${n}`, text: generate(JSON.parse(readFileSync(p, "utf8")) as Generated) }];
      return [];
    });
}
