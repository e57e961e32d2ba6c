import type { EvaluationResult, IndicatorResult } from "@perf/engine";
import { diagnosticText, type Locale } from "@perf/language";
import { resolveNarrative, resolveReference, scanReferences, type Reference, type Resolved } from "@perf/render/narrative";
import { CompletionItemKind, MarkupKind, type CompletionItem, type Diagnostic, type Hover, type Position } from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { toLspDiagnostic, toRange } from "../convert.js";
import type { PerfWorkspace } from "../workspace.js";

/**
 * The report narrative `NAME.report.md` beside `NAME.perf` (docs/narrative.md) in the editor:
 * diagnostics PERF150–PERF155 as you type, completion of reference names inside `{{…}}`, and a
 * hover with the resolved value. The references are resolved by @perf/render's narrative module,
 * against the result of the evaluation beside it, exactly as `perf check` and `perf render` do.
 * These documents are Markdown: they never enter the workspace's .perf groups.
 */
const narrativeSuffix = /\.report\.md$/i;

export function isNarrativeUri(uri: unknown): uri is string {
  return typeof uri === "string" && narrativeSuffix.test(uri.replace(/[?#].*$/, ""));
}

/** `…/a.report.md` → `…/a.perf`. */
export function evaluationUriOf(uri: string): string {
  const [path, rest = ""] = uri.split(/(?=[?#])/, 2);
  return path!.replace(narrativeSuffix, ".perf") + rest;
}

/** The result of the evaluation beside the narrative: open, or a `.perf` file inside a workspace folder. */
export function narrativeResult(ws: PerfWorkspace, uri: string): EvaluationResult | undefined {
  const perf = evaluationUriOf(uri);
  if (!ws.knows(perf)) ws.diskChanged(perf, false);
  if (!ws.knows(perf) || ws.problemOf(perf)) return undefined;
  return ws.analysisFor(perf)?.analysis.result;
}

export function narrativeDiagnostics(ws: PerfWorkspace, doc: TextDocument): Diagnostic[] {
  const result = narrativeResult(ws, doc.uri);
  if (!result) return [];
  const locale = ws.settings.locale;
  return resolveNarrative(doc.getText(), result, doc.uri, locale).diagnostics.map((d) => toLspDiagnostic(d, locale));
}

const words = {
  table: ["表格", "table"],
  chart: ["图表", "chart"],
  unresolved: ["无法解析", "unresolved"],
} as const;
const word = (locale: Locale, k: keyof typeof words) => words[k][locale === "zh" ? 0 : 1];

function valueText(v: Resolved, locale: Locale): string {
  if (v.kind === "text") return v.text;
  if (v.kind === "chart") return `${word(locale, "chart")} ${v.chart}`;
  return `${word(locale, "table")} ${v.table.name === "root" ? `root-${v.table.index + 1}` : v.table.name}`;
}

/** The reference under the cursor and what it resolves to (or why it does not). */
export function narrativeHover(ws: PerfWorkspace, doc: TextDocument, position: Position): Hover | null {
  const result = narrativeResult(ws, doc.uri);
  if (!result) return null;
  const locale = ws.settings.locale;
  const offset = doc.offsetAt(position);
  const { refs } = scanReferences(doc.getText(), doc.uri, locale);
  const r = refs.find((x) => x.start <= offset && offset < x.end);
  if (!r) return null;
  const out = resolveReference(r, { result, uri: doc.uri, locale });
  const lines = [`\`{{${r.ref}}}\``];
  if (out.value) lines.push("", `→ **${valueText(out.value, locale)}**`);
  for (const d of out.diagnostics) lines.push("", `${out.value ? "" : `${word(locale, "unresolved")}: `}${d.code} ${diagnosticText(d, locale).message}`);
  return { contents: { kind: MarkupKind.Markdown, value: lines.join("\n") }, range: toRange(r.range) };
}

function allNodes(ns: IndicatorResult[]): IndicatorResult[] {
  return ns.flatMap((n) => [n, ...allNodes(n.children)]);
}

const levelNames = "一二三四五六七八九";

/** Every reference a narrative may name for this result, in the locale's spelling; `prefix` (what is typed after `{{`) opens an indicator's fields. */
function candidates(result: EvaluationResult, locale: Locale, prefix: string): string[] {
  const zh = locale === "zh";
  const nodes = allNodes(result.indicators);
  const depth = nodes.reduce((a, n) => Math.max(a, n.level), 0);
  const levels = Array.from({ length: Math.min(depth, 9) }, (_, i) => i + 1);
  const types = [...new Set(result.findings.flatMap((f) => (f.type ? [f.type] : [])))];
  const out = zh
    ? ["总分", "满分", "总得分率", "等级", "标题", "委托单位", "评价机构", "年度", ...levels.map((l) => `${levelNames[l - 1]}级指标数`), "末级指标数", "问题数"]
    : ["total", "total.weight", "total.rate", "grade", "title", "client", "evaluator", "period", ...levels.map((l) => `count.level${l}`), "count.leaves", "findings.count"];
  out.push(...result.facts.map((f) => (zh ? `事实.${f.id}` : `fact.${f.id}`)));
  out.push(...result.surveys.flatMap((s) => (zh ? [`调查.${s.id}.满意度`, `调查.${s.id}.样本`] : [`survey.${s.id}.satisfaction`, `survey.${s.id}.respondents`])));
  out.push(...types.map((t) => (zh ? `问题数.${t}` : `findings.count.${t}`)));
  out.push(...(zh ? ["表:得分情况表", "表:评分表", "表:扣分明细", "表:问题清单", "图:得分率", "图:一级指标"] : ["table:summary", "table:scores", "table:deductions", "table:findings", "chart:rates", "chart:roots"]));
  out.push(...result.indicators.map((n, i) => (zh ? `表:${n.name}` : `table:root-${i + 1}`)));
  const head = zh ? "指标" : "indicator";
  for (const n of nodes) {
    const base = `${head}.${n.id}`;
    out.push(base);
    if (!prefix.startsWith(`${base}.`)) continue;
    const below = levels.filter((l) => l > n.level);
    const fields = zh
      ? ["得分", "分值", "得分率", "扣分", "比率", "名称", ...below.map((l) => `${levelNames[l - 1]}级指标数`), "末级指标数"]
      : ["score", "weight", "rate", "deducted", "ratio", "name", ...below.map((l) => `count.level${l}`), "count.leaves"];
    out.push(...fields.map((f) => `${base}.${f}`));
  }
  return [...new Set(out)];
}

/** Inside `{{…`: the reference names, each with its value for this result; nothing elsewhere. */
export function narrativeCompletion(ws: PerfWorkspace, doc: TextDocument, position: Position): CompletionItem[] {
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const lineStart = doc.offsetAt({ line: position.line, character: 0 });
  const before = text.slice(lineStart, offset);
  const open = before.lastIndexOf("{{");
  if (open < 0 || before.indexOf("}}", open) >= 0 || before[open - 1] === "\\") return [];
  const result = narrativeResult(ws, doc.uri);
  if (!result) return [];
  const locale = ws.settings.locale;
  const typed = before.slice(open + 2).replace(/^\s+/, "");
  const range = { start: doc.positionAt(offset - typed.length), end: position };
  // a "}}" later on the line, before any "{{", already closes this reference
  const after = text.slice(offset).split(/\r?\n|\r/, 1)[0]!;
  const close = after.indexOf("}}");
  const reopen = after.indexOf("{{");
  const closes = close >= 0 && (reopen < 0 || close < reopen);
  const items: CompletionItem[] = [];
  for (const ref of candidates(result, locale, typed)) {
    const r: Reference = { ref, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, start: 0, end: 0 };
    const out = resolveReference(r, { result, uri: doc.uri, locale });
    if (!out.value || out.diagnostics.some((d) => d.severity === "error")) continue;
    items.push({
      label: ref,
      kind: out.value.kind === "text" ? CompletionItemKind.Value : CompletionItemKind.Reference,
      detail: valueText(out.value, locale),
      filterText: ref,
      textEdit: { range, newText: closes ? ref : `${ref}}}` },
    });
  }
  return items;
}
