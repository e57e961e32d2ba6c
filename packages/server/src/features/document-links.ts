import type { DocumentLink } from "vscode-languageserver";
import { indicatorsOf, type FeatureContext } from "../context.js";
import { toRange } from "../convert.js";

/** `evidence "…"` paths as links, resolved against the document's folder (file: documents only). */
export function documentLinks(ctx: FeatureContext): DocumentLink[] {
  if (!ctx.uri.startsWith("file:")) return [];
  const out: DocumentLink[] = [];
  const evidence = [
    ...[...indicatorsOf(ctx.parsed.ast)].flatMap((d) => d.evidence),
    ...ctx.parsed.ast.declarations.flatMap((d) => (d.kind === "finding" ? d.evidence : [])),
  ];
  for (const e of evidence) {
    const path = e.value.trim();
    if (!path || /^[a-z][a-z0-9+.-]*:/i.test(path)) continue;
    let target: string;
    try {
      target = new URL(path.split(/[\\/]/).map(encodeURIComponent).join("/"), ctx.uri).href;
    } catch {
      continue;
    }
    // Inside the quotes.
    const r = toRange(e.range);
    out.push({ range: { start: { line: r.start.line, character: r.start.character + 1 }, end: { line: r.end.line, character: Math.max(r.start.character + 1, r.end.character - 1) } }, target, tooltip: path });
  }
  return out;
}
