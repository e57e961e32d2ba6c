import { comparePositions, isRange, type Comment, type PerfFile, type Position as At, type Range } from "@perf/language";
import { FoldingRangeKind, type FoldingRange, type Position, type SelectionRange } from "vscode-languageserver";
import type { FeatureContext } from "../context.js";
import { toRange } from "../convert.js";

/** Child nodes of any AST node: the values (or array items) that carry a `range` of their own. */
function childNodes(node: object): { range: Range }[] {
  const out: { range: Range }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "range" || !value || typeof value !== "object") continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const r: unknown = item && typeof item === "object" ? (item as { range?: unknown }).range : undefined;
      if (typeof r === "object" && r !== null && isRange(r)) out.push(item as { range: Range });
    }
  }
  return out;
}

const blockKinds = new Set(["evaluation", "fact", "survey", "indicator", "finding", "veto"]);

/** Blocks, multi-line strings and comment runs, as the editor's fold regions. */
export function foldingRanges(ctx: FeatureContext): FoldingRange[] {
  const out: FoldingRange[] = [];
  const visit = (node: { range: Range; kind?: string }) => {
    const { start, end } = node.range;
    if (end.line > start.line) {
      // A block's closing brace stays visible; a string folds to its last line.
      if (blockKinds.has(node.kind ?? "") || "bands" in node) out.push({ startLine: start.line, endLine: end.line - 1 });
      else if (typeof (node as { value?: unknown }).value === "string") out.push({ startLine: start.line, endLine: end.line });
    }
    for (const c of childNodes(node)) visit(c);
  };
  for (const d of ctx.parsed.ast.declarations) visit(d);
  out.push(...commentFolds(ctx.parsed.ast.comments));
  return out.filter((f) => f.endLine > f.startLine);
}

function commentFolds(comments: Comment[]): FoldingRange[] {
  const out: FoldingRange[] = [];
  let run: Comment[] = [];
  const flush = () => {
    if (run.length > 1) out.push({ startLine: run[0]!.range.start.line, endLine: run[run.length - 1]!.range.end.line, kind: FoldingRangeKind.Comment });
    run = [];
  };
  for (const c of comments) {
    if (c.block) {
      flush();
      if (c.range.end.line > c.range.start.line) out.push({ startLine: c.range.start.line, endLine: c.range.end.line, kind: FoldingRangeKind.Comment });
      continue;
    }
    const last = run[run.length - 1];
    if (last && c.range.start.line !== last.range.end.line + 1) flush();
    run.push(c);
  }
  flush();
  return out;
}

/** Smart select: from the name or value under the cursor out to its clause, declaration and the file. */
export function selectionRanges(ctx: FeatureContext, positions: Position[]): SelectionRange[] {
  return positions.map((p) => {
    const lines = ctx.parsed.lines;
    const chain = enclosing(ctx.parsed.ast, lines.positionAt(lines.offsetAt(p.line, p.character)));
    let parent: SelectionRange | undefined;
    for (const r of chain) {
      const range = toRange(r);
      if (parent && sameRange(parent.range, range)) continue;
      parent = parent ? { range, parent } : { range };
    }
    return parent ?? { range: { start: p, end: p } };
  });
}

/** Ranges containing the position, outermost first. */
function enclosing(ast: PerfFile, at: At): Range[] {
  return enclosingNodes(ast, at).map((n) => n.range);
}

/** AST nodes containing the position, outermost (the file) first. */
export function enclosingNodes(ast: PerfFile, at: At): { range: Range }[] {
  const chain: { range: Range }[] = [ast];
  let nodes: { range: Range }[] = ast.declarations;
  for (;;) {
    const hit = nodes.find((n) => comparePositions(n.range.start, at) <= 0 && comparePositions(at, n.range.end) <= 0);
    if (!hit) break;
    chain.push(hit);
    nodes = childNodes(hit);
  }
  return chain;
}

function sameRange(a: { start: Position; end: Position }, b: { start: Position; end: Position }): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
