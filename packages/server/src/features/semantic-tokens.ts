import { keywordTokens, perfLexer, type LineIndex } from "@perf/language";
import type { Range, SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { FeatureContext } from "../context.js";

/** Token types in legend order; themes colour these standard names. */
export const tokenTypes = ["keyword", "class", "variable", "struct", "event", "enumMember", "number", "type", "string", "comment"] as const;
export const tokenModifiers = ["declaration", "readonly"] as const;
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

type TokenKind = (typeof tokenTypes)[number];
const typeIndex = new Map<string, number>(tokenTypes.map((t, i) => [t, i]));
const symbolTypes: Record<string, TokenKind> = { indicator: "class", fact: "variable", survey: "struct", finding: "event", veto: "enumMember" };
const keywordTypes = new Set<unknown>(Object.values(keywordTokens));

/** Beyond this, colouring is not worth the payload; the TextMate grammar still colours the file. */
export const MAX_SEMANTIC_TOKENS_TEXT = 2_000_000;

interface Raw {
  offset: number;
  length: number;
  type: number;
  modifiers: number;
}

/** Keywords, symbol names by kind, numbers, units, strings and comments. */
export function semanticTokens(ctx: FeatureContext, range?: Range): SemanticTokens {
  const lines = ctx.parsed.lines;
  const text = lines.text;
  if (text.length > MAX_SEMANTIC_TOKENS_TEXT) return { data: [] };
  const from = range ? lines.offsetAt(range.start.line, range.start.character) : 0;
  const to = range ? lines.offsetAt(range.end.line, range.end.character) : text.length;
  const occurrences = ctx.group.occurrences(ctx.uri);
  const lexed = perfLexer.tokenize(text);
  const raw: Raw[] = [];
  const push = (offset: number, length: number, kind: TokenKind, modifiers = 0) => {
    if (offset + length < from || offset > to) return;
    raw.push({ offset, length, type: typeIndex.get(kind)!, modifiers });
  };
  for (const t of lexed.tokens) {
    const name = t.tokenType.name;
    if (keywordTypes.has(t.tokenType)) push(t.startOffset, t.image.length, "keyword");
    else if (name === "NumberLiteral") push(t.startOffset, t.image.length, "number");
    else if (name === "UnitLiteral") push(t.startOffset, t.image.length, "type");
    else if (name === "StringLiteral" || name === "UnterminatedString") push(t.startOffset, t.image.length, "string");
    else if (name === "Identifier") {
      const o = occurrences.at(t.startOffset);
      if (!o || o.range.start.offset !== t.startOffset) continue;
      const kind = symbolTypes[o.kind];
      if (kind) push(t.startOffset, t.image.length, kind, (o.declaration ? 1 : 0) | (o.kind === "fact" ? 2 : 0));
    }
  }
  for (const c of lexed.groups.comments ?? []) push(c.startOffset, c.image.length, "comment");
  raw.sort((a, b) => a.offset - b.offset);
  return { data: encode(raw, lines) };
}

/** LSP's relative encoding; tokens spanning lines are split, as not every client takes multi-line tokens. */
function encode(raw: Raw[], lines: LineIndex): number[] {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  const emit = (line: number, char: number, length: number, t: Raw) => {
    if (length <= 0) return;
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, length, t.type, t.modifiers);
    prevLine = line;
    prevChar = char;
  };
  for (const t of raw) {
    const start = lines.positionAt(t.offset);
    const end = lines.positionAt(t.offset + t.length);
    if (start.line === end.line) {
      emit(start.line, start.character, end.character - start.character, t);
      continue;
    }
    for (let line = start.line; line <= end.line; line++) {
      const first = line === start.line ? start.character : 0;
      const last = line === end.line ? end.character : lines.lineText(line).length;
      emit(line, first, last - first, t);
    }
  }
  return data;
}
