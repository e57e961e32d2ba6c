import type { Range } from "../src/index.js";

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
