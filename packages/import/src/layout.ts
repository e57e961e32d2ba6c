import { cellAt, type Grid } from "./grid.js";

export type Field = "weight" | "explain" | "criteria" | "score" | "note";

/** Header names and their synonyms, compared after removing spaces and a bracketed unit: `分值（分）` → `分值`. */
export const headerSynonyms: Record<Field, readonly string[]> = {
  weight: ["分值", "权重", "分数", "指标分值", "指标权重", "标准分值", "标准分", "满分", "权重分", "分值权重", "权重分值", "weight"],
  explain: ["指标解释", "指标说明", "指标内涵", "指标定义", "指标含义", "指标释义", "definition", "explanation"],
  criteria: ["评价标准", "评分标准", "评分规则", "计分方法", "计分规则", "评分方法", "评价要点", "评分细则", "评价标准及评分方法", "评分标准及方法", "评价标准与评分方法", "评分标准与方法", "criteria", "scoringcriteria"],
  score: ["得分", "评价得分", "实际得分", "评分", "自评得分", "最终得分", "考评得分", "评分结果", "核定得分", "score"],
  note: ["评价说明", "得分说明", "扣分说明", "评分说明", "评价意见", "得分依据", "评分依据", "扣分理由", "扣分原因", "得分情况说明", "扣分情况说明", "评价说明及扣分原因", "assessment", "note", "comment"],
};

const levelWords: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

export function normalizeHeader(text: string): string {
  return text.toLowerCase().replace(/\s+/g, "").replace(/[（(][^）)]*[）)]$/, "").replace(/[:：*]/g, "");
}

/** `一级指标`, `二级`, `三级指标名称` → 1, 2, 3. */
export function headerLevel(text: string): number | undefined {
  const m = /^第?([一二三四1-4])级(?:指标)?(?:名称)?$|^level-?([1-4])(?:indicators?)?$/.exec(normalizeHeader(text));
  return m ? levelWords[(m[1] ?? m[2])!] : undefined;
}

export function headerField(text: string): Field | undefined {
  const h = normalizeHeader(text);
  for (const [field, names] of Object.entries(headerSynonyms) as [Field, readonly string[]][]) if (names.includes(h)) return field;
  return undefined;
}

export interface LevelColumn {
  /** 1 for 一级指标 … */
  level: number;
  col: number;
  weightCol?: number;
}

/** Where an indicator table's columns are, found by header names. */
export interface Layout {
  grid: Grid;
  headerRow: number;
  levels: LevelColumn[];
  explain?: number;
  criteria?: number;
  score?: number;
  note?: number;
  /** Header cells that name nothing we know: [col, text]. */
  unknown: [number, string][];
}

const headerScanRows = 15;

/** The header row of an indicator table: a level column and a weight or score column. */
export function findLayout(grid: Grid): Layout | undefined {
  for (let r = 0; r < Math.min(headerScanRows, grid.rows.length); r++) {
    const layout = layoutAt(grid, r);
    if (layout && (layout.levels.some((l) => l.weightCol !== undefined) || layout.score !== undefined)) return layout;
  }
  return undefined;
}

function layoutAt(grid: Grid, r: number): Layout | undefined {
  const row = grid.rows[r] ?? [];
  const layout: Layout = { grid, headerRow: r, levels: [], unknown: [] };
  const weights: number[] = [];
  for (let c = 0; c < row.length; c++) {
    const cell = cellAt(grid, r, c);
    // a cell covered by a merge from its left repeats that header: skip it
    if (cell.master && cell.master.row === r && cell.master.col !== c) continue;
    if (!cell.text) continue;
    const level = headerLevel(cell.text);
    if (level !== undefined) {
      if (layout.levels.some((l) => l.level === level)) return undefined;
      layout.levels.push({ level, col: c });
      continue;
    }
    const field = headerField(cell.text);
    if (field === "weight") {
      weights.push(c);
      // the nearest level column to the left takes it, if it has none yet
      const left = [...layout.levels].reverse().find((l) => l.col < c);
      if (left && left.weightCol === undefined && layout.levels[layout.levels.length - 1] === left) left.weightCol = c;
      else {
        const deepest = layout.levels[layout.levels.length - 1];
        if (deepest && deepest.weightCol === undefined) deepest.weightCol = c;
        else layout.unknown.push([c, cell.text]);
      }
    } else if (field) {
      if (layout[field] === undefined) layout[field] = c;
      else layout.unknown.push([c, cell.text]);
    } else layout.unknown.push([c, cell.text]);
  }
  if (!layout.levels.length) return undefined;
  layout.levels.sort((a, b) => a.level - b.level);
  return layout;
}

/** How well a layout looks like the full 评分表 (附件1): more levels and more text columns win. */
export function layoutRank(l: Layout): number {
  return l.levels.length * 100 + (l.explain !== undefined ? 10 : 0) + (l.criteria !== undefined ? 10 : 0) + (l.note !== undefined ? 5 : 0) + (l.score !== undefined ? 5 : 0) + l.levels.filter((x) => x.weightCol !== undefined).length;
}
