import { Decimal, decimalText, deductionText, elementNumber, forEachRef, percentText, refName, sum, type EvaluationResult, type IndicatorResult } from "@perf/engine";
import { comparePositions, keywordSpellings, samePosition, type Locale } from "@perf/language";
import { MarkupKind, type Hover, type Position } from "vscode-languageserver";
import { offsetAt, scoringOf, type FeatureContext } from "../context.js";
import { rateOf, subjectScores } from "../subjects.js";
import { toRange } from "../convert.js";
import { msg } from "../messages.js";
import { keywordDocs } from "./keyword-docs.js";
import { targetLabel, targetTooltip } from "./inlay-hints.js";

/** Hover on a name: an indicator's score sheet, a fact's value and uses, a finding's row and costs. */
export function hover(ctx: FeatureContext, position: Position): Hover | null {
  const offset = offsetAt(ctx, position);
  const o = ctx.group.occurrences(ctx.uri).at(offset);
  if (!o) return assertionHover(ctx, offset) ?? keywordHover(ctx, offset);
  if (!o.resolved) return null;
  const lines = describe(ctx, o.id, o.kind);
  if (!lines) return null;
  return { contents: { kind: MarkupKind.Markdown, value: lines.join("\n") }, range: toRange(o.range) };
}

/** An `assert`'s name: each statement with the stated and the true value, ✓ or ✗, and the acknowledged reason. */
function assertionHover(ctx: FeatureContext, offset: number): Hover | null {
  const at = ctx.parsed.lines.positionAt(offset);
  const a = ctx.parsed.ast.declarations.find((d) => d.kind === "assert" && comparePositions(d.name.range.start, at) <= 0 && comparePositions(at, d.name.range.end) <= 0);
  if (!a || a.kind !== "assert") return null;
  const r = ctx.group.analysis.result.assertions?.find((x) => x.id === a.name.text && x.uri === ctx.uri && samePosition(x.range.start, a.range.start));
  if (!r) return null;
  const en = ctx.locale === "en";
  const words = { leaves: en ? "leaves" : "末级指标数", total: en ? "total" : "总分", grade: en ? "grade" : "等级" } as const;
  const out = [`**${md(r.claim ?? r.id)}** · ${en ? "assertion" : "核对"} ${code(r.id)}`, ""];
  for (const s of r.statements) {
    const what = s.kind === "level" ? (en ? `indicators level ${s.level ?? "?"}` : `${s.level ?? "?"} 级指标数`) : s.kind === "equals" ? (s.expression ?? "") : words[s.kind];
    out.push(`- ${s.holds === null ? "?" : s.holds ? "✓" : "✗"} ${md(what)} = ${md(s.expected)}${s.tolerance ? ` ${en ? "within" : "误差"} ${md(s.tolerance)}` : ""} → ${md(s.actual ?? "?")}`);
  }
  if (r.acknowledged) out.push("", `${en ? "acknowledged" : "已知"}: ${md(r.acknowledged)}`);
  return { contents: { kind: MarkupKind.Markdown, value: out.join("\n") }, range: toRange(a.name.range) };
}

/** A keyword: both spellings and what it introduces. */
function keywordHover(ctx: FeatureContext, offset: number): Hover | null {
  const k = ctx.parsed.ast.keywords.useAt(offset);
  if (!k) return null;
  const [en, zh] = keywordSpellings[k.name];
  const doc = keywordDocs[k.name][ctx.locale === "en" ? 1 : 0];
  return { contents: { kind: MarkupKind.Markdown, value: `${code(en)} / ${code(zh)}\n\n${md(doc)}` }, range: toRange(ctx.parsed.lines.range(k.start, k.end)) };
}

function describe(ctx: FeatureContext, id: string, kind: string): string[] | undefined {
  const { result, indicators } = ctx.group.analysis;
  const L = ctx.locale;
  switch (kind) {
    case "indicator": {
      const r = indicators.get(id);
      if (!r) return undefined;
      const scores = subjectScores(scoringOf(ctx).analysis, id);
      return scores.length ? [...describeIndicator(r, L, true), "", ...subjectTable(scores, L)] : describeIndicator(r, L);
    }
    case "target": {
      const t = result.targets?.find((x) => x.id === id);
      if (!t) return undefined;
      const out = [`**${md(t.name)}** · ${msg(L, "target")}${t.name !== t.id ? ` ${code(t.id)}` : ""}`, ""];
      out.push(`${md(t.expected.text)} → ${md(t.actual?.text ?? "?")}${targetLabel(t, L) ? ` · ${md(targetLabel(t, L))}` : ""}`, "");
      for (const line of targetTooltip(t, L).split("\n")) out.push(`- ${md(line)}`);
      if (t.reason) out.push("", md(clip(t.reason)));
      return out;
    }
    case "fact": {
      const f = result.facts.find((x) => x.id === id);
      if (!f) return undefined;
      const out = [`**${md(f.id)}** · ${msg(L, "fact")}`, ""];
      out.push(`${msg(L, "value")}: \`${f.text ?? `${f.value ?? "?"}${f.unit ? ` ${f.unit}` : ""}`}\``);
      if (f.expression) out.push("", ...computation(ctx, id, f.expression));
      if (f.description) out.push("", md(f.description));
      out.push("", usedBy(L, f.usedBy));
      return out;
    }
    case "survey": {
      const s = result.surveys.find((x) => x.id === id);
      if (!s) return undefined;
      const out = [`**${md(s.title)}** · ${msg(L, "survey")} ${code(s.id)}`, ""];
      out.push(`${msg(L, "satisfaction")}: ${s.satisfaction === null ? "?" : percentText(s.satisfaction)}` + (s.respondents ? ` · ${msg(L, "respondents")}: ${s.respondents}` : ""));
      out.push("", usedBy(L, s.usedBy));
      return out;
    }
    case "finding": {
      const f = result.findings.find((x) => x.id === id);
      if (!f) return undefined;
      const out = [`**${md(f.title ?? f.id)}** · ${msg(L, "finding")}${f.title ? ` ${code(f.id)}` : ""}`, ""];
      const fields = ["unit", "project", "class", "type", "issue", "description"] as const;
      for (const k of fields) if (f[k]) out.push(`- ${fieldName(L, k)}: ${md(clip(f[k]!))}`);
      for (const e of f.evidence) out.push(`- ${L === "en" ? "evidence" : "证据"}: ${md(e)}`);
      if (f.count !== 1) out.push(`- ${msg(L, "count")}: ${f.count}`);
      out.push("", `${msg(L, "costs")}:`);
      if (!f.on.length) out.push(`- ${msg(L, "notAttached")}`);
      for (const on of f.on) {
        const r = indicators.get(on);
        const d = r?.deductions.find((x) => x.source === "finding" && x.findings?.includes(f.id));
        out.push(`- ${md(r?.name ?? on)}: ${d ? `−${d.amount}` : msg(L, "noRule")}`);
      }
      return out;
    }
    case "table": {
      const t = result.tables?.find((x) => x.id === id);
      if (!t) return undefined;
      const out = [`**${md(t.title)}** · ${msg(L, "table")} ${code(t.id)}`, ""];
      out.push(`${msg(L, "columns")}: ${t.columns.map((c) => `${md(c.title)} ${code(c.id)}`).join(L === "en" ? ", " : "、")}`);
      out.push(`${msg(L, "rows")}: ${t.rows.length}`);
      return out;
    }
    case "veto": {
      const v = result.vetoes.find((x) => x.id === id);
      if (!v) return undefined;
      return [`**${md(v.title)}** · ${msg(L, "veto")}`, "", `${v.triggered ? msg(L, "triggered") : msg(L, "notTriggered")}${v.grade ? ` · ${msg(L, "grade")} ${md(v.grade)}` : ""}`];
    }
  }
  return undefined;
}

/** An indicator's hover; `framework`: the framework's node, whose scores are the subjects' (a table follows). */
export function describeIndicator(r: IndicatorResult, L: Locale, framework = false): string[] {
  const out = [`**${md(r.name)}** · ${msg(L, "indicator")}${r.name !== r.id ? ` ${code(r.id)}` : ""}`, ""];
  out.push(md(r.path.join(" › ")), "");
  const parts = [`${msg(L, "weight")} ${r.weight}`];
  if (!framework) parts.push(`${msg(L, "score")} ${r.score ?? msg(L, "unscored")}`);
  if (r.rate !== null) parts.push(`${msg(L, "rate")} ${percentText(r.rate)}`);
  if (r.declared !== null) parts.push(`${msg(L, "declared")} ${r.declared}`);
  out.push(parts.join(" · "), "");
  out.push(`${msg(L, "method")}: ${methodText(r, L)}`);
  if (r.deductions.length) {
    out.push("", `${msg(L, "deductions")}:`);
    for (const d of r.deductions.slice(0, 20)) out.push(`- −${d.amount} ${md(clip(deductionText(d, L)))}`);
    if (r.deductions.length > 20) out.push(`- … (${r.deductions.length - 20})`);
  }
  if (r.findings.length) {
    const shown = r.findings.slice(0, 10).map(md).join(L === "en" ? ", " : "、");
    const [open, close] = L === "en" ? [" (", ")"] : ["（", "）"];
    out.push("", `${msg(L, "findingsCounted")}: ${r.findings.length}${open}${shown}${r.findings.length > 10 ? "…" : ""}${close}`);
  }
  return out;
}

/** | 评价对象 | 得分 | 得分率 | 报告得分 | — one row per subject, its deductions under the table. */
function subjectTable(scores: ReturnType<typeof subjectScores>, L: Locale): string[] {
  const declared = scores.some((s) => s.node?.declared != null);
  const head = [msg(L, "subject"), msg(L, "score"), msg(L, "rate"), ...(declared ? [msg(L, "declared")] : [])];
  const out = [`| ${head.join(" | ")} |`, `|---|${head.slice(1).map(() => "---:").join("|")}|`];
  for (const { subject, node } of scores) {
    const cells = [md(subject.name), node?.score ?? msg(L, "unscored"), rateOf(node?.rate), ...(declared ? [node?.declared ?? ""] : [])];
    out.push(`| ${cells.join(" | ")} |`);
  }
  const deducted = scores.filter((s) => s.node?.deductions.length);
  for (const { subject, node } of deducted) {
    out.push("", `${md(subject.name)} ${msg(L, "deductions")}:`);
    for (const d of node!.deductions.slice(0, 10)) out.push(`- −${d.amount} ${md(clip(deductionText(d, L)))}`);
    if (node!.deductions.length > 10) out.push(`- … (${node!.deductions.length - 10})`);
  }
  return out;
}

function methodText(r: IndicatorResult, L: Locale): string {
  const m = r.method;
  const name = msg(L, `method.${m.kind}`);
  switch (m.kind) {
    case "ratio":
      return `${name} ${code(m.expression)}${m.ratio !== null ? ` = ${percentText(m.ratio)}` : ""}${m.capped ? msg(L, "capped") : ""}`;
    case "perFinding":
      return `${name}: ${msg(L, "each")} ${m.each}${m.max ? `, ${msg(L, "max")} ${m.max}` : ""}; ${m.cases} ${msg(L, "cases")} → −${m.deducted}`;
    case "bands": {
      const hit = m.matched !== null ? m.bands[m.matched] : undefined;
      return `${name} ${code(m.expression)}${m.value !== null ? ` = ${m.value}${m.unit ? ` ${m.unit}` : ""}` : ""}${hit ? `, ${msg(L, "matched")} ${code(hit.condition)} → ${hit.score}` : m.value !== null ? `, ${msg(L, "noBand")}` : ""}`;
    }
    case "satisfaction":
      return `${name} ${m.aggregation}(${m.surveys.map((s) => md(s.id)).join(", ")})${m.value !== null ? ` = ${percentText(m.value)}` : ""}`;
    case "fixed":
      return `${name} ${m.value ?? ""}`.trim();
    case "judgement":
      return `${name}, −${m.deducted}`;
    case "elements":
      // ①✓ ②✗ ③✓ → the met shares
      return `${name} ${m.elements.map((e, i) => `${elementNumber(i + 1)}${e.met ? "✓" : "✗"}`).join(" ")} → ${m.met}`;
    default:
      return name;
  }
}

function usedBy(L: Locale, ids: string[]): string {
  return ids.length ? `${msg(L, "usedBy")}: ${ids.map(md).join(L === "en" ? ", " : "、")}` : msg(L, "unused");
}

const fieldNames = {
  unit: ["单位", "unit"],
  project: ["项目", "project"],
  class: ["类别", "class"],
  type: ["定性", "type"],
  issue: ["具体问题", "issue"],
  description: ["描述", "description"],
} as const;

function fieldName(L: Locale, k: keyof typeof fieldNames): string {
  return fieldNames[k][L === "en" ? 1 : 0];
}

function clip(s: string, n = 200): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > n ? one.slice(0, n) + "…" : one;
}

/** A code span; names hold no backticks, but be safe. */
function code(s: string): string {
  return "`" + s.replace(/`/g, "'") + "`";
}

/** Escapes Markdown so names and reasons show as written. */
function md(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|])/g, "\\$1");
}

/**
 * A computed fact's computation with the values it is made of (decision 0092): the expression,
 * then each name it uses with its value — a fact, a survey's satisfaction, a table cell, or a
 * column with its count and sum.
 */
function computation(ctx: FeatureContext, id: string, expression: string): string[] {
  const { result, symbols } = ctx.group.analysis;
  const L = ctx.locale;
  const out = [`${msg(L, "computed")}: \`${expression}\``];
  const node = symbols.symbols.get(id)?.node;
  if (node?.kind !== "fact") return out;
  const seen = new Set<string>();
  forEachRef(node.expression, (r) => {
    const name = refName(r);
    if (seen.has(name) || seen.size >= 20) return;
    seen.add(name);
    out.push(`- ${code(name)} = ${operandValue(result, name, L)}`);
  });
  return seen.size ? [...out.slice(0, 1), `${msg(L, "operands")}:`, ...out.slice(1)] : out;
}

function operandValue(result: EvaluationResult, name: string, L: Locale): string {
  const f = result.facts.find((x) => x.id === name);
  if (f) return code(f.text ?? `${f.value ?? "?"}${f.unit ? ` ${f.unit}` : ""}`);
  const s = result.surveys.find((x) => x.id === name);
  if (s) return s.satisfaction === null ? "?" : percentText(s.satisfaction);
  const [tableId, ...path] = name.split(".");
  const t = result.tables?.find((x) => x.id === tableId);
  if (!t) return "?";
  const colOf = (c: string) => t.columns.findIndex((x) => x.id === c);
  if (path.length === 2) {
    const row = t.rows.find((r) => r.id === path[0]);
    const i = colOf(path[1]!);
    return row && i >= 0 ? code(row.cells[i] ?? "-") : "?";
  }
  const i = colOf(path[0] ?? "");
  if (i < 0) return "?";
  const values = t.rows.flatMap((r) => (r.values[i] ? [new Decimal(r.values[i]!)] : []));
  const unit = t.columns[i]!.unit;
  return `${msg(L, "column")} · ${values.length} ${msg(L, "columnValues")} \`${decimalText(sum(values))}${unit ? ` ${unit}` : ""}\``;
}
