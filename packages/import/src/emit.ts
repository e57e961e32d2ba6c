import { format, keywordAliases, keywordSpellings, knownUnits } from "@perf/language";
import { addDecimals, decimals } from "./decimal.js";
import type { ImportNode, ImportTree } from "./tree.js";

export type ImportLocale = "zh" | "en";

const reserved = new Set<string>([...Object.values(keywordSpellings).flat(), ...Object.values(keywordAliases).flat(), ...knownUnits]);
const levelNames = ["", "一级", "二级", "三级", "四级"];

const comments = {
  header: {
    zh: (source: string, table: string) => `// 由 perf import 从 ${source}（${table}）导入。核对下面的 TODO 后运行 perf check。`,
    en: (source: string, table: string) => `// Imported by perf import from ${source} (${table}). Work through the TODOs below, then run perf check.`,
  },
  grades: {
    zh: "// TODO 等级为常用划分（优 90 / 良 80 / 中 60），请按评价方案核对名称和分数线。",
    en: "// TODO the grades are the usual bands (优 90 / 良 80 / 中 60): check names and limits against the evaluation plan.",
  },
  prose: {
    zh: "// TODO 评价标准为文字规则：得分按原表记录；可改写为计分方法（deduct / ratio / per finding / bands / satisfaction），declared 会核对结果。",
    en: "// TODO the criteria are prose: the score is copied from the table; rewrite it as a rule (deduct / ratio / per finding / bands / satisfaction) and declared will check the result.",
  },
  noScore: {
    zh: "// TODO 原表没有该指标的得分：补充计分方法。",
    en: "// TODO the table gives no score for this indicator: add a scoring rule.",
  },
  noWeight: {
    zh: "// TODO 原表没有该指标的分值，暂记为 0。",
    en: "// TODO the table gives no weight for this indicator; written as 0.",
  },
};

/** An identifier for a name: the name itself when it is one, else a cleaned-up spelling. */
function identifier(name: string, level: number, taken: Set<string>): string {
  let id = name.replace(/[^\p{L}\p{N}_]+/gu, "_").replace(/_+/g, "_").replace(/^_|_$/g, "");
  if (!id) id = "指标";
  if (/^\p{N}/u.test(id)) id = `指标${id}`;
  if (reserved.has(id)) id = `${id}_指标`;
  if (taken.has(id)) id = `${id}_${levelNames[level] ?? level}`;
  for (let i = 2; taken.has(id); i++) id = id.replace(/_\d+$/, "") + `_${i}`;
  taken.add(id);
  return id;
}

export function quote(s: string): string {
  return `"${s.replace(/\r\n?/g, "\n").replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export interface EmitOptions {
  title: string;
  source: string;
  locale: ImportLocale;
}

/** The tree as `.perf` text in the canonical layout. */
export function emitPerf(tree: ImportTree, options: EmitOptions): string {
  const { locale } = options;
  const taken = new Set<string>();
  const lines: string[] = [];
  const leaves: ImportNode[] = [];
  const collect = (n: ImportNode) => (n.children.length ? n.children.forEach(collect) : leaves.push(n));
  tree.roots.forEach(collect);
  const precision = Math.max(2, ...leaves.map((l) => (l.score ? decimals(l.score) : 0)));
  const total = tree.total ?? addDecimals(tree.roots.map((r) => r.weight ?? "0"));
  const table = tree.main.grid.kind === "sheet" ? tree.main.grid.name : locale === "en" ? `table ${tree.main.grid.name}` : `表格${tree.main.grid.name}`;
  lines.push(comments.header[locale](options.source, table), "");
  lines.push(`evaluation ${quote(options.title)} {`, `total ${total}`, `precision ${precision}`, comments.grades[locale], "grades { 优 >= 90; 良 >= 80; 中 >= 60; 差 >= 0 }");
  if (tree.declaredTotal !== undefined) lines.push(`declared ${tree.declaredTotal}`);
  lines.push("}", "");
  const walk = (n: ImportNode) => {
    const id = identifier(n.name, n.level, taken);
    if (n.weight === undefined) lines.push(comments.noWeight[locale]);
    lines.push(`indicator ${id}${id === n.name ? "" : ` ${quote(n.name)}`} weight ${n.weight ?? "0"} {`);
    if (n.explain) lines.push(`explain ${quote(n.explain)}`);
    if (n.criteria) lines.push(`criteria ${quote(n.criteria)}`);
    if (n.note) lines.push(`note ${quote(n.note)}`);
    if (!n.children.length) {
      if (n.score !== undefined) {
        if (n.criteria) lines.push(comments.prose[locale]);
        lines.push(`score ${n.score}`);
      } else lines.push(comments.noScore[locale]);
    }
    if (n.declared !== undefined) lines.push(`declared ${n.declared}`);
    n.children.forEach(walk);
    lines.push("}");
    if (n.level === tree.main.levels[0]!.level) lines.push("");
  };
  tree.roots.forEach(walk);
  const text = lines.join("\n") + "\n";
  const formatted = format(text, { spelling: "en" });
  return formatted.ok ? formatted.text : text;
}
