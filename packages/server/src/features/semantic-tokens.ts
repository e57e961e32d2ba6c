import { allTokens, keywordTokens, perfLexer, type LineIndex } from "@perf/language";
import type { Range, SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { FeatureContext } from "../context.js";

/** Token types in legend order; themes colour these standard names. */
export const tokenTypes = ["keyword", "class", "variable", "struct", "event", "enumMember", "number", "type", "string", "comment"] as const;
export const tokenModifiers = ["declaration", "readonly"] as const;
export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

type TokenKind = (typeof tokenTypes)[number];
const typeIndex = new Map<string, number>(tokenTypes.map((t, i) => [t, i]));
const symbolTypes: Record<string, TokenKind> = { indicator: "class", fact: "variable", survey: "struct", finding: "event", veto: "enumMember" };
/** What each token type is coloured as, by `tokenTypeIdx`: a keyword, a literal, or (an identifier) what it names. */
const kindByIndex: (TokenKind | "identifier" | undefined)[] = [];
for (const t of Object.values(keywordTokens)) kindByIndex[t.tokenTypeIdx!] = "keyword";
const literalKinds = new Map<string, TokenKind | "identifier">([["NumberLiteral", "number"], ["UnitLiteral", "type"], ["StringLiteral", "string"], ["UnterminatedString", "string"], ["Identifier", "identifier"]]);
for (const t of allTokens) kindByIndex[t.tokenTypeIdx!] ??= literalKinds.get(t.name);

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
  // the scanner's table (decision 0218): no token object per token
  const { tokens, comments } = perfLexer.scan(text);
  const raw: Raw[] = [];
  const push = (offset: number, length: number, kind: TokenKind, modifiers = 0) => {
    if (offset + length < from || offset > to) return;
    raw.push({ offset, length, type: typeIndex.get(kind)!, modifiers });
  };
  for (let i = 0; i < tokens.count; i++) {
    const kind = kindByIndex[tokens.types[i]!];
    if (kind === undefined) continue;
    const start = tokens.starts[i]!;
    const length = tokens.ends[i]! - start;
    if (kind !== "identifier") push(start, length, kind);
    else {
      const o = occurrences.at(start);
      if (!o || lines.offsetOf(o.range.start) !== start) continue;
      const symbolKind = symbolTypes[o.kind];
      if (symbolKind) push(start, length, symbolKind, (o.declaration ? 1 : 0) | (o.kind === "fact" ? 2 : 0));
    }
  }
  for (const c of comments) push(c.startOffset, c.image.length, "comment");
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
