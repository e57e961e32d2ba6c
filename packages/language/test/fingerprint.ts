import { createHash } from "node:crypto";
import { parse } from "../src/index.js";

export const sha = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 32);

/**
 * Everything parse() gives a consumer, as one string's hash: the AST and the diagnostics in order,
 * and the line count. Keyword uses hold offsets since decision 0211; they are hashed in the shape
 * the golden hashes were taken in (with a range), so the hashes still prove that nothing else changed.
 */
export function parseFingerprint(text: string, uri: string): string {
  const { ast, diagnostics, lines } = parse(text, uri);
  const keywords = [...ast.keywords].map(({ name, spelling, start, end }) => ({ name, spelling, range: lines.range(start, end) }));
  return sha(JSON.stringify({ ast: { ...ast, keywords }, diagnostics, lineCount: lines.lineCount }));
}
