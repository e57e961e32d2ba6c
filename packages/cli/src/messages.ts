import { translator, type Locale } from "@perf/language";

const table = {
  usage: {
    zh: `用法：perf <命令> [选项]

命令：
  check [文件或目录…]   检查 .perf 文件，报告全部诊断；无问题时不输出、退出码 0
  score <文件>          以表格输出指标树、得分、得分率和评价等级
  fmt [文件或目录…]     按统一格式改写 .perf 文件；--check 只列出未格式化的文件（退出码 1），--stdout 输出到标准输出
  diff <旧> <新>        比较两个版本的分值、计分方法、得分、问题、总分和等级（退出码：0 无变化，2 有变化，1 出错）
  diff --git [版本|版本1..版本2] [-- 路径…]   与 git 版本比较（默认 HEAD 对比工作区）
  diff --textconv <文件>   供 git diff 使用的逐行视图（.gitattributes 中 *.perf diff=perf）
  render <文件或目录…>  生成报告：--format md|html|docx|pdf|xlsx|csv|json [--table 名称] [--group 名称=指标,…] [--template 模板.docx] [-o 路径] [--force]；同目录的 NAME.report.md 为报告正文
  init [目录]           按财预〔2020〕10号 共性指标框架新建评价：--type 财政评价|部门评价|单位自评 --scope 项目支出|部门整体 [--name 名称] [--yes] [--force]
  import <文件>         把 .xlsx/.docx 评分表（附件1 格式）导入为 .perf：[-o 输出.perf] [--force]

选项：
  --strict              未评分的末级指标视为错误
  --format text|json|sarif|github   check 的输出格式（默认 text；sarif 供代码扫描，github 为 Actions 注释）
  -o text|md|json       diff 的输出格式（默认 text；md 可直接贴到 PR 评论）
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
  fmt [files or folders…]     rewrite .perf files in the canonical layout; --check lists unformatted files (exit 1), --stdout prints
  diff <old> <new>            compare weights, rules, scores, findings, total and grade (exit 0 no change, 2 changes, 1 error)
  diff --git [REV|REV1..REV2] [-- paths…]   compare with git revisions (default: HEAD against the working tree)
  diff --textconv <file>      line-oriented view for git diff (.gitattributes: *.perf diff=perf)
  render <files or folders…>  the report: --format md|html|docx|pdf|xlsx|csv|json [--table NAME] [--group NAME=ind,…] [--template firm.docx] [-o PATH] [--force]; NAME.report.md beside the file is its text
  init [folder]               new evaluation from the common framework of 财预〔2020〕10号: --type fiscal|department|self --scope project|department [--name NAME] [--yes] [--force]
  import <file>               turn an .xlsx/.docx scoring table (附件1 layout) into .perf: [-o out.perf] [--force]

options:
  --strict              unscored leaves are errors
  --format text|json|sarif|github   output of check (default text; sarif for code scanning, github for Actions annotations)
  -o text|md|json       output of diff (default text; md is ready for a PR comment)
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
  fmtNotRewritten: { zh: "{file} 无法解析，未改写", en: "{file} does not parse and was not rewritten" },
  diffNoChanges: { zh: "无变化", en: "no changes" },
  diffNeedsTwo: { zh: "diff 需要两个文件：perf diff <旧> <新>，或使用 --git", en: "diff takes two files: perf diff <old> <new>, or use --git" },
  diffGitUsage: { zh: "用法：perf diff --git [版本 | 版本1..版本2] [-- 路径…]", en: "usage: perf diff --git [REV | REV1..REV2] [-- paths…]" },
  textconvUsage: { zh: "用法：perf diff --textconv <文件>", en: "usage: perf diff --textconv <file>" },
  notGit: { zh: "当前目录不在 git 仓库中", en: "not inside a git repository" },
  badRevision: { zh: "无效的版本", en: "bad revision" },
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
  narrativeRefused: { zh: "{file} 的报告正文有 {n} 个错误，未生成报告；运行 perf check 查看详情", en: "the report text {file} has {n} error(s); nothing rendered; run perf check for details" },
  pdfNoSoffice: {
    zh: "生成 PDF 需要 LibreOffice（soffice），但未找到；请安装 LibreOffice 或设置 PERF_SOFFICE 为 soffice 的路径，或改用 --format docx",
    en: "PDF needs LibreOffice (soffice), which was not found; install LibreOffice, set PERF_SOFFICE to the soffice path, or use --format docx",
  },
  pdfFailed: { zh: "LibreOffice 未能把 {file} 转成 PDF：{detail}", en: "LibreOffice could not convert {file} to PDF: {detail}" },
  templateOnlyDocx: { zh: "--template 只用于 docx 或 pdf 格式", en: "--template applies to docx and pdf only" },
  templateUnreadable: { zh: "无法读取模板 {file}：{detail}", en: "cannot read the template {file}: {detail}" },
  renderDone: { zh: "已处理 {n} 个文件", en: "{n} file(s) processed" },
  importUsage: { zh: "用法：perf import <文件.xlsx|文件.docx> [-o 输出.perf] [--force]", en: "usage: perf import <file.xlsx|file.docx> [-o out.perf] [--force]" },
  importFailed: { zh: "无法导入", en: "cannot import" },
  importNext: { zh: "下一步：处理文件中的 TODO，然后运行 perf check {file}", en: "next: work through the TODOs in the file, then run perf check {file}" },
  initUsage: { zh: "用法：perf init [目录] [--type 财政评价|部门评价|单位自评] [--scope 项目支出|部门整体] [--name 名称] [--yes] [--force]", en: "usage: perf init [folder] [--type fiscal|department|self] [--scope project|department] [--name NAME] [--yes] [--force]" },
  initBadType: { zh: "未知的评价类型 {value}；可选：财政评价 部门评价 单位自评（fiscal department self）", en: "unknown evaluation type {value}; choose fiscal, department or self (财政评价 部门评价 单位自评)" },
  initBadScope: { zh: "未知的评价范围 {value}；可选：项目支出 部门整体（project department）", en: "unknown scope {value}; choose project or department (项目支出 部门整体)" },
  initAskType: { zh: "评价类型", en: "Evaluation type" },
  initAskScope: { zh: "评价范围", en: "Scope" },
  initAskName: { zh: "评价名称", en: "Evaluation name" },
  initCancelled: { zh: "已取消，未写入任何文件", en: "cancelled; nothing written" },
  initDone: {
    zh: "已创建 {file}（{type}，{scope}）和 {readme}\n\n下一步：\n  1. 填写标有 TODO 的数据和调查（占位值使各比率为 100%）\n  2. 按评价方案调整指标和分值；酌情指标的 得分 N 改为 扣分 N \"理由\"\n  3. 把发现的问题写成 问题 … 关联 指标\n  4. perf check {dir}\n  5. perf score {file}\n",
    en: "created {file} ({type}, {scope}) and {readme}\n\nnext steps:\n  1. fill in the facts and surveys marked TODO (the placeholders score every ratio at 100%)\n  2. adapt indicators and weights; turn each judgement leaf's 得分 N into 扣分 N \"reason\"\n  3. record findings as 问题 … 关联 indicator\n  4. perf check {dir}\n  5. perf score {file}\n",
  },
} as const;

export type MessageKey = keyof typeof table;

export const t: (locale: Locale, key: MessageKey, args?: Record<string, string | number>) => string = translator(table);
