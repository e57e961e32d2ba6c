import { percentText } from "@perf/engine";
import { keywordText, translator, type KeywordName, type Locale } from "@perf/language";
import type { Cause, Change, EvaluationDiff, FindingDiff, NodeDiff, Rule, SubjectDiff, ValueDiff } from "./model.js";

/** Printers of one {@link EvaluationDiff}: text (terraform-style markers), Markdown and JSON. */
export interface PrintOptions {
  locale: Locale;
  /** ANSI colours, for a TTY only. */
  color?: boolean;
  /** Decimals of score deltas (the evaluation's precision). */
  precision?: number;
  /** Shown in the heading: what was compared. */
  label?: string;
}

const words = {
  weight: { zh: "分值", en: "weight" },
  score: { zh: "得分", en: "score" },
  rule: { zh: "计分方法", en: "rule" },
  declared: { zh: "报告得分", en: "declared" },
  total: { zh: "总分", en: "total" },
  grade: { zh: "等级", en: "grade" },
  indicator: { zh: "指标", en: "indicator" },
  finding: { zh: "问题", en: "finding" },
  fact: { zh: "数据", en: "fact" },
  survey: { zh: "调查", en: "survey" },
  veto: { zh: "否决", en: "veto" },
  renamed: { zh: "重命名自", en: "renamed from" },
  movedFrom: { zh: "移自", en: "moved from" },
  text: { zh: "文字修改", en: "text changed" },
  header: { zh: "评价信息修改", en: "header changed" },
  on: { zh: "关联", en: "on" },
  cases: { zh: "例", en: "case(s)" },
  subtree: { zh: "含下级共 {n} 个指标", en: "{n} indicators with its children" },
  none: { zh: "无变化", en: "no changes" },
  vetoed: { zh: "否决", en: "vetoed" },
  children: { zh: "下级指标得分变化", en: "children's scores changed" },
  noGrade: { zh: "无", en: "none" },
  subject: { zh: "评价对象", en: "subject" },
} as const;

const fieldNames: Record<string, { zh: string; en: string }> = {
  name: { zh: "名称", en: "name" },
  explain: { zh: "指标解释", en: "explain" },
  criteria: { zh: "评价标准", en: "criteria" },
  note: { zh: "评价说明", en: "note" },
  evidence: { zh: "证据", en: "evidence" },
  title: { zh: "标题", en: "title" },
  unit: { zh: "单位", en: "unit" },
  project: { zh: "项目", en: "project" },
  class: { zh: "类别", en: "class" },
  type: { zh: "定性", en: "type" },
  issue: { zh: "具体问题", en: "issue" },
  description: { zh: "描述", en: "description" },
  period: { zh: "年度", en: "period" },
  client: { zh: "委托方", en: "client" },
  evaluator: { zh: "评价机构", en: "evaluator" },
  subject: { zh: "评价对象", en: "subject" },
  precision: { zh: "精度", en: "precision" },
  grades: { zh: "等级", en: "grades" },
};

const lookup = translator(words);
const w = (k: keyof typeof words, l: Locale, n?: number) => lookup(l, k, { n: n ?? "" });
const field = (k: string, l: Locale) => fieldNames[k]?.[l] ?? k;
const MINUS = "\u2212";

/** A signed delta at the evaluation's precision: "+0.60", "−0.60", "0.00". */
export function signed(delta: string | null, precision = 2): string {
  if (delta === null) return "";
  const neg = delta.startsWith("-");
  const abs = neg ? delta.slice(1) : delta;
  const [int, frac = ""] = abs.split(".");
  const fixed = precision > 0 ? `${int}.${(frac + "0".repeat(precision)).slice(0, Math.max(precision, frac.replace(/0+$/, "").length))}` : int!;
  const zero = /^[0.]*$/.test(fixed);
  return zero ? fixed : (neg ? MINUS : "+") + fixed;
}

export function ruleText(r: Rule, l: Locale): string {
  const sp = l === "zh" ? "zh" : "en";
  const k = (n: KeywordName) => keywordText(n, sp);
  switch (r.kind) {
    case "fixed":
      return l === "zh" ? "固定得分" : "fixed score";
    case "judgement":
      return k("Deduct");
    case "ratio":
      return `${k("Ratio")} ${r.detail}`;
    case "perFinding":
      return `${k("Per")} ${k("Finding")} ${k("Deduct")} ${r.detail.replace(" max ", ` ${k("Max")} `)}`;
    case "bands":
      return `${k("Bands")} ${r.detail}`;
    case "satisfaction":
      return `${k("Satisfaction")} ${r.detail.replace(/^mean/, k("Mean")).replace(/^weighted/, k("Weighted"))}`;
    case "elements":
      return `${k("Elements")} ${r.detail}`;
    case "sum":
      return l === "zh" ? "下级合计" : "sum of children";
    default:
      return l === "zh" ? "未评分" : "unscored";
  }
}

export function causeText(c: Cause, l: Locale): { marker: "+" | "-" | "~"; text: string } {
  const zh = l === "zh";
  switch (c.kind) {
    case "findingAdded":
      return { marker: "+", text: `${w("finding", l)} ${c.finding}${casesNote(c.cases, zh)}` };
    case "findingRemoved":
      return { marker: "-", text: `${w("finding", l)} ${c.finding}${casesNote(c.cases, zh)}` };
    case "findingCount":
      return { marker: "~", text: `${w("finding", l)} ${c.finding} ${c.old} → ${c.new} ${w("cases", l)}` };
    case "deductionAdded":
      return { marker: "+", text: `${keywordText("Deduct", l)} ${c.amount} "${c.reason}"` };
    case "deductionRemoved":
      return { marker: "-", text: `${keywordText("Deduct", l)} ${c.amount} "${c.reason}"` };
    case "deductionEdited":
      return { marker: "~", text: `${keywordText("Deduct", l)} ${c.old} → ${c.new} "${c.reason}"` };
    case "factChanged":
      return { marker: "~", text: `${w("fact", l)} ${c.fact} ${c.old ?? "?"} → ${c.new ?? "?"}${c.unit ? " " + c.unit : ""}` };
    case "surveyChanged":
      return { marker: "~", text: `${w("survey", l)} ${c.survey} ${pct(c.old)} → ${pct(c.new)}` };
  }
}

const casesNote = (n: number, zh: boolean) => (n === 1 ? "" : zh ? `（${n} 例）` : ` (${n} cases)`);

function pct(v: string | null): string {
  return v === null ? "?" : percentText(v, true);
}

/** The one-line summary, e.g. "2 个分值变化，新增 3 个问题，总分 82.46 → 81.86（−0.60），良 → 良". */
export function summaryLine(d: EvaluationDiff, o: PrintOptions): string {
  const l = o.locale;
  const zh = l === "zh";
  const c = d.counts;
  const parts: string[] = [];
  const en = (n: number, one: string, many: string, verb: string) => `${n} ${n === 1 ? one : many} ${verb}`;
  const add = (n: number, zhText: string, enText: string) => {
    if (n) parts.push(zh ? zhText.replace("N", String(n)) : enText);
  };
  add(c.weights, "N 个分值变化", en(c.weights, "weight", "weights", "changed"));
  add(c.rules, "N 个计分方法变化", en(c.rules, "rule", "rules", "changed"));
  add(c.indicatorsAdded, "新增 N 个指标", en(c.indicatorsAdded, "indicator", "indicators", "added"));
  add(c.indicatorsRemoved, "删除 N 个指标", en(c.indicatorsRemoved, "indicator", "indicators", "removed"));
  add(c.indicatorsRenamed, "重命名 N 个指标", en(c.indicatorsRenamed, "indicator", "indicators", "renamed"));
  add(c.indicatorsMoved, "移动 N 个指标", en(c.indicatorsMoved, "indicator", "indicators", "moved"));
  add(c.deductions, "N 处扣分变化", en(c.deductions, "deduction", "deductions", "changed"));
  add(c.findingsAdded, "新增 N 个问题", en(c.findingsAdded, "finding", "findings", "added"));
  add(c.findingsRemoved, "删除 N 个问题", en(c.findingsRemoved, "finding", "findings", "removed"));
  add(c.findingsChanged, "修改 N 个问题", en(c.findingsChanged, "finding", "findings", "changed"));
  add(c.facts, "N 个数据变化", en(c.facts, "fact", "facts", "changed"));
  add(c.surveys, "N 个调查变化", en(c.surveys, "survey", "surveys", "changed"));
  add(c.vetoes, "N 个否决条件变化", en(c.vetoes, "veto", "vetoes", "changed"));
  add(c.texts, "N 处文字修改", en(c.texts, "text", "texts", "changed"));
  add(c.header, "N 项评价信息修改", en(c.header, "header field", "header fields", "changed"));
  const grade = (g: string | null) => g ?? w("noGrade", l);
  const sep = zh ? "，" : ", ";
  if (d.subjects?.length) {
    const each = d.subjects.map((x) =>
      x.changed ? `${x.name} ${totalChange(x.total, o)}${sep}${grade(x.grade.old)} → ${grade(x.grade.new)}` : `${x.name} ${x.total.new ?? "—"}${sep}${grade(x.grade.new)}`,
    );
    if (!d.changed) return `${w("none", l)}${sep}${each.join(zh ? "；" : "; ")}`;
    return [...parts, each.join(zh ? "；" : "; ")].join(sep);
  }
  if (!d.changed) return zh ? `无变化，总分 ${d.total.new ?? "—"}，${grade(d.grade.new)}` : `no changes, total ${d.total.new ?? "—"}, ${grade(d.grade.new)}`;
  parts.push(`${w("total", l)} ${totalChange(d.total, o)}`);
  parts.push(`${grade(d.grade.old)} → ${grade(d.grade.new)}`);
  return parts.join(sep);
}

/** "82.46 → 81.86（−0.60）"; a dash for a side with no score. */
function totalChange(t: Change<string | null> & { delta: string | null }, o: PrintOptions): string {
  const delta = signed(t.delta, o.precision);
  const note = delta ? (o.locale === "zh" ? `（${delta}）` : ` (${delta})`) : "";
  return `${t.old ?? "—"} → ${t.new ?? "—"}${note}`;
}

interface Entry {
  marker: "+" | "-" | "~";
  head: string;
  details: { marker?: "+" | "-" | "~"; text: string }[];
}

function nodeEntry(n: NodeDiff, o: PrintOptions): Entry {
  const l = o.locale;
  const path = n.path.join(" › ");
  if (n.status !== "changed") {
    const s = n.snapshot!;
    const details = [{ text: `${w("weight", l)} ${s.weight}，${w("score", l)} ${s.score ?? "—"}，${ruleText(s.rule, l)}`.replace(/，/g, l === "zh" ? "，" : ", ") }];
    if (s.size > 1) details.push({ text: w("subtree", l, s.size) });
    return { marker: n.status === "added" ? "+" : "-", head: `${w("indicator", l)} ${path}`, details };
  }
  const details: Entry["details"] = [];
  if (n.oldId) details.push({ text: `${w("renamed", l)} ${n.oldId}` });
  if (n.movedFrom) details.push({ text: `${w("movedFrom", l)} ${n.movedFrom.join(" › ")}` });
  if (n.weight) details.push({ text: `${w("weight", l)} ${n.weight.old} → ${n.weight.new}` });
  if (n.rule) details.push({ text: `${w("rule", l)} ${ruleText(n.rule.old, l)} → ${ruleText(n.rule.new, l)}` });
  if (n.score) {
    const d = signed(n.score.delta, o.precision);
    details.push({ text: `${w("score", l)} ${n.score.old ?? "—"} → ${n.score.new ?? "—"}${d ? (l === "zh" ? `（${d}）` : ` (${d})`) : ""}` });
    if (!n.leaf && !n.weight && !n.rule) details.push({ text: w("children", l) });
  }
  for (const c of n.causes) {
    const t = causeText(c, l);
    details.push({ marker: t.marker, text: t.text });
  }
  if (n.declared) details.push({ text: `${w("declared", l)} ${n.declared.old ?? "—"} → ${n.declared.new ?? "—"}` });
  if (n.text.length) details.push({ text: `${w("text", l)}：${n.text.map((k) => field(k, l)).join("、")}`.replace("：", l === "zh" ? "：" : ": ").replace(/、/g, l === "zh" ? "、" : ", ") });
  return { marker: "~", head: `${w("indicator", l)} ${path}`, details };
}

function findingEntry(f: FindingDiff, o: PrintOptions): Entry {
  const l = o.locale;
  const sep = l === "zh" ? "、" : ", ";
  const on = f.on.length ? ` ${w("on", l)} ${f.on.join(sep)}` : "";
  const marker = f.status === "added" ? "+" : f.status === "removed" ? "-" : "~";
  const details: Entry["details"] = [];
  if (f.status === "changed") {
    if (f.oldId) details.push({ text: `${w("renamed", l)} ${f.oldId}` });
    if (f.onChange) details.push({ text: `${w("on", l)} ${f.onChange.old.join(sep) || "—"} → ${f.onChange.new.join(sep) || "—"}` });
    if (f.countChange) details.push({ text: `${f.countChange.old} → ${f.countChange.new} ${w("cases", l)}` });
    if (f.text.length) details.push({ text: `${w("text", l)}${l === "zh" ? "：" : ": "}${f.text.map((k) => field(k, l)).join(sep)}` });
  } else if (f.count !== 1) details.push({ text: `${f.count} ${w("cases", l)}` });
  return { marker, head: `${w("finding", l)} ${f.id}${f.title ? ` "${f.title}"` : ""}${on}`, details };
}

function valueEntry(v: ValueDiff, o: PrintOptions): Entry {
  const l = o.locale;
  const veto = (x: string) => (x === "true" ? (l === "zh" ? "触发" : "triggered") : l === "zh" ? "未触发" : "not triggered");
  const show = (x: string | null) => (x === null ? "—" : v.kind === "survey" ? pct(x) : v.kind === "veto" ? veto(x) : x);
  const value = v.status === "changed" ? `${show(v.value.old)} → ${show(v.value.new)}` : show(v.status === "added" ? v.value.new : v.value.old);
  return { marker: v.status === "added" ? "+" : v.status === "removed" ? "-" : "~", head: `${w(v.kind, l)} ${v.id} ${value}`, details: [] };
}

function entries(d: EvaluationDiff, o: PrintOptions): Entry[] {
  const out: Entry[] = [];
  if (d.header.length) out.push({ marker: "~", head: `${w("header", l(o))}${l(o) === "zh" ? "：" : ": "}${d.header.map((k) => field(k, l(o))).join(l(o) === "zh" ? "、" : ", ")}`, details: [] });
  out.push(...d.nodes.map((n) => nodeEntry(n, o)));
  out.push(...d.findings.map((f) => findingEntry(f, o)));
  out.push(...d.values.map((v) => valueEntry(v, o)));
  return out;
}
const l = (o: PrintOptions) => o.locale;

function totalLine(d: Pick<SubjectDiff, "total" | "grade" | "vetoedBy">, o: PrintOptions): string {
  const g = (x: string | null) => x ?? w("noGrade", o.locale);
  const total = d.total.old === d.total.new ? (d.total.new ?? "—") : totalChange(d.total, o);
  const grade = d.grade.old === d.grade.new ? g(d.grade.new) : `${g(d.grade.old)} → ${g(d.grade.new)}`;
  const veto = d.vetoedBy.new ? (o.locale === "zh" ? `（否决：${d.vetoedBy.new}）` : ` (vetoed: ${d.vetoedBy.new})`) : "";
  return `${w("total", o.locale)} ${total}  ${w("grade", o.locale)} ${grade}${veto}`;
}

/** A subject's section: its heading, its changed scores with their causes, its values and its total line. */
function subjectEntries(s: SubjectDiff, o: PrintOptions): { head: string; entries: Entry[]; total: string } {
  const marker = s.status === "added" ? "+ " : s.status === "removed" ? "- " : "";
  return { head: `${marker}${w("subject", o.locale)} ${s.name}`, entries: [...s.nodes.map((n) => nodeEntry(n, o)), ...s.values.map((v) => valueEntry(v, o))], total: totalLine(s, o) };
}

const colours = { "+": "32", "-": "31", "~": "33" } as const;

export function printText(d: EvaluationDiff, o: PrintOptions): string {
  const paint = (m: "+" | "-" | "~", s: string) => (o.color ? `\u001b[${colours[m]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  if (o.label) out.push(o.color ? `\u001b[1m${o.label}\u001b[0m` : o.label);
  for (const e of entries(d, o)) {
    out.push(paint(e.marker, `${e.marker} ${e.head}`));
    for (const x of e.details) out.push(x.marker ? "    " + paint(x.marker, `${x.marker} ${x.text}`) : `    ${x.text}`);
  }
  if (d.changed) out.push("");
  if (d.subjects?.length) {
    for (const s of d.subjects) {
      const x = subjectEntries(s, o);
      out.push(o.color ? `\u001b[1m${x.head}\u001b[0m` : x.head);
      for (const e of x.entries) {
        out.push("  " + paint(e.marker, `${e.marker} ${e.head}`));
        for (const y of e.details) out.push(y.marker ? "      " + paint(y.marker, `${y.marker} ${y.text}`) : `      ${y.text}`);
      }
      out.push(`  ${x.total}`, "");
    }
  } else out.push(totalLine(d, o));
  out.push(summaryLine(d, o));
  return out.join("\n") + "\n";
}

const mdEscape = (s: string) => s.replace(/([\\`*_[\]|<>])/g, "\\$1");

/** Markdown for a pull-request comment: a table of changed indicators, then the rest as lists. */
export function printMarkdown(d: EvaluationDiff, o: PrintOptions): string {
  const zh = o.locale === "zh";
  const out: string[] = [];
  out.push(`### ${o.label ? mdEscape(o.label) : "perf diff"}`, "");
  if (!d.changed) {
    out.push(summaryLine(d, o), "");
    return out.join("\n");
  }
  const nodeEntries = d.nodes.map((n) => ({ n, e: nodeEntry(n, o) }));
  if (nodeEntries.length) {
    out.push(zh ? "| | 指标 | 分值 | 得分 | 说明 |" : "| | indicator | weight | score | details |", "|---|---|---|---|---|");
    for (const { n, e } of nodeEntries) {
      const weight = n.weight ? `${n.weight.old} → ${n.weight.new}` : (n.snapshot?.weight ?? "");
      const score = n.score ? `${n.score.old ?? "—"} → ${n.score.new ?? "—"} (${signed(n.score.delta, o.precision)})` : n.snapshot ? (n.snapshot.score ?? "—") : "";
      const details = e.details
        .filter((x) => !x.text.startsWith(w("weight", o.locale) + " ") && !x.text.startsWith(w("score", o.locale) + " "))
        .map((x) => mdEscape((x.marker ? x.marker + " " : "") + x.text))
        .join("<br>");
      out.push(`| \`${e.marker}\` | ${mdEscape(n.path.join(" › "))} | ${weight} | ${score} | ${details} |`);
    }
    out.push("");
  }
  const rest = [...d.findings.map((f) => findingEntry(f, o)), ...d.values.map((v) => valueEntry(v, o))];
  if (d.header.length) rest.unshift(entries({ ...d, nodes: [], findings: [], values: [] }, o)[0]!);
  if (rest.length) {
    out.push("```diff");
    for (const e of rest) {
      out.push(`${e.marker} ${e.head}`);
      for (const x of e.details) out.push(`${x.marker ?? " "}     ${x.text}`);
    }
    out.push("```", "");
  }
  if (d.subjects?.length)
    for (const s of d.subjects) {
      const x = subjectEntries(s, o);
      out.push(`#### ${mdEscape(x.head)}`, "");
      if (x.entries.length) {
        out.push("```diff");
        for (const e of x.entries) {
          out.push(`${e.marker} ${e.head}`);
          for (const y of e.details) out.push(`${y.marker ?? " "}     ${y.text}`);
        }
        out.push("```", "");
      }
      out.push(`**${mdEscape(x.total)}**`, "");
    }
  else out.push(`**${totalLine(d, o)}**`, "");
  out.push(`> ${summaryLine(d, o)}`, "");
  return out.join("\n");
}

export function printJson(d: EvaluationDiff, o: PrintOptions): string {
  return JSON.stringify({ ...d, summary: summaryLine(d, o) }, null, 2) + "\n";
}
