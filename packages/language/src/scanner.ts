import type { ILexingError, ILexingResult, IToken, TokenType } from "chevrotain";

/**
 * The token types the scanner makes, and the word tokens (keywords, units, word operators) in the
 * order Chevrotain's lexer tries them, each with its spellings. lexer.ts passes its own tokens in.
 */
export interface ScannerTokens {
  Identifier: TokenType;
  LineComment: TokenType;
  BlockComment: TokenType;
  UnterminatedBlockComment: TokenType;
  StringLiteral: TokenType;
  UnterminatedString: TokenType;
  DateLiteral: TokenType;
  NumberLiteral: TokenType;
  LBrace: TokenType;
  RBrace: TokenType;
  LParen: TokenType;
  RParen: TokenType;
  LBracket: TokenType;
  RBracket: TokenType;
  Dot: TokenType;
  Comma: TokenType;
  Semicolon: TokenType;
  Colon: TokenType;
  GreaterEq: TokenType;
  LessEq: TokenType;
  Greater: TokenType;
  Less: TokenType;
  Equals: TokenType;
  Plus: TokenType;
  Minus: TokenType;
  Star: TokenType;
  Slash: TokenType;
  /** The tokens with `longer_alt: Identifier`, in the lexer's order, with every spelling of each. */
  words: readonly { type: TokenType; spellings: readonly string[] }[];
}

/**
 * The tokens of a text as columns, one entry per token (decision 0218): a parse reads types and
 * offsets, and takes a token's text only where the tree keeps it — no object per token, which at
 * 300 000 tokens was half the lexer's time and a third of its garbage.
 */
export interface TokenTable {
  readonly text: string;
  /** how many tokens: the columns may be longer */
  count: number;
  /** each token's type, as its `tokenTypeIdx` */
  types: Uint16Array;
  /** where each token starts and ends (exclusive), as offsets in `text` */
  starts: Uint32Array;
  ends: Uint32Array;
  /** 1 for an identifier with a line break before it (a word is a number's unit only on its line: decision 0092) */
  newlines: Uint8Array;
}

/** What {@link Scanner.scan} finds: the tokens as a table; comments (few) and errors as Chevrotain makes them. */
export interface Scanned {
  tokens: TokenTable;
  comments: IToken[];
  errors: ILexingError[];
}

export interface Scanner {
  /** Chevrotain's lexing result: a token object each (editors' features, tests, Chevrotain's parser). */
  tokenize(text: string): ILexingResult;
  /** The same tokens as a table. */
  scan(text: string): Scanned;
  /** Chevrotain's token objects of a table's tokens, as `tokenize` makes them. */
  tokenObjects(table: TokenTable): IToken[];
}

/** A table of no tokens that can grow to about `capacity`. */
export function tokenTable(text: string, capacity: number): TokenTable {
  const c = Math.max(16, capacity);
  return { text, count: 0, types: new Uint16Array(c), starts: new Uint32Array(c), ends: new Uint32Array(c), newlines: new Uint8Array(c) };
}

/** Appends a token, doubling the columns when they are full. */
export function addToken(table: TokenTable, type: number, start: number, end: number, newline: boolean): void {
  const k = table.count;
  if (k === table.types.length) grow(table);
  table.types[k] = type;
  table.starts[k] = start;
  table.ends[k] = end;
  table.newlines[k] = newline ? 1 : 0;
  table.count = k + 1;
}

function grow(table: TokenTable): void {
  const c = table.types.length * 2;
  const types = new Uint16Array(c);
  types.set(table.types);
  const starts = new Uint32Array(c);
  starts.set(table.starts);
  const ends = new Uint32Array(c);
  ends.set(table.ends);
  const newlines = new Uint8Array(c);
  newlines.set(table.newlines);
  table.types = types;
  table.starts = starts;
  table.ends = ends;
  table.newlines = newlines;
}

/** Characters the string scans read while looking for a closing quote, since the process started (tests count work with it). */
export let stringScanWork = 0;

const IDENT_START = 1;
const IDENT_PART = 2;
const KNOWN = 4;

/**
 * `[\p{L}_]` and `[\p{L}\p{N}_]` for each UTF-16 unit, filled as units are met: the first read of a
 * unit asks the regular expression, later reads the table. Surrogates are looked at in pairs by
 * the sticky expressions below (a lone one is neither, as in the `u` expression of the reference).
 */
const unitClass = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  unitClass[c] = KNOWN | (letter ? IDENT_START | IDENT_PART : 0) | (c >= 48 && c <= 57 ? IDENT_PART : 0);
}
const bmpStart = /^[\p{L}_]$/u;
const bmpPart = /^[\p{L}\p{N}_]$/u;
const astralStart = /[\p{L}_]/uy;
const astralPart = /[\p{L}\p{N}_]/uy;

function classOf(c: number): number {
  let k = unitClass[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = KNOWN | (bmpStart.test(ch) ? IDENT_START : 0) | (bmpPart.test(ch) ? IDENT_PART : 0);
    unitClass[c] = k;
  }
  return k;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** The end of the identifier `[\p{L}_][\p{L}\p{N}_]*` (code points) that starts at `i`, or `i` if none does. */
function identifierEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isHighSurrogate(c)) {
    astralStart.lastIndex = i;
    if (!astralStart.test(text)) return i;
    i += 2;
  } else if (classOf(c) & IDENT_START) i++;
  else return i;
  const n = text.length;
  while (i < n) {
    const d = text.charCodeAt(i);
    if (d < 128 || !isHighSurrogate(d)) {
      if (!(classOf(d) & IDENT_PART)) break;
      i++;
    } else {
      astralPart.lastIndex = i;
      if (!astralPart.test(text)) break;
      i += 2;
    }
  }
  return i;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57; // NaN past the end: false

/**
 * The end of the date at `i` (the first of its digits), or -1:
 * `\d{4}-\d{1,2}-\d{1,2}(?![\d.%])|\d{4}年\d{1,2}月(?:\d{1,2}日|底)?`, backtracking included —
 * one or two digits are followed by a separator that is not a digit, so each choice is decided by one look.
 */
function dateEnd(text: string, i: number): number {
  if (!isDigit(text.charCodeAt(i + 1)) || !isDigit(text.charCodeAt(i + 2)) || !isDigit(text.charCodeAt(i + 3))) return -1;
  const sep = text.charCodeAt(i + 4);
  let p = i + 5;
  if (sep === 45 /* - */) {
    if (!isDigit(text.charCodeAt(p))) return -1;
    p += isDigit(text.charCodeAt(p + 1)) ? 2 : 1;
    if (text.charCodeAt(p) !== 45) return -1;
    p++;
    if (!isDigit(text.charCodeAt(p))) return -1;
    // two digits: the look after them; one: the look after it (two digits cannot fall back to one,
    // whose next character is a digit)
    p += isDigit(text.charCodeAt(p + 1)) ? 2 : 1;
    const after = text.charCodeAt(p);
    return isDigit(after) || after === 46 /* . */ || after === 37 /* % */ ? -1 : p;
  }
  if (sep === 0x5e74 /* 年 */) {
    if (!isDigit(text.charCodeAt(p))) return -1;
    p += isDigit(text.charCodeAt(p + 1)) ? 2 : 1;
    if (text.charCodeAt(p) !== 0x6708 /* 月 */) return -1;
    p++;
    const d = text.charCodeAt(p);
    if (isDigit(d)) {
      const q = p + (isDigit(text.charCodeAt(p + 1)) ? 2 : 1);
      return text.charCodeAt(q) === 0x65e5 /* 日 */ ? q + 1 : p;
    }
    return d === 0x5e95 /* 底 */ ? p + 1 : p;
  }
  return -1;
}

/** `\d+(?:\.\d+)?%?` from `i`, a digit. */
function numberEnd(text: string, i: number): number {
  let j = i + 1;
  while (isDigit(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
    j += 2;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  return text.charCodeAt(j) === 37 ? j + 1 : j;
}

/** The rest of the line after an opening quote that never closes: up to a line break or quote, a `\` escaping the next character on the line. */
function unterminatedStringEnd(text: string, i: number): number {
  const n = text.length;
  i++;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 34) break;
    if (c === 92) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 >= n || next === 10 || next === 13) break;
      i += 2;
    } else i++;
  }
  return i;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

function lexingError(text: string, offset: number, end: number): ILexingError {
  // Chevrotain's record and message (positionTracking "onlyOffset": no line or column)
  const length = end - offset;
  return { offset, line: undefined, column: undefined, length, message: `unexpected character: ->${text.charAt(offset)}<- at offset: ${offset}, skipped ${length} characters.` };
}

/**
 * A token type with its index, one shape for all: the token types themselves have many shapes
 * (their options differ), and reading `tokenTypeIdx` from them at every token is a megamorphic load.
 */
interface Kind {
  type: TokenType;
  idx: number;
}
const kindOf = (type: TokenType): Kind => ({ type, idx: type.tokenTypeIdx! });

interface WordCandidate {
  kind: Kind;
  /** longest first, as the token's expression tries them */
  spellings: readonly string[];
}

/**
 * A scanner that returns what Chevrotain's lexer returns for the given tokens (decision 0200): one
 * pass over the UTF-16 units, a switch on the first unit of each token. A word token is found by
 * looking the scanned identifier up: Chevrotain takes the first word token (in the lexer's order)
 * that one of whose spellings begins the text, and the identifier instead if the identifier there is
 * longer (`longer_alt`), so a word is a word token only if it is a spelling — that table is made
 * once here by the same rule.
 */
export function createScanner(T: ScannerTokens): Scanner {
  /** every token type the scanner makes, by its index (a table's token as Chevrotain's object): each kind is made through `kind` */
  const typeByIdx: TokenType[] = [];
  const kind = (type: TokenType): Kind => {
    typeByIdx[type.tokenTypeIdx!] = type;
    return kindOf(type);
  };
  const Identifier = kind(T.Identifier);
  const LineComment = kind(T.LineComment);
  const BlockComment = kind(T.BlockComment);
  const UnterminatedBlockComment = kind(T.UnterminatedBlockComment);
  const StringLiteral = kind(T.StringLiteral);
  const UnterminatedString = kind(T.UnterminatedString);
  const DateLiteral = kind(T.DateLiteral);
  const NumberLiteral = kind(T.NumberLiteral);
  const LBrace = kind(T.LBrace);
  const RBrace = kind(T.RBrace);
  const LParen = kind(T.LParen);
  const RParen = kind(T.RParen);
  const LBracket = kind(T.LBracket);
  const RBracket = kind(T.RBracket);
  const Dot = kind(T.Dot);
  const Comma = kind(T.Comma);
  const Semicolon = kind(T.Semicolon);
  const Colon = kind(T.Colon);
  const GreaterEq = kind(T.GreaterEq);
  const LessEq = kind(T.LessEq);
  const Greater = kind(T.Greater);
  const Less = kind(T.Less);
  const Equals = kind(T.Equals);
  const Plus = kind(T.Plus);
  const Minus = kind(T.Minus);
  const Star = kind(T.Star);
  const Slash = kind(T.Slash);

  // the word tokens by the first unit of their spellings, in the lexer's order
  const byFirst = new Map<number, WordCandidate[]>();
  const firstUnits = new Uint8Array(0x10000);
  // first units of a spelling that is not a whole identifier (次/天): there the text beyond the word decides
  const irregularFirst = new Uint8Array(0x10000);
  for (const { type, spellings } of T.words) {
    const k = kind(type);
    const longestFirst = [...spellings].sort((a, b) => b.length - a.length);
    for (const c of new Set(spellings.map((s) => s.charCodeAt(0)))) {
      const list = byFirst.get(c) ?? [];
      list.push({ kind: k, spellings: longestFirst.filter((s) => s.charCodeAt(0) === c) });
      byFirst.set(c, list);
      firstUnits[c] = 1;
    }
    for (const s of spellings) if (identifierEnd(s, 0) !== s.length) irregularFirst[s.charCodeAt(0)] = 1;
  }

  /** Chevrotain's choice at `i`, where the identifier ends at `identEnd` (`i` if none starts): the token and its end, or undefined. */
  function wordAt(text: string, i: number, identEnd: number): { kind: Kind; end: number } | undefined {
    for (const { kind, spellings } of byFirst.get(text.charCodeAt(i)) ?? []) {
      for (const s of spellings) {
        if (text.startsWith(s, i)) return identEnd - i > s.length ? { kind: Identifier, end: identEnd } : { kind, end: i + s.length };
      }
    }
    return identEnd > i ? { kind: Identifier, end: identEnd } : undefined;
  }

  // each spelling that the rule above makes a word token when it stands alone (other words are identifiers)
  const wordKinds = new Map<string, Kind>();
  for (const { spellings } of T.words) {
    for (const s of spellings) {
      const end = identifierEnd(s, 0);
      if (end !== s.length) continue;
      const found = wordAt(s, 0, end);
      if (found && found.kind !== Identifier) wordKinds.set(s, found.kind);
    }
  }

  const scan = (text: string): Scanned => {
    // about one token per 16 characters in documents with report-length texts, at most 65 536 to
    // start with (a text of one huge token needs two): the columns double beyond
    const tokens = tokenTable(text, Math.min(text.length >> 4, 65536));
    const comments: IToken[] = [];
    const errors: ILexingError[] = [];
    const n = text.length;
    let i = 0;
    /** a line break since the last token (parse() reads it before identifiers) */
    let newline = false;
    /** where a string found no closing quote: a later quote cannot close either (the scans agree from there) */
    let unclosedFrom = n;
    /** where characters no token starts with began, while such a run goes on */
    let errorStart = -1;
    /**
     * The first quote and the first backslash at or after where the string scans last looked (n:
     * none left). The scans only move forward, so each is looked up again only once passed: a
     * string of a million escapes before its closing quote is read once, not once per escape.
     */
    let quote = -1;
    let backslash = -1;

    while (i < n) {
      const c = text.charCodeAt(i);
      let type: Kind | undefined;
      let end = i + 1;
      switch (c) {
        case 32:
        case 9:
        case 10:
        case 13:
        case 0x3000:
        case 0xfeff: {
          if (errorStart >= 0) {
            errors.push(lexingError(text, errorStart, i));
            errorStart = -1;
          }
          for (; end < n; end++) {
            const d = text.charCodeAt(end);
            if (d === 10 || d === 13) newline = true;
            else if (d !== 32 && d !== 9 && d !== 0x3000 && d !== 0xfeff) break;
          }
          if (c === 10 || c === 13) newline = true;
          i = end;
          continue;
        }
        case 47 /* / */: {
          const d = text.charCodeAt(i + 1);
          if (d === 47 || d === 42) {
            if (errorStart >= 0) {
              errors.push(lexingError(text, errorStart, i));
              errorStart = -1;
            }
            if (d === 47) {
              end = i + 2;
              for (let e = text.charCodeAt(end); end < n && e !== 10 && e !== 13; e = text.charCodeAt(++end));
              type = LineComment;
            } else {
              const close = text.indexOf("*/", i + 2);
              end = close < 0 ? n : close + 2;
              type = close < 0 ? UnterminatedBlockComment : BlockComment;
              if (!newline) newline = hasLineBreak(text, i + 2, end);
            }
            comments.push({ image: text.substring(i, end), startOffset: i, endOffset: end - 1, tokenTypeIdx: type.idx, tokenType: type.type, newlineBefore: false } as IToken);
            i = end;
            continue;
          }
          type = Slash;
          break;
        }
        case 34 /* " */: {
          if (i < unclosedFrom) {
            // the closing quote is the first one after i that no backslash escapes: found with
            // indexOf, which reads a report-length text several times faster than a loop of charCodeAt
            let j = i + 1;
            for (;;) {
              if (quote < j) {
                quote = text.indexOf('"', j);
                if (quote < 0) quote = n;
              }
              if (quote === n) {
                j = n;
                break;
              }
              if (backslash < j) {
                backslash = text.indexOf("\\", j);
                if (backslash < 0) backslash = n;
              }
              if (backslash > quote) {
                j = quote;
                break;
              }
              // an escape before the quote: what it escapes, a quote too, does not close
              j = backslash + 2;
            }
            stringScanWork += j - i;
            if (j < n) {
              type = StringLiteral;
              end = j + 1;
              break;
            }
            unclosedFrom = i;
          }
          type = UnterminatedString;
          end = unterminatedStringEnd(text, i);
          break;
        }
        case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: case 56: case 57: {
          const date = dateEnd(text, i);
          if (date > 0) {
            type = DateLiteral;
            end = date;
          } else {
            type = NumberLiteral;
            end = numberEnd(text, i);
          }
          break;
        }
        case 123: type = LBrace; break;
        case 125: type = RBrace; break;
        case 40: type = LParen; break;
        case 41: type = RParen; break;
        case 91: case 0x3010 /* 【 */: type = LBracket; break;
        case 93: case 0x3011 /* 】 */: type = RBracket; break;
        case 46: type = Dot; break;
        case 44: case 0xff0c /* ， */: case 0x3001 /* 、 */: type = Comma; break;
        case 59: case 0xff1b /* ； */: type = Semicolon; break;
        case 58: case 0xff1a /* ： */: type = Colon; break;
        case 0x2265 /* ≥ */: type = GreaterEq; break;
        case 0x2264 /* ≤ */: type = LessEq; break;
        case 62 /* > */:
          if (text.charCodeAt(i + 1) === 61) {
            type = GreaterEq;
            end = i + 2;
          } else type = Greater;
          break;
        case 60 /* < */:
          if (text.charCodeAt(i + 1) === 61) {
            type = LessEq;
            end = i + 2;
          } else type = Less;
          break;
        case 61: type = Equals; break;
        case 43: type = Plus; break;
        case 45: type = Minus; break;
        case 42: case 0xd7 /* × */: type = Star; break;
        case 0xf7 /* ÷ */: type = Slash; break;
        default: {
          end = identifierEnd(text, i);
          if (irregularFirst[c] === 1 || (end === i && firstUnits[c] === 1)) {
            const found = wordAt(text, i, end);
            if (found) ({ kind: type, end } = found);
          } else if (end > i) {
            if (firstUnits[c] === 1) {
              type = wordKinds.get(text.substring(i, end)) ?? Identifier;
            } else type = Identifier;
          }
          if (type === undefined) {
            // no token starts here: Chevrotain drops characters until one does, and reports them as one error
            if (errorStart < 0) errorStart = i;
            i++;
            continue;
          }
        }
      }
      if (errorStart >= 0) {
        errors.push(lexingError(text, errorStart, i));
        errorStart = -1;
      }
      addToken(tokens, type.idx, i, end, newline && type === Identifier);
      newline = false;
      i = end;
    }
    if (errorStart >= 0) errors.push(lexingError(text, errorStart, n));
    return { tokens, comments, errors };
  };

  const tokenObjects = (table: TokenTable): IToken[] => {
    const { text, types, starts, ends, newlines, count } = table;
    const out: IToken[] = new Array(count);
    for (let k = 0; k < count; k++) {
      const type = typeByIdx[types[k]!]!;
      const start = starts[k]!;
      const end = ends[k]!;
      out[k] = { image: text.substring(start, end), startOffset: start, endOffset: end - 1, tokenTypeIdx: types[k]!, tokenType: type, newlineBefore: newlines[k] === 1 } as IToken;
    }
    return out;
  };

  const tokenize = (text: string): ILexingResult => {
    const { tokens, comments, errors } = scan(text);
    return { tokens: tokenObjects(tokens), groups: { comments }, errors };
  };
  return { tokenize, scan, tokenObjects };
}
