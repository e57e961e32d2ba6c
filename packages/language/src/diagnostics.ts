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
  PERF014: {
    severity: "error",
    title: "nesting-too-deep",
    zh: (a) => `嵌套超过 ${a.limit} 层（'{' 与 '(' 合计），所在的声明未被读取`,
    en: (a) => `nested more than ${a.limit} levels deep ('{' and '(' together); the declaration holding it was not read`,
    hintZh: () => "指标体系通常只有 3–4 层：检查是否漏写了 '}' 或 ')'。",
    hintEn: () => "Indicator trees usually have 3–4 levels: look for a missing '}' or ')'.",
  },
  PERF015: {
    severity: "error",
    title: "expression-too-long",
    zh: (a) => `一个表达式中的运算符超过 ${a.limit} 个，所在的声明未被读取`,
    en: (a) => `an expression with more than ${a.limit} operators; the declaration holding it was not read`,
    hintZh: () => "缩短表达式，例如先把部分结果写成数据（fact）。",
    hintEn: () => "Shorten the expression, e.g. state part of it as a fact.",
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
  PERF100: {
    severity: "warning",
    title: "bidi-control",
    zh: (a) => `${a.whereZh}中有双向控制字符 ${a.char}，显示的顺序可能与实际内容不同`,
    en: (a) => `${a.char}, a bidirectional control character, in ${a.whereEn}: the text may display in an order other than it is stored`,
    hintZh: () => "删除它；从右向左书写的文字不需要控制字符。",
    hintEn: () => "Remove it; right-to-left text needs no control characters.",
  },
  PERF101: {
    severity: "error",
    title: "bidi-reorders-code",
    zh: (a) => `${a.whereZh}中的双向控制字符 ${a.char} 到${a.whereZh}结束仍未关闭，同一行其后的代码会被颠倒显示`,
    en: (a) => `the bidirectional control character ${a.char} is still open where ${a.whereEn} ends: the code after it on the line displays reordered`,
    hintZh: () => "删除该字符：它能让代码看起来与实际内容不同。",
    hintEn: () => "Remove it: it can make the code look different from what it is.",
  },
  PERF102: {
    severity: "warning",
    title: "invisible-character",
    zh: (a) => `${a.whereZh}中有不可见字符 ${a.char}`,
    en: (a) => `an invisible character, ${a.char}, in ${a.whereEn}`,
    hintZh: () => "删除它（通常是复制粘贴时带入的）。",
    hintEn: () => "Remove it (it usually comes with copy and paste).",
  },
  PERF103: {
    severity: "warning",
    title: "control-character",
    zh: (a) => `${a.whereZh}中有控制字符 ${a.char}`,
    en: (a) => `a control character, ${a.char}, in ${a.whereEn}`,
    hintZh: () => "删除它；换行请直接换行或写 \\n，制表符写 \\t。",
    hintEn: () => "Remove it; write a line break as a new line or \\n, a tab as \\t.",
  },
  PERF104: {
    severity: "warning",
    title: "xml-invalid-character",
    zh: (a) => `字符串中的 ${a.char} 不能写入 docx/xlsx（XML 不允许该字符），将替换为 U+FFFD（�）`,
    en: (a) => `${a.char} in a string cannot be written to docx or xlsx (XML does not allow it); it will be replaced by U+FFFD (�)`,
    hintZh: () => "删除它。",
    hintEn: () => "Remove it.",
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
