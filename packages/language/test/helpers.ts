import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { numberWords, type PerfFile, type Range } from "../src/index.js";

/** The repository's root, from the language package's tests. */
export const repositoryRoot = join(import.meta.dirname, "..", "..", "..");

/** Every bundled example, sorted by path: `{ name, text }`. */
export function exampleFiles(): { name: string; text: string }[] {
  return readdirSync(join(repositoryRoot, "examples"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".perf"))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(repositoryRoot, "examples", f), "utf8") }));
}

/** "line:col-line:col", 1-based, for compact golden files. */
export function rangeText(r: Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** A JSON-friendly copy of an AST where ranges become short strings. */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("start" in v && "end" in v && typeof v.start === "object" && Object.keys(v).length === 2) return rangeText(v as unknown as Range);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = compact(x);
    return out;
  }
  return value;
}

/**
 * Fails unless the tree's number words (when it has them) hold every unit and conversion target
 * of its literals and a length at least each literal's: the superset the engine skips its walk on.
 * Returns how many of each it checked (none without words), so a caller can see it checked some.
 */
export function expectNumberWordsCover(ast: PerfFile): { literals: number; units: number; conversions: number } {
  const checked = { literals: 0, units: 0, conversions: 0 };
  const words = numberWords(ast);
  if (!words) return checked;
  const stack: unknown[] = [ast.declarations];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      stack.push(...v);
      continue;
    }
    const o = v as Record<string, unknown>;
    if (o.kind === "number" && typeof o.text === "string") {
      checked.literals++;
      if (typeof o.unit === "string") {
        checked.units++;
        if (!words.units.has(o.unit)) throw new Error(`the unit ${o.unit} is not among the number words`);
      }
      if (o.text.length > words.longest) throw new Error(`the literal ${o.text} is longer than the longest number word`);
    }
    if (o.kind === "fact" && o.convert) {
      checked.conversions++;
      if (!words.units.has((o.convert as { text: string }).text)) throw new Error(`the conversion to ${(o.convert as { text: string }).text} is not among the number words`);
    }
    stack.push(...Object.values(o));
  }
  return checked;
}
