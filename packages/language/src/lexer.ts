import { createToken, Lexer, type TokenType } from "chevrotain";
import { keywordAliases, keywordSpellings, knownUnits, type KeywordName } from "./keywords.js";

export const Identifier = createToken({
  name: "Identifier",
  // Chevrotain re-creates regex patterns without the `u` flag, so Unicode classes need a
  // custom matcher; it cannot analyse one, so we name the first characters it may see.
  pattern: { exec: matchIdentifier },
  start_chars_hint: identifierStartHint(),
  line_breaks: false,
  label: "标识符/identifier",
});

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\u3000\uFEFF]+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: "comments" });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, group: "comments", line_breaks: true });
export const UnterminatedBlockComment = createToken({ name: "UnterminatedBlockComment", pattern: /\/\*[\s\S]*/, group: "comments", line_breaks: true });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"(?:[^"\\]|\\[\s\S])*"/, line_breaks: true, label: "字符串/string" });
/** An opening quote that never closes: lexed as a token so the parser can go on and we can report it. */
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*/, label: "字符串/string" });
export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: /\d+(?:\.\d+)?%?/, label: "数值/number" });

const punct = (name: string, pattern: string): TokenType => createToken({ name, pattern, label: `'${pattern}'` });
export const LBrace = punct("LBrace", "{");
export const RBrace = punct("RBrace", "}");
export const LParen = punct("LParen", "(");
export const RParen = punct("RParen", ")");
export const Comma = createToken({ name: "Comma", pattern: /,|，|、/, label: "','" });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;|；/, label: "';'" });
export const Colon = createToken({ name: "Colon", pattern: /:|：/, label: "':'" });
export const GreaterEq = createToken({ name: "GreaterEq", pattern: /≥|>=/, label: "'>='" });
export const LessEq = createToken({ name: "LessEq", pattern: /≤|<=/, label: "'<='" });
export const Greater = punct("Greater", ">");
export const Less = punct("Less", "<");
export const Equals = punct("Equals", "=");
export const Plus = punct("Plus", "+");
export const Minus = punct("Minus", "-");
export const Star = createToken({ name: "Star", pattern: /\*|×/, label: "'*'" });
export const Slash = createToken({ name: "Slash", pattern: /\/|÷/, label: "'/'" });

const identifierRegex = /[\p{L}_][\p{L}\p{N}_]*/uy;
function matchIdentifier(text: string, offset: number): RegExpExecArray | null {
  identifierRegex.lastIndex = offset;
  return identifierRegex.exec(text);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function identifierStartHint(): (string | number)[] {
  const hint: (string | number)[] = ["_"];
  for (let c = 65; c <= 90; c++) hint.push(c, c + 32);
  // Latin-1 and extended Latin letters, CJK unified ideographs and extension A, CJK compatibility.
  for (let c = 0xc0; c <= 0x24f; c++) hint.push(c);
  for (let c = 0x3400; c <= 0x4dbf; c++) hint.push(c);
  for (let c = 0x4e00; c <= 0x9fff; c++) hint.push(c);
  for (let c = 0xf900; c <= 0xfaff; c++) hint.push(c);
  return hint;
}

export const keywordTokens = {} as Record<KeywordName, TokenType>;
for (const [name, [en, zh]] of Object.entries(keywordSpellings) as [KeywordName, readonly [string, string]][]) {
  keywordTokens[name] = createToken({
    name,
    pattern: new RegExp([en, ...(keywordAliases[name] ?? []), zh].sort((a, b) => b.length - a.length).map(escapeRegex).join("|")),
    longer_alt: Identifier,
    label: `'${en}'/'${zh}'`,
  });
}

export const UnitLiteral = createToken({
  name: "UnitLiteral",
  pattern: new RegExp([...knownUnits].sort((a, b) => b.length - a.length).map(escapeRegex).join("|")),
  longer_alt: Identifier,
  label: "单位/unit",
});

/**
 * Keywords and the unit token are tried before identifiers; a token whose spelling is a
 * prefix of another's must come after it ("评价" after "评价标准", "per" after "period").
 */
function orderWords(tokens: { token: TokenType; spellings: string[] }[]): TokenType[] {
  const isPrefixOf = (a: string[], b: string[]) => a.some((x) => b.some((y) => y !== x && y.startsWith(x)));
  const out: TokenType[] = [];
  const rest = [...tokens];
  while (rest.length) {
    const i = rest.findIndex((t) => !rest.some((u) => u !== t && isPrefixOf(t.spellings, u.spellings)));
    const [next] = rest.splice(i === -1 ? 0 : i, 1);
    out.push(next!.token);
  }
  return out;
}

const wordTokens = orderWords([
  ...(Object.keys(keywordTokens) as KeywordName[]).map((k) => ({ token: keywordTokens[k], spellings: [...keywordSpellings[k], ...(keywordAliases[k] ?? [])] })),
  { token: UnitLiteral, spellings: [...knownUnits] },
]);

export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  StringLiteral,
  UnterminatedString,
  NumberLiteral,
  LBrace, RBrace, LParen, RParen, Comma, Semicolon, Colon,
  GreaterEq, LessEq, Greater, Less, Equals, Plus, Minus, Star, Slash,
  ...wordTokens,
  Identifier,
];

export const perfLexer = new Lexer(allTokens, { ensureOptimizations: true, positionTracking: "full" });
