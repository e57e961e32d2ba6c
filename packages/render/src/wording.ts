import { Decimal, elementNumber, percentText, type EvaluationResult, type IndicatorResult, type Method } from "@perf/engine";
import { sectionNumber, type RenderLocale } from "./labels.js";
import { isolate } from "./text-safety.js";

/**
 * 扣分明细 worded the way evaluation reports write it (seed 000, chapter 三): per root a head
 * sentence "（一）项目决策总分14分，实得12.5分，扣1.5分。", then one sentence per leaf and
 * 问题定性 with counts and the per-case amount, a ratio in words ("预算执行率95.91%，得1.92分"),
 * a band with its value and threshold. Every sentence ends with "。".
 *
 * The one wording module: the table model (扣分明细 rows), the Markdown/HTML/Word printers and
 * the editor's preview all take their sentences from here. It reads the scoring method and the
 * deductions of the result (not the engine's reason strings, except a judgement's own reason and
 * a finding's issue), so deduction causes turning into structured data changes only `cause()`.
 */
export interface DeductionItem {
  /** Indicator name (display name). */
  indicator: string;
  /** Points deducted for this item, exact decimal string. */
  amount: string;
  /** One full sentence. */
  text: string;
}

export interface RootDeductions {
  root: IndicatorResult;
  /** "（一）项目决策总分14分，实得12.5分，扣1.5分。" */
  head: string;
  items: DeductionItem[];
}

const dec = (s: string | null | undefined) => new Decimal(s ?? 0);
const pts = (d: Decimal) => d.toFixed();

/** Strips the sentence-final punctuation a reason may already carry, so we can end it once. */
export function clause(s: string): string {
  return s.trim().replace(/[。；;，,.、\s]+$/u, "");
}

/** Ends a Chinese sentence with "。" (English with "."), never doubling it. */
export function sentence(s: string, locale: RenderLocale): string {
  return clause(s) + (locale === "zh" ? "。" : ".");
}

function leavesOf(n: IndicatorResult): IndicatorResult[] {
  return n.children.length ? n.children.flatMap(leavesOf) : [n];
}

/** ">= 95%" → "≥95%"; "else" → null. */
function conditionText(c: string): string | null {
  if (/^(else|否则)$/i.test(c.trim())) return null;
  return c.replace(/>=/g, "≥").replace(/<=/g, "≤").replace(/!=/g, "≠").replace(/\s+/g, "");
}

function bandValue(m: Extract<Method, { kind: "bands" }>): string {
  if (m.value === null) return "—";
  const percent = m.bands.some((b) => b.condition.includes("%"));
  return percent ? percentText(m.value) : `${dec(m.value).toFixed()}${m.unit ?? ""}`;
}

/** Sentences for one scored leaf; empty when it lost nothing. */
export function leafDeductions(result: EvaluationResult, leaf: IndicatorResult, locale: RenderLocale): DeductionItem[] {
  if (leaf.score === null) return [];
  const zh = locale === "zh";
  const name = isolate(leaf.name);
  const lost = dec(leaf.weight).minus(dec(leaf.score));
  const out: DeductionItem[] = [];
  const add = (amount: Decimal, text: string) => out.push({ indicator: leaf.name, amount: pts(amount), text: sentence(text, locale) });
  const m = leaf.method;
  let listed = new Decimal(0);
  if (m.kind === "perFinding") {
    const byType = new Map<string, { cases: Decimal; amount: Decimal }>();
    const findingType = new Map(result.findings.map((f) => [f.id, f.type ?? f.issue ?? f.title ?? f.id]));
    const each = dec(m.each);
    for (const d of leaf.deductions) {
      const key = d.findings?.length ? findingType.get(d.findings[0]!) ?? clause(d.reason ?? "") : clause(d.reason ?? "");
      const g = byType.get(key) ?? { cases: new Decimal(0), amount: new Decimal(0) };
      g.amount = g.amount.plus(dec(d.amount));
      g.cases = g.cases.plus(each.isZero() ? 1 : dec(d.amount).div(each));
      byType.set(key, g);
    }
    const deducted = dec(m.deducted);
    listed = deducted;
    if (byType.size && deducted.greaterThan(0)) {
      const groups = [...byType].map(([type, g]) => (zh ? `${isolate(type)}${g.cases.toFixed()}例` : `${isolate(type)}: ${g.cases.toFixed()}`));
      const capped = deducted.lessThan([...byType.values()].reduce((a, g) => a.plus(g.amount), new Decimal(0)));
      // stopped by the rule's maximum (上限 3 of 15: 按上限扣3分), or by the weight (扣完为止: nothing left)
      const byRule = capped && m.max !== null && deducted.equals(dec(m.max)) && dec(leaf.score).greaterThan(0);
      const byWeight = capped && !byRule;
      add(
        deducted,
        zh
          ? `${name}：${groups.join("、")}，每例扣${m.each}分，${byType.size > 1 || byRule ? `共${m.cases}例，` : ""}${byRule ? "按上限" : ""}扣${pts(deducted)}分${byWeight ? "，扣完为止" : ""}`
          : `${name}: ${groups.join("; ")}; ${m.each} per case, ${plural(m.cases, "case")}, −${pts(deducted)}${byRule ? " (the rule's cap)" : byWeight ? ", down to zero" : ""}`,
      );
    }
  } else if (m.kind === "judgement") {
    for (const d of leaf.deductions) {
      listed = listed.plus(dec(d.amount));
      add(dec(d.amount), zh ? `${name}：${isolate(clause(d.reason ?? ""))}，扣${d.amount}分` : `${name}: ${isolate(clause(d.reason ?? ""))}; −${d.amount}`);
    }
  } else if (m.kind === "elements") {
    // 要素法: one sentence per unmet element, "要素②“与部门职责相符”未达到（原因），扣1分"
    for (const d of leaf.deductions) {
      if (d.because?.kind !== "element") continue;
      const { index, label, reason } = d.because.values;
      listed = listed.plus(dec(d.amount));
      const why = reason ? (zh ? `（${isolate(clause(reason))}）` : ` (${isolate(clause(reason))})`) : "";
      add(
        dec(d.amount),
        zh ? `${name}：要素${elementNumber(index)}“${isolate(label)}”未达到${why}，扣${d.amount}分` : `${name}: element ${elementNumber(index)} '${isolate(label)}' not met${why}; −${d.amount}`,
      );
    }
  } else if (lost.greaterThan(0)) {
    listed = lost;
    const got = leaf.score;
    if (m.kind === "ratio") {
      const pct = m.ratio === null ? "—" : percentText(m.ratio);
      const expr = m.expression.replace(/\s*\/\s*/g, "÷");
      add(lost, zh ? `${name}${pct}（${expr}），得${got}分，扣${pts(lost)}分` : `${name} ${pct} (${expr}): scored ${got}, −${pts(lost)}`);
    } else if (m.kind === "bands") {
      const matched = m.matched === null ? null : m.bands[m.matched];
      const cond = matched ? conditionText(matched.condition) : null;
      const lowest = [...m.bands].reverse().map((b) => conditionText(b.condition)).find((c) => c !== null) ?? null;
      const met = cond ? (zh ? `达到“${cond}”档` : `meets '${cond}'`) : lowest ? (zh ? `未达到“${lowest}”` : `below '${lowest}'`) : "";
      add(lost, zh ? `${name}：${m.expression}为${bandValue(m)}，${met}，得${got}分，扣${pts(lost)}分` : `${name}: ${m.expression} is ${bandValue(m)}, ${met}: scored ${got}, −${pts(lost)}`);
    } else if (m.kind === "satisfaction") {
      const pct = m.value === null ? "—" : percentText(m.value);
      const how = zh ? `${m.surveys.length}项调查${m.aggregation === "mean" ? "平均" : "按人数加权"}` : `${plural(m.surveys.length, "survey")}, ${m.aggregation === "mean" ? "plain mean" : "weighted by respondents"}`;
      add(lost, zh ? `${name}：满意度${pct}（${how}），得${got}分，扣${pts(lost)}分` : `${name}: satisfaction ${pct} (${how}): scored ${got}, −${pts(lost)}`);
    } else if (leaf.note) {
      // a score given directly: its 评价说明 is the reason, as the judgement lines' reasons are
      const why = isolate(clause(leaf.note));
      add(lost, zh ? `${name}：${why}，得${got}分，扣${pts(lost)}分` : `${name}: ${why}; scored ${got}, −${pts(lost)}`);
    } else {
      add(lost, zh ? `${name}得${got}分，扣${pts(lost)}分` : `${name}: scored ${got}, −${pts(lost)}`);
    }
  }
  const missing = lost.minus(listed);
  if (missing.greaterThan(0)) add(missing, zh ? `${name}另扣${pts(missing)}分，未说明扣分原因` : `${name}: a further −${pts(missing)} with no reason recorded`);
  return out;
}

/** "（一）项目决策总分14分，实得12.5分，扣1.5分。" */
export function rootHead(root: IndicatorResult, index: number, locale: RenderLocale): string {
  const name = isolate(root.name);
  if (root.score === null) return locale === "zh" ? `${sectionNumber(locale, index)}${name}总分${root.weight}分，未评分。` : `${sectionNumber(locale, index)} ${name}: weight ${root.weight}, unscored.`;
  const lost = pts(dec(root.weight).minus(dec(root.score)));
  return locale === "zh"
    ? `${sectionNumber(locale, index)}${name}总分${root.weight}分，实得${root.score}分，扣${lost}分。`
    : `${sectionNumber(locale, index)} ${name}: weight ${root.weight}, scored ${root.score}, ${lost} deducted.`;
}

/** 扣分明细 of the whole evaluation, root by root. */
export function deductionProse(result: EvaluationResult, locale: RenderLocale): RootDeductions[] {
  return result.indicators.map((root, i) => ({
    root,
    head: rootHead(root, i + 1, locale),
    items: leavesOf(root).flatMap((leaf) => leafDeductions(result, leaf, locale)),
  }));
}

/** The paragraphs a printer shows: each head, then "扣分明细：" and "1. …" lines. */
export function deductionParagraphs(result: EvaluationResult, locale: RenderLocale): { text: string; head: boolean }[] {
  const out: { text: string; head: boolean }[] = [];
  for (const r of deductionProse(result, locale)) {
    out.push({ text: r.head, head: true });
    r.items.forEach((item, i) => out.push({ text: `${i + 1}. ${item.text}`, head: false }));
  }
  return out;
}

/** "1 case", "13 cases": English counts. */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
