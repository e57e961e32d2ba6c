import {
  comparisonOf,
  Decimal,
  deductionText,
  isPublishedTotalOnly,
  nodesById,
  percentText,
  roundHalfUp,
  subjectResult,
  subjectsOf,
  type EvaluationResult,
  type FindingResult,
  type IndicatorResult,
  type SubjectView,
} from "@perf/engine";
import { RenderOptionError } from "./errors.js";
import { auditTable, hasAuditNotes } from "./audit.js";
import { GridBuilder, mergeRuns, num, text } from "./grid.js";
import { summaryBlocks, type Grouping } from "./grouping.js";
import { isolate } from "./text-safety.js";
import { dataTables } from "./data-tables.js";
import { deductionProse } from "./wording.js";
import { defaultNarrative } from "./narrative/default.js";
import { resolveNarrative } from "./narrative/document.js";
import { caseCount } from "./narrative/references.js";
import { NarrativeError } from "./errors.js";
import { label, levelName, type LabelKey, type RenderLocale } from "./labels.js";
import type { Cell, Chart, Column, Report, Row, Table, TableName } from "./model.js";

export interface BuildOptions {
  locale?: RenderLocale;
  /** Regrouping of the 得分情况表 (see grouping.ts). */
  groups?: Grouping[];
  /** Only these tables (names or ids: scores, summary, comparison, roots, root-2, deductions, findings, targets). */
  tables?: string[];
  /** The evaluation's narrative (NAME.report.md); without one a report gets the default chapters. */
  narrative?: { text: string; uri: string };
  /** The date on a Word report's cover ("2026年11月"); given by the caller, the renderer reads no clock. */
  date?: string;
  /** A firm's Word template whose styles, header/footer and cover the docx takes (writers/docx-template.ts). */
  template?: Uint8Array;
}

export const tableNames: TableName[] = ["scores", "summary", "comparison", "roots", "deductions", "findings", "targets", "data", "audit"];

/** Chinese names accepted by --table as well. */
const tableAliases: Record<string, TableName> = {
  评分表: "scores",
  得分情况表: "summary",
  得分对比表: "comparison",
  对比表: "comparison",
  分项表: "roots",
  扣分明细: "deductions",
  问题清单: "findings",
  目标完成情况表: "targets",
  数据表: "data",
  核对事项: "audit",
};

/** "0.9591" → "95.91%" (two decimals, half-up, exact); empty for no rate. */
export function rateText(rate: string | null): string {
  return rate === null ? "" : percentText(rate);
}

const dec = (s: string | null) => new Decimal(s ?? 0);
const sumText = (xs: (string | null)[]) => xs.reduce((a, x) => a.plus(dec(x)), new Decimal(0)).toFixed();
const rateOf = (score: string, weight: string) => (dec(weight).isZero() ? null : roundHalfUp(dec(score).div(dec(weight)), 4).toFixed());

function leavesOf(n: IndicatorResult): IndicatorResult[] {
  return n.children.length ? n.children.flatMap(leavesOf) : [n];
}

function depthOf(ns: IndicatorResult[]): number {
  return Math.max(0, ...ns.map((n) => (n.children.length ? 1 + depthOf(n.children) : 1)));
}

/** The report model: every table and chart, from the engine's result only. */
export function buildReport(result: EvaluationResult, options: BuildOptions = {}): Report {
  const locale = options.locale ?? "zh";
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(locale, k, a);
  const wanted = selectTables(options.tables, locale);
  const tables: Table[] = [];
  const want = (name: TableName) => wanted === null || wanted.names.has(name);
  const subjects = subjectsOf(result);
  if (subjects.length) tables.push(...subjectTables(result, subjects, want, locale));
  // nothing scored and no tree (a published total only, an audit-only file): no empty score tables
  else if (result.indicators.length > 0) {
    if (want("summary")) tables.push(summaryTable(result, options.groups ?? [], locale));
    if (want("roots") || (wanted && wanted.ids.size)) {
      result.indicators.forEach((root, i) => {
        const id = `root-${i + 1}`;
        if (want("roots") || wanted!.ids.has(id)) tables.push(rootTable(result, root, id, locale));
      });
    }
    if (want("deductions")) tables.push(deductionTable(result, locale));
    if (want("targets")) tables.push(...targetTables(result, locale));
    if (want("scores")) tables.push({ ...scoreSheet(result, locale), appendix: 1 });
    if (want("findings")) tables.push({ ...findingTable(result, locale), appendix: tables.some((t) => t.appendix) ? 2 : 1 });
  } else {
    // no tree: the targets still stand (an audit-only file), the findings as the first appendix
    if (want("targets")) tables.push(...targetTables(result, locale));
    if (want("findings") && result.findings.length) tables.push({ ...findingTable(result, locale), appendix: 1 });
  }
  // the evaluation's own tables (decision 0092), as appendices after the score sheets and findings
  let appendix = Math.max(0, ...tables.map((t) => t.appendix ?? 0));
  for (const t of dataTables(result, locale)) if (want("data") || wanted!.ids.has(t.id)) tables.push({ ...t, appendix: ++appendix });
  if (want("audit") && hasAuditNotes(result)) tables.push({ ...auditTable(result, locale), appendix: ++appendix });
  const ps = result.grade;
  return {
    locale,
    meta: {
      title: result.title,
      period: result.period,
      client: result.client,
      evaluator: result.evaluator,
      subject: result.subject,
      totalWeight: result.total.weight,
      totalScore: result.total.score,
      totalDeclared: result.total.declared,
      published: isPublishedTotalOnly(result),
      auditOnly: result.indicators.length === 0 && subjects.length === 0 && result.total.declared === null && !!(result.assertions?.length || result.tables?.length || result.targets?.length),
      subjects: subjects.map((s) => ({ id: s.id, name: s.name, totalWeight: s.total.weight, totalScore: s.total.score, totalDeclared: s.total.declared, grade: s.grade.name, vetoedBy: s.grade.vetoedBy })),
      grade: ps.name,
      vetoedBy: ps.vetoedBy,
      errors: result.summary.errors,
      warnings: result.summary.warnings,
      leaves: result.summary.leaves,
    },
    tables,
    charts: result.indicators.length === 0 ? [] : charts(result, L, subjects),
    narrative: narrativeOf(result, options, locale),
  };
}

/** Resolves the narrative; refuses (NarrativeError) one with an error, like a file that does not parse. */
function narrativeOf(result: EvaluationResult, options: BuildOptions, locale: RenderLocale): Report["narrative"] {
  const source = options.narrative ? "file" : "default";
  const text = options.narrative?.text ?? defaultNarrative(result, locale);
  const n = resolveNarrative(text, result, options.narrative?.uri ?? "<default narrative>", locale);
  const errors = n.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new NarrativeError(errors);
  // --table asks for tables only: the narrative is still checked, but a report prints the generated chapters
  if (source === "file" && options.tables?.length) return { source: "default", blocks: resolveNarrative(defaultNarrative(result, locale), result, "<default narrative>", locale).blocks };
  return { source, blocks: n.blocks };
}

function selectTables(selectors: string[] | undefined, locale: RenderLocale): { names: Set<TableName>; ids: Set<string> } | null {
  if (!selectors || selectors.length === 0) return null;
  const names = new Set<TableName>();
  const ids = new Set<string>();
  for (const s of selectors) {
    const key = s.trim();
    const name = (tableNames as string[]).includes(key) ? (key as TableName) : tableAliases[key];
    if (name) names.add(name);
    else if (/^root-\d+$/.test(key) || key.startsWith("table-")) ids.add(key);
    else throw new RenderOptionError("errUnknownTable", { name: key, names: [...tableNames, "root-N"].join(", ") }, locale);
  }
  return { names, ids };
}

/** 评分表 (附件1): the whole tree, one row per leaf, upper levels merged over their leaves. */
export function scoreSheet(result: EvaluationResult, locale: RenderLocale): Table {
  const L = (k: LabelKey) => label(locale, k);
  const depth = Math.max(1, depthOf(result.indicators));
  const columns: Column[] = [];
  for (let l = 1; l <= depth; l++) {
    columns.push({ key: `level${l}`, header: levelName(locale, l), kind: "text", width: 8 });
    columns.push({ key: `weight${l}`, header: L("weight"), kind: "decimal", width: 4 });
  }
  const scoreCol = depth * 2 + 2;
  columns.push(
    { key: "explain", header: L("explain"), kind: "text", width: 22 },
    { key: "criteria", header: L("criteria"), kind: "text", width: 24 },
    { key: "score", header: L("score"), kind: "decimal", width: 5 },
    { key: "note", header: L("note"), kind: "text", width: 34 },
  );
  const g = new GridBuilder(columns);
  const rootRows: number[] = [];
  const leafRows: number[] = [];
  const walk = (n: IndicatorResult) => {
    if (n.children.length) {
      const first = g.rows.length;
      n.children.forEach(walk);
      const col = (n.level - 1) * 2;
      g.rows[first]!.cells[col] = { ...text(n.name), node: n.id };
      g.rows[first]!.cells[col + 1] = num(n.weight);
      g.merge(first, col, g.rows.length - first);
      g.merge(first, col + 1, g.rows.length - first);
      if (n.level === 1) rootRows.push(first);
      return;
    }
    const cells = columns.map(() => text(""));
    const col = (n.level - 1) * 2;
    cells[col] = { ...text(n.name), node: n.id };
    cells[col + 1] = num(n.weight);
    cells[depth * 2] = text(n.explain);
    cells[depth * 2 + 1] = text(n.criteria);
    cells[scoreCol] = num(n.score, "decimal", label(locale, "unscored"));
    cells[depth * 2 + 3] = text(n.note);
    const r = g.add("data", cells);
    leafRows.push(r);
    if (n.level === 1) rootRows.push(r);
    // a leaf above the deepest level keeps its weight in its own level's 分值 column (so the
    // 合计 SUM over root weights finds leaf roots too); the deeper levels are one empty cell
    if (n.level < depth) g.merge(r, col + 2, 1, depth * 2 - col - 2);
  };
  result.indicators.forEach(walk);
  const total = columns.map(() => text(""));
  total[0] = text(L("total"));
  total[1] = num(result.total.weight);
  total[scoreCol] = num(result.total.score, "decimal", "—");
  const t = g.add("total", total);
  g.formula(t, 1, { kind: "sum", rows: rootRows });
  g.formula(t, scoreCol, { kind: "sum", rows: leafRows });
  g.merge(t, 2, 1, scoreCol - 2);
  return g.table({ id: "scores", name: "scores", title: label(locale, "scoreSheet"), orientation: "landscape" });
}

/** 得分情况表: per block (a root, or a group of roots/branches) its rows, 小计, then 合计. */
export function summaryTable(result: EvaluationResult, groups: Grouping[], locale: RenderLocale): Table {
  const L = (k: LabelKey) => label(locale, k);
  const g = new GridBuilder([
    { key: "level1", header: levelName(locale, 1), kind: "text", width: 10 },
    { key: "level2", header: levelName(locale, 2), kind: "text", width: 14 },
    { key: "weight", header: L("weightShort"), kind: "decimal", width: 6 },
    { key: "score", header: L("score"), kind: "decimal", width: 6 },
    { key: "rate", header: L("rate"), kind: "percent", width: 8 },
  ]);
  const subtotals: number[] = [];
  const weights: string[] = [];
  const scores: string[] = [];
  for (const block of summaryBlocks(result, groups, locale)) {
    const first = g.rows.length;
    for (const m of block.members) {
      const r = g.add("data", [text(block.label), text(m.level === 1 && !block.grouped ? "" : m.name), num(m.weight), num(m.score), num(m.rate, "percent")]);
      g.rows[r]!.cells[4]!.text = rateText(m.rate);
      g.formula(r, 2, { kind: "node", node: m.id, field: "weight" });
      g.formula(r, 3, { kind: "node", node: m.id, field: "score" });
      g.formula(r, 4, { kind: "ratio", num: 3, den: 2 });
    }
    const rows = block.members.map((_, i) => first + i);
    g.merge(first, 0, rows.length);
    const w = sumText(block.members.map((m) => m.weight));
    const s = sumText(block.members.map((m) => m.score));
    const rate = rateOf(s, w);
    const st = g.add("subtotal", [text(L("subtotal")), text(""), num(w), num(s), { ...num(rate, "percent"), text: rateText(rate) }]);
    g.merge(st, 0, 1, 2);
    g.formula(st, 2, { kind: "sum", rows });
    g.formula(st, 3, { kind: "sum", rows });
    g.formula(st, 4, { kind: "ratio", num: 3, den: 2 });
    subtotals.push(st);
    weights.push(w);
    scores.push(s);
  }
  const tw = sumText(weights);
  const ts = sumText(scores);
  const tr = rateOf(ts, tw);
  const t = g.add("total", [text(L("total")), text(""), num(tw), num(ts), { ...num(tr, "percent"), text: rateText(tr) }]);
  g.merge(t, 0, 1, 2);
  g.formula(t, 2, { kind: "sum", rows: subtotals });
  g.formula(t, 3, { kind: "sum", rows: subtotals });
  g.formula(t, 4, { kind: "ratio", num: 3, den: 2 });
  return g.table({ id: "summary", name: "summary", title: label(locale, "summary"), orientation: "portrait" });
}

/** 表4-x: one root's branches and leaves with weight and score, and its 合计. */
export function rootTable(result: EvaluationResult, root: IndicatorResult, id: string, locale: RenderLocale): Table {
  const L = (k: LabelKey) => label(locale, k);
  const depth = Math.max(2, depthOf([root]));
  const columns: Column[] = [];
  for (let l = 2; l <= depth; l++) columns.push({ key: `level${l}`, header: levelName(locale, l), kind: "text", width: 14 });
  const wc = columns.length;
  columns.push({ key: "weight", header: L("weightShort"), kind: "decimal", width: 6 }, { key: "score", header: L("score"), kind: "decimal", width: 6 });
  const g = new GridBuilder(columns);
  const leafRows: number[] = [];
  const walk = (n: IndicatorResult) => {
    if (n.children.length && n !== root) {
      const first = g.rows.length;
      n.children.forEach(walk);
      g.rows[first]!.cells[n.level - 2] = text(n.name);
      g.merge(first, n.level - 2, g.rows.length - first);
      return;
    }
    if (n.children.length) return n.children.forEach(walk);
    const cells = columns.map(() => text(""));
    cells[Math.max(0, n.level - 2)] = text(n.name);
    cells[wc] = num(n.weight);
    cells[wc + 1] = num(n.score, "decimal", label(locale, "unscored"));
    const r = g.add("data", cells);
    leafRows.push(r);
    g.formula(r, wc, { kind: "node", node: n.id, field: "weight" });
    g.formula(r, wc + 1, { kind: "node", node: n.id, field: "score" });
    const col = Math.max(0, n.level - 2);
    if (col < wc - 1) g.merge(r, col, 1, wc - col);
  };
  walk(root);
  const total = columns.map(() => text(""));
  total[0] = text(L("total"));
  total[wc] = num(root.weight);
  total[wc + 1] = num(root.score);
  const t = g.add("total", total);
  g.merge(t, 0, 1, wc);
  g.formula(t, wc, { kind: "sum", rows: leafRows });
  g.formula(t, wc + 1, { kind: "sum", rows: leafRows });
  void result;
  return g.table({ id, name: "roots", title: label(locale, "rootTable", { name: isolate(root.name) }), orientation: "portrait" });
}

/** 扣分明细: per root a heading row (总分/实得/扣), then one worded sentence per leaf and 问题定性 (wording.ts). */
export function deductionTable(result: EvaluationResult, locale: RenderLocale): Table {
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(locale, k, a);
  const g = new GridBuilder([
    { key: "no", header: L("no"), kind: "integer", width: 4 },
    { key: "indicator", header: L("indicator"), kind: "text", width: 14 },
    { key: "deducted", header: L("deducted"), kind: "decimal", width: 6 },
    { key: "reason", header: L("reason"), kind: "text", width: 50 },
    { key: "basis", header: L("source"), kind: "text", width: 8 },
  ]);
  for (const r of deductionProse(result, locale)) {
    const h = g.add("group", [text(r.head), text(""), text(""), text(""), text("")]);
    g.merge(h, 0, 1, 5);
    r.items.forEach((item, i) => {
      const leaf = leavesOf(r.root).find((l) => l.name === item.indicator);
      g.add("data", [num(String(i + 1), "integer"), text(item.indicator), num(item.amount), text(item.text), text(leaf ? basisOf(leaf, L) : "")]);
    });
  }
  return g.table({ id: "deductions", name: "deductions", title: L("deductions"), orientation: "portrait" });
}

function basisOf(leaf: IndicatorResult, L: (k: LabelKey) => string): string {
  const kind = leaf.method.kind;
  const source = kind === "perFinding" ? "finding" : kind === "judgement" ? "judgement" : kind;
  return ["finding", "judgement", "ratio", "bands", "satisfaction", "fixed", "elements", "targets"].includes(source) ? L(`basis_${source}` as LabelKey) : "";
}

/** 问题清单: findings grouped by unit, then project (first appearance order), merged like 附件2. */
export function findingTable(result: EvaluationResult, locale: RenderLocale): Table {
  const L = (k: LabelKey) => label(locale, k);
  const g = new GridBuilder([
    { key: "no", header: L("no"), kind: "integer", width: 4 },
    { key: "unit", header: L("unit"), kind: "text", width: 12 },
    { key: "project", header: L("project"), kind: "text", width: 14 },
    { key: "class", header: L("class"), kind: "text", width: 8 },
    { key: "type", header: L("type"), kind: "text", width: 12 },
    { key: "issue", header: L("issue"), kind: "text", width: 14 },
    { key: "description", header: L("description"), kind: "text", width: 40 },
    { key: "related", header: L("related"), kind: "text", width: 12 },
  ]);
  const units: string[] = [];
  const byUnit = new Map<string, Map<string, FindingResult[]>>();
  for (const f of result.findings) {
    const u = f.unit ?? "";
    const p = f.project ?? "";
    if (!byUnit.has(u)) {
      byUnit.set(u, new Map());
      units.push(u);
    }
    const projects = byUnit.get(u)!;
    if (!projects.has(p)) projects.set(p, []);
    projects.get(p)!.push(f);
  }
  const names = new Map<string, string>();
  const index = (ns: IndicatorResult[]) => ns.forEach((n) => (names.set(n.id, n.name), index(n.children)));
  index(result.indicators);
  let no = 0;
  const multiple: { no: number; count: number }[] = [];
  for (const u of units)
    for (const [p, fs] of byUnit.get(u)!)
      for (const f of fs) {
        if (f.count > 1) multiple.push({ no: no + 1, count: f.count });
        g.add("data", [
          num(String(++no), "integer"),
          text(u),
          text(p),
          text(f.class),
          // a finding with its own 具体问题 but no 问题定性 keeps its title there, not nowhere
          text(f.type ?? (f.issue !== undefined ? f.title : undefined)),
          text(f.issue ?? f.title ?? f.id),
          text(f.description),
          text(f.on.map((id) => isolate(names.get(id) ?? id)).join("、")),
        ]);
      }
  const last = g.rows.length - 1;
  const unitOf = (r: number) => g.rows[r]!.cells[1]!.text;
  const projectOf = (r: number) => `${unitOf(r)}\u0000${g.rows[r]!.cells[2]!.text}`;
  if (last >= 0) {
    // merge inner columns first: mergeRuns reads texts, which covered cells keep
    mergeRuns(g, 4, 0, last, (r) => `${projectOf(r)}\u0000${g.rows[r]!.cells[3]!.text}`);
    mergeRuns(g, 3, 0, last, projectOf);
    mergeRuns(g, 2, 0, last, unitOf);
    mergeRuns(g, 1, 0, last, () => "");
  }
  return g.table({ id: "findings", name: "findings", title: L("findings"), orientation: "landscape", notes: last < 0 ? [L("noFindings")] : caseNotes(multiple, no, caseCount(result.findings), locale) });
}

/**
 * The note under 问题清单 when a row stands for more than one case: the report's prose counts cases
 * ({{问题数}}, "共发现问题39例") and the table lists findings, so without it the two read as a
 * contradiction (38 rows, 39 cases). Rows are named by their 序号, as the table numbers them.
 */
function caseNotes(multiple: readonly { no: number; count: number }[], rows: number, cases: number, locale: RenderLocale): string[] {
  if (!multiple.length) return [];
  return locale === "zh"
    ? [`注：${multiple.map((m) => `第${m.no}项含${m.count}例`).join("，")}；共${rows}项、${cases}例。`]
    : [`Note: ${multiple.map((m) => `item ${m.no} counts ${m.count} cases`).join(", ")}; ${rows} items, ${cases} cases in all.`];
}

/**
 * 绩效目标完成情况表: 序号 | 绩效目标 | 类别 | 目标值 | 实际值 | 完成率 | 是否完成 | 偏差原因. The completion
 * is not capped (over-achievement shows); a deadline shows days late or early, a qualitative target its tier.
 */
export function targetTables(result: EvaluationResult, locale: RenderLocale, targets = result.targets ?? [], id = "targets", title = label(locale, "targets")): Table[] {
  if (targets.length === 0) return [];
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(locale, k, a);
  const g = new GridBuilder([
    { key: "no", header: L("no"), kind: "integer", width: 4 },
    { key: "target", header: L("target"), kind: "text", width: 18 },
    { key: "class", header: L("targetClass"), kind: "text", width: 6 },
    { key: "expected", header: L("expected"), kind: "text", width: 14, values: true },
    { key: "actual", header: L("actual"), kind: "text", width: 14, values: true },
    { key: "completion", header: L("completion"), kind: "percent", width: 9 },
    { key: "met", header: L("met"), kind: "text", width: 6 },
    { key: "reason", header: L("deviationReason"), kind: "text", width: 24 },
  ]);
  targets.forEach((t, i) => {
    let completion: Cell;
    if (t.deviationUnit === "days" && t.deviation !== null) {
      const days = Number(t.deviation);
      completion = text(days > 0 ? L("daysLate", { n: days }) : days < 0 ? L("daysEarly", { n: -days }) : L("onTime"));
    } else if (t.operator === "qualitative") completion = text(t.tier ? L(`tier_${t.tier}`) : "");
    else completion = t.completion === null ? text("") : { text: percentText(t.completion), kind: "percent", value: t.completion };
    const met = t.operator === "qualitative" && t.tier ? L(`tier_${t.tier}`) : t.met === null ? "" : L(t.met ? "yes" : "no_");
    g.add("data", [num(String(i + 1), "integer"), text(t.name), text(t.class), text(t.expected.text), text(t.actual?.text), completion, text(met), text(t.reason)]);
  });
  const beyond = targets.filter((t) => t.deviationTooLarge).map((t) => {
    const rate = t.completion === null ? "" : percentText(t.completion);
    return locale === "zh" ? `${isolate(t.name)}（${rate}）` : `${isolate(t.name)} (${rate})`;
  });
  const notes = beyond.length ? [L("deviationNote", { list: beyond.join(locale === "zh" ? "、" : ", ") })] : [];
  return [g.table({ id, name: "targets", title, orientation: "landscape", notes })];
}

/** The rate and root charts; with several subjects one series per subject, read from its own tree. */
function charts(result: EvaluationResult, L: (k: LabelKey) => string, subjects: SubjectView[]): Chart[] {
  const branches = result.indicators.flatMap((r) => (r.children.length ? r.children : [r]));
  const trees = subjects.length ? subjects.map((s) => ({ name: s.name, node: nodesById(s.indicators) })) : [{ name: null, node: nodesById(result.indicators) }];
  return [
    {
      id: "rates",
      title: L("chartRates"),
      unit: "percent",
      categories: branches.map((b) => b.name),
      series: trees.map((t) => ({ name: t.name ?? L("rate"), values: branches.map((b) => t.node.get(b.id)?.rate ?? "0") })),
    },
    {
      id: "roots",
      title: L("chartRoots"),
      unit: "points",
      categories: result.indicators.map((r) => r.name),
      series: [
        { name: L("weightShort"), values: result.indicators.map((r) => r.weight) },
        ...trees.map((t) => ({ name: t.name ?? L("score"), values: result.indicators.map((r) => t.node.get(r.id)?.score ?? "0") })),
      ],
    },
  ];
}

/**
 * The tables of an evaluation with several subjects: the side-by-side comparison (body), the
 * deductions of every subject (one block per subject), then one 评分表 per subject and the
 * 问题清单 as appendices.
 */
function subjectTables(result: EvaluationResult, subjects: SubjectView[], want: (name: TableName) => boolean, locale: RenderLocale): Table[] {
  const tables: Table[] = [];
  if (want("comparison") || want("summary")) tables.push(comparisonTable(result, locale));
  if (want("deductions")) tables.push(subjectDeductionTable(result, subjects, locale));
  // one 绩效目标完成情况表 per subject that states targets (decision 0182)
  if (want("targets"))
    (result.subjects ?? []).forEach((s, i) => tables.push(...targetTables(result, locale, s.targets ?? [], `targets-${i + 1}`, label(locale, "subjectTargets", { name: isolate(s.name) }))));
  let appendix = 0;
  if (want("scores"))
    subjects.forEach((s, i) => {
      const sheet = scoreSheet(subjectResult(result, s), locale);
      tables.push({ ...sheet, id: `scores-${i + 1}`, title: label(locale, "subjectScoreSheet", { name: isolate(s.name) }), appendix: ++appendix });
    });
  if (want("findings")) tables.push({ ...findingTable(result, locale), appendix: ++appendix });
  return tables;
}

/** 得分对比表: every indicator of the framework (indented by level) × every subject's 得分 and 得分率; 合计, 报告得分 and 评价等级 rows. */
export function comparisonTable(result: EvaluationResult, locale: RenderLocale): Table {
  const L = (k: LabelKey, a?: Record<string, string | number>) => label(locale, k, a);
  const subjects = subjectsOf(result);
  const columns: Column[] = [
    // 20 wide: printers set it left-aligned (long text), so the indentation by level shows
    { key: "indicator", header: L("indicator"), kind: "text", width: 20 },
    { key: "weight", header: L("weight"), kind: "decimal", width: 5 },
  ];
  subjects.forEach((s, i) => {
    columns.push(
      { key: `score${i + 1}`, header: L("subjectScore", { name: isolate(s.name) }), kind: "decimal", width: 6 },
      { key: `rate${i + 1}`, header: L("subjectRate", { name: isolate(s.name) }), kind: "percent", width: 7 },
    );
  });
  const g = new GridBuilder(columns);
  const scoreCol = (i: number) => 2 + i * 2;
  const rootRows: number[] = [];
  for (const row of comparisonOf(result)) {
    const cells = [text("\u3000".repeat(Math.max(0, row.level - 1)) + row.name), num(row.weight)];
    for (const s of subjects) {
      const c = row.cells.find((x) => x.subject === s.id);
      cells.push(num(c?.score ?? null, "decimal", L("unscored")), { ...num(c?.rate ?? null, "percent"), text: rateText(c?.rate ?? null) });
    }
    const r = g.add("data", cells);
    if (row.level === 1) rootRows.push(r);
    subjects.forEach((_, i) => g.formula(r, scoreCol(i) + 1, { kind: "ratio", num: scoreCol(i), den: 1 }));
  }
  const total = [text(L("total")), num(result.total.weight)];
  for (const s of subjects) total.push(num(s.total.score, "decimal", L("unscored")), { ...num(s.total.rate, "percent"), text: rateText(s.total.rate) });
  const t = g.add("total", total);
  g.formula(t, 1, { kind: "sum", rows: rootRows });
  subjects.forEach((_, i) => {
    g.formula(t, scoreCol(i), { kind: "sum", rows: rootRows });
    g.formula(t, scoreCol(i) + 1, { kind: "ratio", num: scoreCol(i), den: 1 });
  });
  // 报告得分 and 评价等级: one value per subject, spanning its 得分 and 得分率 columns
  const spannedRow = (name: string, values: Cell[]) => {
    const r = g.add("total", [text(name), text(""), ...values.flatMap((v) => [v, text("")])]);
    g.merge(r, 0, 1, 2);
    subjects.forEach((_, i) => g.merge(r, scoreCol(i), 1, 2));
  };
  if (subjects.some((s) => s.total.declared !== null)) spannedRow(L("declaredTotal"), subjects.map((s) => num(s.total.declared)));
  spannedRow(L("grade"), subjects.map((s) => text(isolate(s.grade.name ?? "—") + (s.grade.vetoedBy ? L("vetoed", { name: isolate(s.grade.vetoedBy) }) : ""))));
  return g.table({ id: "comparison", name: "comparison", title: L("comparison"), orientation: subjects.length > 3 ? "landscape" : "portrait" });
}

/** 扣分明细 of several subjects: one heading row per subject, then its roots and sentences as for one subject. */
function subjectDeductionTable(result: EvaluationResult, subjects: SubjectView[], locale: RenderLocale): Table {
  const tables = subjects.map((s) => deductionTable(subjectResult(result, s), locale));
  const rows: Row[] = [];
  subjects.forEach((s, i) => {
    const head: Row = { kind: "group", cells: tables[i]!.columns.map(() => text("")) };
    head.cells[0] = { ...text(isolate(s.name)), colSpan: 5 };
    for (let c = 1; c < 5; c++) head.cells[c] = { text: head.cells[0]!.text, kind: "text", covered: true, anchor: [rows.length, 0] };
    rows.push(head);
    const offset = rows.length;
    for (const r of tables[i]!.rows) rows.push({ ...r, cells: r.cells.map((c) => (c.anchor ? { ...c, anchor: [c.anchor[0] + offset, c.anchor[1]] as [number, number] } : c)) });
  });
  return { ...tables[0]!, rows };
}
