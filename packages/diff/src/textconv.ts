import { deductionText, type EvaluationResult, type IndicatorResult } from "@perf/engine";
import type { Locale } from "@perf/language";
import { ruleOf } from "./model.js";
import { ruleText } from "./print.js";

/**
 * A canonical, line-oriented view of a result for `git diff` (textconv): one line per
 * indicator (id path, weight, score, rule), then one per finding, then the total and grade.
 * Layout and comments do not show; a changed weight or score changes exactly one line.
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
  const grade = result.grade.name ?? "—";
  const veto = result.grade.vetoedBy ? `  ${zh ? "否决" : "vetoed by"} ${result.grade.vetoedBy}` : "";
  out.push(`${zh ? "合计" : "total"}  ${zh ? "分值" : "weight"} ${result.total.weight}  ${zh ? "得分" : "score"} ${result.total.score}  ${zh ? "等级" : "grade"} ${grade}${veto}`);
  return out.join("\n") + "\n";
}
