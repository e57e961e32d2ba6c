import { isPublishedTotalOnly, subjectsOf, type EvaluationResult, type IndicatorResult } from "@perf/engine";
import type { Locale } from "@perf/language";
import { sectionNumber } from "../labels.js";

/**
 * The chapters a report has when the evaluation has no narrative of its own: 三、综合评价情况及
 * 评价结论 (total, grade, 表3-1, the chart, 扣分明细) and 四、绩效评价指标分析 (one section and
 * table per root). Written as a narrative with references, so it goes through exactly the path a
 * user's `NAME.report.md` does, and a user can start from `perf render --format md` of it.
 */
export function defaultNarrative(result: EvaluationResult, locale: Locale): string {
  const zh = locale === "zh";
  const out: string[] = [];
  const ref = (n: IndicatorResult) => (/[{}]/.test(n.id) ? null : n.id);
  if (subjectsOf(result).length) return subjectsNarrative(result, locale);
  if (isPublishedTotalOnly(result)) return publishedNarrative(locale);
  if (!result.indicators.length) return auditNarrative(result, locale);
  out.push(
    ...conclusionChapter(
      locale,
      zh ? "本次评价最终得分{{总分}}分（满分{{满分}}分），评价等级为“{{等级}}”。各指标得分情况见下表。" : "The evaluation scores {{total}} of {{total.weight}}; the grade is “{{grade}}”. The table below gives the score of every indicator.",
      zh ? "{{表:得分情况表}}" : "{{table:summary}}",
    ),
    ...(result.targets?.length ? (zh ? ["绩效目标完成情况如下。", "", "{{表:绩效目标完成情况表}}", ""] : ["The performance targets follow.", "", "{{table:targets}}", ""]) : []),
    zh ? "# 四、绩效评价指标分析" : "# 4. Analysis by indicator",
    "",
  );
  result.indicators.forEach((root, i) => {
    const id = ref(root);
    const heading = zh ? `## ${sectionNumber(locale, i + 1)}${root.name}` : `## ${i + 1}. ${root.name}`;
    out.push(heading.replace(/[{}]/g, ""), "");
    if (id) {
      const levels = [2, 3, 4].filter((l) => count(root, l) > 0);
      const parts = levels.map((l) => (zh ? `{{指标.${id}.${"一二三四五六七八九"[l - 1]}级指标数}}个${"一二三四五六七八九"[l - 1]}级指标` : `{{indicator.${id}.count.level${l}}} level-${l} indicators`));
      out.push(
        zh
          ? `{{指标.${id}.名称}}指标${parts.length ? `由${parts.join("、")}构成，` : ""}权重分{{指标.${id}.分值}}分，实际得分{{指标.${id}.得分}}分，得分率{{指标.${id}.得分率}}。各指标得分情况见下表。`
          : `{{indicator.${id}.name}}${parts.length ? ` has ${parts.join(" and ")};` : ""} weight {{indicator.${id}.weight}}, score {{indicator.${id}.score}}, rate {{indicator.${id}.rate}}.`,
        "",
      );
    }
    out.push(zh ? `{{表:root-${i + 1}}}` : `{{table:root-${i + 1}}}`, "");
  });
  return out.join("\n");
}

function count(n: IndicatorResult, level: number): number {
  return (n.level === level ? 1 : 0) + n.children.reduce((a, c) => a + count(c, level), 0);
}

/** A published total only: the total and grade the report printed, and that its scoring table was not published. */
function publishedNarrative(locale: Locale): string {
  return locale === "zh"
    ? ["# 三、综合评价情况及评价结论", "", "本次评价最终得分{{总分}}分（满分{{满分}}分），评价等级为“{{等级}}”。评价报告未公布评分表。", ""].join("\n")
    : ["# 3. Overall assessment and conclusion", "", "The evaluation scores {{total}} of {{total.weight}}; the grade is “{{grade}}”. The report did not publish its scoring table.", ""].join("\n");
}

/**
 * No tree and no published total (an audit-only file: seed 003 prints no score): no score
 * sentence and no score tables — never "得分—分" — only the targets, when there are any.
 */
function auditNarrative(result: EvaluationResult, locale: Locale): string {
  const zh = locale === "zh";
  const out = [zh ? "# 三、综合评价情况及评价结论" : "# 3. Overall assessment and conclusion", "", zh ? "本次评价仅核对报告所述，不计总分和等级。" : "This evaluation only checks what the report states: no total and no grade.", ""];
  if (result.targets?.length) out.push(...(zh ? ["绩效目标完成情况如下。", "", "{{表:绩效目标完成情况表}}", ""] : ["The performance targets follow.", "", "{{table:targets}}", ""]));
  return out.join("\n");
}

/** Chapter 三: the conclusion's sentence, the overall table, the rate chart and the deductions. */
function conclusionChapter(locale: Locale, sentence: string, table: string): string[] {
  return locale === "zh"
    ? ["# 三、综合评价情况及评价结论", "", sentence, "", table, "", "{{图:得分率}}", "", "扣分明细如下。", "", "{{表:扣分明细}}", ""]
    : ["# 3. Overall assessment and conclusion", "", sentence, "", table, "", "{{chart:rates}}", "", "The deductions follow.", "", "{{table:deductions}}", ""];
}

/** Several subjects: each subject's total and grade, the comparison table, the chart and every subject's deductions. */
function subjectsNarrative(result: EvaluationResult, locale: Locale): string {
  const zh = locale === "zh";
  const subjects = subjectsOf(result).filter((s) => !/[{}]/.test(s.id));
  const each = subjects.map((s) =>
    zh ? `{{对象.${s.id}.名称}}最终得分{{对象.${s.id}.总分}}分，评价等级为“{{对象.${s.id}.等级}}”` : `{{subject.${s.id}.name}} scores {{subject.${s.id}.total}} (grade “{{subject.${s.id}.grade}}”)`,
  );
  return conclusionChapter(
    locale,
    zh
      ? `本次评价共{{评价对象数}}个评价对象（满分{{满分}}分）：${each.join("；")}。各评价对象得分对比见下表。`
      : `The evaluation scores {{subjects.count}} subjects, each out of {{total.weight}}: ${each.join("; ")}. The table below compares them.`,
    zh ? "{{表:得分对比表}}" : "{{table:comparison}}",
  ).join("\n");
}
