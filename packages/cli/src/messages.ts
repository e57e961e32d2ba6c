import { translator, type Locale } from "@perf/language";

const table = {
  usage: {
    zh: `用法：perf <命令> [选项]

命令：
  check [文件或目录…]   检查 .perf 文件，报告全部诊断；无问题时不输出、退出码 0；--fix 应用无歧义的快速修复（--dry-run 只输出差异）
  score <文件或目录>    以表格输出指标树、得分、得分率和评价等级（多个评价对象时逐一输出并对比）
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
  -j, --jobs N          check 用 N 个线程并行检查（缺省自动）
  --format text|md|json diff 的输出格式（默认 text；md 可直接贴到 PR 评论）
  --json                score 输出符合结果模式的 JSON
  --table 名称          render 只输出指定表格：scores summary roots root-N deductions findings targets（可重复）
  --group 名称=指标,…   render 的得分情况表按分组汇总，如 --group 项目绩效=项目产出,社会效益,服务对象满意度
  -o, --output 路径     render、diff、import 的输出文件（render 多个输入时为目录）；缺省时 diff 与 render 的文本格式输出到标准输出，其余写到当前目录
  --force               允许 -o 覆盖已有文件
  --follow-symlinks     render 的输出是符号链接时，写入它指向的文件
  --lang zh|en          消息语言（默认 zh，也可设置环境变量 PERF_LANG）
  -h, --help            显示帮助；perf help <命令> 显示该命令的帮助
  --version             显示版本
`,
    en: `usage: perf <command> [options]

commands:
  check [files or folders…]   report every diagnostic of the .perf files; silent with exit 0 when clean; --fix applies the unambiguous quick fixes (--dry-run prints the diff)
  score <file or folder>      print the indicator tree with weights, scores, rates and the grade (each subject, then side by side)
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
  -j, --jobs N          check in N threads (default: automatic)
  --format text|md|json output of diff (default text; md is ready for a PR comment)
  --json                score prints the schema-valid JSON result
  --table NAME          render only these tables: scores summary roots root-N deductions findings targets (repeatable)
  --group NAME=ind,…    render the score summary with a regrouping, e.g. --group 项目绩效=项目产出,社会效益,服务对象满意度
  -o, --output PATH     the output file of render, diff and import (for render of several inputs a folder); by default diff and render's text formats print, the others write to the current folder
  --force               let -o overwrite an existing file
  --follow-symlinks     when render's output is a symlink, write the file it points to
  --lang zh|en          message language (default zh; or set PERF_LANG)
  -h, --help            show this help; perf help <command> for one command
  --version             print the version
`,
  },
  helpCheck: {
    zh: `用法：perf check [文件或目录…] [--strict] [--format text|json|sarif|github] [--fix [--dry-run]] [--audit] [-j N] [--lang zh|en]

检查 .perf 文件（目录下的全部 .perf 文件），报告全部诊断。无问题时不输出、退出码 0；有错误时退出码 1。
不是 UTF-8 编码的文件（如 GBK）、命名管道、设备和超过 64 MiB 的文件不会被读取，并以诊断代码说明原因。

  --strict              未评分的末级指标视为错误
  --format              text（默认）、json、sarif（代码扫描）或 github（Actions 注释）
  --fix                 应用编辑器中确定无歧义的快速修复（如把报告得分改为计算得分），反复检查直到无可修复项，
                        再报告剩余的诊断；需要人工选择的修复（如分值合计不符）列出但不应用。
                        有语法错误的文件不修改；保留 BOM 和行尾
  --dry-run             与 --fix 同用：输出将要修改内容的统一差异格式（unified diff），不写入
  --audit               只列出核对发现（报告与自身不符之处：核对、印刷合计、绩效目标等），含已知（acknowledged）的
                        及其原因，按文件分组；全部已知且无其他错误时退出码 0（见 docs/audit.md）
  -j, --jobs N          用 N 个线程并行检查（主线程和 N−1 个工作线程），输出与 --jobs 1 完全相同；
                        缺省时自动：文件合计不足 32 MiB 时只用主线程，更多时每 32 MiB 加一个线程，至多 CPU 核数；
                        N 不超过文件数。--fix 始终逐个文件进行
`,
    en: `usage: perf check [files or folders…] [--strict] [--format text|json|sarif|github] [--fix [--dry-run]] [--audit] [-j N] [--lang zh|en]

Checks .perf files (every .perf below a folder) and reports every diagnostic: silent with exit 0
when clean, exit 1 on errors. Files that are not UTF-8 (e.g. GBK), FIFOs, devices and files over
64 MiB are not read; a coded diagnostic says why.

  --strict              unscored leaves are errors
  --format              text (default), json, sarif (code scanning) or github (Actions annotations)
  --fix                 apply the editor's unambiguous quick fixes (e.g. write the computed score into
                        \`declared\`), check again until nothing is left to fix, then report what remains;
                        fixes that need a choice (e.g. weights that do not add up) are listed, not applied.
                        A file with syntax errors is not touched; the BOM and line endings are kept
  --dry-run             with --fix: print a unified diff of what would change, write nothing
  --audit               list only the audit findings (where the report contradicts itself: assertions, printed
                        totals, targets…), acknowledged ones too with their reason, per file; exit 0 when every
                        one is acknowledged and nothing else is an error (see docs/audit.md)
  -j, --jobs N          check in N threads (the main thread and N−1 worker threads); the output is that of
                        --jobs 1, byte for byte. Default: automatic — the main thread alone below 32 MiB of files,
                        one more thread per 32 MiB up to the number of cores; never more than the files.
                        --fix always goes one file after another
`,
  },
  helpScore: {
    zh: `用法：perf score <文件> [--json] [--strict] [--lang zh|en]

以表格输出指标树、分值、得分、得分率、报告得分和评价等级；有错误时退出码 1。

  --json                输出符合结果模式（docs/result-schema.md）的 JSON
`,
    en: `usage: perf score <file> [--json] [--strict] [--lang zh|en]

Prints the indicator tree with weights, scores, rates, declared scores and the grade; exit 1 on errors.

  --json                print the result as JSON in the documented schema (docs/result-schema.md)
`,
  },
  helpRender: {
    zh: `用法：perf render <文件或目录…> --format md|html|docx|xlsx|csv|json [--table 名称]… [--group 名称=指标,…]… [-o 路径] [--force] [--follow-symlinks]

生成报告表格。文本格式缺省输出到标准输出，docx/xlsx 写到当前目录的「文件名.扩展名」；多个输入时 -o 是目录。
有语法错误的文件不生成报告。已有文件不会被覆盖，除非加 --force；输出不会写到设备、命名管道、目录或本次的输入文件；
输出是符号链接时拒绝，除非加 --follow-symlinks。写入先写临时文件再改名。

  --format              md html docx xlsx csv json
  --table 名称          只输出指定表格：scores summary roots root-N deductions findings targets（可重复）
  --group 名称=指标,…   得分情况表按分组汇总，如 --group 项目绩效=项目产出,社会效益,服务对象满意度
  -o, --output 路径     输出文件（多个输入时为目录）
  --force               允许覆盖已有文件
  --follow-symlinks     输出是符号链接时，写入它指向的文件（链接保留）
`,
    en: `usage: perf render <files or folders…> --format md|html|docx|xlsx|csv|json [--table NAME]… [--group NAME=ind,…]… [-o PATH] [--force] [--follow-symlinks]

Renders the report tables. Text formats go to stdout by default, docx/xlsx to ./NAME.ext; with
several inputs -o is a folder. A file with syntax errors is not rendered. Existing files are kept
unless --force; an output is never a device, FIFO, folder or an input of the run; a symlink is
refused unless --follow-symlinks. Writes go to a temp file renamed into place.

  --format              md html docx xlsx csv json
  --table NAME          only these tables: scores summary roots root-N deductions findings targets (repeatable)
  --group NAME=ind,…    the score summary with a regrouping, e.g. --group 项目绩效=项目产出,社会效益,服务对象满意度
  -o, --output PATH     the output file (a folder for several inputs)
  --force               overwrite an existing file
  --follow-symlinks     when the output is a symlink, write the file it points to (the link stays)
`,
  },
  helpFmt: {
    zh: `用法：perf fmt [文件或目录…] [--check | --stdout]

按统一格式改写 .perf 文件，保留注释、关键字写法、BOM 和行尾（混用时统一为占多数的一种）。
无法解析或不是 UTF-8 编码的文件不会被改写（退出码 1）。符号链接：改写它指向的文件，链接保留。

  --check               只列出未格式化的文件，不写入（有则退出码 1）
  --stdout              把格式化结果输出到标准输出
`,
    en: `usage: perf fmt [files or folders…] [--check | --stdout]

Rewrites .perf files in the canonical layout, keeping comments, keyword spelling, the BOM and the
line endings (the majority kind when mixed). A file that does not parse or is not UTF-8 is never
rewritten (exit 1). A symlink: the file it points to is rewritten, the link stays.

  --check               list unformatted files, write nothing (exit 1 if any)
  --stdout              print the formatted text instead of writing
`,
  },
  helpDiff: {
    zh: `用法：perf diff <旧> <新> [--format text|md|json] [-o 路径 [--force]]
      perf diff --git [版本 | 版本1..版本2 | 版本1...版本2] [-- 路径…]
      perf diff --textconv <文件>

比较两个版本的分值、计分方法、得分、问题、总分和等级。退出码：0 无变化，2 有变化，1 出错。

  --format text|md|json 输出格式（默认 text；md 可直接贴到 PR 评论）
  -o, --output 路径     写入该文件而非标准输出；已有文件需加 --force
  --git                 与 git 版本比较（默认 HEAD 对比工作区）
  --textconv            供 git diff 使用的逐行视图（.gitattributes 中 *.perf diff=perf）
`,
    en: `usage: perf diff <old> <new> [--format text|md|json] [-o PATH [--force]]
       perf diff --git [REV | REV1..REV2 | REV1...REV2] [-- paths…]
       perf diff --textconv <file>

Compares weights, rules, scores, findings, the total and the grade. Exit 0 no change, 2 changes, 1 error.

  --format text|md|json output format (default text; md is ready for a PR comment)
  -o, --output PATH     write to this file instead of stdout; an existing file needs --force
  --git                 compare with git revisions (default: HEAD against the working tree)
  --textconv            the line-oriented view for git diff (.gitattributes: *.perf diff=perf)
`,
  },
  fixNotParsed: { zh: "有 {n} 个语法错误，未修复", en: "{n} syntax error(s); not fixed" },
  fixChangedMeanwhile: { zh: "读取后文件已被修改，未写入", en: "the file changed after it was read; not written" },
  fixApplied: { zh: "已修复", en: "fixed" },
  fixWouldApply: { zh: "将修复", en: "would fix" },
  fixNotApplied: { zh: "未自动修复", en: "not fixed" },
  "fixReason.choice": { zh: "需要人工选择其一", en: "a person must choose one" },
  "fixReason.confirm": { zh: "需要人工确认", en: "needs a person's confirmation" },
  "fixReason.passes": { zh: "已达 {n} 轮修复上限，再运行一次 --fix", en: "the limit of {n} rounds was reached; run --fix again" },
  fixRefused: { zh: "{file}：{reason}", en: "{file}: {reason}" },
  fixSummary: { zh: "{files} 个文件：修复 {fixed} 处，{left} 处需人工处理", en: "{files} file(s): {fixed} fix(es) applied, {left} left for a person" },
  fixSummaryDry: { zh: "{files} 个文件：将修复 {fixed} 处（未写入），{left} 处需人工处理", en: "{files} file(s): {fixed} fix(es) would be applied (nothing written), {left} left for a person" },
  unknownOption: { zh: "未知选项 {option}", en: "unknown option {option}" },
  optionNeedsValue: { zh: "选项 {option} 需要一个值", en: "option {option} needs a value" },
  optionTakesNoValue: { zh: "选项 {option} 不接受值", en: "option {option} does not take a value" },
  didYouMean: { zh: "；是否想用 {suggestion}？", en: "; did you mean {suggestion}?" },
  seeHelp: { zh: "（perf {what} 查看用法）", en: " (perf {what} shows the usage)" },
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
  info: { zh: "提示", en: "info" },
  fix: { zh: "修改", en: "fix" },
  noFiles: { zh: "没有找到 .perf 文件", en: "no .perf files found" },
  cannotRead: { zh: "无法读取", en: "cannot read" },
  cannotCheck: { zh: "无法检查", en: "cannot check" },
  workerOutOfMemory: { zh: "检查它的工作线程内存不足（{code}）", en: "the worker thread checking it ran out of memory ({code})" },
  workerFailed: { zh: "工作线程失败（{reason}），其余 {n} 个文件改在主线程中检查", en: "a worker thread failed ({reason}); {n} file(s) left were checked in the main thread" },
  jobsInvalid: { zh: "--jobs 的值须为正整数（如 --jobs 2），不能是 {value}", en: "--jobs takes a positive whole number (e.g. --jobs 2), not {value}" },
  fmtNotRewritten: { zh: "{file} 无法解析，未改写", en: "{file} does not parse and was not rewritten" },
  diffOutputDeprecated: {
    zh: "diff 的 -o {format} 已弃用，请改用 --format {format}：-o 现在与 render、import 一样是输出文件路径（要写入名为 {format} 的文件，请写 -o ./{format}）",
    en: "diff -o {format} is deprecated; use --format {format}: -o is now the output path, as for render and import (for a file named {format}, write -o ./{format})",
  },
  diffNoChanges: { zh: "无变化", en: "no changes" },
  note: { zh: "提示", en: "note" },
  frameworkAlone: {
    zh: "{file} 是指标框架：单独检查时只检查其指标体系，不评分",
    en: "{file} is a framework: checked alone, only its tree is checked and nothing is scored",
  },
  frameworkUsers: { zh: "；引用它的评价：{users}（perf check {folder} 连同框架一并检查）", en: "; evaluations that use it: {users} (perf check {folder} checks them with it)" },
  frameworkNoUsers: { zh: "；所在文件夹中没有引用它的评价", en: "; no evaluation in its folder uses it" },
  diffNeedsTwo: { zh: "diff 需要两个文件：perf diff <旧> <新>，或使用 --git", en: "diff takes two files: perf diff <old> <new>, or use --git" },
  diffGitUsage: { zh: "用法：perf diff --git [版本 | 版本1..版本2] [-- 路径…]", en: "usage: perf diff --git [REV | REV1..REV2] [-- paths…]" },
  textconvUsage: { zh: "用法：perf diff --textconv <文件>", en: "usage: perf diff --textconv <file>" },
  notGit: { zh: "当前目录不在 git 仓库中", en: "not inside a git repository" },
  badRevision: { zh: "无效的版本", en: "bad revision" },
  unknownCommand: { zh: "未知命令", en: "unknown command" },
  needOneFile: { zh: "score 需要且只需要一个文件", en: "score takes exactly one file" },
  summary: { zh: "{files} 个文件：{errors} 个错误，{warnings} 个警告", en: "{files} file(s): {errors} error(s), {warnings} warning(s)" },
  auditFile: { zh: "== {file}：{n} 项核对发现", en: "== {file}: {n} audit finding(s)" },
  auditAcknowledged: { zh: "已知：{reason}", en: "acknowledged: {reason}" },
  auditNone: { zh: "没有核对发现", en: "no audit findings" },
  auditSummary: { zh: "{files} 个文件：{n} 项核对发现，{acknowledged} 项已知，{open} 项未说明", en: "{files} file(s): {n} audit finding(s), {acknowledged} acknowledged, {open} not acknowledged" },
  auditOtherErrors: { zh: "另有 {n} 个其他错误；运行 perf check 查看", en: "{n} other error(s); run perf check for them" },
  indicator: { zh: "指标", en: "indicator" },
  weight: { zh: "分值", en: "weight" },
  score: { zh: "得分", en: "score" },
  rate: { zh: "得分率", en: "rate" },
  declared: { zh: "报告得分", en: "declared" },
  total: { zh: "合计", en: "total" },
  grade: { zh: "等级", en: "grade" },
  vetoed: { zh: "（否决：{name}）", en: " (vetoed: {name})" },
  unscored: { zh: "未评分", en: "unscored" },
  needOneEvaluation: { zh: "{path} 中的评价不止一个或没有评价；请指定其中一个 .perf 文件", en: "{path} holds no evaluation or several; name one .perf file" },
  comparison: { zh: "各评价对象对比", en: "subjects side by side" },
  notPublished: { zh: "评分表未公开，以下为报告公布的总分与等级", en: "the scoring table was not published; the report's published total and grade" },
  framework: { zh: "框架", en: "framework" },
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
  pdfIndexesNotUpdated: {
    zh: "{file}：LibreOffice 未能更新目录与表目录，PDF 中的目录没有页码；可改用 --format docx，在 Word 中打开、更新域后另存为 PDF",
    en: "{file}: LibreOffice could not update the contents and the list of tables, so the PDF's contents have no page numbers; render with --format docx, open it in Word, update the fields and save it as PDF",
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
