// User-facing text of the extension itself (the server localizes its own messages).
export type Locale = "zh" | "en";

const table = {
  statusTooltip: { zh: "perf 总分与评价等级 — 点击预览报告", en: "perf total and grade — click to preview the report" },
  statusPending: { zh: "perf 正在计算…", en: "perf: scoring…" },
  previewTitle: { zh: "报告预览", en: "Report preview" },
  noPerfEditor: { zh: "请先打开一个 .perf 文件。", en: "Open a .perf file first." },
  serverFailed: { zh: "perf 语言服务器启动失败：", en: "The perf language server failed to start: " },
  loading: { zh: "正在计算评分…", en: "Scoring…" },
  unavailable: { zh: "暂无评分结果（文件可能有语法错误）。", en: "No result yet (the file may not parse)." },
  scoreTable: { zh: "评分表", en: "Scoring table" },
  indicator: { zh: "指标", en: "Indicator" },
  weight: { zh: "分值", en: "Weight" },
  score: { zh: "得分", en: "Score" },
  rate: { zh: "得分率", en: "Rate" },
  declared: { zh: "报告得分", en: "Declared" },
  total: { zh: "合计", en: "Total" },
  grade: { zh: "评价等级", en: "Grade" },
  vetoedBy: { zh: "否决：", en: "vetoed by " },
  findings: { zh: "问题清单", en: "Findings" },
  no: { zh: "序号", en: "No." },
  unit: { zh: "单位", en: "Unit" },
  project: { zh: "项目", en: "Project" },
  type: { zh: "问题定性", en: "Type" },
  issue: { zh: "具体问题", en: "Issue" },
  on: { zh: "关联指标", en: "Indicators" },
  count: { zh: "例数", en: "Cases" },
  noFindings: { zh: "无问题记录。", en: "No findings." },
  diagnostics: { zh: "诊断", en: "Diagnostics" },
  errors: { zh: "错误", en: "errors" },
  warnings: { zh: "警告", en: "warnings" },
  period: { zh: "年度", en: "Period" },
  client: { zh: "委托方", en: "Client" },
  evaluator: { zh: "评价机构", en: "Evaluator" },
  subject: { zh: "评价对象", en: "Subject" },
  unscored: { zh: "未评分", en: "unscored" },
  comparison: { zh: "各评价对象得分对比", en: "Subjects compared" },
  notPublished: { zh: "报告未公布评分表。", en: "The report did not publish its scoring table." },
  targets: { zh: "绩效目标完成情况表", en: "Performance targets" },
  target: { zh: "绩效目标", en: "Target" },
  targetClass: { zh: "类别", en: "Class" },
  expected: { zh: "目标值", en: "Expected" },
  actual: { zh: "实际值", en: "Actual" },
  completion: { zh: "完成率", en: "Completion" },
  met: { zh: "是否完成", en: "Met" },
  deviationReason: { zh: "偏差原因", en: "Reason for deviation" },
  yes: { zh: "是", en: "yes" },
  notMet: { zh: "否", en: "no" },
  daysLate: { zh: "逾期{n}天", en: "{n} days late" },
  onTime: { zh: "按期", en: "on time" },
  tierMet: { zh: "达成", en: "met" },
  tierPartial: { zh: "部分达成", en: "partially met" },
  tierUnmet: { zh: "未达成", en: "not met" },
  deviationTooLarge: { zh: "偏差超过阈值：目标设定不合理", en: "deviation beyond the threshold: the target was set badly" },
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof table;

export function message(key: MessageKey, locale: Locale): string {
  return table[key][locale];
}

export function readLocale(value: unknown): Locale {
  return value === "en" ? "en" : "zh";
}
