import { translator } from "@perf/language";
/** Every word the tables print, in Chinese (default) and English. */
export type RenderLocale = "zh" | "en";

const table = {
  scoreSheet: { zh: "项目绩效评价指标体系评分表", en: "Indicator scoring sheet" },
  summary: { zh: "绩效评价得分情况表", en: "Score summary" },
  rootTable: { zh: "{name}指标分析", en: "{name}: indicators" },
  deductions: { zh: "扣分明细", en: "Deductions" },
  findings: { zh: "问题清单", en: "Findings" },
  targets: { zh: "绩效目标完成情况表", en: "Performance targets" },
  audit: { zh: "核对事项", en: "Audit notes" },
  auditItem: { zh: "报告所述", en: "The report says" },
  auditLocation: { zh: "位置", en: "Location" },
  auditStated: { zh: "核对内容", en: "Statement" },
  auditActual: { zh: "核对值", en: "True value" },
  auditVerdict: { zh: "结果", en: "Result" },
  auditNote: { zh: "已知原因", en: "Acknowledged because" },
  auditHolds: { zh: "相符", en: "holds" },
  auditFalse: { zh: "不符", en: "false" },
  auditAcknowledged: { zh: "不符（已知）", en: "false (acknowledged)" },
  auditUnchecked: { zh: "无法核对", en: "not checked" },
  auditWarning: { zh: "存疑", en: "warning" },
  auditLeaves: { zh: "末级指标", en: "leaf indicators" },
  auditWithin: { zh: "（误差 {tolerance}）", en: " within {tolerance}" },
  noScore: { zh: "本评价仅核对报告所述，不计总分和等级。", en: "This evaluation only checks what the report states: no total and no grade." },
  level: { zh: "{n}级指标", en: "Level {n}" },
  weight: { zh: "分值", en: "Weight" },
  weightShort: { zh: "权重", en: "Weight" },
  score: { zh: "得分", en: "Score" },
  rate: { zh: "得分率", en: "Rate" },
  explain: { zh: "指标解释", en: "Definition" },
  criteria: { zh: "评价标准", en: "Criteria" },
  note: { zh: "评价说明", en: "Assessment" },
  subtotal: { zh: "小计", en: "Subtotal" },
  total: { zh: "合计", en: "Total" },
  no: { zh: "序号", en: "No." },
  indicator: { zh: "指标", en: "Indicator" },
  deducted: { zh: "扣分", en: "Deducted" },
  reason: { zh: "扣分原因", en: "Reason" },
  source: { zh: "依据", en: "Basis" },
  unexplained: { zh: "（未说明扣分原因）", en: "(no reason recorded)" },
  rootDeductions: { zh: "{name}总分{weight}分，实得{score}分，扣{deducted}分", en: "{name}: weight {weight}, score {score}, deducted {deducted}" },
  unit: { zh: "项目单位", en: "Unit" },
  project: { zh: "项目", en: "Project" },
  class: { zh: "项目分类", en: "Class" },
  type: { zh: "问题定性", en: "Type" },
  issue: { zh: "具体问题", en: "Issue" },
  description: { zh: "问题描述", en: "Description" },
  related: { zh: "关联指标", en: "Indicators" },
  unscored: { zh: "未评分", en: "unscored" },
  grade: { zh: "评价等级", en: "Grade" },
  totalScore: { zh: "评价得分", en: "Total score" },
  vetoed: { zh: "（否决：{name}）", en: " (vetoed: {name})" },
  period: { zh: "评价年度", en: "Period" },
  client: { zh: "委托单位", en: "Client" },
  evaluator: { zh: "评价机构", en: "Evaluator" },
  subject: { zh: "评价对象", en: "Subject" },
  appendix: { zh: "附件{n}", en: "Appendix {n}" },
  tableNo: { zh: "表{n}", en: "Table {n}" },
  chartRates: { zh: "各二级指标得分率", en: "Rate per branch" },
  chartRoots: { zh: "一级指标权重与得分", en: "Weight and score per root" },
  report: { zh: "绩效评价报告表格", en: "Evaluation report tables" },
  conclusion: { zh: "评价结论", en: "Conclusion" },
  conclusionText: {
    zh: "最终评价得分{score}分（满分{weight}分），评价等级为“{grade}”。",
    en: "Total score {score} of {weight}; grade “{grade}”.",
  },
  basis_judgement: { zh: "酌情扣分", en: "judgement" },
  basis_finding: { zh: "按问题扣分", en: "per finding" },
  basis_ratio: { zh: "比率", en: "ratio" },
  basis_bands: { zh: "分档", en: "bands" },
  basis_satisfaction: { zh: "满意度", en: "satisfaction" },
  basis_fixed: { zh: "直接评分", en: "fixed score" },
  basis_elements: { zh: "要素法", en: "elements" },
  basis_targets: { zh: "按绩效目标", en: "targets" },
  target: { zh: "绩效目标", en: "Target" },
  targetClass: { zh: "类别", en: "Class" },
  expected: { zh: "目标值", en: "Expected" },
  actual: { zh: "实际值", en: "Actual" },
  completion: { zh: "完成率", en: "Completion" },
  met: { zh: "是否完成", en: "Met" },
  deviationReason: { zh: "偏差原因", en: "Reason for deviation" },
  yes: { zh: "是", en: "yes" },
  no_: { zh: "否", en: "no" },
  tier_met: { zh: "达成", en: "met" },
  tier_partial: { zh: "部分达成", en: "partially met" },
  tier_unmet: { zh: "未达成", en: "not met" },
  onTime: { zh: "按期", en: "on time" },
  daysLate: { zh: "逾期{n}天", en: "{n} days late" },
  daysEarly: { zh: "提前{n}天", en: "{n} days early" },
  deviationNote: { zh: "偏差超过阈值、目标设定不合理：{list}", en: "Deviation beyond the threshold, target set badly: {list}" },
  errUnknownMember: { zh: "分组 {group} 中的 {member} 不是一级或二级指标", en: "{member} in group {group} is not a level 1 or level 2 indicator" },
  errDuplicateMember: { zh: "{member} 在分组中出现了不止一次", en: "{member} appears in more than one place in the groups" },
  errPartialRoot: { zh: "一级指标 {root} 只有部分二级指标被分组；请把它的其余二级指标（{rest}）也放入分组", en: "only some branches of {root} are grouped; add its other branches ({rest}) to a group" },
  errGroupSyntax: { zh: "分组写法应为 名称=指标,指标…，收到 {spec}", en: "a group is written name=indicator,indicator…; got {spec}" },
  errUnknownTable: { zh: "未知表格 {name}；可选：{names}", en: "unknown table {name}; choose from {names}" },
  comparison: { zh: "各评价对象得分对比表", en: "Scores of the subjects compared" },
  subjectScore: { zh: "{name}得分", en: "{name} score" },
  subjectRate: { zh: "{name}得分率", en: "{name} rate" },
  subjectScoreSheet: { zh: "{name}评分表", en: "{name}: scoring sheet" },
  declaredTotal: { zh: "报告得分", en: "Published total" },
  conclusionSubject: { zh: "{name}最终评价得分{score}分（满分{weight}分），评价等级为“{grade}”", en: "{name}: total score {score} of {weight}, grade “{grade}”" },
  conclusionPublished: {
    zh: "报告公布的评价得分为{score}分（满分{weight}分），评价等级为“{grade}”；评分表未公布。",
    en: "The published total is {score} of {weight}; grade “{grade}”; the scoring table was not published.",
  },
  conclusionUnscored: { zh: "尚无评分（满分{weight}分）。", en: "Nothing is scored yet (of {weight})." },
  notPublished: { zh: "未公布评分表", en: "scoring table not published" },
  noFindings: { zh: "（无）", en: "(none)" },
  diagnosticsNote: { zh: "注意：本结果含 {n} 个错误，得分可能不完整。", en: "Note: this result has {n} error(s); scores may be incomplete." },
} as const;

export type LabelKey = keyof typeof table;

export const label: (locale: RenderLocale, key: LabelKey, args?: Record<string, string | number>) => string = translator(table);

const zhNumerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export function levelName(locale: RenderLocale, n: number): string {
  return label(locale, "level", { n: locale === "zh" ? (zhNumerals[n] ?? String(n)) : n });
}

/** （一）（二）… for Chinese section numbering; 1. 2. … in English. */
export function sectionNumber(locale: RenderLocale, i: number): string {
  if (locale === "en") return `${i}.`;
  const n = i <= 10 ? zhNumerals[i]! : i < 20 ? `十${zhNumerals[i - 10]}` : String(i);
  return `（${n}）`;
}
