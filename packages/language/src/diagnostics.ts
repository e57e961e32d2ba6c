import { placeKey, type Range } from "./range.js";

export type Severity = "error" | "warning" | "info";
export type Locale = "zh" | "en";
export type Args = Record<string, string | number>;

export type DiagnosticTag = "unnecessary" | "deprecated";

interface Entry {
  severity: Severity;
  /** The severity under `perf check --strict` (and the editor's strict setting), when it differs. */
  strict?: Severity;
  /** How editors mark the span (LSP DiagnosticTag). */
  tags?: readonly DiagnosticTag[];
  /** A short name, used as the SARIF rule name and in docs. */
  title: string;
  zh: (a: Args) => string;
  en: (a: Args) => string;
  hintZh?: (a: Args) => string;
  hintEn?: (a: Args) => string;
  /**
   * An audit finding: a discrepancy in what the report states about itself (a printed total
   * that is not the sum of its rows, a claim that is false, a target set badly). Listed by
   * `perf check --audit` and in rendered audit notes; the file may acknowledge it.
   */
  audit?: boolean;
}

/** Kinds of names (PERF020's `kind`) in both languages. */
const kindNames: Record<string, readonly [string, string]> = {
  indicator: ["指标", "indicator"],
  fact: ["数据", "fact"],
  survey: ["调查", "survey"],
  finding: ["问题", "finding"],
  veto: ["否决", "veto"],
  target: ["绩效目标", "target"],
  factOrSurvey: ["数据或调查", "fact or survey"],
  subject: ["评价对象", "subject"],
  table: ["数据表", "table"],
};
const kindZh = (a: Args) => kindNames[String(a.kind)]?.[0] ?? String(a.kindZh);
const kindEn = (a: Args) => kindNames[String(a.kind)]?.[1] ?? String(a.kindEn);

/** What a survey lacks (PERF034's `what`). */
const surveyParts: Record<string, readonly [string, string]> = {
  satisfaction: ["满意度", "satisfaction"],
  respondents: ["样本数（加权平均需要）", "respondents (the weighted mean needs them)"],
};

/** PERF171's clause of a header, worded. */
const scaleZh: Record<string, string> = { total: "总分", precision: "精度", grades: "等级划分" };

/** PERF005's rules, by `rule` argument. */
const numberRules: Record<string, readonly [string, string]> = {
  precision: ["精度须为 0 到 6 的整数", "precision is a whole number from 0 to 6"],
  count: ["例数须为整数", "a count is a whole number"],
  quorum: ["最小样本须为正整数", "a quorum is a whole number of respondents, at least 1"],
};

/** PERF060's words from its arguments: `op` (add, subtract, multiply, divide, compare, ratio, convert) and the units `left`, `right` ("" for none). */
function unitProblem(a: Args, locale: Locale): string {
  const u = (x: string | number | undefined) => (x ? String(x) : locale === "zh" ? "无单位" : "no unit");
  const [l, r] = [u(a.left), u(a.right)];
  const zh = { add: `${l} 与 ${r} 不能相加`, subtract: `${l} 与 ${r} 不能相减`, multiply: `${l} 与 ${r} 不能相乘`, divide: `${l} 不能除以 ${r}`, compare: `${l} 不能与 ${r} 比较`, ratio: `比率的结果带有单位 ${l}`, convert: `${l} 不能换算为 ${r}` };
  const en = { add: `cannot add ${l} and ${r}`, subtract: `cannot subtract ${l} and ${r}`, multiply: `cannot multiply ${l} by ${r}`, divide: `cannot divide ${l} by ${r}`, compare: `cannot compare ${l} with ${r}`, ratio: `the ratio has the unit ${l}`, convert: `cannot convert ${l} to ${r}` };
  return (locale === "zh" ? zh : en)[String(a.op) as keyof typeof zh] ?? String(a.op);
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
    zh: (a) => `数值 ${a.text} 在此处无效：${numberRules[String(a.rule)]?.[0] ?? a.zh}`,
    en: (a) => `number ${a.text} is not valid here: ${numberRules[String(a.rule)]?.[1] ?? a.en}`,
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
    zh: (a) => `未定义的${kindZh(a)}「${a.name}」`,
    en: (a) => `unknown ${kindEn(a)} '${a.name}'`,
    hintZh: (a) => (a.suggestion ? `是否指「${a.suggestion}」？` : `先声明${kindZh(a)}「${a.name}」。`),
    hintEn: (a) => (a.suggestion ? `Did you mean '${a.suggestion}'?` : `Declare the ${kindEn(a)} '${a.name}' first.`),
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
    strict: "error",
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
    zh: (a) => `调查「${a.name}」缺少${surveyParts[String(a.what)]?.[0] ?? a.whatZh}`,
    en: (a) => `survey '${a.name}' has no ${surveyParts[String(a.what)]?.[1] ?? a.whatEn}`,
    hintZh: (a) => `在调查中写上 '${a.keyword}'。`,
    hintEn: (a) => `Add '${a.keyword}' to the survey.`,
  },
  PERF035: {
    severity: "warning",
    strict: "error",
    title: "empty-evaluation",
    zh: () => "评价中没有任何指标，无法计算得分和等级",
    en: () => "the evaluation has no indicators, so it has no score and no grade",
    hintZh: () => "加上指标体系（indicator/指标），或删除该文件。",
    hintEn: () => "Add the indicator tree, or remove the file.",
  },
  PERF036: {
    severity: "warning",
    strict: "error",
    title: "satisfaction-above-100",
    zh: (a) => `调查「${a.name}」的满意度 ${a.value} 超过 100%，计分时按 100% 计`,
    en: (a) => `survey '${a.name}' has satisfaction ${a.value}, above 100%; it is scored as 100%`,
    hintZh: () => "满意度是 0% 到 100% 之间的比例；核对调查结果。",
    hintEn: () => "A satisfaction rate lies between 0% and 100%; check the survey.",
  },
  PERF037: {
    severity: "warning",
    title: "rate-above-100",
    zh: (a) => `指标「${a.name}」的比率取值 ${a.value} 超过 100%，得分以分值为上限`,
    en: (a) => `the rate ${a.value} used as the ratio of '${a.name}' is above 100%; the score is capped at the weight`,
    hintZh: () => "比率、完成率等百分比一般不超过 100%；核对该数据。超额完成请写成实际数 / 计划数。",
    hintEn: () => "A rate written as a percentage is at most 100%; check it. For over-fulfilment write actual / planned.",
  },
  PERF038: {
    severity: "error",
    title: "inexact-number",
    zh: (a) => `数值 ${a.text} 无法精确表示（有效数字超过 ${a.limit} 位，或整数/小数部分超过 ${a.limit} 位）`,
    en: (a) => `the number ${a.text} cannot be represented exactly (more than ${a.limit} significant, integer or decimal digits)`,
    hintZh: () => "预算数据不需要这么多位；删去多余的位数。",
    hintEn: () => "No budget figure needs that many digits; drop the extra ones.",
  },
  PERF040: {
    severity: "error",
    title: "declared-mismatch",
    zh: (a) => `「${a.name === "" ? "总分" : a.name}」报告得分为 ${a.declared}，计算得分为 ${a.computed}`,
    en: (a) => `${a.name === "" ? "the total" : `'${a.name}'`} is declared as ${a.declared} but computes to ${a.computed}`,
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
    zh: (a) => `单位不一致：${a.op ? unitProblem(a, "zh") : a.zh}`,
    en: (a) => `unit mismatch: ${a.op ? unitProblem(a, "en") : a.en}`,
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
    tags: ["unnecessary"],
    title: "unused-fact",
    zh: (a) => `数据「${a.name}」未被任何指标使用`,
    en: (a) => `fact '${a.name}' is never used`,
    hintZh: () => "在 ratio 或 bands 中使用它，或删除。",
    hintEn: () => "Use it in a ratio or bands, or remove it.",
  },
  PERF081: {
    severity: "warning",
    tags: ["unnecessary"],
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
  // PERF110–PERF119: reading and writing files (the CLI and the server), not the checker of a text.
  PERF110: {
    severity: "error",
    title: "not-utf8",
    zh: (a) => `文件不是 UTF-8 编码，${a.guessZh}（${a.detail}）；perf 只读取 UTF-8，文件未改动`,
    en: (a) => `the file is not UTF-8; ${a.guessEn} (${a.detailEn}); perf reads UTF-8 only and left the file as it is`,
    hintZh: (a) =>
      `把文件另存为 UTF-8：iconv -f ${a.from} -t UTF-8 ${a.file} > ${a.file}.utf8 && mv ${a.file}.utf8 ${a.file}；` +
      `或在 VS Code 中点击状态栏的编码，选「通过编码重新打开」→ ${a.from}，再选「通过编码保存」→ UTF-8。`,
    hintEn: (a) =>
      `Re-save it as UTF-8: iconv -f ${a.from} -t UTF-8 ${a.file} > ${a.file}.utf8 && mv ${a.file}.utf8 ${a.file}; ` +
      `or in VS Code click the encoding in the status bar, "Reopen with Encoding" → ${a.from}, then "Save with Encoding" → UTF-8.`,
  },
  PERF111: {
    severity: "error",
    title: "not-a-regular-file",
    zh: (a) => `${a.file} 是${a.kindZh}，不是普通文件，未读取`,
    en: (a) => `${a.file} is ${a.kindEn}, not a regular file; it was not read`,
    hintZh: () => "perf 只读取普通的 .perf 文件；检查路径是否写错。",
    hintEn: () => "perf reads regular .perf files only; check the path.",
  },
  PERF112: {
    severity: "error",
    title: "file-too-large",
    zh: (a) => `${a.file} 有 ${a.size} 字节，超过 .perf 文件的上限 ${a.limit}，未读取`,
    en: (a) => `${a.file} has ${a.size} bytes, more than the ${a.limit} limit for a .perf file; it was not read`,
    hintZh: () => "检查是否选错了文件；一个评价的 .perf 文件通常只有几十 KB。",
    hintEn: () => "Check that this is the right file; an evaluation is usually a few tens of KB.",
  },
  PERF113: {
    severity: "error",
    title: "output-not-regular",
    zh: (a) => `输出目标 ${a.file} 是${a.kindZh}，不是普通文件，未写入`,
    en: (a) => `the output ${a.file} is ${a.kindEn}, not a regular file; nothing was written`,
    hintZh: () => "用 -o 指定一个普通文件或新路径。",
    hintEn: () => "Give a regular file or a new path with -o.",
  },
  PERF114: {
    severity: "error",
    title: "output-is-input",
    zh: (a) => `输出目标 ${a.file} 就是本次的输入文件 ${a.input}，未写入，以免覆盖源文件`,
    en: (a) => `the output ${a.file} is the input ${a.input} of this run; nothing was written, so the source is kept`,
    hintZh: () => "用 -o 指定另一个文件名。",
    hintEn: () => "Give another file name with -o.",
  },
  PERF115: {
    severity: "error",
    title: "output-is-symlink",
    zh: (a) => `输出目标 ${a.file} 是符号链接（指向 ${a.target}），未写入`,
    en: (a) => `the output ${a.file} is a symbolic link (to ${a.target}); nothing was written`,
    hintZh: () => "加 --follow-symlinks 写入链接指向的文件，或用 -o 指定另一个路径。",
    hintEn: () => "Add --follow-symlinks to write the file the link points to, or give another path with -o.",
  },
  PERF116: {
    severity: "info",
    title: "mixed-line-endings",
    zh: (a) => `行尾不一致（LF ${a.lf} 处，CRLF ${a.crlf} 处，CR ${a.cr} 处）；perf fmt 统一为占多数的 ${a.eol}`,
    en: (a) => `mixed line endings (${a.lf} LF, ${a.crlf} CRLF, ${a.cr} CR); perf fmt writes the majority, ${a.eol}, throughout`,
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
  PERF125: {
    severity: "warning",
    title: "evidence-not-linked",
    zh: (a) => `佐证材料路径「${a.path}」不生成链接：${a.reasonZh}`,
    en: (a) => `evidence path '${a.path}' is not linked: ${a.reasonEn}`,
    hintZh: () => "写相对于本文件、位于评价文件夹（工作区）之内的路径，例如 \"材料/报告.pdf\"。",
    hintEn: () => "Write a path relative to this file and inside the evaluation's folder (the workspace), e.g. \"材料/报告.pdf\".",
  },
  PERF126: {
    severity: "error",
    title: "file-too-large",
    zh: (a) => `文件大小 ${a.size} 超过语言服务器的上限 ${a.limit}（设置 perf.maxFileSize），未分析`,
    en: (a) => `the file is ${a.size}, over the language server's limit of ${a.limit} (setting perf.maxFileSize); it is not analyzed`,
    hintZh: () => "用 perf check 检查该文件，或调大 perf.maxFileSize。",
    hintEn: () => "Check it with perf check, or raise perf.maxFileSize.",
  },
  PERF127: {
    severity: "warning",
    title: "file-not-readable",
    zh: (a) => `语言服务器不读取「${a.name}」：${a.reasonZh}`,
    en: (a) => `the language server does not read '${a.name}': ${a.reasonEn}`,
    hintZh: () => ".perf 文件应是普通文本文件；删除或重命名它，或检查其权限。",
    hintEn: () => "A .perf file is a plain text file; remove or rename this one, or check its permissions.",
  },
  // PERF128 (the server's "not UTF-8") was retired before any release: the server reports the shared PERF110.
  PERF129: {
    severity: "error",
    title: "analysis-failed",
    zh: (a) => `语言服务器未能分析此文件（${a.detail}），此文本没有其他诊断`,
    en: (a) => `the language server could not analyze this file (${a.detail}); no diagnostics are shown for this text`,
    hintZh: () => "这是 perf 的缺陷；请附上该文件报告问题。perf check 可能给出同样的错误。",
    hintEn: () => "This is a bug in perf; please report it with the file. perf check may fail the same way.",
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
  // PERF160–PERF179: frameworks, subjects, `use`, overrides and published totals (issue 13).
  PERF160: {
    severity: "error",
    title: "used-file-unreadable",
    zh: (a) => `无法读取引用的文件「${a.path}」${a.reason ? `：${a.reason}` : ""}`,
    en: (a) => `cannot read the used file '${a.path}'${a.reason ? `: ${a.reason}` : ""}`,
    hintZh: () => "路径相对于本文件所在的文件夹；检查文件名与位置。",
    hintEn: () => "The path is relative to this file's folder; check the name and where the file is.",
  },
  PERF161: {
    severity: "error",
    title: "use-cycle",
    zh: (a) => `引用「${a.path}」形成循环：${a.cycle}`,
    en: (a) => `using '${a.path}' makes a cycle: ${a.cycle}`,
    hintZh: () => "框架文件不引用评价文件；删除循环中的一处 use。",
    hintEn: () => "A framework does not use its evaluations; remove one `use` of the cycle.",
  },
  PERF162: {
    severity: "error",
    title: "use-outside-workspace",
    zh: (a) => `引用的文件「${a.path}」在工作区 ${a.root} 之外`,
    en: (a) => `the used file '${a.path}' is outside the workspace ${a.root}`,
    hintZh: () => "把框架文件复制到工作区内，或在包含两者的文件夹上运行 perf。",
    hintEn: () => "Copy the framework into the workspace, or run perf on a folder holding both.",
  },
  PERF163: {
    severity: "error",
    title: "unknown-published-grade",
    zh: (a) => `等级「${a.name}」不是评价等级之一（${a.grades}）`,
    en: (a) => `'${a.name}' is not one of the grades (${a.grades})`,
    hintZh: () => "使用 grades 中定义的等级名称，或在头部写出报告的等级划分。",
    hintEn: () => "Use a grade name of `grades`, or state the report's bands in the header.",
  },
  PERF164: {
    severity: "error",
    title: "published-grade-mismatch",
    zh: (a) => `报告等级为「${a.name}」，但总分 ${a.total} 属于「${a.band}」`,
    en: (a) => `the published grade is '${a.name}' but the total ${a.total} falls in '${a.band}'`,
    hintZh: () => "核对报告的总分、等级与等级划分。",
    hintEn: () => "Check the report's total, grade and bands.",
  },
  PERF165: {
    severity: "info",
    title: "framework-override",
    zh: (a) => `本评价调整了框架指标「${a.indicator}」的${a.what === "weight" ? "分值" : "评分规则"}：${a.from} → ${a.to}（${a.reason || "未说明理由"}）`,
    en: (a) => `this evaluation overrides the framework's ${a.what === "weight" ? "weight" : "rule"} of '${a.indicator}': ${a.from} → ${a.to} (${a.reason || "no reason given"})`,
  },
  PERF166: {
    severity: "error",
    title: "subject-lacks-input",
    zh: (a) => `评价对象「${a.subject}」没有提供指标「${a.indicator}」所需的数据或调查「${a.name}」`,
    en: (a) => `subject '${a.subject}' supplies no fact or survey '${a.name}', which indicator '${a.indicator}' needs`,
    hintZh: (a) => `在评价对象块内（或文件顶层，供所有对象共用）声明「${a.name}」。`,
    hintEn: (a) => `Declare '${a.name}' in the subject block (or at the top level, shared by every subject).`,
  },
  PERF167: {
    severity: "error",
    title: "assess-on-computed-rule",
    zh: (a) => `指标「${a.indicator}」${a.branch ? "是上级指标，得分由下级汇总" : "由框架的规则计算得分"}，评价对象「${a.subject}」不能给出扣分或得分`,
    en: (a) => `indicator '${a.indicator}' ${a.branch ? "is a branch, the sum of its children" : "is scored by the framework's rule"}; subject '${a.subject}' cannot give it deductions or a score`,
    hintZh: () => "只保留 declared、note、evidence；要改变规则，用 override 指标 rule … \"理由\"。",
    hintEn: () => "Keep declared, note and evidence only; to change the rule, write override INDICATOR rule … \"reason\".",
  },
  PERF168: {
    severity: "error",
    title: "assessed-twice",
    zh: (a) => `评价对象「${a.subject}」对指标「${a.indicator}」评分了两次`,
    en: (a) => `subject '${a.subject}' assesses '${a.indicator}' twice`,
    hintZh: () => "合并为一个 assess 块。",
    hintEn: () => "Merge them into one assess block.",
  },
  PERF169: {
    severity: "warning",
    strict: "error",
    title: "judgement-not-assessed",
    zh: (a) => `评价对象「${a.subject}」没有对酌情扣分指标「${a.indicator}」评分，该指标未得分`,
    en: (a) => `subject '${a.subject}' does not assess the judgement indicator '${a.indicator}', which stays unscored`,
    hintZh: (a) => `在评价对象块中写 assess ${a.id} { }（无扣分即满分）。`,
    hintEn: (a) => `Write assess ${a.id} { } in the subject block (no deduction is full marks).`,
  },
  PERF170: {
    severity: "error",
    title: "not-a-framework",
    zh: (a) => `引用的文件「${a.path}」没有指标体系`,
    en: (a) => `the used file '${a.path}' holds no indicators`,
    hintZh: () => "use 指向以 framework 开头、包含指标的框架文件。",
    hintEn: () => "`use` names a framework file: `framework …` and its indicators.",
  },
  PERF171: {
    severity: "warning",
    strict: "error",
    title: "scale-set-by-framework",
    zh: (a) => `${scaleZh[String(a.clause)] ?? a.clause}由引用的框架「${a.path}」决定，此处所写不起作用（${a.same ? "与框架相同" : `框架为 ${a.framework}`}）`,
    en: (a) => `'${a.clause}' here is ignored: the used framework '${a.path}' sets ${a.same ? "the same" : a.framework}`,
    hintZh: () => "删除此项。总分、精度和等级划分只在框架文件中修改；指标分值用 override 调整。",
    hintEn: () => "Remove it. The total, precision and grades change in the framework file only; a weight with `override`.",
  },
  PERF172: {
    severity: "error",
    title: "used-file-is-an-evaluation",
    zh: (a) => `引用的文件「${a.path}」是一份评价（有 evaluation 头部），不是框架`,
    en: (a) => `the used file '${a.path}' is an evaluation (it has an evaluation header), not a framework`,
    hintZh: () => "把它的头部改为 framework ID \"名称\" { total … grades {…} }，或引用它所用的框架文件。",
    hintEn: () => "Make its header framework ID \"name\" { total … grades {…} }, or use the framework file it uses.",
  },
  PERF200: {
    severity: "error",
    title: "unknown-unit",
    zh: (a) => `未知单位「${a.unit}」`,
    en: (a) => `unknown unit '${a.unit}'`,
    hintZh: (a) => `在计量单位块中声明它：\`计量单位 { ${a.unit} }\`；可写换算，如 \`亿次 = 100000000 次\`。`,
    hintEn: (a) => `Declare it in a units block: \`units { ${a.unit} }\`, optionally with a conversion such as \`亿次 = 100000000 次\`.`,
  },
  PERF201: {
    severity: "error",
    title: "invalid-unit-definition",
    zh: (a) => ({ builtin: `「${a.unit}」是内置单位，不能重新定义换算`, duplicate: `单位「${a.unit}」重复声明`, cycle: `单位「${a.unit}」的换算循环引用自身：${a.cycle}`, zero: `单位「${a.unit}」的换算值须大于零` })[String(a.reason)] ?? String(a.reason),
    en: (a) => ({ builtin: `'${a.unit}' is a built-in unit; its conversion cannot be redefined`, duplicate: `the unit '${a.unit}' is declared more than once`, cycle: `the conversion of '${a.unit}' refers to itself: ${a.cycle}`, zero: `the conversion of '${a.unit}' must be greater than zero` })[String(a.reason)] ?? String(a.reason),
  },
  PERF202: {
    severity: "error",
    title: "computed-fact-cycle",
    zh: (a) => `计算数据「${a.name}」循环引用自身：${a.cycle}`,
    en: (a) => `the computed fact '${a.name}' depends on itself: ${a.cycle}`,
    hintZh: () => "至少有一个数据须为数值，而不是由其他数据算出。",
    hintEn: () => "At least one of these facts must be a number, not computed from the others.",
  },
  PERF203: {
    severity: "error",
    title: "invalid-aggregate",
    zh: (a) =>
      ({
        unknownFunction: `未知函数「${a.name}」：可用 sum/求和、count/计数、min/最小、max/最大、mean/平均值`,
        column: `「${a.name}」是数据表的一列，只能用在 sum、count、min、max、mean 中`,
        row: `「${a.name}」是数据表的一行，不是数值；引用单元格请写「${a.name}.列名」`,
        text: `「${a.name}」是文本，不能参与计算`,
        empty: `单元格「${a.name}」为空`,
        noValues: `${a.fn}() 没有可计算的数值`,
      })[String(a.reason)] ?? String(a.reason),
    en: (a) =>
      ({
        unknownFunction: `unknown function '${a.name}': sum, count, min, max and mean are available`,
        column: `'${a.name}' is a table column; it can only stand inside sum, count, min, max or mean`,
        row: `'${a.name}' is a table row, not a number; a cell is '${a.name}.COLUMN'`,
        text: `'${a.name}' is text and cannot be computed with`,
        empty: `the cell '${a.name}' is empty`,
        noValues: `${a.fn}() has no values to compute`,
      })[String(a.reason)] ?? String(a.reason),
  },
  PERF204: {
    severity: "error",
    title: "table-row-cells",
    zh: (a) => `行「${a.row}」有 ${a.cells} 个单元格，数据表「${a.table}」有 ${a.columns} 列`,
    en: (a) => `the row '${a.row}' has ${a.cells} cells; the table '${a.table}' has ${a.columns} columns`,
    hintZh: () => "单元格按列的顺序填写，空单元格写 -。",
    hintEn: () => "Cells follow the columns in order; write - for an empty cell.",
  },
  PERF205: {
    severity: "error",
    title: "table-cell-type",
    zh: (a) =>
      ({
        text: `列「${a.column}」是文本列，行「${a.row}」却填了数值 ${a.cell}`,
        number: `列「${a.column}」是数值列，行「${a.row}」却填了文本 ${a.cell}`,
        unit: `列「${a.column}」的单位是 ${a.unit}，行「${a.row}」的 ${a.cell} 不能换算为它`,
        column: `列「${a.column}」是文本列，不能求合计`,
      })[String(a.reason)] ?? String(a.reason),
    en: (a) =>
      ({
        text: `the column '${a.column}' holds text, but the row '${a.row}' has the number ${a.cell}`,
        number: `the column '${a.column}' holds numbers, but the row '${a.row}' has the text ${a.cell}`,
        unit: `the column '${a.column}' is in ${a.unit}; the row '${a.row}' has ${a.cell}, which does not convert to it`,
        column: `the column '${a.column}' holds text and has no total`,
      })[String(a.reason)] ?? String(a.reason),
  },
  PERF206: {
    severity: "error",
    title: "unknown-table-part",
    zh: (a) => `数据表「${a.table}」没有${a.part === "row" ? "行" : a.part === "column" ? "列" : "行或列"}「${a.name}」${a.suggestion ? `，是否指「${a.suggestion}」？` : ""}`,
    en: (a) => `the table '${a.table}' has no ${a.part === "row" ? "row" : a.part === "column" ? "column" : "row or column"} '${a.name}'${a.suggestion ? `; did you mean '${a.suggestion}'?` : ""}`,
  },
  PERF207: {
    severity: "error",
    title: "printed-total-mismatch",
    audit: true,
    zh: (a) => `数据表「${a.table}」原表${a.kind === "subtotal" ? `小计「${a.name}」` : "合计"}的「${a.column}」印为 ${a.printed}${a.unit ? " " + a.unit : ""}，各行相加为 ${a.computed}${a.unit ? " " + a.unit : ""}`,
    en: (a) => `the ${a.kind === "subtotal" ? `subtotal '${a.name}'` : "total"} of '${a.column}' in the table '${a.table}' is printed as ${a.printed}${a.unit ? " " + a.unit : ""}; its rows add up to ${a.computed}${a.unit ? " " + a.unit : ""}`,
    hintZh: () => "若原报告确实如此，在该行后写 `已知 \"原因\"`，如实保留并在审计中列出。",
    hintEn: () => "If the published report really says so, add `acknowledged \"reason\"` after it: kept as printed and listed by the audit.",
  },
  PERF208: {
    severity: "error",
    title: "printed-total-suspicious-unit",
    audit: true,
    zh: (a) => `数据表「${a.table}」原表${a.kind === "subtotal" ? `小计「${a.name}」` : "合计"}的「${a.column}」${a.printed} ${a.unit} 只有在 ${a.cells} 实为 ${a.readAs} 时才与各行相符（按所写单位相加为 ${a.computed} ${a.unit}）`,
    en: (a) => `the ${a.kind === "subtotal" ? `subtotal '${a.name}'` : "total"} of '${a.column}' in the table '${a.table}', ${a.printed} ${a.unit}, adds up only if ${a.cells} means ${a.readAs} (as written the rows add up to ${a.computed} ${a.unit})`,
    hintZh: () => "原报告可能写错了单位；若原文如此，在该行后写 `已知 \"原因\"`。",
    hintEn: () => "The report probably printed the wrong unit; if it really says so, add `acknowledged \"reason\"`.",
  },
  PERF210: {
    severity: "warning",
    title: "acknowledged-without-discrepancy",
    zh: (a) => `数据表「${a.table}」的原表${a.kind === "subtotal" ? `小计「${a.name}」` : "合计"}与各行相符，没有需要「已知」说明的差异`,
    en: (a) => `the printed ${a.kind === "subtotal" ? `subtotal '${a.name}'` : "total"} of the table '${a.table}' matches its rows; there is no discrepancy to acknowledge`,
    hintZh: () => "删除 `已知 \"…\"`；若原报告确有差异，请核对所录数字。",
    hintEn: () => "Remove `acknowledged \"…\"`; if the published report does have a discrepancy, check the figures entered.",
  },
  PERF211: {
    severity: "error",
    title: "date-plus-date",
    zh: (a) => `两个日期不能相加（${a.left} + ${a.right}）`,
    en: (a) => `two dates cannot be added (${a.left} + ${a.right})`,
    hintZh: () => "日期相减得天数（完工 - 开工），日期加时长得日期（开工 + 8 个月）。",
    hintEn: () => "A date minus a date is a number of days (done - start); a date plus a duration is a date (start + 8 个月).",
  },
  PERF212: {
    severity: "error",
    title: "date-not-a-number",
    zh: (a) => ({ multiply: "日期不能相乘", divide: "日期不能相除", negate: "日期不能取负", aggregate: `日期不能用于 ${a.left}()（可用 count）`, number: `此处需要数值，${a.name ? `「${a.name}」` : ""}却是日期` })[String(a.op)] ?? String(a.op),
    en: (a) => ({ multiply: "a date cannot be multiplied", divide: "a date cannot be divided", negate: "a date cannot be negated", aggregate: `a date cannot stand in ${a.left}() (count can count dates)`, number: `a number is needed here but ${a.name ? `'${a.name}'` : "this"} is a date` })[String(a.op)] ?? String(a.op),
    hintZh: () => "日期只能比较、相减（得天数）或加减时长；要计算请先求出天数：完工 - 开工。",
    hintEn: () => "Dates compare, subtract (giving days) and take a duration; compute with days: done - start.",
  },
  PERF213: {
    severity: "error",
    title: "date-and-non-duration",
    zh: (a) => `日期只能加减时长（天、月、年等）：${a.left || "无单位"} ${a.op === "add" ? "+" : "-"} ${a.right || "无单位"} 不成立`,
    en: (a) => `a date only takes a duration (days, months, years): ${a.left || "a plain number"} ${a.op === "add" ? "+" : "-"} ${a.right || "a plain number"} is not allowed`,
    hintZh: () => "写明时长的单位，如「+ 30 天」「+ 8 个月」；时长不能减去日期。",
    hintEn: () => "Write the duration's unit, as in '+ 30 天' or '+ 8 个月'; a duration minus a date is not allowed.",
  },
  PERF214: {
    severity: "error",
    title: "days-and-months",
    zh: (a) => `${a.left} 与 ${a.right} 不能换算：一个月没有固定的天数`,
    en: (a) => `${a.left} and ${a.right} do not convert: a month has no fixed number of days`,
    hintZh: () => "日期相减得天数；按月比较请用月数（如「8 个月」）与月数比较，按天比较则都用天。",
    hintEn: () => "A date minus a date is in days; compare months with months and days with days.",
  },
  PERF215: {
    severity: "error",
    title: "partial-duration",
    zh: (a) => `日期 ${a.left} 只能加减整天或整月，${a.right} 不是`,
    en: (a) => `a date takes whole days or whole months only; ${a.right} is not`,
  },
  PERF216: {
    severity: "error",
    title: "invalid-count-filter",
    zh: (a) => `${a.fn}(… = "…") 的筛选只能用于 count(数据表.文本列 = "文本")`,
    en: (a) => `the filter of ${a.fn}(… = "…") is only for count(TABLE.TEXT_COLUMN = "text")`,
    hintZh: () => "如：count(子项目.状态 = \"已完成\") 计数状态为「已完成」的行。",
    hintEn: () => "For example count(子项目.状态 = \"已完成\") counts the rows whose 状态 is 已完成.",
  },
  PERF217: {
    severity: "error",
    title: "subject-lacks-target",
    zh: (a) => `评价对象「${a.subject}」没有指标「${a.indicator}」按目标计分所需的绩效目标「${a.name}」`,
    en: (a) => `subject '${a.subject}' has no target '${a.name}', which indicator '${a.indicator}' is scored on`,
    hintZh: (a) => `在评价对象块内声明 target ${a.name} { … }，或在文件顶层声明供所有对象共用。`,
    hintEn: (a) => `Declare target ${a.name} { … } in the subject block, or at the top level for every subject.`,
  },
  PERF209: {
    severity: "info",
    title: "table-row-value",
    zh: (a) => `行「${a.row}」：${a.column} ${a.value}`,
    en: (a) => `row '${a.row}': ${a.column} ${a.value}`,
  },
  PERF260: {
    severity: "error",
    title: "element-shares-sum",
    zh: (a) => `指标「${a.name}」各要素分值合计 ${a.sum}，不等于指标分值 ${a.weight}`,
    en: (a) => `the element shares of '${a.name}' sum to ${a.sum}, not its weight ${a.weight}`,
    hintZh: () => "要素法中每个要素占分值的一部分，各要素分值之和应等于指标分值；调整要素分值或指标分值。",
    hintEn: () => "Each element is a share of the weight; the shares must add up to it. Change a share or the weight.",
  },
  PERF261: {
    severity: "error",
    title: "survey-tally-and-satisfaction",
    zh: (a) => `调查「${a.name}」既写了满意度又写了计数`,
    en: (a) => `survey '${a.name}' states a satisfaction and a tally`,
    hintZh: () => "有计数时满意度由计数算出（Σ人数×权重 ÷ Σ人数）；删去“满意度”与“样本”。",
    hintEn: () => "A tally computes the satisfaction (Σ count × weight ÷ Σ count); remove 'satisfaction' and 'respondents'.",
  },
  PERF262: {
    severity: "error",
    title: "tally-count",
    zh: (a) => `调查「${a.name}」中「${a.level}」的人数 ${a.value} 不是非负整数`,
    en: (a) => `the count ${a.value} of '${a.level}' in survey '${a.name}' is not a whole number`,
    hintZh: () => "计数写每个选项的有效答卷份数，如 非常满意 120 × 100%。",
    hintEn: () => "A tally counts the answers per level, e.g. very_satisfied 120 × 100%.",
  },
  PERF263: {
    severity: "error",
    title: "tally-level-weight",
    zh: (a) => `调查「${a.name}」中「${a.level}」的权重 ${a.value} 不在 0% 到 100% 之间`,
    en: (a) => `the weight ${a.value} of '${a.level}' in survey '${a.name}' is not between 0% and 100%`,
    hintZh: () => "选项权重是该选项计入满意度的比例，如 非常满意 100%、满意 80%、一般 60%、不满意 40%、非常不满意 0。",
    hintEn: () => "A level's weight is the share of satisfaction it counts for, e.g. 100%, 80%, 60%, 40%, 0.",
  },
  PERF264: {
    severity: "error",
    title: "tally-empty",
    zh: (a) => `调查「${a.name}」的计数没有任何答卷，无法计算满意度`,
    en: (a) => `the tally of survey '${a.name}' has no answers; no satisfaction can be computed`,
    hintZh: () => "填写各选项的答卷份数。",
    hintEn: () => "Fill in the number of answers per level.",
  },
  PERF265: {
    severity: "warning",
    title: "small-survey-sample",
    zh: (a) => `调查「${a.name}」只有 ${a.n} 份有效样本，少于 ${a.quorum} 份，满意度结论可能不可靠`,
    en: (a) => `survey '${a.name}' has ${a.n} respondents, fewer than ${a.quorum}; its satisfaction may not be reliable`,
    hintZh: () => "扩大样本，或在评价说明中说明样本量；最小样本可在评价中用“最小样本 N”设定（默认 30）。",
    hintEn: () => "Survey more people, or explain the sample in the note; set the threshold with 'quorum N' in the evaluation (default 30).",
  },
  PERF266: {
    severity: "warning",
    title: "budget-execution-out-of-range",
    zh: (a) => `指标「${a.name}」的预算执行率为 ${a.value}，低于 80%`,
    en: (a) => `the budget execution rate of '${a.name}' is ${a.value}, below 80%`,
    hintZh: () => "执行率偏低：核对实际支出与预算数，并在问题中分析原因（超过 100% 的比率由 PERF037 提示）。",
    hintEn: () => "Execution is low: check spending and budget, and explain the cause in a finding (a ratio above 100% is PERF037).",
  },
  PERF267: {
    severity: "warning",
    title: "output-and-outcome-weight",
    zh: (a) => `${a.kind}的产出与效益指标分值合计 ${a.sum}，占总分 ${a.share}，低于 60%`,
    en: (a) => `the output and outcome indicators of this ${a.kindEn} weigh ${a.sum}, ${a.share} of the total, below 60%`,
    hintZh: () => "财预〔2020〕10号：财政评价和部门评价中，产出、效益指标权重合计一般不低于 60%。",
    hintEn: () => "Caiyu [2020] No. 10: in fiscal and departmental evaluations, outputs and outcomes weigh at least 60% in general.",
  },
  PERF268: {
    severity: "warning",
    title: "self-evaluation-weights",
    zh: (a) => `单位自评中「${a.name}」的分值占总分 ${a.share}，原则上应为 ${a.expected}`,
    en: (a) => `in a self-evaluation '${a.name}' weighs ${a.share} of the total; it should be ${a.expected} in principle`,
    hintZh: () => "财预〔2020〕10号：单位自评的一级指标权重原则上为 产出 50%、效益 30%、服务对象满意度 10%、预算执行率 10%。",
    hintEn: () => "Caiyu [2020] No. 10: a self-evaluation weighs outputs 50%, outcomes 30%, satisfaction 10% and budget execution 10% in principle.",
  },
  PERF269: {
    severity: "warning",
    title: "unknown-evaluation-kind",
    zh: (a) => `无法识别的评价类型「${a.kind}」`,
    en: (a) => `unknown evaluation kind '${a.kind}'`,
    hintZh: () => "写明 财政评价、部门评价 或 单位自评，以及 项目支出 或 部门整体，如 评价类型 \"部门评价·项目支出\"。",
    hintEn: () => "Name fiscal, department or self, and project or department-wide, e.g. kind \"department project\".",
  },
  // PERF220–PERF234: assertions (what a report says about itself) and `perf check --audit`.
  PERF220: {
    severity: "error",
    title: "assertion-false",
    audit: true,
    zh: (a) => `核对「${a.id}」不成立：${statementText(a, "zh")}，实际为 ${actualText(a, "zh")}${levelCounts(a, "zh")}`,
    en: (a) => `assertion '${a.id}' is false: ${statementText(a, "en")}, but the true value is ${actualText(a, "en")}${levelCounts(a, "en")}`,
    hintZh: () => "若报告原文确实如此，保留该陈述并在「}」后写 acknowledged \"原因\"（已知），如实记录该差异；否则改正陈述。",
    hintEn: () => "If the published report really says so, keep the statement and write acknowledged \"reason\" after the '}' to record the discrepancy; otherwise correct it.",
  },
  PERF221: {
    severity: "warning",
    strict: "error",
    title: "assertion-unchecked",
    zh: (a) => `核对「${a.id}」的陈述“${statementText(a, "zh")}”无法检查：${uncheckedReason(a, "zh")}`,
    en: (a) => `the statement '${statementText(a, "en")}' of assertion '${a.id}' cannot be checked: ${uncheckedReason(a, "en")}`,
  },
  PERF240: {
    severity: "warning",
    title: "target-deviation-too-large",
    audit: true,
    zh: (a) => `绩效目标「${a.name}」实际值 ${a.actual} 与目标值 ${a.expected} 偏差 ${a.deviation}%，超过 ${a.threshold}%：目标设定不合理`,
    en: (a) => `target '${a.name}': the actual ${a.actual} deviates ${a.deviation}% from the target ${a.expected}, more than ${a.threshold}%: the target was set badly`,
    hintZh: () => "若报告原文确实如此，在目标后写 acknowledged \"原因\"（已知）。",
    hintEn: () => "If the published report says so, write acknowledged \"reason\" after the target.",
  },
  PERF241: {
    severity: "error",
    title: "target-unit-mismatch",
    zh: (a) => `绩效目标「${a.name}」的目标值单位 ${a.expected || "无单位"} 与实际值单位 ${a.actual || "无单位"} 不同，无法比较`,
    en: (a) => `target '${a.name}': the target's unit ${a.expected || "(none)"} and the actual value's unit ${a.actual || "(none)"} differ and cannot be compared`,
  },
  PERF242: {
    severity: "error",
    title: "invalid-date",
    zh: (a) => `日期 ${a.date} 不存在`,
    en: (a) => `the date ${a.date} does not exist`,
  },
  PERF243: {
    severity: "warning",
    title: "target-not-judged",
    zh: (a) => (a.what === "tier" ? `定性绩效目标「${a.name}」没有评定（tier 达成/部分达成/未达成）` : `绩效目标「${a.name}」缺少${a.what === "expect" ? "目标值（expect）" : "实际值（actual）"}，无法判断是否完成`),
    en: (a) => (a.what === "tier" ? `the qualitative target '${a.name}' has no tier (met, partial or unmet)` : `target '${a.name}' has no ${a.what === "expect" ? "expected value (expect)" : "actual value (actual)"}, so it cannot be judged`),
  },
  PERF244: {
    severity: "error",
    title: "target-date-mismatch",
    zh: (a) => `绩效目标「${a.name}」的目标值是${a.expected === "date" ? "日期" : "数值"}，实际值却是${a.actual === "date" ? "日期" : a.actual === "text" ? "文字" : "数值"}`,
    en: (a) => `target '${a.name}': the target is a ${a.expected === "date" ? "date" : "number"} but the actual value is ${a.actual === "date" ? "a date" : a.actual === "text" ? "text" : "a number"}`,
  },
} satisfies Record<string, Entry>;

const levelNumerals = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** PERF220's `levels` ("1:4:3;2:11:8", level:true:claimed): every level count an assertion states, true or not. */
function levelCounts(a: Args, locale: Locale): string {
  if (!a.levels) return "";
  const parts = String(a.levels).split(";").map((p) => {
    const [level = "", actual = "", claimed = ""] = p.split(":");
    const ok = actual === claimed ? "✓" : "✗";
    if (locale === "en") return actual === claimed ? `level ${level} ${actual} ${ok}` : `level ${level} ${actual} (claimed ${claimed}) ${ok}`;
    const name = `${levelNumerals[Number(level)] ?? level}级`;
    return actual === claimed ? `${name} ${actual} ${ok}` : `${name} ${actual}（称 ${claimed}）${ok}`;
  });
  return locale === "zh" ? `（各级指标数：${parts.join("，")}）` : ` (indicators per level: ${parts.join(", ")})`;
}

/**
 * An assertion's statement from PERF220/PERF221's arguments: `statement` (level, leaves, total,
 * grade, equals), `level`, `expected`, `expression` and `tolerance`.
 */
function statementText(a: Args, locale: Locale): string {
  const zh = locale === "zh";
  switch (a.statement) {
    case "level":
      return zh ? `${levelNumerals[Number(a.level)] ?? a.level}级指标 ${a.expected} 个` : `${a.expected} indicators at level ${a.level}`;
    case "leaves":
      return zh ? `末级指标 ${a.expected} 个` : `${a.expected} leaf indicators`;
    case "total":
      return zh ? `总分 ${a.expected}` : `a total of ${a.expected}`;
    case "grade":
      return zh ? `等级为“${a.expected}”` : `the grade '${a.expected}'`;
    default: {
      const tol = a.tolerance ? (zh ? `（误差 ${a.tolerance}）` : ` within ${a.tolerance}`) : "";
      return `${a.expression} ${a.op ?? "="} ${a.expected}${tol}`;
    }
  }
}

/** PERF220's `actual` ("" when there is none: an evaluation without a grade). */
function actualText(a: Args, locale: Locale): string {
  if (a.actual !== "") return String(a.actual);
  return locale === "zh" ? "无等级" : "no grade";
}

/** PERF221's `reason`: noTotal, level. */
function uncheckedReason(a: Args, locale: Locale): string {
  switch (a.reason) {
    case "noTotal":
      return locale === "zh" ? "本评价没有指标，不计总分和等级" : "the evaluation has no indicators, so no total and no grade";
    case "level":
      return locale === "zh" ? "层级须为正整数" : "a level is a whole number from 1";
    default:
      return String(a.reason);
  }
}

export type DiagnosticCode = keyof typeof catalogue;

/** Where a related location points and what it says: a diagnostic that was folded into its cause. */
export interface DiagnosticRelated {
  code: DiagnosticCode | (string & {});
  args: Args;
  uri: string;
  range: Range;
}

/**
 * A diagnostic is data: a code, its arguments and where it is. Words are chosen at the edges
 * (CLI, SARIF, GitHub, LSP, render) with `diagnosticText`, so a result never depends on the locale.
 */
export interface Diagnostic {
  code: DiagnosticCode | (string & {});
  severity: Severity;
  /** The values the catalogue's words are made from. */
  args: Args;
  uri: string;
  range: Range;
  /** Consequences of this diagnostic that are not reported on their own (one cause, one error). */
  related?: DiagnosticRelated[];
  /** Values a quick fix needs (e.g. the computed score), keyed by name. */
  data?: Record<string, string | number>;
}

export interface DiagnosticFactoryOptions {
  /** Accepted for callers that still pass it; diagnostics are worded at the edges now. */
  locale?: Locale;
  /** Apply each code's `--strict` severity. */
  strict?: boolean;
}

function entryOf(code: string): Entry | undefined {
  return Object.hasOwn(catalogue, code) ? (catalogue as Record<string, Entry>)[code] : undefined;
}

/** What makes two diagnostics the same one: code, document, range and arguments (a report lists each once). */
export function diagnosticKey(d: Diagnostic): string {
  return `${d.code}\u0000${d.uri}\u0000${placeKey(d.range.start)}\u0000${placeKey(d.range.end)}\u0000${JSON.stringify(d.args)}`;
}

/** The severity a code has, under `--strict` or not. */
export function severityOf(code: DiagnosticCode, strict = false): Severity {
  const e: Entry = catalogue[code];
  return strict && e.strict ? e.strict : e.severity;
}

/** LSP-style tags of a code: `unnecessary` greys the text out, `deprecated` strikes it through. */
export function diagnosticTags(code: string): readonly DiagnosticTag[] {
  return entryOf(code)?.tags ?? [];
}

/** Whether a code is an audit finding (see `Entry.audit`). */
export function isAuditCode(code: string): boolean {
  return entryOf(code)?.audit === true;
}

/**
 * Marks an audit diagnostic as acknowledged by the file (`acknowledged "reason"`): a discrepancy
 * the published report really contains, kept so the file encodes the report faithfully. It
 * becomes information — listed by `perf check --audit` and in audit notes, never failing CI —
 * and carries the reason as `data.acknowledged`.
 */
export function acknowledge(d: Diagnostic, reason: string): Diagnostic {
  d.severity = "info";
  d.data = { ...d.data, acknowledged: reason };
  return d;
}

/** The code's section in the generated reference, relative to the repository root. */
export function diagnosticDocs(code: string): string {
  return `docs/diagnostics.md#${code.toLowerCase()}`;
}

/** The one place diagnostics are worded: the message and, where a fix is obvious, the hint. */
export function diagnosticText(d: { code: string; args?: Args }, locale: Locale = "zh"): { message: string; hint?: string } {
  const e = entryOf(d.code);
  if (!e) return { message: d.code };
  const args = d.args ?? {};
  const en = locale === "en";
  const message = en ? e.en(args) : e.zh(args);
  const hint = en ? e.hintEn?.(args) : e.hintZh?.(args);
  return hint ? { message, hint } : { message };
}

export function makeDiagnostic(
  code: DiagnosticCode,
  uri: string,
  range: Range,
  args: Args,
  options: DiagnosticFactoryOptions = {},
  data?: Record<string, string | number>,
): Diagnostic {
  const d: Diagnostic = { code, severity: severityOf(code, options.strict), args, uri, range };
  if (data) d.data = data;
  return d;
}
