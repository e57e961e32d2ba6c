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
  Framework: ["framework", "框架"],
  Use: ["use", "引用"],
  Assess: ["assess", "评分"],
  Override: ["override", "调整"],
  Rule: ["rule", "规则"],
  Judgement: ["judgement", "酌情扣分"],
  Units: ["units", "计量单位"],
  Table: ["table", "数据表"],
  Columns: ["columns", "列"],
  Row: ["row", "行"],
  Rows: ["rows", "各行"],
  Printed: ["printed", "原表"],
  Subtotal: ["subtotal", "小计"],
  In: ["in", "换算为"],
  Acknowledged: ["acknowledged", "已知"],
  Elements: ["elements", "要素"],
  // `met`/`unmet` mark an element (符合/不符合) and a target's tier (达成/未达成: aliases below)
  Met: ["met", "符合"],
  Unmet: ["unmet", "不符合"],
  Tally: ["tally", "计数"],
  Quorum: ["quorum", "最小样本"],
  Kind: ["kind", "评价类型"],
  Assert: ["assert", "核对"],
  Level: ["level", "层级"],
  Leaves: ["leaves", "末级指标数"],
  Within: ["within", "误差"],
  // performance targets (绩效目标), decision 0092 and 0140
  Target: ["target", "目标项"],
  Expect: ["expect", "目标值"],
  Actual: ["actual", "实际值"],
  Between: ["between", "介于"],
  And: ["and", "至"],
  Tier: ["tier", "评定"],
  Partial: ["partial", "部分达成"],
  Reason: ["reason", "偏差原因"],
  Deviation: ["deviation", "偏差阈值"],
  Targets: ["targets", "按目标"],
  Tiers: ["tiers", "达成分值"],
} as const satisfies Record<string, readonly [string, string]>;

/** Further accepted spellings; the formatter writes the first spelling of the table above. */
export const keywordAliases: Partial<Record<KeywordName, readonly string[]>> = {
  Grades: ["grade"],
  Indicator: ["indicators"],
  // a target's tier (评定 达成 / 未达成); the formatter keeps these words in a tier (printer.ts)
  Met: ["达成"],
  Unmet: ["未达成"],
};

export type KeywordName = keywordNameUnion;

/**
 * Keywords added after files were written with these words as names (`indicator judgement`,
 * `fact 规则`, a fact named `row` or `小计`): they are keywords only where a keyword is expected
 * and stay identifiers everywhere else, so every file valid before them stays valid. The lexer
 * gives them the identifier category, so the parser takes them wherever a name may stand
 * (decisions 0091, 0120, 0155).
 */
export const softKeywords: ReadonlySet<KeywordName> = new Set<KeywordName>([
  "Framework", "Use", "Assess", "Override", "Rule", "Judgement",
  "Units", "Table", "Columns", "Row", "Rows", "Printed", "Subtotal", "In",
  "Elements", "Met", "Unmet", "Tally", "Quorum", "Kind",
  "Assert", "Level", "Leaves", "Within",
  "Target", "Expect", "Actual", "Between", "And", "Tier", "Partial", "Reason", "Deviation", "Targets", "Tiers",
]);

/**
 * The aggregates of computed facts (`sum(…)`, decision 0092): names of a call, not keywords, so
 * none of them is reserved. `count`, `max` and `mean` are keywords already (例数, 上限, 平均); a
 * call accepts every spelling of them.
 */
export const aggregateSpellings = {
  sum: ["sum", "求和"],
  count: ["count", "计数", "例数"],
  min: ["min", "最小"],
  max: ["max", "最大", "上限"],
  mean: ["mean", "平均值", "平均"],
} as const satisfies Record<string, readonly string[]>;
export type AggregateName = keyof typeof aggregateSpellings;

export function aggregateOf(spelling: string): AggregateName | undefined {
  for (const [name, spellings] of Object.entries(aggregateSpellings) as [AggregateName, readonly string[]][]) if (spellings.includes(spelling)) return name;
  return undefined;
}

/** The types a table column may have besides a unit (decision 0092): words, not keywords. */
export const columnTypeSpellings = {
  text: ["text", "文本"],
  percent: ["percent", "百分比"],
  number: ["number", "数值"],
} as const satisfies Record<string, readonly [string, string]>;
export type ColumnTypeName = keyof typeof columnTypeSpellings;

export function columnTypeOf(spelling: string): ColumnTypeName | undefined {
  for (const [name, spellings] of Object.entries(columnTypeSpellings) as [ColumnTypeName, readonly string[]][]) if (spellings.includes(spelling)) return name;
  return undefined;
}
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
