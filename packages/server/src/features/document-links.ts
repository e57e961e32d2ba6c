import { classifyEvidencePath, evidenceOf, evidencePathDiagnostics, type EvidencePathVerdict } from "@perf/engine";
import type { Diagnostic, StringValue } from "@perf/language";
import type { DocumentLink } from "vscode-languageserver";
import type { FeatureContext } from "../context.js";
import { toRange } from "../convert.js";
import { canonicalUri } from "../workspace.js";

/** Every `evidence "…"` of the file, with what the classifier says of its path. */
function evidence(ctx: FeatureContext): { e: StringValue; verdict: EvidencePathVerdict }[] {
  const maxUp = depthBelowFolder(ctx);
  return evidenceOf(ctx.parsed.ast).map((e) => ({ e, verdict: classifyEvidencePath(e.value, { maxUp }) }));
}

/** A path may climb up to the workspace folder holding the document, never above it. */
function depthBelowFolder(ctx: FeatureContext): number {
  const folder = ctx.ws.folderOf(ctx.uri);
  return folder ? canonicalUri(ctx.uri).slice(folder.length).split("/").length - 1 : 0;
}

/**
 * `evidence "…"` paths as links, resolved against the document's folder (file: documents
 * only) — only a relative path that stays inside the evaluation's folder or the workspace
 * folder above it. Absolute, drive, UNC and URL paths are not links (a click on `//host/share`
 * makes Windows authenticate to that host); {@link evidenceDiagnostics} says why.
 */
export function documentLinks(ctx: FeatureContext): DocumentLink[] {
  if (!ctx.uri.startsWith("file:")) return [];
  const out: DocumentLink[] = [];
  for (const { e, verdict } of evidence(ctx)) {
    if (!verdict.ok) continue;
    const relative = "../".repeat(verdict.up) + verdict.segments.map(encodeURIComponent).join("/");
    let target: string;
    try {
      target = new URL(relative, ctx.uri).href;
    } catch {
      continue;
    }
    // Inside the quotes.
    const r = toRange(e.range);
    out.push({ range: { start: { line: r.start.line, character: r.start.character + 1 }, end: { line: r.end.line, character: Math.max(r.start.character + 1, r.end.character - 1) } }, target, tooltip: verdict.segments.join("/") });
  }
  return out;
}

/** PERF125 on each evidence path that is not linked (an empty one is left alone): the engine's, as `perf check` raises it. */
export function evidenceDiagnostics(ctx: FeatureContext): Diagnostic[] {
  return evidencePathDiagnostics(ctx.parsed.ast, ctx.uri, depthBelowFolder(ctx), { locale: ctx.locale });
}
