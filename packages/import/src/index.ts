import { basename, extname } from "node:path";
import { readDocx } from "./docx.js";
import { emitPerf, type ImportLocale } from "./emit.js";
import { formatRef, type Grid } from "./grid.js";
import { findLayout, layoutRank, type Layout } from "./layout.js";
import { ImportRefusal, sniff } from "./limits.js";
import { importMessage } from "./messages.js";
import { allNodes, applySecondary, buildTree, completeWeights, type ImportTree } from "./tree.js";

export { ImportRefusal, limits, mb } from "./limits.js";
export { headerSynonyms } from "./layout.js";
export type { ImportLocale } from "./emit.js";
export type { Grid, GridCell } from "./grid.js";
export { readDocx } from "./docx.js";

export interface ImportResult {
  /** The `.perf` text. */
  text: string;
  /** What could not be mapped, one line each, in the chosen language, naming the cell. */
  problems: string[];
  /** One line: what was imported from where. */
  summary: string;
  kind: "xlsx" | "docx";
}

export interface ImportOptions {
  /** The file name, for the title fallback and the header comment. */
  fileName: string;
  locale: ImportLocale;
}

/** Turns the grids of a workbook or document into a tree: the best indicator table, plus scores from the others. */
export function treeFromGrids(grids: Grid[]): ImportTree {
  const layouts = grids.map(findLayout).filter((l): l is Layout => l !== undefined);
  if (!layouts.length) throw new ImportRefusal("noTable");
  const main = layouts.reduce((best, l) => (layoutRank(l) > layoutRank(best) ? l : best));
  const tree = buildTree(main);
  if (!tree.roots.length) throw new ImportRefusal("noTable");
  for (const l of layouts) if (l !== main) applySecondary(tree, l);
  completeWeights(tree);
  return tree;
}

/**
 * `perf import`: an .xlsx or .docx 评分表 (附件1 layout) → `.perf` text. Throws ImportRefusal for a
 * file it will not read (not a zip, zip bomb, too many cells, no scoring table).
 */
export async function importScoringTable(bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const kind = sniff(bytes);
  // exceljs is loaded only for a workbook
  const { grids, title } = kind === "xlsx" ? await (await import("./xlsx.js")).readXlsx(bytes) : readDocx(bytes);
  const tree = treeFromGrids(grids);
  const locale = options.locale;
  const source = basename(options.fileName);
  const text = emitPerf(tree, { title: title || basename(source, extname(source)), source, locale });
  const problems = tree.problems.map((p) => importMessage(locale, p.key, { ...p.args, ref: p.ref ? formatRef(p.ref, locale) : "" }));
  const nodes = allNodes(tree.roots);
  const table = tree.main.grid.kind === "sheet" ? tree.main.grid.name : locale === "en" ? `table ${tree.main.grid.name}` : `表格${tree.main.grid.name}`;
  const summary = importMessage(locale, "summary", {
    table,
    nodes: nodes.length,
    leaves: nodes.filter((n) => !n.children.length).length,
    declared: nodes.filter((n) => n.declared !== undefined).length + (tree.declaredTotal !== undefined ? 1 : 0),
    problems: problems.length,
  });
  return { text, problems, summary, kind };
}

/** A refusal's message in the chosen language. */
export function refusalMessage(e: ImportRefusal, locale: ImportLocale): string {
  return importMessage(locale, e.key, e.args);
}
