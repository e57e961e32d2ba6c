import { comparePositions, keywordSpellings, knownUnits, type Declaration, type KeywordName, type Range as AstRange } from "@perf/language";
import { CompletionItemKind, type CompletionItem, type Position, type Range } from "vscode-languageserver";
import { fileSpelling, type FeatureContext } from "../context.js";
import { toRange } from "../convert.js";
import { enclosingNodes } from "./structure.js";
import { findAt } from "../find-at.js";

const word = String.raw`[\p{L}\p{N}_]`;
const notWord = String.raw`(?<![\p{L}\p{N}_])`;
const list = String.raw`(?:${word}+\s*[,，、]\s*)*${word}*$`;
const onList = new RegExp(`${notWord}(?:on|关联)\\s+${list}`, "u");
const satisfactionList = new RegExp(`${notWord}(?:satisfaction|满意度)\\s*(?:mean|weighted|平均|加权)?\\s*\\(\\s*${list}`, "u");
const expression = new RegExp(`${notWord}(?:ratio|比率|bands|分档)\\s+[^{}"\\n;:]*$`, "u");
const comparison = /(?:>=|<=|≥|≤|>|<)\s*[^:：;；\n{}"]*$/u;
const typeString = new RegExp(`${notWord}(?:type|定性)\\s*"([^"\\\\]*)$`, "u");
const typeKeyword = new RegExp(`${notWord}(?:type|定性)\\s+$`, "u");
const afterNumber = new RegExp(`(?<![\\p{L}\\p{N}_.])\\d+(?:\\.\\d+)?%?\\s*(${word}*)$`, "u");
const trailingWord = new RegExp(`${word}*$`, "u");
/** `TABLE.` or `TABLE.ROW.` then the part being typed (decision 0092). */
const dotted = /(?<![\p{L}\p{N}_.])([\p{L}_][\p{L}\p{N}_]*)\.(?:([\p{L}_][\p{L}\p{N}_]*)\.)?([\p{L}\p{N}_]*)$/u;
const rowClause = new RegExp(`${notWord}(?:row|行)\\s+${word}*$`, "u");
const factExpression = new RegExp(`${notWord}(?:fact|数据)\\s+${word}+\\s*=\\s*[^"\\n]*$`, "u");
const targetList = new RegExp(`${notWord}(?:targets|按目标)\\s*[\\[【]\\s*${list}`, "u");
const classWord = new RegExp(`${notWord}(?:class|类别)\\s+${word}*$`, "u");
const tierWord = new RegExp(`${notWord}(?:tier|评定)\\s+${word}*$`, "u");
const actualValue = new RegExp(`${notWord}(?:actual|实际值)\\s+[^{}"\\n;]*$`, "u");
/** The classes of 绩效目标 (decision 0092). */
const targetClasses = ["数量", "质量", "时效", "成本", "效益", "满意度"];
/** A target's tiers: `met`/`unmet` are also an element's marks (符合/不符合); in a tier they are 达成/未达成. */
const tierSpellings = { Met: ["met", "达成"], Partial: ["partial", "部分达成"], Unmet: ["unmet", "未达成"] } as const;

/** Keywords each kind of block takes; top level when the cursor is in no block. */
const blockKeywords: Record<string, KeywordName[]> = {
  top: ["Evaluation", "Fact", "Survey", "Indicator", "Finding", "Veto", "Units", "Table", "Target"],
  evaluation: ["Period", "Client", "Evaluator", "Subject", "Total", "Precision", "Grades", "Declared", "Deviation"],
  indicator: ["Indicator", "Weight", "Explain", "Criteria", "Note", "Score", "Deduct", "Ratio", "Per", "Bands", "Satisfaction", "Declared", "Evidence", "Mean", "Weighted", "Row", "Targets"],
  target: ["Class", "Expect", "Actual", "Tier", "Reason", "Deviation"],
  finding: ["On", "Unit", "Project", "Class", "Type", "Issue", "Description", "Evidence", "Count", "Row"],
  table: ["Columns", "Row", "Printed", "Total", "Subtotal", "Rows", "Acknowledged"],
  units: [],
  survey: ["Satisfaction", "Respondents", "Note"],
  veto: ["Triggered", "Grades", "True", "False"],
  fact: [],
};

/**
 * Completion by context: indicator ids after `on`, surveys in `satisfaction (…)`, facts and
 * surveys in expressions, units after a number, finding types used anywhere in the
 * workspace after `type`, otherwise the keywords the enclosing block takes, in the file's spelling.
 * Typed trigger characters (space, comma, parenthesis, quote) only open name and type lists.
 */
export function completion(ctx: FeatureContext, position: Position, triggerCharacter?: string, cursor: CompletionCursor = cursorIn(ctx, position)): CompletionItem[] {
  const { offset, before, replace } = cursor;

  const inType = typeString.exec(before);
  if (inType) return findingTypes(ctx).map((t) => ({ label: t, kind: CompletionItemKind.Value, textEdit: { range: replace(inType[1]!.length), newText: t } }));
  if (insideStringOrComment(before) || insideAstStringOrComment(ctx, offset)) return [];
  if (typeKeyword.test(before)) return findingTypes(ctx).map((t) => ({ label: `"${t}"`, kind: CompletionItemKind.Value, textEdit: { range: replace(0), newText: JSON.stringify(t) } }));

  const prefix = trailingWord.exec(before)![0];
  const range = replace(prefix.length);
  const named = (kinds: string[], kind: CompletionItemKind): CompletionItem[] =>
    [...ctx.group.analysis.symbols.symbols.values()]
      .filter((s) => kinds.includes(s.kind))
      .map((s) => ({ label: s.id, kind, detail: symbolDetail(ctx, s.id, s.kind), textEdit: { range, newText: s.id } }));

  const dot = dotted.exec(before);
  if (dot) return tableParts(ctx, dot[1]!, dot[2], replace(dot[3]!.length));
  // `row TABLE.ROW` on a finding or an indicator: the tables first
  if (rowClause.test(before) && ["finding", "indicator"].includes(enclosing(ctx, offset)?.kind ?? "")) return named(["table"], CompletionItemKind.Struct);
  if (onList.test(before)) {
    // Indicators that count findings are what `on` is for: list them first.
    const counts = (id: string) => ctx.group.analysis.indicators.get(id)?.method.kind === "perFinding";
    // the new key before the spread: after it, V8 makes each item a hidden class of its own (decision 0220)
    return named(["indicator"], CompletionItemKind.Class).map((c) => ({ sortText: `${counts(c.label) ? 0 : 1}${c.label}`, ...c }));
  }
  if (satisfactionList.test(before)) return named(["survey"], CompletionItemKind.Struct);
  if (targetList.test(before)) return named(["target"], CompletionItemKind.Field);
  // A clause being written may not parse yet: a target block then is no node, so the top level counts too.
  const around = enclosing(ctx, offset)?.kind;
  const inTarget = around === "target" || around === undefined;
  if (inTarget && classWord.test(before)) return targetClasses.map((c) => ({ label: c, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: c } }));
  if (inTarget && tierWord.test(before)) {
    const spelling = fileSpelling(ctx.parsed.ast);
    return (["Met", "Partial", "Unmet"] as const).map((k) => {
      const label = tierSpellings[k][spelling === "en" ? 0 : 1];
      return { label, kind: CompletionItemKind.EnumMember, detail: tierSpellings[k][spelling === "en" ? 1 : 0], textEdit: { range, newText: label } };
    });
  }
  if (inTarget && actualValue.test(before) && !afterNumber.test(before)) return [...named(["fact"], CompletionItemKind.Constant), ...named(["survey"], CompletionItemKind.Struct), ...named(["table"], CompletionItemKind.Struct)];
  if (expression.test(before) || (factExpression.test(before) && !afterNumber.test(before)) || (comparison.test(before) && enclosing(ctx, offset)?.kind === "indicator")) {
    return [...named(["fact"], CompletionItemKind.Constant), ...named(["survey"], CompletionItemKind.Struct), ...named(["table"], CompletionItemKind.Struct)];
  }
  const num = afterNumber.exec(before);
  // A typed space or separator opens the list only where a name must follow; elsewhere it would pop up on every word.
  if (triggerCharacter !== undefined && triggerCharacter !== '"') return [];
  if (num) {
    // the built-in units, then those the workspace's units blocks declare (decision 0092)
    const declared = ctx.parsed.ast.declarations.flatMap((d) => (d.kind === "units" ? d.units.map((u) => u.name.text) : []));
    return [...new Set([...knownUnits, ...declared])].map((u) => ({ label: u, kind: CompletionItemKind.Unit, textEdit: { range: replace(num[1]!.length), newText: u } }));
  }

  const block = enclosing(ctx, offset)?.kind ?? "top";
  const spelling = fileSpelling(ctx.parsed.ast);
  return (blockKeywords[block] ?? []).map((k) => {
    const [en, zh] = keywordSpellings[k];
    const label = spelling === "en" ? en : zh;
    let newText: string = label;
    if (k === "Per") newText = spelling === "en" ? "per finding deduct " : "每 问题 扣分 ";
    return { label, kind: CompletionItemKind.Keyword, detail: spelling === "en" ? zh : en, filterText: `${label} ${spelling === "en" ? zh : en}`, textEdit: { range, newText } };
  });
}

/**
 * Where completion is asked: the offset in the analyzed text (for the enclosing block), the
 * line up to the cursor and the range of the last `length` characters before it. The last two
 * come from the editor's current text when the analysis is older (decision 0036).
 */
export interface CompletionCursor {
  offset: number;
  before: string;
  replace(length: number): Range;
}

function cursorIn(ctx: FeatureContext, position: Position): CompletionCursor {
  const lines = ctx.parsed.lines;
  const offset = lines.offsetAt(position.line, position.character);
  return {
    offset,
    before: lines.lineText(position.line).slice(0, position.character),
    replace: (length) => toRange(lines.range(offset - length, offset)),
  };
}

/** The innermost declaration whose braces hold the offset (strictly inside, so not after its `}`). */
function enclosing(ctx: FeatureContext, offset: number): Declaration | undefined {
  const at = ctx.parsed.lines.positionAt(offset);
  let nodes: Declaration[] = ctx.parsed.ast.declarations;
  let hit: Declaration | undefined;
  for (;;) {
    const next = nodes.find((d) => comparePositions(d.range.start, at) < 0 && comparePositions(at, d.range.end) < 0);
    if (!next) return hit;
    hit = next;
    nodes = next.kind === "indicator" ? next.children : [];
  }
}

/** Inside a string or comment that spans lines (the line alone does not show it). */
function insideAstStringOrComment(ctx: FeatureContext, offset: number): boolean {
  const at = ctx.parsed.lines.positionAt(offset);
  const inside = (r: AstRange) => comparePositions(r.start, at) < 0 && comparePositions(at, r.end) < 0;
  if (findAt(ctx.parsed.ast.comments, at, true)) return true;
  const innermost = enclosingNodes(ctx.parsed.ast, at).pop() as { range: typeof ctx.parsed.ast.range; value?: unknown; kind?: unknown };
  return typeof innermost.value === "string" && innermost.kind === undefined && inside(innermost.range);
}

function insideStringOrComment(line: string): boolean {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "/" && line[i + 1] === "/") return true;
  }
  return inString;
}

function symbolDetail(ctx: FeatureContext, id: string, kind: string): string | undefined {
  const { result, indicators } = ctx.group.analysis;
  if (kind === "indicator") {
    const r = indicators.get(id);
    return r ? `${r.path.join(" › ")} · ${r.weight}` : undefined;
  }
  if (kind === "fact") {
    const f = result.facts.find((x) => x.id === id);
    return f?.value ? (f.text ?? `${f.value}${f.unit ? ` ${f.unit}` : ""}`) : undefined;
  }
  if (kind === "survey") return result.surveys.find((x) => x.id === id)?.title;
  return undefined;
}

/** Every `type` string written on a finding in the workspace, most used first. */
function findingTypes(ctx: FeatureContext): string[] {
  const counts = new Map<string, number>();
  for (const s of ctx.ws.summaries()) for (const t of s.findingTypes) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

/** After `T.`: the table's columns and rows; after `T.ROW.`: its columns. */
function tableParts(ctx: FeatureContext, tableId: string, row: string | undefined, range: Range): CompletionItem[] {
  const t = ctx.group.analysis.result.tables?.find((x) => x.id === tableId);
  if (!t || (row !== undefined && !t.rows.some((r) => r.id === row))) return [];
  const columns = t.columns.map((c): CompletionItem => ({ label: c.id, kind: CompletionItemKind.Field, detail: c.title + (c.unit ? ` (${c.unit})` : ""), sortText: `0${c.id}`, textEdit: { range, newText: c.id } }));
  if (row !== undefined) return columns;
  const label = t.columns.findIndex((c) => c.type === "text");
  const rows = t.rows.slice(0, 1000).map((r): CompletionItem => {
    const item: CompletionItem = { label: r.id, kind: CompletionItemKind.EnumMember, sortText: `1${r.id}`, textEdit: { range, newText: r.id } };
    const title = label >= 0 ? r.cells[label] : null;
    if (title) item.detail = title;
    return item;
  });
  return [...columns, ...rows];
}
