import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { format, type Locale } from "@perf/language";
import { displayPath } from "../files.js";
import { formatFileDiagnostic } from "../format-diagnostic.js";
import { checkWriteTarget, writeAtomic } from "../write-file.js";
import type { CliIO, CommonOptions } from "../io.js";
import { t } from "../messages.js";

export type EvaluationType = "财政评价" | "部门评价" | "单位自评";
export type EvaluationScope = "项目支出" | "部门整体";

export const evaluationTypes: Record<string, EvaluationType> = { 财政评价: "财政评价", fiscal: "财政评价", 部门评价: "部门评价", department: "部门评价", 单位自评: "单位自评", self: "单位自评" };
export const evaluationScopes: Record<string, EvaluationScope> = { 项目支出: "项目支出", project: "项目支出", 部门整体: "部门整体", department: "部门整体" };

export interface InitOptions extends CommonOptions {
  type?: string;
  scope?: string;
  name?: string;
  /** No prompts: flags and defaults only. */
  yes: boolean;
  force: boolean;
}

const templates = new URL("../../templates/", import.meta.url);

type Weights = Record<string, Record<string, Record<string, number>>>;

function templateFor(type: EvaluationType, scope: EvaluationScope): { file: string; weights: Record<string, number> } {
  const all = JSON.parse(readFileSync(new URL("weights.json", templates), "utf8")) as Weights;
  const key = scope === "部门整体" ? "department" : type === "单位自评" ? "project-self" : "project";
  const weights = all[key]![type] ?? all[key]!["*"]!;
  return { file: `${key}.perf.tmpl`, weights };
}

/** The policy of 财预〔2020〕10号 tied to the type, as comments; `评价类型` in the header makes perf check it (PERF266–PERF268). */
function policy(type: EvaluationType, scope: EvaluationScope, w: Record<string, number>): string {
  const lines: string[] = [];
  if (type === "单位自评" && scope === "项目支出")
    lines.push(`// 政策要求（单位自评，财预〔2020〕10号）：预算执行率 10%、产出指标 50%、效益指标 30%、服务对象满意度 10%（本模板 ${w["预算执行"]} / ${w["产出"]} / ${w["效益"]} / ${w["满意度指标"]}）。`);
  else {
    const effect = scope === "部门整体" ? "效果" : "效益";
    lines.push(`// 政策要求（${type}，财预〔2020〕10号）：产出、${effect}指标权重合计不低于 60%（本模板 ${w["产出"]} + ${w[effect]} = ${w["产出"]! + w[effect]!}）；调整分值时请保持。`);
  }
  lines.push("// 合理性提示：预算执行率低于 80% 或高于 100%、满意度调查样本少于 30 份（评价中“最小样本 N”可改）时，请在评价说明中说明原因。");
  lines.push("// （perf check 按评价头部的“评价类型”检查以上要求，不符时给出警告 PERF265–PERF268、PERF037。）");
  return lines.join("\n");
}

/** The template filled in; throws if a placeholder is left. */
export function initText(type: EvaluationType, scope: EvaluationScope, title: string, period: number): string {
  const { file, weights } = templateFor(type, scope);
  const raw = readFileSync(new URL(file, templates), "utf8");
  const safeTitle = title.replace(/[\r\n]+/g, " ").trim();
  const text = raw
    .replace("{{policy}}", policy(type, scope, weights))
    .replace(/"\{\{title\}\}"/g, () => `"${safeTitle.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)
    .replace(/\{\{title\}\}/g, safeTitle)
    .replace(/\{\{type\}\}/g, `${type}，${scope}`)
    .replace(/\{\{period\}\}/g, String(period))
    .replace(/\{\{w:([^}]+)\}\}/g, (m, id: string) => {
      if (weights[id] === undefined) throw new Error(`template ${file}: no weight for ${id}`);
      return String(weights[id]);
    });
  const left = /\{\{[^}]*\}\}/.exec(text);
  if (left) throw new Error(`template ${file}: placeholder ${left[0]} not filled`);
  // the file is written in the canonical layout, so `perf fmt --check` passes too
  const formatted = format(text);
  return formatted.ok ? formatted.text : text;
}

function readme(locale: Locale, file: string, type: EvaluationType, scope: EvaluationScope): string {
  return locale === "en"
    ? `# ${file}\n\nA ${type} (${scope}) evaluation created by \`perf init\` from the common framework of 财预〔2020〕10号.\n\n1. Fill in the facts and surveys marked TODO (the placeholders score every ratio at 100%).\n2. Adapt indicators and weights to the evaluation plan; turn each judgement leaf's \`得分 N\` into \`扣分 N "reason"\` lines.\n3. Record findings as \`问题 … 关联 indicator\`; per-finding rules count them.\n4. \`perf check .\` and \`perf score ${file}\`; \`perf render ${file} --format docx\` for the tables.\n`
    : `# ${file}\n\n由 \`perf init\` 按财预〔2020〕10号 共性指标框架生成的${type}（${scope}）。\n\n1. 填写标有 TODO 的数据和调查（占位值使各比率为 100%）。\n2. 按评价方案调整指标和分值；酌情指标的 \`得分 N\` 改为 \`扣分 N "理由"\`。\n3. 发现的问题写成 \`问题 … 关联 指标\`，按例扣分的指标自动计数。\n4. 运行 \`perf check .\` 和 \`perf score ${file}\`；\`perf render ${file} --format docx\` 生成报告表格。\n`;
}

async function ask(options: InitOptions, dirName: string): Promise<{ type?: string; scope?: string; name?: string }> {
  const { select, input } = await import("@inquirer/prompts");
  const en = options.locale === "en";
  const type =
    options.type ??
    (await select({
      message: t(options.locale, "initAskType"),
      choices: [
        { name: en ? "财政评价 (fiscal: by the finance bureau)" : "财政评价（财政部门组织）", value: "财政评价" },
        { name: en ? "部门评价 (department: by the spending department)" : "部门评价（主管部门组织）", value: "部门评价" },
        { name: en ? "单位自评 (self: by the spending unit)" : "单位自评（预算单位自行评价）", value: "单位自评" },
      ],
    }));
  const scope =
    options.scope ??
    (await select({
      message: t(options.locale, "initAskScope"),
      choices: [
        { name: en ? "项目支出 (a project)" : "项目支出", value: "项目支出" },
        { name: en ? "部门整体 (a whole department)" : "部门整体", value: "部门整体" },
      ],
    }));
  const name = options.name ?? (await input({ message: t(options.locale, "initAskName"), default: dirName }));
  return { type, scope, name };
}

/**
 * `perf init [dir]`: writes DIR/DIR.perf (the common framework for the chosen type and scope)
 * and DIR/README.md; prompts in a terminal unless --yes; never overwrites without --force.
 */
export async function runInit(paths: string[], options: InitOptions, io: CliIO): Promise<number> {
  const { locale } = options;
  const fail = (msg: string, code = 1) => (io.stderr(`perf: ${t(locale, "error")}: ${msg}\n`), code);
  if (paths.length > 1) return fail(t(locale, "initUsage"), 2);
  const dir = resolve(io.cwd, paths[0] ?? ".");
  const dirName = basename(dir) || "evaluation";
  let { type, scope, name } = options;
  const interactive = !options.yes && Boolean(process.stdin.isTTY) && Boolean(process.stdout.isTTY) && io.env.CI === undefined;
  if (interactive) {
    try {
      ({ type, scope, name } = await ask(options, dirName));
    } catch {
      return fail(t(locale, "initCancelled"));
    }
  }
  const evalType = evaluationTypes[type ?? "部门评价"];
  if (!evalType) return fail(t(locale, "initBadType", { value: type ?? "" }), 2);
  const evalScope = evaluationScopes[scope ?? "项目支出"];
  if (!evalScope) return fail(t(locale, "initBadScope", { value: scope ?? "" }), 2);
  const perfFile = join(dir, `${dirName}.perf`);
  const readmeFile = join(dir, "README.md");
  // the same rules as render: regular files or new paths, no devices, FIFOs or symlinks
  const targets = [perfFile, readmeFile].map((f) => ({ f, w: checkWriteTarget(f, { inputs: [], followSymlinks: false, locale, shown: displayPath(f, io.cwd) }) }));
  for (const { f, w } of targets) if (!w.ok) return (io.stderr(formatFileDiagnostic(w.diagnostic, displayPath(f, io.cwd), locale, { color: io.color }) + "\n"), 1);
  const existing = [perfFile, readmeFile].filter((f) => existsSync(f));
  if (existing.length && !options.force) return fail(t(locale, "exists", { file: existing.map((f) => displayPath(f, io.cwd)).join(", ") }));
  let text: string;
  try {
    text = initText(evalType, evalScope, name?.trim() || dirName, new Date().getFullYear() - 1);
  } catch (e) {
    return fail((e as Error).message);
  }
  try {
    for (const { w } of targets) if (w.ok) writeAtomic(w.path, w.path === readmeFile ? readme(locale, basename(perfFile), evalType, evalScope) : text, w.existing);
  } catch (e) {
    return fail(`${t(locale, "cannotWrite")} ${displayPath(dir, io.cwd)}: ${(e as Error).message}`);
  }
  const shownDir = displayPath(dir, io.cwd) || ".";
  io.stdout(t(locale, "initDone", { file: displayPath(perfFile, io.cwd), dir: shownDir, type: evalType, scope: evalScope, readme: displayPath(readmeFile, io.cwd) }));
  return 0;
}
