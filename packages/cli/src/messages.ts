import type { Locale } from "@perf/language";

const table = {
  usage: {
    zh: `用法：perf <命令> [选项]

命令：
  check [文件或目录…]   检查 .perf 文件，报告全部诊断；无问题时不输出、退出码 0
  score <文件>          以表格输出指标树、得分、得分率和评价等级
  render <文件或目录…>  生成报告表格：--format md|html|docx|xlsx|csv|json [--table 名称] [--group 名称=指标,…] [-o 路径] [--force]

选项：
  --strict              未评分的末级指标视为错误
  --format text|json    check 的输出格式（默认 text）
  --json                score 输出符合结果模式的 JSON
  --table 名称          render 只输出指定表格：scores summary roots root-N deductions findings（可重复）
  --group 名称=指标,…   render 的得分情况表按分组汇总，如 --group 项目绩效=项目产出,社会效益,服务对象满意度
  -o, --output 路径     render 的输出文件（多个输入时为目录）；文本格式缺省输出到标准输出
  --force               render 允许覆盖已有文件
  --lang zh|en          消息语言（默认 zh，也可设置环境变量 PERF_LANG）
  -h, --help            显示帮助
`,
    en: `usage: perf <command> [options]

commands:
  check [files or folders…]   report every diagnostic of the .perf files; silent with exit 0 when clean
  score <file>                print the indicator tree with weights, scores, rates and the grade
  render <files or folders…>  report tables: --format md|html|docx|xlsx|csv|json [--table NAME] [--group NAME=ind,…] [-o PATH] [--force]

options:
  --strict              unscored leaves are errors
  --format text|json    output of check (default text)
  --json                score prints the schema-valid JSON result
  --table NAME          render only these tables: scores summary roots root-N deductions findings (repeatable)
  --group NAME=ind,…    render the score summary with a regrouping, e.g. --group 项目绩效=项目产出,社会效益,服务对象满意度
  -o, --output PATH     render's output file (a folder for several inputs); text formats default to stdout
  --force               let render overwrite an existing file
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
  unknownFormat: { zh: "未知格式 {format}；可选：{formats}", en: "unknown format {format}; choose {formats}" },
  renderNeedsInput: { zh: "render 需要 .perf 文件或目录", en: "render needs a .perf file or folder" },
  sameOutput: { zh: "{a} 与 {b} 会写到同一个文件 {out}", en: "{a} and {b} would both be written to {out}" },
  renderRefused: { zh: "{file} 有 {n} 个语法错误，未生成报告；运行 perf check 查看详情", en: "{file} has {n} syntax error(s); nothing rendered; run perf check for details" },
  renderDiagnostics: { zh: "{file}：{errors} 个错误，{warnings} 个警告；已照常生成，得分可能不完整", en: "{file}: {errors} error(s), {warnings} warning(s); rendered anyway, scores may be incomplete" },
  exists: { zh: "{file} 已存在；加 --force 覆盖", en: "{file} exists; add --force to overwrite it" },
  binaryToStdout: { zh: "{format} 是二进制格式，请用 -o 指定输出文件", en: "{format} is binary; give an output file with -o" },
  cannotWrite: { zh: "无法写入", en: "cannot write" },
  wrote: { zh: "已写入 {file}", en: "wrote {file}" },
  renderDone: { zh: "已处理 {n} 个文件", en: "{n} file(s) processed" },
} as const;

export type MessageKey = keyof typeof table;

export function t(locale: Locale, key: MessageKey, args: Record<string, string | number> = {}): string {
  return table[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(args[k] ?? ""));
}
