import { classifyEvidencePath, evidencePathReasonText, type EvidencePathVerdict } from "@perf/engine";
import { makeDiagnostic, type Diagnostic, type StringValue } from "@perf/language";
import type { DocumentLink } from "vscode-languageserver";
import { indicatorsOf, type FeatureContext } from "../context.js";
import { toRange } from "../convert.js";
import { canonicalUri } from "../workspace.js";

/** Every `evidence "…"` of the file, with what the classifier says of its path. */
function evidence(ctx: FeatureContext): { e: StringValue; verdict: EvidencePathVerdict }[] {
  const all = [...[...indicatorsOf(ctx.parsed.ast)].flatMap((d) => d.evidence), ...ctx.parsed.ast.declarations.flatMap((d) => (d.kind === "finding" ? d.evidence : []))];
  // A path may climb up to the workspace folder holding the document, never above it.
  const folder = ctx.ws.folderOf(ctx.uri);
  const maxUp = folder ? canonicalUri(ctx.uri).slice(folder.length).split("/").length - 1 : 0;
  return all.map((e) => ({ e, verdict: classifyEvidencePath(e.value, { maxUp }) }));
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

/** Shown in a message: control and bidi characters by code point, long paths cut. */
function shown(path: string): string {
  const cut = path.length > 80 ? `${path.slice(0, 80)}…` : path;
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** PERF125 on each evidence path that is not linked (an empty one is left alone). */
export function evidenceDiagnostics(ctx: FeatureContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { e, verdict } of evidence(ctx)) {
    if (verdict.ok || verdict.reason === "empty") continue;
    const [reasonZh, reasonEn] = evidencePathReasonText[verdict.reason];
    out.push(makeDiagnostic("PERF125", ctx.uri, e.range, { path: shown(e.value), reasonZh, reasonEn }, { locale: ctx.locale }));
  }
  return out;
}
