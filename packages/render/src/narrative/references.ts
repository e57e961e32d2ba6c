import { Decimal, percentText, subjectResult, subjectsOf, type EvaluationResult, type IndicatorResult } from "@perf/engine";
import { makeDiagnostic, type Diagnostic, type Locale, type Range } from "@perf/language";

/**
 * References in the narrative (`NAME.report.md`): `{{…}}` spans the engine's result fills in.
 * Every spelling has a Chinese and an English form; docs/narrative.md is the reference.
 *
 *   {{总分}} {{total}}                         total score          82.46
 *   {{满分}} {{total.weight}}                  total weight         100
 *   {{总得分率}} {{total.rate}}                total rate           82.46%
 *   {{等级}} {{grade}}                         grade                良
 *   {{标题}} {{委托单位}} {{评价机构}} {{年度}}   title, client, evaluator, period
 *   {{指标.名称.得分}} {{indicator.ID.score}}   a node's 得分/score 分值/weight 得分率/rate 扣分/deducted 名称/name
 *   {{指标.名称.三级指标数}} {{indicator.ID.count.level3}}   indicators of a level under a node
 *   {{一级指标数}} {{count.level1}} {{末级指标数}} {{count.leaves}}
 *   {{事实.名称}} {{fact.NAME}}                a fact with its unit  5412.69万元
 *   {{调查.名称.满意度}} {{survey.ID.satisfaction}}  a survey's satisfaction 89.50% (样本/respondents: its sample)
 *   {{问题数}} {{findings.count}}              findings (cases)     37
 *   {{问题数.政府采购管理不规范}} {{findings.count.TYPE}}
 *   {{对象.名称.总分}} {{subject.ID.total}}    a subject's 总分/total 满分/weight 得分率/rate 等级/grade 报告得分/declared 名称/name
 *   {{对象.名称.指标.名称.得分}} {{subject.ID.indicator.ID.score}}   an indicator of one subject
 *   {{评价对象数}} {{subjects.count}}          subjects of the evaluation
 *   {{表:得分情况表}} {{table:summary}}         a whole table (on a line of its own)
 *   {{图:得分率}} {{chart:rates}}              a chart (on a line of its own)
 */
export type Resolved =
  | { kind: "text"; text: string }
  | { kind: "table"; table: TableRef }
  | { kind: "chart"; chart: "rates" | "roots" };

/** A table a reference names: one of the report's tables, or one root's table by index. */
export type TableRef = { name: "scores" | "summary" | "comparison" | "deductions" | "findings" | "targets" } | { name: "root"; index: number };

export interface Reference {
  /** The text between the braces, trimmed. */
  ref: string;
  range: Range;
  /** Offsets of the whole `{{…}}` in the text. */
  start: number;
  end: number;
}

export interface ResolveContext {
  result: EvaluationResult;
  uri: string;
  locale: Locale;
}

const zhDigits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const levelOf = (s: string): number | null => {
  const m = /^(?:level)?([1-9])$/.exec(s) ?? null;
  if (m) return Number(m[1]);
  const i = zhDigits.indexOf(s);
  return i > 0 ? i : null;
};

const fieldAliases: Record<string, "score" | "weight" | "rate" | "deducted" | "name" | "ratio"> = {
  比率: "ratio",
  ratio: "ratio",
  得分: "score",
  score: "score",
  分值: "weight",
  权重: "weight",
  weight: "weight",
  得分率: "rate",
  rate: "rate",
  扣分: "deducted",
  deducted: "deducted",
  名称: "name",
  name: "name",
};

const tableAliases: Record<string, "scores" | "summary" | "comparison" | "deductions" | "findings" | "targets"> = {
  得分对比表: "comparison",
  对比表: "comparison",
  comparison: "comparison",
  绩效目标完成情况表: "targets",
  targets: "targets",
  评分表: "scores",
  scores: "scores",
  得分情况表: "summary",
  summary: "summary",
  扣分明细: "deductions",
  deductions: "deductions",
  问题清单: "findings",
  findings: "findings",
};

const chartAliases: Record<string, "rates" | "roots"> = { 得分率: "rates", rates: "rates", 一级指标: "roots", roots: "roots" };

/** Every `{{…}}` in a text, with its range; an unclosed `{{` is PERF153. `\{{` is literal. */
export function scanReferences(text: string, uri: string, locale: Locale): { refs: Reference[]; diagnostics: Diagnostic[] } {
  const refs: Reference[] = [];
  const diagnostics: Diagnostic[] = [];
  const pos = positions(text);
  let i = 0;
  while ((i = text.indexOf("{{", i)) >= 0) {
    if (i > 0 && text[i - 1] === "\\") {
      i += 2;
      continue;
    }
    const close = text.indexOf("}}", i + 2);
    // a line break or another "{{" before the "}}": this one is not closed
    const nl = text.slice(i + 2, close < 0 ? undefined : close).search(/\r|\n|\{\{/);
    if (close < 0 || nl >= 0) {
      diagnostics.push(makeDiagnostic("PERF153", uri, { start: pos(i), end: pos(i + 2) }, {}, { locale }));
      i += 2;
      continue;
    }
    refs.push({ ref: text.slice(i + 2, close).trim(), range: { start: pos(i), end: pos(close + 2) }, start: i, end: close + 2 });
    i = close + 2;
  }
  return { refs, diagnostics };
}

function positions(text: string): (offset: number) => Range["start"] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo]!, offset };
  };
}

function allNodes(ns: IndicatorResult[]): IndicatorResult[] {
  return ns.flatMap((n) => [n, ...allNodes(n.children)]);
}

function countLevel(ns: IndicatorResult[], level: number): number {
  return allNodes(ns).filter((n) => n.level === level).length;
}

function leafCount(ns: IndicatorResult[]): number {
  return allNodes(ns).filter((n) => n.children.length === 0).length;
}

/** The closest of some names to a misspelt one (shared characters), for a hint. */
function nearest(name: string, names: string[]): string {
  let best = "";
  let bestScore = 0;
  for (const n of names) {
    const chars = new Set(n);
    const shared = [...new Set(name)].filter((c) => chars.has(c)).length;
    const score = shared / Math.max(n.length, name.length);
    if (score > bestScore) [best, bestScore] = [n, score];
  }
  return bestScore >= 0.5 ? best : "";
}

/** Prints a count of indicators ("4"), a decimal as reports print it ("12.5"). */
const plain = (s: string) => s;

/**
 * Resolves one reference against the result, or returns the diagnostic that explains why it
 * cannot be (PERF150 unknown form, PERF151 unknown name, PERF152 ambiguous name, PERF154 unscored).
 */
export function resolveReference(r: Reference, ctx: ResolveContext): { value?: Resolved; diagnostics: Diagnostic[] } {
  const { result, uri, locale } = ctx;
  const zh = locale === "zh";
  const d = (code: "PERF150" | "PERF151" | "PERF152" | "PERF154", args: Record<string, string | number>) => makeDiagnostic(code, uri, r.range, { ref: r.ref, ...args }, { locale });
  const unknown = () => ({ diagnostics: [d("PERF150", {})] });
  const text = (t: string) => ({ value: { kind: "text" as const, text: t }, diagnostics: [] as Diagnostic[] });
  const ref = r.ref.replace(/[．。]/g, ".").replace(/：/g, ":");

  // blocks: 表:NAME / table:NAME, 图:NAME / chart:NAME
  const block = /^(表|table|图|chart)\s*:\s*(.+)$/i.exec(ref);
  if (block) {
    const isTable = block[1] === "表" || block[1]!.toLowerCase() === "table";
    const name = block[2]!.trim();
    if (!isTable) {
      const chart = chartAliases[name];
      return chart ? { value: { kind: "chart", chart }, diagnostics: [] } : { diagnostics: [d("PERF151", { kind: zh ? "图表" : "chart", name, near: nearest(name, Object.keys(chartAliases)) })] };
    }
    const t = tableAliases[name];
    if (t) return { value: { kind: "table", table: { name: t } }, diagnostics: [] };
    const rootNo = /^root-(\d+)$/.exec(name);
    const index = rootNo ? Number(rootNo[1]) - 1 : result.indicators.findIndex((n) => n.id === name || n.name === name);
    if (index >= 0 && index < result.indicators.length) return { value: { kind: "table", table: { name: "root", index } }, diagnostics: [] };
    return { diagnostics: [d("PERF151", { kind: zh ? "表格" : "table", name, near: nearest(name, [...Object.keys(tableAliases), ...result.indicators.map((n) => n.name)]) })] };
  }

  const parts = ref.split(".").map((p) => p.trim());
  const head = parts[0]!;
  switch (head) {
    case "总分":
    case "total":
      // a published total only has no computed score: the total is the one the report declared
      if (parts.length === 1) return text(totalText(result.total));
      if (parts.length === 2 && (parts[1] === "weight" || parts[1] === "score" || parts[1] === "rate"))
        return text(parts[1] === "rate" ? (result.total.rate === null ? "—" : percentText(result.total.rate)) : parts[1] === "weight" ? result.total.weight : totalText(result.total));
      return unknown();
    case "评价对象数":
      return parts.length === 1 ? text(String(subjectsOf(result).length)) : unknown();
    case "subjects":
      return parts.length === 2 && parts[1] === "count" ? text(String(subjectsOf(result).length)) : unknown();
    case "对象":
    case "subject":
      return subjectReference(parts.slice(1), ctx, d);
    case "满分":
      return parts.length === 1 ? text(result.total.weight) : unknown();
    case "总得分率":
      return parts.length === 1 ? text(result.total.rate === null ? "—" : percentText(result.total.rate)) : unknown();
    case "等级":
    case "grade":
      return parts.length === 1 ? text(result.grade.name ?? "—") : unknown();
    case "标题":
    case "title":
      return parts.length === 1 ? text(result.title) : unknown();
    case "委托单位":
    case "client":
      return parts.length === 1 ? text(result.client ?? "—") : unknown();
    case "评价机构":
    case "evaluator":
      return parts.length === 1 ? text(result.evaluator ?? "—") : unknown();
    case "年度":
    case "period":
      return parts.length === 1 ? text(result.period ?? "—") : unknown();
    case "末级指标数":
      return parts.length === 1 ? text(String(leafCount(result.indicators))) : unknown();
    case "count": {
      if (parts.length !== 2) return unknown();
      if (parts[1] === "leaves") return text(String(leafCount(result.indicators)));
      const level = levelOf(parts[1]!);
      return level ? text(String(countLevel(result.indicators, level))) : unknown();
    }
    case "事实":
    case "fact": {
      const name = parts.slice(1).join(".");
      if (!name) return unknown();
      const f = result.facts.find((x) => x.id === name);
      if (!f) return { diagnostics: [d("PERF151", { kind: zh ? "事实" : "fact", name, near: nearest(name, result.facts.map((x) => x.id)) })] };
      // a date prints as the report writes it (decision 0180)
      return text(f.value === null ? "—" : (f.text ?? factText(f.value, f.unit)));
    }
    case "调查":
    case "survey": {
      // 调查.ID[.满意度|样本] — a survey's satisfaction (tallied or stated) or its respondents
      const field = parts.length > 2 ? parts[parts.length - 1]! : "满意度";
      const respondents = field === "样本" || field === "respondents";
      if (!respondents && field !== "满意度" && field !== "satisfaction") return unknown();
      const name = (parts.length > 2 ? parts.slice(1, -1) : parts.slice(1)).join(".");
      if (!name) return unknown();
      const s = result.surveys.find((x) => x.id === name);
      if (!s) return { diagnostics: [d("PERF151", { kind: zh ? "调查" : "survey", name, near: nearest(name, result.surveys.map((x) => x.id)) })] };
      const v = respondents ? s.respondents : s.satisfaction === null ? null : percentText(s.satisfaction);
      return text(v ?? "—");
    }
    case "问题数":
    case "findings": {
      const rest = head === "findings" ? (parts[1] === "count" ? parts.slice(2) : null) : parts.slice(1);
      if (rest === null) return unknown();
      const type = rest.join(".");
      const count = (fs: typeof result.findings) => String(caseCount(fs));
      if (!type) return text(count(result.findings));
      const of = result.findings.filter((f) => f.type === type);
      if (!of.length) return { diagnostics: [d("PERF151", { kind: zh ? "问题定性" : "finding type", name: type, near: nearest(type, [...new Set(result.findings.flatMap((f) => (f.type ? [f.type] : [])))]) })] };
      return text(count(of));
    }
    case "指标":
    case "indicator":
      return indicatorReference(parts.slice(1), ctx, d);
  }
  // 一级指标数 … 九级指标数
  const levelCount = /^([一二三四五六七八九])级指标数$/.exec(head);
  if (levelCount && parts.length === 1) return text(String(countLevel(result.indicators, zhDigits.indexOf(levelCount[1]!))));
  return unknown();
}

function indicatorReference(
  parts: string[],
  ctx: ResolveContext,
  d: (code: "PERF150" | "PERF151" | "PERF152" | "PERF154", args: Record<string, string | number>) => Diagnostic,
): { value?: Resolved; diagnostics: Diagnostic[] } {
  const { result, locale } = ctx;
  const zh = locale === "zh";
  if (parts.length === 0 || !parts[0]) return { diagnostics: [d("PERF150", {})] };
  // the field is the tail: 得分 | score | 三级指标数 | count.level3; the name is what precedes it
  let field: string = "score";
  let level: number | null = null;
  let nameParts = parts;
  const last = parts[parts.length - 1]!;
  const levelField = /^([一二三四五六七八九])级指标数$/.exec(last);
  if (parts.length >= 3 && parts[parts.length - 2] === "count" && (levelOf(last) || last === "leaves")) {
    field = last === "leaves" ? "leaves" : "count";
    level = levelOf(last);
    nameParts = parts.slice(0, -2);
  } else if (parts.length >= 2 && (levelField || last === "末级指标数")) {
    field = levelField ? "count" : "leaves";
    level = levelField ? zhDigits.indexOf(levelField[1]!) : null;
    nameParts = parts.slice(0, -1);
  } else if (parts.length >= 2 && fieldAliases[last]) {
    field = fieldAliases[last]!;
    nameParts = parts.slice(0, -1);
  }
  const name = nameParts.join(".");
  const nodes = allNodes(result.indicators);
  let node = nodes.find((n) => n.id === name);
  if (!node) {
    const named = nodes.filter((n) => n.name === name);
    if (named.length > 1) return { diagnostics: [d("PERF152", { name, n: named.length, ids: named.map((n) => n.id).join("、") })] };
    node = named[0];
  }
  if (!node) return { diagnostics: [d("PERF151", { kind: zh ? "指标" : "indicator", name, near: nearest(name, [...new Set(nodes.flatMap((n) => [n.name, n.id]))]) })] };
  const unscored = zh ? "未评分" : "unscored";
  const scored = (v: string | null) =>
    v === null ? { value: { kind: "text" as const, text: unscored }, diagnostics: [d("PERF154", { name: node!.name })] } : { value: { kind: "text" as const, text: plain(v) }, diagnostics: [] };
  switch (field) {
    case "score":
      return scored(node.score);
    case "weight":
      return { value: { kind: "text", text: node.weight }, diagnostics: [] };
    case "rate":
      return scored(node.rate === null ? null : percentText(node.rate));
    case "deducted":
      return scored(node.score === null ? null : subtract(node.weight, node.score));
    case "name":
      return { value: { kind: "text", text: node.name }, diagnostics: [] };
    case "ratio": {
      // the measured ratio of a ratio, satisfaction or percent band leaf (预算执行率 95.91%), not score ÷ weight
      const m = node.method;
      const v = m.kind === "ratio" ? m.ratio : m.kind === "satisfaction" ? m.value : m.kind === "bands" && m.unit === null ? m.value : null;
      if (m.kind !== "ratio" && m.kind !== "satisfaction" && m.kind !== "bands") return { diagnostics: [d("PERF150", {})] };
      return scored(v === null ? null : percentText(v));
    }
    case "leaves":
      return { value: { kind: "text", text: String(leafCount([node])) }, diagnostics: [] };
    default:
      return { value: { kind: "text", text: String(countLevel([node], level!)) }, diagnostics: [] };
  }
}

const subjectFields: Record<string, "total" | "weight" | "rate" | "grade" | "declared" | "name"> = {
  总分: "total",
  得分: "total",
  total: "total",
  score: "total",
  满分: "weight",
  分值: "weight",
  weight: "weight",
  得分率: "rate",
  总得分率: "rate",
  rate: "rate",
  等级: "grade",
  grade: "grade",
  报告得分: "declared",
  declared: "declared",
  名称: "name",
  name: "name",
};

/** `对象.ID.总分` (a subject's total, grade …) and `对象.ID.指标.X.得分` (an indicator as that subject scored it). */
function subjectReference(
  parts: string[],
  ctx: ResolveContext,
  d: (code: "PERF150" | "PERF151" | "PERF152" | "PERF154", args: Record<string, string | number>) => Diagnostic,
): { value?: Resolved; diagnostics: Diagnostic[] } {
  const subjects = subjectsOf(ctx.result);
  const zh = ctx.locale === "zh";
  if (parts.length < 2 || !parts[0]) return { diagnostics: [d("PERF150", {})] };
  // the subject is the shortest prefix that names one (ids may hold dots)
  let k = 1;
  let s = undefined as (typeof subjects)[number] | undefined;
  for (; k < parts.length && !s; k++) {
    const name = parts.slice(0, k).join(".");
    s = subjects.find((x) => x.id === name) ?? subjects.find((x) => x.name === name);
  }
  k--;
  if (!s) {
    const name = parts.slice(0, -1).join(".");
    return { diagnostics: [d("PERF151", { kind: zh ? "评价对象" : "subject", name, near: nearest(name, subjects.flatMap((x) => [x.id, x.name])) })] };
  }
  const rest = parts.slice(k);
  if (rest[0] === "指标" || rest[0] === "indicator") return indicatorReference(rest.slice(1), { ...ctx, result: subjectResult(ctx.result, s) }, d);
  const field = rest.length === 1 ? subjectFields[rest[0]!] : undefined;
  const text = (t: string) => ({ value: { kind: "text" as const, text: t }, diagnostics: [] as Diagnostic[] });
  const unscored = () => ({ value: { kind: "text" as const, text: zh ? "未评分" : "unscored" }, diagnostics: [d("PERF154", { name: s!.name })] });
  switch (field) {
    case "name":
      return text(s.name);
    case "weight":
      return text(s.total.weight);
    case "total":
      return s.total.score === null ? unscored() : text(s.total.score);
    case "rate":
      return s.total.rate === null ? unscored() : text(percentText(s.total.rate));
    case "grade":
      return text(s.grade.name ?? "—");
    case "declared":
      return text(s.total.declared ?? "—");
    default:
      return { diagnostics: [d("PERF150", {})] };
  }
}

/** The computed total, else the declared one (a published total only), else a dash. */
function totalText(total: { score: string | null; declared: string | null }): string {
  return total.score ?? total.declared ?? "—";
}

function subtract(a: string, b: string): string {
  return new Decimal(a).minus(new Decimal(b)).toFixed();
}

/** A fact as reports print it: money (…元) with two decimals ("5191.10万元"), other values as given. */
export function factText(value: string, unit: string | null): string {
  const v = unit && /元$/.test(unit) ? new Decimal(value).toFixed(2) : value;
  return `${v}${unit ?? ""}`;
}

/** The cases a list of findings holds: each finding counts its `count` (one unless it says more), as {{问题数}} does. */
export function caseCount(findings: readonly { count: number }[]): number {
  return findings.reduce((a, f) => a + f.count, 0);
}
