import { addDecimals, parseNumber, sameDecimal } from "./decimal.js";
import { cellAt, type CellRef, type Grid, type GridCell } from "./grid.js";
import type { Layout } from "./layout.js";

export interface ImportNode {
  name: string;
  /** The level number of its column (1 = 一级指标). */
  level: number;
  parent?: ImportNode;
  children: ImportNode[];
  weight?: string;
  explain?: string;
  criteria?: string;
  note?: string;
  /** The 得分 of a leaf in the main table: written as `score N`. */
  score?: string;
  /** A score printed anywhere for this node: written as `declared N`. */
  declared?: string;
  firstRow: number;
  lastRow: number;
  /** The merge (or cell) its name came from, to tell a continued merge from a new node. */
  key: string;
  ref: CellRef;
}

export type ProblemKey =
  | "unknownHeader"
  | "noName"
  | "badNumber"
  | "weightConflict"
  | "scoreConflict"
  | "unmatchedRow"
  | "groupScore"
  | "missingWeight"
  | "noScore"
  | "weightSum";

/** Something that could not be mapped; `ref` names the cell. */
export interface Problem {
  key: ProblemKey;
  ref?: CellRef;
  args: Record<string, string>;
}

export interface ImportTree {
  roots: ImportNode[];
  total?: string;
  declaredTotal?: string;
  problems: Problem[];
  main: Layout;
}

const totalRow = /^(合\s*计|总\s*计|总\s*分|得分合计|total)$/i;
const subtotalRow = /^(小\s*计|subtotal)$/i;

function nameOf(cell: GridCell): string {
  return cell.text.replace(/\s+/g, " ").trim();
}

function keyOf(cell: GridCell, row: number, col: number): string {
  return cell.master ? `${cell.master.row}:${cell.master.col}` : `${row}:${col}`;
}

function numberOf(cell: GridCell): string | undefined {
  return cell.num ?? parseNumber(cell.text);
}

/** Rows spanned by each vertical merge, by its master key. */
function mergeRows(grid: Grid): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  grid.rows.forEach((row, r) =>
    row.forEach((cell) => {
      if (!cell.master) return;
      const key = `${cell.master.row}:${cell.master.col}`;
      const span = spans.get(key) ?? [cell.master.row, cell.master.row];
      spans.set(key, [Math.min(span[0], r), Math.max(span[1], r)]);
    }),
  );
  return spans;
}

function isEmptyRow(grid: Grid, r: number): boolean {
  return (grid.rows[r] ?? []).every((c) => !c.text);
}

/** Reads the indicator tree from the main table. */
export function buildTree(main: Layout): ImportTree {
  const { grid } = main;
  const problems: Problem[] = [];
  const roots: ImportNode[] = [];
  const tree: ImportTree = { roots, problems, main };
  const spans = mergeRows(grid);
  const current: (ImportNode | undefined)[] = [];
  const ref = (row: number, col: number): CellRef => ({ grid, row, col });
  const groupScores: { key: string; value: string; ref: CellRef }[] = [];
  for (const [col, text] of main.unknown) problems.push({ key: "unknownHeader", ref: ref(main.headerRow, col), args: { text } });
  const headerTexts = main.levels.map((l) => cellAt(grid, main.headerRow, l.col).text);
  const textKey = new Map<ImportNode, Set<string>>();

  for (let r = main.headerRow + 1; r < grid.rows.length; r++) {
    if (isEmptyRow(grid, r)) continue;
    const cells = main.levels.map((l) => cellAt(grid, r, l.col));
    const names = cells.map(nameOf);
    if (names.every((n, i) => n === headerTexts[i])) continue; // a repeated header
    const first = names.find((n) => n) ?? nameOf(cellAt(grid, r, 0));
    if (totalRow.test(first) || subtotalRow.test(first)) {
      readTotalRow(tree, r, subtotalRow.test(first) ? current[0] : undefined);
      continue;
    }
    let deepest = -1;
    names.forEach((n, i) => n && (deepest = i));
    if (deepest < 0) {
      const c = (grid.rows[r] ?? []).findIndex((x) => x.text);
      problems.push({ key: "noName", ref: ref(r, c), args: { text: cellAt(grid, r, c).text.slice(0, 30) } });
      continue;
    }
    let parent: ImportNode | undefined;
    let broken = false;
    for (let i = 0; i <= deepest; i++) {
      const cell = cells[i]!;
      const col = main.levels[i]!.col;
      const key = keyOf(cell, r, col);
      const prev = current[i];
      let node: ImportNode | undefined;
      if (!names[i]) {
        // a blank upper cell in an unmerged table: the node of the row above continues
        if (prev && prev.parent === parent) node = prev;
        else {
          problems.push({ key: "noName", ref: ref(r, col), args: { text: "" } });
          broken = true;
          break;
        }
      } else if (prev && prev.parent === parent && (prev.key === key || (i < deepest && !cell.master && prev.name === names[i]))) node = prev;
      if (!node) {
        node = { name: names[i]!, level: main.levels[i]!.level, parent, children: [], firstRow: r, lastRow: r, key, ref: ref(r, col) };
        (parent ? parent.children : roots).push(node);
        current[i] = node;
        current.length = i + 1;
      }
      node.lastRow = r;
      const wc = main.levels[i]!.weightCol;
      if (wc !== undefined) readWeight(tree, node, cellAt(grid, r, wc), ref(r, wc));
      parent = node;
    }
    if (broken) continue;
    const leaf = current[deepest]!;
    current.length = deepest + 1;
    for (const field of ["explain", "criteria", "note"] as const) {
      const col = main[field];
      if (col === undefined) continue;
      const cell = cellAt(grid, r, col);
      if (!cell.text) continue;
      const seen = textKey.get(leaf) ?? new Set<string>();
      textKey.set(leaf, seen);
      const k = `${field}@${keyOf(cell, r, col)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      leaf[field] = leaf[field] ? `${leaf[field]}\n${cell.text}` : cell.text;
    }
    if (main.score !== undefined) {
      const cell = cellAt(grid, r, main.score);
      const at = ref(r, main.score);
      if (!cell.text) continue;
      const value = numberOf(cell);
      if (value === undefined) {
        problems.push({ key: "badNumber", ref: at, args: { text: cell.text.slice(0, 30), name: leaf.name } });
        continue;
      }
      const span = cell.master ? spans.get(keyOf(cell, r, main.score)) : undefined;
      if (span && (span[0] < leaf.firstRow || span[1] > r || span[1] > leaf.lastRow)) {
        const key = keyOf(cell, r, main.score);
        if (!groupScores.some((g) => g.key === key)) groupScores.push({ key, value, ref: { grid, row: span[0], col: main.score } });
        continue;
      }
      if (leaf.score !== undefined && !sameDecimal(leaf.score, value)) problems.push({ key: "scoreConflict", ref: at, args: { a: value, b: leaf.score, name: leaf.name } });
      else leaf.score = value;
    }
  }
  // a score merged over several rows belongs to the node spanning exactly those rows
  for (const g of groupScores) {
    const [r1, r2] = spans.get(g.key)!;
    const node = allNodes(roots)
      .filter((n) => n.firstRow === r1 && n.lastRow === r2)
      .pop();
    if (node && !node.children.length) node.score = g.value;
    else if (node) node.declared = g.value;
    else problems.push({ key: "groupScore", ref: g.ref, args: { a: g.value } });
  }
  for (const n of allNodes(roots)) {
    if (n.children.length) continue;
    if (n.score !== undefined) n.declared = n.score;
    else if (main.score !== undefined) problems.push({ key: "noScore", ref: ref(n.firstRow, main.score), args: { name: n.name } });
  }
  return tree;
}

function readWeight(tree: ImportTree, node: ImportNode, cell: GridCell, at: CellRef): void {
  if (!cell.text) return;
  const value = numberOf(cell);
  if (value === undefined) tree.problems.push({ key: "badNumber", ref: at, args: { text: cell.text.slice(0, 30), name: node.name } });
  else if (node.weight === undefined) node.weight = value;
  else if (!sameDecimal(node.weight, value)) tree.problems.push({ key: "weightConflict", ref: at, args: { a: value, b: node.weight, name: node.name } });
}

/** 合计 / 小计 rows: the weight and the score of the whole (or of the root above). */
function readTotalRow(tree: ImportTree, r: number, root: ImportNode | undefined): void {
  const { grid } = tree.main;
  const weightCols = tree.main.levels.map((l) => l.weightCol).filter((c): c is number => c !== undefined);
  const firstNumber = (cols: number[]) => {
    for (const c of cols) {
      const cell = cellAt(grid, r, c);
      if (cell.master && (cell.master.row !== r || cell.master.col !== c)) continue;
      const v = numberOf(cell);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const weight = firstNumber(weightCols);
  const score = tree.main.score !== undefined ? firstNumber([tree.main.score]) : undefined;
  if (root) {
    if (score !== undefined && root.declared === undefined) root.declared = score;
    return;
  }
  if (weight !== undefined) tree.total = weight;
  if (score !== undefined) tree.declaredTotal = score;
}

export function allNodes(roots: ImportNode[]): ImportNode[] {
  const out: ImportNode[] = [];
  const walk = (n: ImportNode) => {
    out.push(n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

/** Missing branch weights become the sum of their children's; a weight that does not add up is reported. */
export function completeWeights(tree: ImportTree): void {
  const visit = (n: ImportNode): string | undefined => {
    const sums = n.children.map(visit);
    if (n.children.length && sums.every((s) => s !== undefined)) {
      const sum = addDecimals(sums as string[]);
      if (n.weight === undefined) n.weight = sum;
      else if (!sameDecimal(n.weight, sum)) tree.problems.push({ key: "weightSum", ref: n.ref, args: { name: n.name, sum, weight: n.weight } });
    }
    if (n.weight === undefined) tree.problems.push({ key: "missingWeight", ref: n.ref, args: { name: n.name } });
    return n.weight;
  };
  tree.roots.forEach(visit);
}

/**
 * Scores from the other tables (得分情况表, per-root tables): a row names an indicator by its
 * level columns; its 得分 becomes that indicator's `declared` value.
 */
export function applySecondary(tree: ImportTree, layout: Layout): void {
  const { grid } = layout;
  if (layout.score === undefined) return;
  const nodes = allNodes(tree.roots);
  const top = layout.levels[0]!.level;
  let lastTop: ImportNode | undefined;
  for (let r = layout.headerRow + 1; r < grid.rows.length; r++) {
    if (isEmptyRow(grid, r)) continue;
    const names = layout.levels.map((l) => nameOf(cellAt(grid, r, l.col)));
    const first = names.find((n) => n) ?? "";
    const score = numberOf(cellAt(grid, r, layout.score));
    if (subtotalRow.test(first) || totalRow.test(first)) {
      if (score === undefined) continue;
      if (subtotalRow.test(first) && lastTop) lastTop.declared ??= score;
      else if (totalRow.test(first) && top === tree.main.levels[0]!.level) tree.declaredTotal ??= score;
      continue;
    }
    const pairs = layout.levels.map((l, i) => [l.level, names[i]!] as const).filter(([, n]) => n);
    if (!pairs.length || score === undefined) continue;
    const [level, name] = pairs[pairs.length - 1]!;
    const matches = nodes.filter((n) => {
      if (n.level !== level || n.name !== name) return false;
      return pairs.every(([lv, nm]) => {
        let a: ImportNode | undefined = n;
        while (a && a.level > lv) a = a.parent;
        return a?.level === lv && a.name === nm;
      });
    });
    if (matches.length !== 1) {
      tree.problems.push({ key: "unmatchedRow", ref: { grid, row: r, col: layout.levels[0]!.col }, args: { text: pairs.map(([, n]) => n).join(" / ") } });
      continue;
    }
    const node = matches[0]!;
    let a: ImportNode | undefined = node;
    while (a && a.level > top) a = a.parent;
    lastTop = a;
    if (node.declared === undefined) node.declared = score;
    else if (!sameDecimal(node.declared, score))
      tree.problems.push({ key: "scoreConflict", ref: { grid, row: r, col: layout.score }, args: { a: score, b: node.declared, name: node.name } });
  }
}
