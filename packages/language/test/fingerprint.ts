import { createHash } from "node:crypto";
import { parse, withOffsets } from "../src/index.js";

export const sha = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 32);

/**
 * Everything parse() gives a consumer, as one string's hash: the AST and the diagnostics in order,
 * and the line count. Keyword uses hold offsets since decision 0211; they are hashed in the shape
 * the golden hashes were taken in (with a range), so the hashes still prove that nothing else
 * changed. Keys are hashed in sorted order (`canonicalJson`).
 */
export function parseFingerprint(text: string, uri: string): string {
  const { ast, diagnostics, lines } = parse(text, uri);
  const keywords = [...ast.keywords].map(({ name, spelling, start, end }) => ({ name, spelling, range: lines.range(start, end) }));
  // with each position's offset, as positions held it when the golden hashes were taken, and an
  // assert's block end as the offset it was then (decision 0225)
  const declarations = ast.declarations.map((d) => (d.kind === "assert" ? { ...d, blockEnd: lines.offsetOf(d.blockEnd) } : d));
  return sha(canonicalJson(withOffsets({ ast: { ...ast, declarations, keywords }, diagnostics, lineCount: lines.lineCount }, () => lines, uri)));
}

/**
 * JSON with every object's keys in sorted order: what a value holds, not the order its
 * properties were added in (decision 0214: AST nodes are made with every optional property in
 * one literal, so a clause's place in the source no longer decides the key order).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
