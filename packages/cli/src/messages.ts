import type { Locale } from "@perf/language";

const table = {
  usage: {
    zh: `用法：perf <命令> [选项]

命令：
  check [文件或目录…]   检查 .perf 文件，报告全部诊断；无问题时不输出、退出码 0
  score <文件>          以表格输出指标树、得分、得分率和评价等级

选项：
  --strict              未评分的末级指标视为错误
  --format text|json    check 的输出格式（默认 text）
  --json                score 输出符合结果模式的 JSON
  --lang zh|en          消息语言（默认 zh，也可设置环境变量 PERF_LANG）
  -h, --help            显示帮助
`,
    en: `usage: perf <command> [options]

commands:
  check [files or folders…]   report every diagnostic of the .perf files; silent with exit 0 when clean
  score <file>                print the indicator tree with weights, scores, rates and the grade

options:
  --strict              unscored leaves are errors
  --format text|json    output of check (default text)
  --json                score prints the schema-valid JSON result
  --lang zh|en          message language (default zh; or set PERF_LANG)
  -h, --help            show this help
`,
  },
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
  info: { zh: "提示", en: "info" },
  fix: { zh: "修改", en: "fix" },
  noFiles: { zh: "没有找到 .perf 文件", en: "no .perf files found" },
  cannotRead: { zh: "无法读取", en: "cannot read" },
  unknownCommand: { zh: "未知命令", en: "unknown command" },
  needOneFile: { zh: "score 需要且只需要一个文件", en: "score takes exactly one file" },
  summary: { zh: "{files} 个文件：{errors} 个错误，{warnings} 个警告", en: "{files} file(s): {errors} error(s), {warnings} warning(s)" },
  indicator: { zh: "指标", en: "indicator" },
  weight: { zh: "分值", en: "weight" },
  score: { zh: "得分", en: "score" },
  rate: { zh: "得分率", en: "rate" },
  declared: { zh: "报告得分", en: "declared" },
  total: { zh: "合计", en: "total" },
  grade: { zh: "等级", en: "grade" },
  vetoed: { zh: "（否决：{name}）", en: " (vetoed: {name})" },
  unscored: { zh: "未评分", en: "unscored" },
  hasErrors: { zh: "有 {n} 个错误，得分可能不完整；运行 perf check 查看详情", en: "{n} error(s): the scores may be incomplete; run perf check for details" },
} as const;

export type MessageKey = keyof typeof table;

export function t(locale: Locale, key: MessageKey, args: Record<string, string | number> = {}): string {
  return table[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(args[k] ?? ""));
}
