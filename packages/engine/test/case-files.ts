import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { analyzeLoaded, analyzeText, loadEvaluation, type Analysis, type AnalyzeOptions } from "../src/index.js";

/** The case files of a folder: `CODE-name.perf`, or a folder `CODE-name/` whose `main.perf` uses the others. */
export function caseFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".perf") || statSync(join(dir, f)).isDirectory())
    .sort();
}

/** The case's analysis: one file, or a folder's `main.perf` with what it uses (the folder is the workspace root). */
export function analyzeCase(dir: string, file: string, options: AnalyzeOptions = {}): { text: string; analysis: Analysis; others: { name: string; text: string }[] } {
  if (file.endsWith(".perf")) {
    const text = readFileSync(join(dir, file), "utf8");
    return { text, analysis: analyzeText(text, file, options), others: [] };
  }
  const root = `/cases/${file}`;
  const read = (uri: string) => {
    try {
      return { text: readFileSync(join(dir, uri.replace(/^\/cases\//, "")), "utf8") };
    } catch {
      return { refusal: { code: "PERF160" as const, args: { reason: "ENOENT" } } };
    }
  };
  const loaded = loadEvaluation(`${root}/main.perf`, { root, read }, options);
  const others = readdirSync(join(dir, file))
    .filter((f) => f !== "main.perf")
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, file, name), "utf8") }));
  return { text: loaded.documents[0]!.text, analysis: analyzeLoaded(loaded, options), others };
}
