import type { Locale } from "@perf/language";
import type { Deduction } from "./schema.js";

/**
 * The one wording of a deduction's reason, for every printer (md, html, docx, xlsx, hover,
 * preview, diff): the source's own text for judgements and findings, a sentence for computed rules.
 */
const tierWords = { met: ["达成", "met"], partial: ["部分达成", "partially met"], unmet: ["未达成", "not met"] } as const;

export function deductionText(d: Deduction, locale: Locale = "zh"): string {
  const zh = locale !== "en";
  const c = d.because;
  if (!c) return d.reason ?? "";
  switch (c.kind) {
    case "judgement":
      return c.values.reason;
    case "finding":
      return c.values.count > 1 ? (zh ? `${c.values.label}（${c.values.count}例）` : `${c.values.label} (${c.values.count} cases)`) : c.values.label;
    case "ratio":
      return zh ? `${c.values.expression} = ${c.values.percent}%，得分 = 分值 × 比率` : `${c.values.expression} = ${c.values.percent}%, score = weight × ratio`;
    case "bands":
      return zh ? `${c.values.expression} 满足 ${c.values.condition}` : `${c.values.expression} meets ${c.values.condition}`;
    case "bandsUnmatched":
      return zh ? `${c.values.expression} 不落在任何分档` : `${c.values.expression} meets no band`;
    case "satisfaction":
      return zh ? `满意度 ${c.values.percent}%，得分 = 分值 × 满意度` : `satisfaction ${c.values.percent}%, score = weight × satisfaction`;
    case "fixed":
      return zh ? "酌情评分" : "scored by judgement";
    case "element": {
      const n = elementNumber(c.values.index);
      const why = c.values.reason ? (zh ? `：${c.values.reason}` : `: ${c.values.reason}`) : "";
      return zh ? `要素${n}“${c.values.label}”未达到${why}` : `element ${n} '${c.values.label}' not met${why}`;
    }
    case "targets":
      return c.values.missed
        .map((m) => (m.tier ? (zh ? `${m.name}（${tierWords[m.tier][0]}）` : `${m.name} (${tierWords[m.tier][1]})`) : zh ? `${m.name} 完成 ${m.percent}%` : `${m.name} ${m.percent}% done`))
        .join(zh ? "；" : "; ");
  }
}

/** ①…⑳ for elements 1–20, (21)… after. */
export function elementNumber(i: number): string {
  return i >= 1 && i <= 20 ? String.fromCodePoint(0x2460 + i - 1) : `(${i})`;
}
