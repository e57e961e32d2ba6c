import { fixesFor } from "@perf/engine";
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from "vscode-languageserver";
import type { FeatureContext } from "../context.js";
import { toRange } from "../convert.js";

/**
 * Quick fixes keyed by diagnostic code: the engine computes them (`fixesFor`, shared with
 * `perf check --fix`), using the values it put in `data`; this only turns them into LSP actions.
 */
export function codeActions(ctx: FeatureContext, params: CodeActionParams): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
  const out: CodeAction[] = [];
  const lines = ctx.parsed.lines;
  const at = (p: Diagnostic["range"]["start"]) => lines.positionAt(lines.offsetAt(p.line, p.character));
  for (const d of params.context.diagnostics) {
    if (d.source !== "perf" || typeof d.code !== "string") continue;
    // a client that drops `data` still gets fixes: the engine takes it from the current analysis
    const target = { code: d.code, uri: ctx.uri, range: { start: at(d.range.start), end: at(d.range.end) }, data: d.data as Record<string, string | number> | undefined };
    for (const fix of fixesFor(target, ctx.group.analysis, { locale: ctx.locale })) {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        ...(fix.preferred ? { isPreferred: true } : {}),
        edit: { changes: { [ctx.uri]: fix.edits.map((e) => ({ range: toRange(e.range), newText: e.newText })) } },
      });
    }
  }
  return out;
}
