import { createToken, Lexer, type ILexingResult, type IToken, type TokenType } from "chevrotain";
import { keywordAliases, keywordSpellings, knownUnits, softKeywords, type KeywordName } from "./keywords.js";
import { createScanner, type Scanner } from "./scanner.js";

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
// Strings and block comments may be megabytes long: they are scanned by hand, because a
// backtracking expression recurses once per character and overflows the stack (~8 M).
export const BlockComment = createToken({ name: "BlockComment", pattern: { exec: matchBlockComment }, start_chars_hint: ["/"], group: "comments", line_breaks: true });
export const UnterminatedBlockComment = createToken({ name: "UnterminatedBlockComment", pattern: { exec: matchUnterminatedBlockComment }, start_chars_hint: ["/"], group: "comments", line_breaks: true });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: { exec: matchString }, start_chars_hint: ['"'], line_breaks: true, label: "字符串/string" });
/** An opening quote that never closes: lexed as a token so the parser can go on and we can report it. */
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: { exec: matchUnterminatedString }, start_chars_hint: ['"'], line_breaks: false, label: "字符串/string" });
/**
 * A date: `2022-09-27`, `2022年9月27日`, `2020年11月` or `2020年11月底` (the month's last day).
 * Whether the day exists is the engine's question (PERF242), so `2021-02-30` lexes.
 */
export const DateLiteral = createToken({ name: "DateLiteral", pattern: /\d{4}-\d{1,2}-\d{1,2}(?![\d.%])|\d{4}年\d{1,2}月(?:\d{1,2}日|底)?/, label: "日期/date" });
export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: /\d+(?:\.\d+)?%?/, label: "数值/number" });

const punct = (name: string, pattern: string): TokenType => createToken({ name, pattern, label: `'${pattern}'` });
export const LBrace = punct("LBrace", "{");
export const RBrace = punct("RBrace", "}");
export const LParen = punct("LParen", "(");
export const RParen = punct("RParen", ")");
/** `TABLE.COLUMN`, `TABLE.ROW.COLUMN`; a decimal point is part of its number. */
export const Dot = punct("Dot", ".");
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
export const LBracket = createToken({ name: "LBracket", pattern: /\[|【/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /\]|】/, label: "']'" });
/** The spellings of each word token (keywords, units, the word operators below): the scanner looks words up in them. */
const wordSpellings = new Map<TokenType, readonly string[]>();

/** A word token: its spellings, tried in the given order, unless the identifier there is longer. */
function wordToken(name: string, spellings: readonly string[], label: string): TokenType {
  const token = createToken({ name, pattern: new RegExp(spellings.map(escapeRegex).join("|")), longer_alt: Identifier, label });
  wordSpellings.set(token, spellings);
  return token;
}

/** A target's comparison in words: before the value (`不低于 1200 台`) or after it (`1200 台 以上`). */
export const AtLeastWord = wordToken("AtLeastWord", ["不低于", "不少于"], "'不低于'");
export const AtMostWord = wordToken("AtMostWord", ["不超过", "不高于"], "'不超过'");
export const AboveWord = wordToken("AboveWord", ["以上"], "'以上'");
export const BelowWord = wordToken("BelowWord", ["以下"], "'以下'");

const identifierRegex = /[\p{L}_][\p{L}\p{N}_]*/uy;
function matchIdentifier(text: string, offset: number): RegExpExecArray | null {
  identifierRegex.lastIndex = offset;
  return identifierRegex.exec(text);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * The UTF-16 units an identifier may start with, for Chevrotain's first-character table: the
 * matcher decides, so the hint may be wide. It covers the high surrogates, or a letter outside
 * the BMP (𠮷, CJK extension B and later) would never reach the matcher. Chevrotain files every
 * unit above 255 under a bucket of 255 units (`255 + ⌊c / 255⌋`, chevrotain/src/scan/lexer.ts),
 * so a unit every 255 (no wider than a bucket) names the same table as all 65 000 of them at a
 * fraction of the start-up (decision 0170); test/lexer.test.ts lexes every BMP letter to keep that true.
 */
function identifierStartHint(): (string | number)[] {
  const hint: (string | number)[] = ["_"];
  for (let c = 65; c <= 90; c++) hint.push(c, c + 32);
  for (let c = 0x80; c <= 0xff; c++) hint.push(c);
  for (let c = 0x100; c <= 0xffff; c += 255) hint.push(c);
  return hint;
}

const match = (text: string, start: number, end: number): RegExpExecArray => [text.substring(start, end)] as unknown as RegExpExecArray;

/**
 * While a text is lexed: where a string found no closing quote (cleared when tokenize ends). A later
 * opening quote of the same text cannot close either (the scans agree from that quote on), so a
 * file of thousands of unclosed strings is lexed in linear time.
 */
let unclosed: { text: string; from: number } | undefined;

/** `"…"` across lines, with `\` escaping the next character. */
function matchString(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 34) return null;
  if (unclosed && offset > unclosed.from && unclosed.text === text) return null;
  for (let i = offset + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return match(text, offset, i + 1);
  }
  unclosed = { text, from: offset };
  return null;
}

/** The rest of the line after an opening quote that never closes (escapes as in a string). */
function matchUnterminatedString(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 34) return null;
  let i = offset + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 34) break;
    if (c === 92) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 >= text.length || next === 10 || next === 13) break;
      i += 2;
    } else i++;
  }
  return match(text, offset, i);
}

function matchBlockComment(text: string, offset: number): RegExpExecArray | null {
  if (!text.startsWith("/*", offset)) return null;
  const end = text.indexOf("*/", offset + 2);
  return end < 0 ? null : match(text, offset, end + 2);
}

function matchUnterminatedBlockComment(text: string, offset: number): RegExpExecArray | null {
  return text.startsWith("/*", offset) ? match(text, offset, text.length) : null;
}

/**
 * The first UTF-16 units of a word token's spellings, in order: what Chevrotain would find by
 * parsing the token's expression at every start (decision 0185); in order, so that units of one
 * bucket above U+00FF are neighbours and the token is filed once per bucket, as by the analysis.
 */
function firstUnits(spellings: readonly string[]): number[] {
  return [...new Set(spellings.map((w) => w.charCodeAt(0)))].sort((a, b) => a - b);
}

export const keywordTokens = {} as Record<KeywordName, TokenType>;
for (const [name, [en, zh]] of Object.entries(keywordSpellings) as [KeywordName, readonly [string, string]][]) {
  const spellings = [en, ...(keywordAliases[name] ?? []), zh];
  keywordTokens[name] = createToken({
    name,
    pattern: new RegExp(spellings.sort((a, b) => b.length - a.length).map(escapeRegex).join("|")),
    start_chars_hint: firstUnits(spellings),
    longer_alt: Identifier,
    label: `'${en}'/'${zh}'`,
    // a soft keyword is also an identifier wherever the parser expects one
    ...(softKeywords.has(name) ? { categories: [Identifier] } : {}),
  });
  wordSpellings.set(keywordTokens[name], spellings);
}

export const UnitLiteral = createToken({
  name: "UnitLiteral",
  pattern: new RegExp([...knownUnits].sort((a, b) => b.length - a.length).map(escapeRegex).join("|")),
  start_chars_hint: firstUnits(knownUnits),
  longer_alt: Identifier,
  label: "单位/unit",
});
wordSpellings.set(UnitLiteral, knownUnits);

/**
 * Keywords and the unit token are tried before identifiers; a token whose spelling is a
 * prefix of another's must come after it ("评价" after "评价标准", "per" after "period").
 */
function orderWords(tokens: { token: TokenType; spellings: string[] }[]): TokenType[] {
  // Each token's count of the others with a longer spelling that one of its own begins, found by
  // looking up the prefixes of every spelling: comparing every pair of spellings took 25–70 ms of
  // each start on the loaded two-core machine, this 2 ms (decision 0185).
  const owners = new Map<string, number[]>();
  tokens.forEach((t, i) => t.spellings.forEach((w) => owners.set(w, [...(owners.get(w) ?? []), i])));
  const waiting = tokens.map(() => 0);
  const shorter = tokens.map(() => new Set<number>());
  tokens.forEach((u, j) => {
    for (const y of u.spellings) {
      for (let k = 1; k < y.length; k++) {
        for (const i of owners.get(y.slice(0, k)) ?? []) {
          if (i !== j && !shorter[j]!.has(i)) {
            shorter[j]!.add(i);
            waiting[i]!++;
          }
        }
      }
    }
  });
  const out: TokenType[] = [];
  const rest = tokens.map((_, i) => i);
  while (rest.length) {
    // the first token left that starts none of the others left
    const i = rest.findIndex((t) => waiting[t] === 0);
    const [next] = rest.splice(i === -1 ? 0 : i, 1);
    out.push(tokens[next!]!.token);
    for (const s of shorter[next!]!) waiting[s]!--;
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
  DateLiteral,
  NumberLiteral,
  LBrace, RBrace, LParen, RParen, LBracket, RBracket, Dot, Comma, Semicolon, Colon,
  GreaterEq, LessEq, Greater, Less, Equals, Plus, Minus, Star, Slash,
  AtLeastWord, AtMostWord, AboveWord, BelowWord,
  ...wordTokens,
  Identifier,
];

/**
 * Chevrotain's lexer, the reference of the scanner (tests only), letting go of the text it has lexed. Tokens carry `startOffset` only:
 * lines and columns come from LineIndex, and parse() adds the `endOffset` the parser needs.
 */
class PerfLexer extends Lexer {
  constructor(...args: ConstructorParameters<typeof Lexer>) {
    super(...args);
    // Chevrotain's offset-only token has four fields; parse() adds `endOffset` (which the parser's
    // node locations need) and, before some identifiers, `newlineBefore`. Adding fields to an object
    // literal gives every token a second allocation (a property store) and the parser two shapes to
    // read: made here, each token is one object of one shape. `createTokenInstance` is Chevrotain's
    // own field (not in its typings), chosen by `positionTracking`; a test checks the shape.
    const self = this as unknown as { createTokenInstance?: unknown };
    if (typeof self.createTokenInstance !== "function") throw new Error("chevrotain: createTokenInstance not found; check the token shape");
    // only in place of the offset-only token: a lexer asked for lines and columns keeps Chevrotain's
    if (args[1]?.positionTracking !== "onlyOffset") return;
    self.createTokenInstance = (image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): IToken =>
      ({ image, startOffset, endOffset: startOffset + image.length - 1, tokenTypeIdx, tokenType, newlineBefore: false }) as IToken;
  }

  override tokenize(text: string, initialMode?: string): ILexingResult {
    try {
      return super.tokenize(text, initialMode);
    } finally {
      unclosed = undefined; // do not keep the text alive
    }
  }
}

/** The lexer's options; its definition checks run in a test (test/grammar-validation.test.ts), not at every start. */
export const lexerConfig = { ensureOptimizations: true, positionTracking: "onlyOffset" } as const;

let reference: Lexer | undefined;

/**
 * Chevrotain's lexer of the same tokens: what `perfLexer` must return for every text (the tests
 * compare them). Made at the first call: building its tables costs each start several milliseconds.
 */
export function referenceLexer(): Lexer {
  return (reference ??= new PerfLexer(allTokens, { ...lexerConfig, skipValidations: true }));
}

/**
 * The lexer of the language: a hand-written scanner that returns what Chevrotain's lexer of
 * `allTokens` returns (`referenceLexer()`; decision 0200) — the same tokens with the same fields,
 * comments and errors — and sets `newlineBefore` on an identifier with a line break before it.
 */
export const perfLexer: Scanner = createScanner({
  Identifier, LineComment, BlockComment, UnterminatedBlockComment, StringLiteral, UnterminatedString, DateLiteral, NumberLiteral,
  LBrace, RBrace, LParen, RParen, LBracket, RBracket, Dot, Comma, Semicolon, Colon,
  GreaterEq, LessEq, Greater, Less, Equals, Plus, Minus, Star, Slash,
  words: allTokens.filter((t) => t.LONGER_ALT === Identifier).map((type) => ({ type, spellings: wordSpellings.get(type)! })),
});
