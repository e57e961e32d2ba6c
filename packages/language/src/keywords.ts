/**
 * Every keyword of the language with its English and Chinese spelling. The lexer, the
 * formatter (which keeps a file's spelling), completion and the docs all read this table.
 */
export const keywordSpellings = {
  Evaluation: ["evaluation", "评价"],
  Period: ["period", "年度"],
  Client: ["client", "委托方"],
  Evaluator: ["evaluator", "评价机构"],
  Subject: ["subject", "评价对象"],
  Total: ["total", "总分"],
  Precision: ["precision", "精度"],
  Grades: ["grades", "等级"],
  Else: ["else", "否则"],
  Fact: ["fact", "数据"],
  Survey: ["survey", "调查"],
  Satisfaction: ["satisfaction", "满意度"],
  Respondents: ["respondents", "样本"],
  On: ["on", "关联"],
  Unit: ["unit", "单位"],
  Project: ["project", "项目"],
  Class: ["class", "类别"],
  Type: ["type", "定性"],
  Issue: ["issue", "具体问题"],
  Description: ["description", "描述"],
  Indicator: ["indicator", "指标"],
  Weight: ["weight", "分值"],
  Explain: ["explain", "指标解释"],
  Criteria: ["criteria", "评价标准"],
  Note: ["note", "评价说明"],
  Score: ["score", "得分"],
  Deduct: ["deduct", "扣分"],
  Ratio: ["ratio", "比率"],
  Per: ["per", "每"],
  Finding: ["finding", "问题"],
  Max: ["max", "上限"],
  Bands: ["bands", "分档"],
  Mean: ["mean", "平均"],
  Weighted: ["weighted", "加权"],
  Declared: ["declared", "报告得分"],
  Veto: ["veto", "否决"],
  Triggered: ["triggered", "触发"],
  True: ["true", "是"],
  False: ["false", "否"],
  Evidence: ["evidence", "证据"],
  Count: ["count", "例数"],
  // performance targets (绩效目标), decision 0092 and 0140
  Target: ["target", "目标项"],
  Expect: ["expect", "目标值"],
  Actual: ["actual", "实际值"],
  Between: ["between", "介于"],
  And: ["and", "至"],
  Tier: ["tier", "评定"],
  Met: ["met", "达成"],
  Partial: ["partial", "部分达成"],
  Unmet: ["unmet", "未达成"],
  Reason: ["reason", "偏差原因"],
  Deviation: ["deviation", "偏差阈值"],
  Targets: ["targets", "按目标"],
  Tiers: ["tiers", "达成分值"],
  Acknowledged: ["acknowledged", "已知"],
} as const satisfies Record<string, readonly [string, string]>;

/** Further accepted spellings; the formatter writes the first spelling of the table above. */
export const keywordAliases: Partial<Record<KeywordName, readonly string[]>> = {
  Grades: ["grade"],
};

export type KeywordName = keywordNameUnion;
type keywordNameUnion = keyof typeof keywordSpellings;
export type Spelling = "en" | "zh";

export function keywordText(name: KeywordName, spelling: Spelling): string {
  return keywordSpellings[name][spelling === "en" ? 0 : 1];
}

/** Units a number may carry. Longer spellings are matched first. */
export const knownUnits = [
  "万元", "亿元", "千元", "元", "个", "台", "项", "次/天", "次", "人次", "人", "户", "套", "件",
  "天", "小时", "分钟", "年", "个月", "月", "家", "条", "份", "起", "例", "张", "座", "辆", "公里",
  "平方米", "GB", "TB",
] as const;
