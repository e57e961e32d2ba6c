import type { IndicatorDecl } from "@perf/language";
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from "vscode-languageserver";
import { resultOf, type FeatureContext } from "../context.js";
import { toRange } from "../convert.js";
import { msg } from "../messages.js";
import type { PerfWorkspace } from "../workspace.js";
import type { SymbolSummary } from "../summary.js";

const kinds = {
  evaluation: SymbolKind.Module,
  subject: SymbolKind.Object,
  indicator: SymbolKind.Class,
  fact: SymbolKind.Constant,
  survey: SymbolKind.Struct,
  finding: SymbolKind.Event,
  veto: SymbolKind.Boolean,
  table: SymbolKind.Array,
  target: SymbolKind.Field,
} as const;

/** The outline: the header, facts and surveys, the indicator tree, findings, vetoes, in file order. */
export function documentSymbols(ctx: FeatureContext): DocumentSymbol[] {
  const L = ctx.locale;
  const indicator = (d: IndicatorDecl): DocumentSymbol => {
    const r = resultOf(ctx, d);
    const detail = r ? `${r.score ?? msg(L, "unscored")} / ${r.weight}` : d.weight ? `${msg(L, "weight")} ${d.weight.text}` : "";
    return {
      name: d.title && d.title.value !== d.name.text ? `${d.name.text} ${d.title.value}` : d.name.text,
      detail,
      kind: kinds.indicator,
      range: toRange(d.range),
      selectionRange: toRange(d.name.range),
      children: d.children.map(indicator),
    };
  };
  const out: DocumentSymbol[] = [];
  for (const d of ctx.parsed.ast.declarations) {
    switch (d.kind) {
      case "evaluation": {
        const { total, grade } = ctx.group.analysis.result;
        // several subjects have no total of their own, a published total only its declared one
        const shown = total.score ?? total.declared ?? "";
        out.push({ name: d.title?.value || msg(L, "evaluation"), detail: `${shown}${grade.name ? `${shown ? " · " : ""}${grade.name}` : ""}`, kind: kinds.evaluation, range: toRange(d.range), selectionRange: toRange(d.title?.range ?? d.keywordRange) });
        break;
      }
      case "indicator":
        out.push(indicator(d));
        break;
      case "fact":
        out.push({ name: d.name.text, detail: d.value ? `${d.negative ? "-" : ""}${d.value.text}${d.value.percent ? "%" : ""}${d.value.unit ? ` ${d.value.unit}` : ""}` : "", kind: kinds.fact, range: toRange(d.range), selectionRange: toRange(d.name.range) });
        break;
      case "survey":
        out.push({ name: d.name.text, detail: d.title?.value ?? "", kind: kinds.survey, range: toRange(d.range), selectionRange: toRange(d.name.range) });
        break;
      case "finding":
        out.push({ name: d.name.text, detail: d.type?.value ?? d.issue?.value ?? "", kind: kinds.finding, range: toRange(d.range), selectionRange: toRange(d.name.range) });
        break;
      case "veto":
        out.push({ name: d.name.text, detail: d.title?.value ?? "", kind: kinds.veto, range: toRange(d.range), selectionRange: toRange(d.name.range) });
        break;
    }
  }
  return out;
}

const MAX_WORKSPACE_SYMBOLS = 500;

/** Declarations of every `.perf` file in the workspace whose id or title contains the query's characters in order. */
export function workspaceSymbols(ws: PerfWorkspace, query: string): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  const q = query.toLowerCase();
  for (const file of ws.summaries()) {
    for (const s of file.symbols) {
      if (q && !matches(s, q)) continue;
      out.push({
        name: s.title && s.title !== s.id ? `${s.id} ${s.title}` : s.id,
        kind: kinds[s.kind],
        location: { uri: file.uri, range: toRange(s.nameRange) },
        ...(s.container ? { containerName: s.container } : {}),
      });
      if (out.length >= MAX_WORKSPACE_SYMBOLS) return out;
    }
  }
  return out;
}

function matches(s: SymbolSummary, q: string): boolean {
  return subsequence(s.id.toLowerCase(), q) || (!!s.title && subsequence(s.title.toLowerCase(), q));
}

function subsequence(text: string, q: string): boolean {
  const chars = [...q];
  let i = 0;
  for (const c of text) if (c === chars[i]) i++;
  return i >= chars.length;
}
