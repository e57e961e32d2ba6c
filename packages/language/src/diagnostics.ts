import type { Range } from "./range.js";

export type Severity = "error" | "warning" | "info";
export type Locale = "zh" | "en";
type Args = Record<string, string | number>;

interface Entry {
  severity: Severity;
  /** A short name, used as the SARIF rule name and in docs. */
  title: string;
  zh: (a: Args) => string;
  en: (a: Args) => string;
  hintZh?: (a: Args) => string;
  hintEn?: (a: Args) => string;
}

/**
 * Every diagnostic the tools can report. Codes are stable: never reuse a retired one.
 * `docs/diagnostics.md` lists them with an example each; `test/cases/diagnostics/` has one file per code.
 */
export const catalogue = {
  PERF001: {
    severity: "error",
    title: "unexpected-character",
    zh: (a) => `无法识别的字符 '${a.text}'`,
    en: (a) => `unexpected character '${a.text}'`,
    hintZh: () => "删除该字符；标识符只能包含文字、数字和下划线，文本须放在双引号内。",
    hintEn: () => "Remove it; identifiers hold letters, digits and '_', text goes in double quotes.",
  },
  PERF002: {
    severity: "error",
    title: "syntax-error",
    zh: (a) => `语法错误：${a.zh}`,
    en: (a) => `syntax error: ${a.en}`,
    hintZh: (a) => (a.hintZh ? String(a.hintZh) : "对照语言参考 docs/language.md 检查此处写法。"),
    hintEn: (a) => (a.hintEn ? String(a.hintEn) : "Compare with the language reference, docs/language.md."),
  },
  PERF003: {
    severity: "error",
    title: "unterminated-string",
    zh: () => "字符串缺少结束的双引号",
    en: () => "string is not terminated",
    hintZh: () => "在文本末尾补上 '\"'。",
    hintEn: () => "Add the closing '\"'.",
  },
  PERF004: {
    severity: "error",
    title: "unterminated-comment",
    zh: () => "块注释缺少结束的 '*/'",
    en: () => "block comment is not terminated",
    hintZh: () => "在注释末尾补上 '*/'。",
    hintEn: () => "Add the closing '*/'.",
  },
  PERF005: {
    severity: "error",
    title: "invalid-number",
    zh: (a) => `数值 ${a.text} 在此处无效：${a.zh}`,
    en: (a) => `number ${a.text} is not valid here: ${a.en}`,
  },
  PERF006: {
    severity: "error",
    title: "duplicate-clause",
    zh: (a) => `'${a.clause}' 重复出现`,
    en: (a) => `'${a.clause}' is given more than once`,
    hintZh: () => "只保留一处。",
    hintEn: () => "Keep one.",
  },
  PERF007: {
    severity: "error",
    title: "several-evaluations",
    zh: () => "一次评价只能有一个 evaluation/评价 头部",
    en: () => "an evaluation has only one header",
    hintZh: () => "合并两个头部，或把另一个评价放到单独的文件夹中。",
    hintEn: () => "Merge the headers, or move the other evaluation to its own folder.",
  },
  PERF008: {
    severity: "error",
    title: "misplaced-clause",
    zh: (a) => `'${a.clause}' 不能用在${a.whereZh}中`,
    en: (a) => `'${a.clause}' does not belong in ${a.whereEn}`,
    hintZh: (a) => `此处可用的文本子句：${a.allowed}；删除它或移到所属的声明中。`,
    hintEn: (a) => `Text clauses allowed here: ${a.allowed}; remove it or move it where it belongs.`,
  },
  PERF009: {
    severity: "error",
    title: "format-unsafe",
    zh: (a) => `格式化结果与原文内容不一致（${a.detail}），文件未改写`,
    en: (a) => `the formatted text would differ from the original in content (${a.detail}); the file was left as it is`,
    hintZh: () => "这是 perf fmt 的缺陷；请附上该文件报告问题。",
    hintEn: () => "This is a bug in perf fmt; please report it with the file.",
  },
  PERF010: {
    severity: "error",
    title: "children-weight-sum",
    zh: (a) => `指标「${a.name}」分值为 ${a.weight}，但其下级指标分值合计为 ${a.sum}`,
    en: (a) => `indicator '${a.name}' has weight ${a.weight} but its children sum to ${a.sum}`,
    hintZh: (a) => `把「${a.name}」的分值改为 ${a.sum}，或调整下级指标的分值使其合计为 ${a.weight}。`,
    hintEn: (a) => `Set the weight of '${a.name}' to ${a.sum}, or change the children so they sum to ${a.weight}.`,
  },
  PERF011: {
    severity: "error",
    title: "roots-weight-sum",
    zh: (a) => `一级指标分值合计为 ${a.sum}，与总分 ${a.total} 不符`,
    en: (a) => `the top-level indicators sum to ${a.sum}, not the total ${a.total}`,
    hintZh: (a) => `调整一级指标的分值使其合计为 ${a.total}，或把总分改为 ${a.sum}。`,
    hintEn: (a) => `Change the top-level weights to sum to ${a.total}, or set the total to ${a.sum}.`,
  },
  PERF012: {
    severity: "error",
    title: "score-out-of-range",
    zh: (a) => `指标「${a.name}」得分 ${a.score} 超出 [0, ${a.weight}] 范围`,
    en: (a) => `indicator '${a.name}' scores ${a.score}, outside [0, ${a.weight}]`,
    hintZh: () => "得分不能为负，也不能超过分值；检查扣分合计或所给得分。",
    hintEn: () => "A score is between 0 and the weight; check the deductions or the stated score.",
  },
  PERF013: {
    severity: "error",
    title: "missing-weight",
    zh: (a) => `指标「${a.name}」没有分值`,
    en: (a) => `indicator '${a.name}' has no weight`,
    hintZh: () => "在名称后写上 'weight N'（或 '分值 N'）。",
    hintEn: () => "Add 'weight N' after the name.",
  },
  PERF020: {
    severity: "error",
    title: "unknown-reference",
    zh: (a) => `未定义的${a.kindZh}「${a.name}」`,
    en: (a) => `unknown ${a.kindEn} '${a.name}'`,
    hintZh: (a) => (a.suggestion ? `是否指「${a.suggestion}」？` : `先声明${a.kindZh}「${a.name}」。`),
    hintEn: (a) => (a.suggestion ? `Did you mean '${a.suggestion}'?` : `Declare the ${a.kindEn} '${a.name}' first.`),
  },
  PERF021: {
    severity: "error",
    title: "duplicate-identifier",
    zh: (a) => `标识符「${a.name}」重复定义`,
    en: (a) => `'${a.name}' is defined more than once`,
    hintZh: () => "标识符在整个评价中必须唯一；改用另一个标识符，并用字符串保留显示名称。",
    hintEn: () => "Identifiers are unique across the evaluation; pick another and keep the display name as a string.",
  },
  PERF030: {
    severity: "warning",
    title: "unscored-leaf",
    zh: (a) => `末级指标「${a.name}」没有评分方法`,
    en: (a) => `leaf indicator '${a.name}' has no scoring method`,
    hintZh: () => "加上 score、deduct、ratio、per finding deduct、bands 或 satisfaction 之一。",
    hintEn: () => "Add one of score, deduct, ratio, per finding deduct, bands or satisfaction.",
  },
  PERF031: {
    severity: "error",
    title: "several-methods",
    zh: (a) => `指标「${a.name}」有多种评分方法（${a.methods}）`,
    en: (a) => `indicator '${a.name}' has several scoring methods (${a.methods})`,
    hintZh: () => "每个末级指标只能使用一种评分方法。",
    hintEn: () => "A leaf is scored by exactly one method.",
  },
  PERF032: {
    severity: "error",
    title: "method-on-branch",
    zh: (a) => `指标「${a.name}」有下级指标，其得分为下级得分之和，不能再设评分方法`,
    en: (a) => `indicator '${a.name}' has children; its score is their sum and it takes no scoring method`,
    hintZh: () => "把评分方法移到末级指标上。",
    hintEn: () => "Move the method to a leaf.",
  },
  PERF033: {
    severity: "warning",
    title: "no-band-matches",
    zh: (a) => `指标「${a.name}」的取值 ${a.value} 不落在任何分档内，按 0 分计`,
    en: (a) => `the value ${a.value} of '${a.name}' meets no band; it scores 0`,
    hintZh: () => "加一个 'else: 0'（或 '否则: 0'）分档，写明兜底得分。",
    hintEn: () => "Add an 'else: 0' band to state the fallback.",
  },
  PERF034: {
    severity: "error",
    title: "survey-incomplete",
    zh: (a) => `调查「${a.name}」缺少${a.whatZh}`,
    en: (a) => `survey '${a.name}' has no ${a.whatEn}`,
    hintZh: (a) => `在调查中写上 '${a.keyword}'。`,
    hintEn: (a) => `Add '${a.keyword}' to the survey.`,
  },
  PERF040: {
    severity: "error",
    title: "declared-mismatch",
    zh: (a) => `「${a.name}」报告得分为 ${a.declared}，计算得分为 ${a.computed}`,
    en: (a) => `'${a.name}' is declared as ${a.declared} but computes to ${a.computed}`,
    hintZh: (a) => `核对评分依据；若计算正确，把报告得分改为 ${a.computed}。`,
    hintEn: (a) => `Check the scoring; if the computation is right, declare ${a.computed}.`,
  },
  PERF050: {
    severity: "error",
    title: "grade-gap",
    zh: (a) => `等级区间在 ${a.from} 至 ${a.to} 之间有空缺`,
    en: (a) => `the grade bands leave ${a.from} to ${a.to} uncovered`,
    hintZh: () => "调整等级下限/上限，使其连续覆盖 0 至总分。",
    hintEn: () => "Adjust the bounds so the bands cover 0 to the total without a gap.",
  },
  PERF051: {
    severity: "error",
    title: "grade-overlap",
    zh: (a) => `等级「${a.a}」与「${a.b}」的区间重叠`,
    en: (a) => `grade bands '${a.a}' and '${a.b}' overlap`,
    hintZh: () => "调整上下限，使每个得分只属于一个等级。",
    hintEn: () => "Adjust the bounds so each score falls in one band.",
  },
  PERF060: {
    severity: "error",
    title: "unit-mismatch",
    zh: (a) => `单位不一致：${a.zh}`,
    en: (a) => `unit mismatch: ${a.en}`,
    hintZh: () => "只有相同单位的数值才能相加、相减、相除或比较；比率须无量纲。",
    hintEn: () => "Only like units add, subtract, divide or compare; a ratio has no unit.",
  },
  PERF061: {
    severity: "error",
    title: "division-by-zero",
    zh: () => "除数为零",
    en: () => "division by zero",
    hintZh: () => "检查作分母的数据是否填写正确。",
    hintEn: () => "Check the fact used as the denominator.",
  },
  PERF070: {
    severity: "error",
    title: "finding-without-rule",
    zh: (a) => `问题关联到指标「${a.name}」，但该指标没有 'per finding deduct' 规则，不会扣分`,
    en: (a) => `the finding is attached to '${a.name}', which has no 'per finding deduct' rule, so it costs nothing`,
    hintZh: (a) => `给「${a.name}」加上 'per finding deduct N'，或取消该关联。`,
    hintEn: (a) => `Give '${a.name}' a 'per finding deduct N' rule, or remove the attachment.`,
  },
  PERF080: {
    severity: "warning",
    title: "unused-fact",
    zh: (a) => `数据「${a.name}」未被任何指标使用`,
    en: (a) => `fact '${a.name}' is never used`,
    hintZh: () => "在 ratio 或 bands 中使用它，或删除。",
    hintEn: () => "Use it in a ratio or bands, or remove it.",
  },
  PERF081: {
    severity: "warning",
    title: "unused-survey",
    zh: (a) => `调查「${a.name}」未被任何满意度指标使用`,
    en: (a) => `survey '${a.name}' is never used`,
    hintZh: () => "在 satisfaction 中引用它，或删除。",
    hintEn: () => "Use it in a satisfaction rule, or remove it.",
  },
  PERF090: {
    severity: "warning",
    title: "veto-triggered",
    zh: (a) => `否决性指标「${a.name}」已触发：评价等级为「${a.grade}」，不论总分多少`,
    en: (a) => `veto '${a.name}' is triggered: the grade is '${a.grade}' whatever the total`,
  },
  PERF091: {
    severity: "error",
    title: "unknown-grade",
    zh: (a) => `未定义的等级「${a.name}」`,
    en: (a) => `unknown grade '${a.name}'`,
    hintZh: (a) => `可用的等级：${a.grades}。`,
    hintEn: (a) => `The grades are: ${a.grades}.`,
  },
  PERF120: {
    severity: "error",
    title: "report-too-large",
    zh: (a) => `报告的表格共有 ${a.cells} 个单元格，超过 ${a.format} 格式的上限 ${a.limit}；未生成任何内容`,
    en: (a) => `the report's tables have ${a.cells} cells, more than the ${a.format} limit of ${a.limit}; nothing was written`,
    hintZh: () => "用 --table 只输出部分表格（如 --table summary），或改用 csv、md 格式；上限及原因见 docs/render.md。",
    hintEn: () => "Render fewer tables with --table (e.g. --table summary), or use csv or md; docs/render.md explains the limit.",
  },
  PERF121: {
    severity: "error",
    title: "cell-text-too-long",
    zh: (a) => `「${a.table}」第 ${a.row} 行的文字「${a.start}…」有 ${a.length} 个字符，超过 Excel 单元格的上限 ${a.limit}；未生成任何内容`,
    en: (a) => `the text '${a.start}…' in row ${a.row} of '${a.table}' has ${a.length} characters, more than an Excel cell holds (${a.limit}); nothing was written`,
    hintZh: () => "缩短这段文字，或改用 docx、html 格式。",
    hintEn: () => "Shorten the text, or use docx or html.",
  },
  PERF122: {
    severity: "error",
    title: "table-too-wide",
    zh: (a) => `「${a.table}」有 ${a.columns} 列，超过 ${a.format} 表格的上限 ${a.limit} 列；未生成任何内容`,
    en: (a) => `'${a.table}' has ${a.columns} columns, more than a ${a.format} table holds (${a.limit}); nothing was written`,
    hintZh: () => "评分表每级指标占两列：减少指标层级，或用 --table 略去该表，或改用 html、csv 格式。",
    hintEn: () => "The scoring sheet takes two columns per level: use fewer levels, leave the table out with --table, or use html or csv.",
  },
  PERF150: {
    severity: "error",
    title: "unknown-reference",
    zh: (a) => `报告正文中的引用「{{${a.ref}}}」无法识别`,
    en: (a) => `the reference '{{${a.ref}}}' in the report text is not one perf knows`,
    hintZh: () => "可用的引用如 {{总分}}、{{等级}}、{{指标.名称.得分}}、{{事实.名称}}、{{二级指标数}}、{{问题数}}、{{表:得分情况表}}，完整列表见 docs/narrative.md。",
    hintEn: () => "References look like {{total}}, {{grade}}, {{indicator.NAME.score}}, {{fact.NAME}}, {{count.level2}}, {{findings.count}}, {{table:summary}}; docs/narrative.md lists them all.",
  },
  PERF151: {
    severity: "error",
    title: "unknown-name-in-reference",
    zh: (a) => `引用「{{${a.ref}}}」中的${a.kind}「${a.name}」不存在`,
    en: (a) => `the ${a.kind} '${a.name}' in '{{${a.ref}}}' does not exist`,
    hintZh: (a) => (a.near ? `是否指「${a.near}」？` : "检查名称是否与 .perf 文件中的一致。"),
    hintEn: (a) => (a.near ? `Did you mean '${a.near}'?` : "Check the name against the .perf file."),
  },
  PERF152: {
    severity: "error",
    title: "ambiguous-indicator-reference",
    zh: (a) => `有 ${a.n} 个指标名为「${a.name}」，引用「{{${a.ref}}}」无法确定是哪一个`,
    en: (a) => `${a.n} indicators are named '${a.name}'; '{{${a.ref}}}' cannot tell which one`,
    hintZh: (a) => `改用指标标识符：${a.ids}。`,
    hintEn: (a) => `Use the indicator's identifier instead: ${a.ids}.`,
  },
  PERF153: {
    severity: "error",
    title: "unclosed-reference",
    zh: () => "「{{」没有对应的「}}」",
    en: () => "'{{' has no matching '}}'",
    hintZh: () => "补上「}}」；若要原样输出「{{」，写作「\\{{」。",
    hintEn: () => "Add the '}}'; to print '{{' itself, write '\\{{'.",
  },
  PERF154: {
    severity: "warning",
    title: "reference-to-unscored-indicator",
    zh: (a) => `引用「{{${a.ref}}}」的指标「${a.name}」未评分，报告中将显示“未评分”`,
    en: (a) => `'{{${a.ref}}}' refers to '${a.name}', which has no score; the report prints 'unscored'`,
  },
  PERF155: {
    severity: "error",
    title: "block-reference-inside-text",
    zh: (a) => `表格或图表引用「{{${a.ref}}}」须单独成段，不能写在句子中`,
    en: (a) => `the table or chart reference '{{${a.ref}}}' must be a paragraph of its own, not part of a sentence`,
    hintZh: () => "把它移到单独的一行，前后各留一个空行。",
    hintEn: () => "Move it to a line of its own with a blank line before and after.",
  },
} satisfies Record<string, Entry>;

export type DiagnosticCode = keyof typeof catalogue;

export interface Diagnostic {
  code: DiagnosticCode | (string & {});
  severity: Severity;
  message: string;
  hint?: string;
  uri: string;
  range: Range;
  /** Values a quick fix needs (e.g. the computed score), keyed by name. */
  data?: Record<string, string | number>;
}

export interface DiagnosticFactoryOptions {
  locale?: Locale;
  strict?: boolean;
}

export function makeDiagnostic(
  code: DiagnosticCode,
  uri: string,
  range: Range,
  args: Args,
  options: DiagnosticFactoryOptions = {},
  data?: Record<string, string | number>,
): Diagnostic {
  const entry: Entry = catalogue[code];
  const en = options.locale === "en";
  let severity = entry.severity;
  if (options.strict && severity === "warning" && code === "PERF030") severity = "error";
  const hint = en ? entry.hintEn?.(args) : entry.hintZh?.(args);
  const d: Diagnostic = { code, severity, message: en ? entry.en(args) : entry.zh(args), uri, range };
  if (hint) d.hint = hint;
  if (data) d.data = data;
  return d;
}
