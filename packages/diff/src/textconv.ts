import { deductionText, subjectsOf, type EvaluationResult, type IndicatorResult } from "@perf/engine";
import type { Locale } from "@perf/language";
import { ruleOf } from "./model.js";
import { ruleText } from "./print.js";

/**
 * A canonical, line-oriented view of a result for `git diff` (textconv): one line per
 * indicator (id path, weight, score, rule), then one per finding, then the total and grade.
 * Layout and comments do not show; a changed weight or score changes exactly one line.
 * With several subjects, each subject follows with its scores and total, so a framework
 * change shows its effect on every subject's lines.
 */
export function textconv(result: EvaluationResult, locale: Locale): string {
  const zh = locale === "zh";
  const out: string[] = [`# ${result.title}`];
  const walk = (n: IndicatorResult, ids: string[]) => {
    const path = [...ids, n.id];
    const name = n.name !== n.id ? ` "${n.name}"` : "";
    out.push(`${zh ? "指标" : "indicator"} ${path.join("/")}${name}  ${zh ? "分值" : "weight"} ${n.weight}  ${zh ? "得分" : "score"} ${n.score ?? "—"}  ${ruleText(ruleOf(n.method), locale)}`);
    for (const d of n.deductions) if (d.source === "judgement") out.push(`  ${zh ? "扣分" : "deduct"} ${d.amount} "${deductionText(d, locale)}"`);
    for (const c of n.children) walk(c, path);
  };
  for (const root of result.indicators) walk(root, []);
  for (const f of result.findings) {
    const on = f.on.length ? `  ${zh ? "关联" : "on"} ${f.on.join(", ")}` : "";
    out.push(`${zh ? "问题" : "finding"} ${f.id}${on}  ${zh ? "例数" : "count"} ${f.count}`);
  }
  for (const f of result.facts) out.push(`${zh ? "数据" : "fact"} ${f.id} = ${f.value ?? "—"}${f.unit ? " " + f.unit : ""}`);
  const totalLine = (indent: string, r: { total: { weight: string; score: string | null }; grade: EvaluationResult["grade"] }) => {
    const veto = r.grade.vetoedBy ? `  ${zh ? "否决" : "vetoed by"} ${r.grade.vetoedBy}` : "";
    return `${indent}${zh ? "合计" : "total"}  ${zh ? "分值" : "weight"} ${r.total.weight}  ${zh ? "得分" : "score"} ${r.total.score ?? "—"}  ${zh ? "等级" : "grade"} ${r.grade.name ?? "—"}${veto}`;
  };
  for (const s of subjectsOf(result)) {
    out.push(`${zh ? "评价对象" : "subject"} ${s.id}${s.name !== s.id ? ` "${s.name}"` : ""}`);
    const scores = (n: IndicatorResult, ids: string[]): void => {
      const path = [...ids, n.id];
      out.push(`  ${path.join("/")}  ${zh ? "得分" : "score"} ${n.score ?? "—"}`);
      n.children.forEach((c) => scores(c, path));
    };
    s.indicators.forEach((n) => scores(n, []));
    out.push(totalLine("  ", s));
  }
  out.push(totalLine("", result));
  return out.join("\n") + "\n";
}
