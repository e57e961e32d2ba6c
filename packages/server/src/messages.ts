import type { Locale } from "@perf/language";

/** Every user-facing word the server writes itself (hovers, lenses, quick fixes), zh and en. */
const table = {
  indicator: ["指标", "indicator"],
  fact: ["数据", "fact"],
  survey: ["调查", "survey"],
  finding: ["问题", "finding"],
  veto: ["否决", "veto"],
  evaluation: ["评价", "evaluation"],
  weight: ["分值", "weight"],
  score: ["得分", "score"],
  rate: ["得分率", "rate"],
  declared: ["报告得分", "declared"],
  method: ["评分方法", "method"],
  deductions: ["扣分", "deductions"],
  findingsCounted: ["关联问题", "findings counted"],
  unscored: ["未评分", "unscored"],
  value: ["取值", "value"],
  usedBy: ["使用处", "used by"],
  unused: ["未被使用", "not used"],
  satisfaction: ["满意度", "satisfaction"],
  respondents: ["样本", "respondents"],
  costs: ["扣分指标", "costs"],
  notAttached: ["未关联指标（仅列入问题清单）", "attached to no indicator (listed only)"],
  noRule: ["无逐项扣分规则，不扣分", "no per-finding rule, costs nothing"],
  count: ["例数", "count"],
  total: ["总分", "total"],
  grade: ["等级", "grade"],
  vetoedBy: ["被否决", "vetoed by"],
  triggered: ["已触发", "triggered"],
  notTriggered: ["未触发", "not triggered"],
  "method.sum": ["下级指标得分之和", "sum of the children"],
  "method.none": ["无（未评分）", "none (unscored)"],
  "method.fixed": ["给定得分", "fixed score"],
  "method.judgement": ["评价扣分", "judgement deductions"],
  "method.ratio": ["比率", "ratio"],
  "method.perFinding": ["按问题扣分", "per finding"],
  "method.bands": ["分档", "bands"],
  "method.satisfaction": ["满意度", "satisfaction"],
  "method.targets": ["按绩效目标", "by targets"],
  capped: ["（封顶 100%）", " (capped at 100%)"],
  each: ["每例", "each"],
  max: ["上限", "max"],
  cases: ["例", "cases"],
  matched: ["命中", "matched"],
  noBand: ["未命中任何分档", "no band met"],
  renameInvalid: ["「{name}」不是有效的标识符：只能包含文字、数字和下划线，且不能以数字开头", "'{name}' is not a valid identifier: letters, digits and '_', not starting with a digit"],
  renameKeyword: ["「{name}」是关键字或单位，不能用作标识符", "'{name}' is a keyword or a unit and cannot be an identifier"],
  renameExists: ["标识符「{name}」已被使用", "'{name}' is already used"],
  unknownDocument: ["「{uri}」不是已打开的文档，也不是工作区中的 .perf 文件", "'{uri}' is neither an open document nor a .perf file of the workspace"],
  invalidParams: ["请求参数无效：{detail}", "invalid request parameters: {detail}"],
  renameNothing: ["此处没有可重命名的标识符", "there is no identifier to rename here"],
} satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof table;

export function msg(locale: Locale, key: MessageKey, args: Record<string, string | number> = {}): string {
  const text = table[key][locale === "en" ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(args[k] ?? `{${k}}`));
}
