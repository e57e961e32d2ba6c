import type { CstElement, CstNode, IRecognitionException, IToken, TokenType } from "chevrotain";
import type * as A from "./ast.js";
import { keywordCode, KeywordUses } from "./keyword-uses.js";
import { keywordSpellings, softKeywords, type KeywordName } from "./keywords.js";
import * as T from "./lexer.js";
import { perfParser } from "./parser.js";
import { LineIndex, type Range } from "./range.js";
import { makeDiagnostic, type Diagnostic, type DiagnosticFactoryOptions } from "./diagnostics.js";
import { checkLimits, typeFlags } from "./limits.js";
import { numberWordsOf, setNumberWords } from "./number-words.js";
import { addToken, tokenTable, type TokenTable } from "./scanner.js";
import {
  assertDecl,
  assessDecl,
  band,
  betweenExpect,
  compareExpect,
  deduction,
  element,
  equalsStatement,
  evaluationHeader,
  factDecl,
  findingDecl,
  frameworkHeader,
  gradeBand,
  indicatorDecl,
  numberValue,
  overrideDecl,
  perFinding,
  printedTotal,
  subjectDecl,
  surveyDecl,
  tableColumn,
  tableDecl,
  tallyLevel,
  targetDecl,
  unitDef,
  vetoDecl,
} from "./nodes.js";
import { describeCodePoint, findCharacters, hasSuspiciousCharacter, showCharacters, type TextKind, type TextSpan } from "./characters.js";
import { addDeduction, ASSESS_TEXTS, dateValue, fastParse, FINDING_TEXTS, HEADER_TEXTS, INDICATOR_TEXTS, SURVEY_TEXTS, stringValueAt, unquote, type FastParse } from "./fast-parser.js";

export { unquote };

export interface ParseResult {
  ast: A.PerfFile;
  diagnostics: Diagnostic[];
  lines: LineIndex;
}

/** More syntax errors (and character warnings) than this in one file are noise: the first ones say what is wrong. */
const MAX_SYNTAX_ERRORS = 50;

const declarationStarts = new Set<TokenType>(
  (["Evaluation", "Fact", "Survey", "Indicator", "Finding", "Veto", "Framework", "Subject", "Override", "Units", "Table", "Assert", "Target"] as const).map((k) => T.keywordTokens[k]),
);

/** Declaration starts that are never names: soft keywords may also name things (`indicator framework`), so they do not delimit declarations for the limits. */
const hardDeclarationStarts = typeFlags((["Evaluation", "Fact", "Survey", "Indicator", "Finding", "Veto", "Subject"] as const).map((k) => T.keywordTokens[k]));

const STRING = T.StringLiteral.tokenTypeIdx!;
const UNTERMINATED_STRING = T.UnterminatedString.tokenTypeIdx!;

const keywordByType = new Map<TokenType, KeywordName>(
  (Object.keys(T.keywordTokens) as KeywordName[]).map((k) => [T.keywordTokens[k], k]),
);
/** The same, by `tokenTypeIdx`: read once per token of the file. */
const keywordByIndex: (KeywordName | undefined)[] = [];
for (const [type, name] of keywordByType) keywordByIndex[type.tokenTypeIdx!] = name;
/** `keywordCode` of each keyword's Chinese spelling, by `tokenTypeIdx` (the English one is 1 more). */
const keywordCodeByIndex: number[] = keywordByIndex.map((name) => (name ? keywordCode(name, "zh") : 0));

/** Text in, AST and syntax diagnostics out. Never throws on any input. */
export function parse(text: string, uri = "untitled.perf", options: DiagnosticFactoryOptions = {}): ParseResult {
  return parseWith(text, uri, options, "auto").result;
}

/**
 * Which parser builds the AST: "auto" tries the fast path (fast-parser.ts) and runs Chevrotain
 * when it gives up; "chevrotain" runs Chevrotain alone. Internal: tests compare the two paths.
 */
export type ParsePath = "auto" | "chevrotain";

/** parse(), with the path forced; `fast` says whether the fast parser built the AST. */
export function parseWith(text: string, uri: string, options: DiagnosticFactoryOptions, path: ParsePath): { result: ParseResult; fast: boolean } {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const lexed = T.perfLexer.scan(text);

  for (const e of lexed.errors) {
    if (diagnostics.length >= MAX_SYNTAX_ERRORS) break;
    diagnostics.push(makeDiagnostic("PERF001", uri, lines.range(e.offset, e.offset + e.length), { text: showCharacters(text.substr(e.offset, e.length)) }, options));
  }

  // The tokens as columns (decision 0218). Each pass over every token is a function of its own:
  // parseWith runs once per parse, and a loop of its own made V8 compile all of parseWith on the
  // stack (OSR, ≈ 100 ms of compiler time at 1 000 leaves) and throw it away again when the code
  // after the loop ran without type feedback — several times in 25 parses (decision 0219).
  const tokens = lexed.tokens;
  const { starts, ends } = tokens;
  /** where the strings with no closing quote start: the parsers read them as closed at the end of their line */
  const unterminated = closeUnterminated(tokens, lines, uri, options, diagnostics);

  // Depth and length limits, before the parser and every tree walker after it can recurse.
  const limits = checkLimits(tokens, hardDeclarationStarts);
  for (const v of limits.violations.slice(0, MAX_SYNTAX_ERRORS)) diagnostics.push(makeDiagnostic(v.code, uri, lines.range(starts[v.token]!, ends[v.token]!), { limit: v.limit }, options));
  const kept = without(tokens, limits.excluded);

  const comments: A.Comment[] = [];
  for (const c of lexed.comments) {
    if (c.tokenType === T.UnterminatedBlockComment) diagnostics.push(makeDiagnostic("PERF004", uri, tokenRange(lines, c), {}, options));
    comments.push({ text: c.image, block: c.tokenType !== T.LineComment, range: tokenRange(lines, c) });
  }

  // Error-free input (most of it) is parsed straight to the AST; the fast parser gives up on
  // anything else, and Chevrotain's path makes every syntax error and the AST after recovery.
  const fast = path === "auto" ? fastParse(kept, lines, unterminated) : undefined;
  const csts: CstNode[] = [];
  if (!fast) {
    // Chevrotain reads token objects, made only here
    const parsed = T.perfLexer.tokenObjects(kept);
    // Chevrotain stops at a token that cannot start a declaration (a stray '}', a clause
    // outside any indicator). Resume at the next declaration keyword so nothing after the
    // mistake is lost; every stretch skipped is already reported by the parser.
    const parserErrors: IRecognitionException[] = [];
    const parser = perfParser();
    let start = 0;
    while (start < parsed.length || csts.length === 0) {
      csts.push(parser.fileFrom(parsed, start));
      // a loop, not push(...errors): a spread of 300 000 recovered errors overflows the stack
      for (const e of parser.errors) {
        if (parserErrors.length >= MAX_SYNTAX_ERRORS) break;
        parserErrors.push(e);
      }
      const stop = parser.errors.find((e) => e.name === "NotAllInputParsedException");
      if (!stop || csts.length > MAX_SYNTAX_ERRORS) break;
      const at = parsed.indexOf(stop.token, start);
      if (at < 0) break;
      let next = at + 1;
      while (next < parsed.length && !declarationStarts.has(parsed[next]!.tokenType)) next++;
      if (next >= parsed.length) break;
      start = next;
    }
    // The shared parser would otherwise keep this document's tokens (and so its text) alive until the next parse.
    parser.input = [];
    for (const e of parserErrors) {
      if (diagnostics.length >= MAX_SYNTAX_ERRORS) break;
      const token = e.token.tokenType.name === "EOF" ? parsed[parsed.length - 1] : e.token;
      const range = token ? tokenRange(lines, token) : lines.range(text.length, text.length);
      let zh = e.message;
      let en = e.message;
      try {
        ({ zh, en } = JSON.parse(e.message) as { zh: string; en: string });
      } catch {
        /* a message not built by our provider: keep it as it is */
      }
      const args: Record<string, string> = { zh, en };
      const kw = keywordByType.get(e.token.tokenType);
      if (kw && zh.includes("标识符")) {
        args.hintZh = `「${e.token.image}」是关键字，不能用作标识符；换一个名字，或把它写成显示名称字符串。`;
        args.hintEn = `'${e.token.image}' is a keyword and cannot be an identifier; pick another name, or keep it as the display-name string.`;
      }
      diagnostics.push(makeDiagnostic("PERF002", uri, range, args, options));
    }
  }

  // Warnings about characters come after the syntax errors and share their cap.
  // The spans of strings and comments are only needed when the text holds such a character at all (rare).
  if (hasSuspiciousCharacter(text)) {
    const texts = stringSpans(tokens);
    for (const c of comments) texts.push({ start: lines.offsetOf(c.range.start), end: lines.offsetOf(c.range.end), kind: c.block ? "blockComment" : "lineComment" });
    diagnostics.push(...characterDiagnostics(text, texts, lines, uri, options, MAX_SYNTAX_ERRORS - diagnostics.length));
  }

  // Chevrotain's CSTs go through the builder, which also finds clauses given twice or out of place
  // (the fast parser gave up on those, so its tree has none).
  const builder = fast ? undefined : new AstBuilder(lines, unterminated);
  const { declarations, names }: FastParse = builder ? { declarations: csts.flatMap((cst) => builder.file(cst)), names: builder.names } : fast!;
  const ast: A.PerfFile = {
    uri,
    declarations,
    comments,
    keywords: keywordUses(tokens, names),
    range: lines.range(0, text.length),
  };
  if (fast) setNumberWords(ast, numberWordsOf(kept));
  for (const d of builder?.duplicates ?? []) diagnostics.push(makeDiagnostic("PERF006", uri, d.range, { clause: d.clause }, options));
  for (const m of builder?.misplaced ?? []) {
    const [whereZh, whereEn] = placeNames[m.where];
    diagnostics.push(makeDiagnostic("PERF008", uri, m.range, { clause: m.clause, whereZh, whereEn, allowed: m.allowed.join(", ") || "—" }, options));
  }
  return { result: { ast, diagnostics, lines }, fast: fast !== undefined };
}

/**
 * PERF003 for each string with no closing quote, which becomes a string for the parsers (closed at
 * the end of its line); returns where those strings start.
 */
function closeUnterminated(tokens: TokenTable, lines: LineIndex, uri: string, options: DiagnosticFactoryOptions, diagnostics: Diagnostic[]): Set<number> {
  const { types, starts, ends } = tokens;
  const unterminated = new Set<number>();
  for (let i = 0; i < tokens.count; i++) {
    if (types[i] === UNTERMINATED_STRING) {
      diagnostics.push(makeDiagnostic("PERF003", uri, lines.range(starts[i]!, ends[i]!), {}, options));
      // Let the parser go on as if the string had closed at the end of the line.
      types[i] = STRING;
      unterminated.add(starts[i]!);
    }
  }
  return unterminated;
}

/** Where the strings are (an unterminated one is a string by now): a pass of its own, as closeUnterminated. */
function stringSpans(tokens: TokenTable): TextSpan[] {
  const { types, starts, ends } = tokens;
  const texts: TextSpan[] = [];
  for (let i = 0; i < tokens.count; i++) if (types[i] === STRING) texts.push({ start: starts[i]!, end: ends[i]!, kind: "string" });
  return texts;
}

/** Every keyword of the tokens but the soft ones the parser took as names (`names`: their starts), as columns. */
function keywordUses(tokens: TokenTable, names: ReadonlySet<number>): KeywordUses {
  const { text, types, starts, ends } = tokens;
  // columns as long as the tokens, not arrays pushed to: 100 000 keywords in a large file
  const keywordStarts = new Int32Array(tokens.count);
  const keywordEnds = new Int32Array(tokens.count);
  const codes = new Uint16Array(tokens.count);
  let keywordCount = 0;
  for (let i = 0; i < tokens.count; i++) {
    const name = keywordByIndex[types[i]!];
    // a soft keyword the parser took as a name is a name
    if (name && !(softKeywords.has(name) && names.has(starts[i]!))) {
      keywordStarts[keywordCount] = starts[i]!;
      keywordEnds[keywordCount] = ends[i]!;
      codes[keywordCount++] = keywordCodeByIndex[types[i]!]! | (isLowerAscii(text.charCodeAt(starts[i]!)) ? 1 : 0);
    }
  }
  return KeywordUses.columns(keywordStarts, keywordEnds, codes, keywordCount);
}

const textKindNames: Record<TextKind, [string, string]> = {
  string: ["字符串", "a string"],
  lineComment: ["注释", "a comment"],
  blockComment: ["注释", "a comment"],
  whitespace: ["空白", "whitespace"],
};

function characterDiagnostics(text: string, spans: TextSpan[], lines: LineIndex, uri: string, options: DiagnosticFactoryOptions, max: number): Diagnostic[] {
  spans.sort((a, b) => a.start - b.start);
  const found = findCharacters(text, spans, (offset) => lines.positionAt(offset).line);
  // errors first: the cap drops warnings before them
  found.sort((a, b) => (a.code === "PERF101" ? 0 : 1) - (b.code === "PERF101" ? 0 : 1) || a.offset - b.offset);
  return found.slice(0, Math.max(0, max)).map((f) => {
    const [whereZh, whereEn] = textKindNames[f.kind];
    return makeDiagnostic(f.code, uri, lines.range(f.offset, f.offset + f.length), { char: describeCodePoint(f.codePoint), whereZh, whereEn }, options);
  });
}

/** The tokens outside the sorted index ranges [from, to). */
function without(tokens: TokenTable, ranges: [number, number][]): TokenTable {
  if (!ranges.length) return tokens;
  const out = tokenTable(tokens.text, tokens.count);
  let r = 0;
  for (let i = 0; i < tokens.count; i++) {
    while (r < ranges.length && i >= ranges[r]![1]) r++;
    if (r < ranges.length && i >= ranges[r]![0]) continue;
    addToken(out, tokens.types[i]!, tokens.starts[i]!, tokens.ends[i]!, tokens.newlines[i] === 1);
  }
  return out;
}

/** `a`–`z`: an English keyword's first letter. */
function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

function tokenRange(lines: LineIndex, t: IToken): Range {
  return lines.range(t.startOffset, t.startOffset + t.image.length);
}

/** Where a node's first real token starts (NaN when it has none); the parser tracks it. */
function nodeStart(node: CstNode): number {
  return node.location?.startOffset ?? NaN;
}

function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined;
}

/** Reads the CST produced by {@link perfParser}; every child may be missing after recovery. */
class AstBuilder {
  /** Clauses given twice (`explain` twice, two `weight`s…): the later one wins and is reported. */
  readonly duplicates: { clause: string; range: Range }[] = [];
  readonly misplaced: { clause: string; where: Place; range: Range; allowed: string[] }[] = [];
  /** Start offsets of the names built from keyword tokens: a soft keyword there was used as a name. */
  readonly names = new Set<number>();

  constructor(
    private readonly lines: LineIndex,
    /** where the unterminated strings start */
    private readonly unterminated: ReadonlySet<number>,
  ) {}

  private set<O extends object, K extends keyof O>(target: O, key: K, value: O[K] & { range: Range }, clause: string) {
    if (target[key] !== undefined) this.duplicates.push({ clause, range: value.range });
    target[key] = value;
  }

  private tok(t: IToken | undefined): Range | undefined {
    return t && !isNaN(t.startOffset) ? tokenRange(this.lines, t) : undefined;
  }

  /** From the first to the last real token of the node (tokens inserted by recovery have no offset). */
  private nodeRange(node: CstNode): Range {
    const start = nodeStart(node);
    return isNaN(start) ? this.lines.range(0, 0) : this.lines.range(start, node.location!.endOffset! + 1);
  }

  private first(node: CstNode, key: string): IToken | undefined {
    const c = node.children[key]?.[0];
    return c && isToken(c) && !isNaN(c.startOffset) ? c : undefined;
  }

  private sub(node: CstNode, key: string): CstNode | undefined {
    const c = node.children[key]?.[0];
    return c && !isToken(c) ? c : undefined;
  }

  private subs(node: CstNode, key: string): CstNode[] {
    return (node.children[key] ?? []).filter((c): c is CstNode => !isToken(c));
  }

  private name(t: IToken | undefined): A.Name | undefined {
    const range = this.tok(t);
    // only a keyword's token can be a soft keyword used as a name: the set stays small
    if (t && range && t.tokenType !== T.Identifier) this.names.add(t.startOffset);
    return t && range ? { text: t.image, range } : undefined;
  }

  private string(t: IToken | undefined): A.StringValue | undefined {
    const range = this.tok(t);
    return t && range ? { value: stringValueAt(t.image, 0, t.image.length, this.unterminated.has(t.startOffset)), range } : undefined;
  }

  file(cst: CstNode | undefined): A.Declaration[] {
    if (!cst) return [];
    const out: A.Declaration[] = [];
    const all: CstNode[] = [
      ...this.subs(cst, "evaluation"),
      ...this.subs(cst, "fact"),
      ...this.subs(cst, "survey"),
      ...this.subs(cst, "indicator"),
      ...this.subs(cst, "finding"),
      ...this.subs(cst, "veto"),
      ...this.subs(cst, "framework"),
      ...this.subs(cst, "subject"),
      ...this.subs(cst, "override"),
      ...this.subs(cst, "units"),
      ...this.subs(cst, "table"),
      ...this.subs(cst, "assertion"),
      ...this.subs(cst, "target"),
    ];
    all.sort((a, b) => (nodeStart(a) || 0) - (nodeStart(b) || 0));
    for (const node of all) {
      const d = this.declaration(node);
      if (d) out.push(d);
    }
    return out;
  }

  private declaration(node: CstNode): A.Declaration | undefined {
    switch (node.name) {
      case "evaluation":
        return this.evaluation(node);
      case "fact":
        return this.fact(node);
      case "survey":
        return this.survey(node);
      case "indicator":
        return this.indicator(node);
      case "finding":
        return this.finding(node);
      case "veto":
        return this.veto(node);
      case "framework":
        return this.framework(node);
      case "subject":
        return this.subject(node);
      case "override":
        return this.override(node);
      case "units":
        return this.units(node);
      case "table":
        return this.table(node);
      case "assertion":
        return this.assertion(node);
      case "target":
        return this.target(node);
    }
    return undefined;
  }

  private units(node: CstNode): A.UnitsDecl {
    const units: A.UnitDef[] = [];
    for (const def of this.subs(node, "unitDef")) {
      const name = this.name(this.wordOf(this.sub(def, "unitWord")));
      if (!name) continue;
      units.push(unitDef(name, this.nodeRange(def), this.value(this.sub(def, "value"))));
    }
    return { kind: "units", units, range: this.nodeRange(node) };
  }

  private wordOf(node: CstNode | undefined): IToken | undefined {
    return node ? (this.first(node, "UnitLiteral") ?? this.first(node, "Identifier")) : undefined;
  }

  private table(node: CstNode): A.TableDecl | undefined {
    const name = this.name(this.first(node, "Identifier"));
    if (!name) return undefined;
    const t = tableDecl(name, [], [], [], this.nodeRange(node), this.string(this.first(node, "StringLiteral")));
    for (const cols of this.subs(node, "columns")) {
      for (const c of this.subs(cols, "column")) {
        const cname = this.name(this.first(c, "Identifier"));
        const type = this.name(this.wordOf(this.sub(c, "type")));
        if (!cname || !type) continue;
        t.columns.push(tableColumn(cname, type, this.nodeRange(c), this.string(this.first(c, "StringLiteral"))));
      }
    }
    for (const r of this.subs(node, "tableRow")) {
      const rname = this.name(this.first(r, "Identifier"));
      if (!rname) continue;
      const cells: A.TableCell[] = [];
      for (const c of this.subs(r, "cell")) {
        const range = this.nodeRange(c);
        const s = this.string(this.first(c, "StringLiteral"));
        const v = this.value(this.sub(c, "value"));
        if (s) cells.push({ kind: "string", value: s, range });
        else if (v) cells.push(this.first(c, "Minus") ? { kind: "number", value: v, negative: true, range } : { kind: "number", value: v, range });
        else if (this.first(c, "Minus")) cells.push({ kind: "empty", range });
      }
      t.rows.push({ name: rname, cells, range: this.nodeRange(r) });
    }
    for (const p of this.subs(node, "printed")) {
      const printed = printedTotal(p.children.Subtotal ? "subtotal" : "total", [], this.nodeRange(p));
      const pname = this.name(this.first(p, "name"));
      if (pname) printed.name = pname;
      if (p.children.Rows) printed.rows = (p.children.rows ?? []).filter(isToken).flatMap((x) => this.name(x) ?? []);
      for (const pv of this.subs(p, "printedValue")) {
        const column = this.name(this.first(pv, "Identifier"));
        const value = this.value(this.sub(pv, "value"));
        if (!column || !value) continue;
        printed.values.push(this.first(pv, "Minus") ? { column, value, negative: true, range: this.nodeRange(pv) } : { column, value, range: this.nodeRange(pv) });
      }
      const ack = this.string(this.first(p, "acknowledged"));
      if (ack) printed.acknowledged = ack;
      t.printed.push(printed);
    }
    return t;
  }

  private rowRefs(node: CstNode): A.RowRef[] {
    return this.subs(node, "rowRef").flatMap((r) => {
      const table = this.name(this.first(r, "table"));
      const row = this.name(this.first(r, "row"));
      return table && row ? [{ table, row, range: this.nodeRange(r) }] : [];
    });
  }

  value(node: CstNode | undefined): A.NumberValue | undefined {
    if (!node) return undefined;
    const n = this.first(node, "NumberLiteral");
    if (!n) return undefined;
    const unit = this.first(node, "UnitLiteral") ?? this.first(node, "unit");
    const percent = n.image.endsWith("%");
    return numberValue(percent ? n.image.slice(0, -1) : n.image, percent, this.lines.range(n.startOffset, (unit ?? n).startOffset + (unit ?? n).image.length), unit?.image);
  }

  /** The `KEYWORD "text"` clauses of a declaration; one that does not belong there is reported, not dropped silently. */
  private textClauses(node: CstNode, allowed: readonly KeywordName[], where: Place): { keyword: KeywordName; value: A.StringValue }[] {
    const out: { keyword: KeywordName; value: A.StringValue }[] = [];
    for (const clause of this.subs(node, "textClause")) {
      const str = this.string(this.first(clause, "StringLiteral"));
      const children = clause.children;
      // for…in, not Object.entries: the same keys in the same order without an array per clause
      for (const key in children) {
        if (!(key in T.keywordTokens)) continue;
        const kw = key as KeywordName;
        const tok = children[key]![0] as IToken;
        if (!allowed.includes(kw)) this.misplaced.push({ clause: tok.image, where, range: tokenRange(this.lines, tok), allowed: allowed.map((k) => keywordSpellings[k][0]) });
        else if (str) out.push({ keyword: kw, value: str });
      }
    }
    return out;
  }

  private evaluation(node: CstNode): A.EvaluationHeader {
    const range = this.nodeRange(node);
    const h = evaluationHeader(range, this.tok(this.first(node, "Evaluation")) ?? range, this.string(this.first(node, "title")));
    for (const item of this.subs(node, "headerItem")) {
      if (item.children.Period) {
        const s = this.string(this.first(item, "StringLiteral"));
        const n = this.first(item, "NumberLiteral");
        if (s) this.set(h, "period", s, "period");
        else if (n) this.set(h, "period", { kind: "number", text: n.image, percent: false, range: tokenRange(this.lines, n) }, "period");
      }
      for (const { keyword, value } of this.textClauses(item, HEADER_TEXTS, "evaluation")) {
        if (keyword === "Kind") this.set(h, "evaluationKind", value, "kind");
        else if (keyword === "Client") this.set(h, "client", value, "client");
        else if (keyword === "Evaluator") this.set(h, "evaluator", value, "evaluator");
        else if (keyword === "Subject") this.set(h, "subject", value, "subject");
      }
      const published = this.name(this.first(item, "grade"));
      if (published) this.set(h, "grade", published, "grade");
      const use = this.string(this.first(item, "use"));
      if (use) this.set(h, "use", { path: use, range: this.nodeRange(item) }, "use");
      const v = this.value(this.sub(item, "value"));
      if (v && item.children.Total) this.set(h, "total", v, "total");
      if (v && item.children.Precision) this.set(h, "precision", v, "precision");
      if (v && item.children.Declared) this.set(h, "declared", v, "declared");
      if (v && item.children.Quorum) this.set(h, "quorum", v, "quorum");
      if (v && item.children.Deviation) this.set(h, "deviation", v, "deviation");
      const grades = this.sub(item, "grades");
      if (grades) {
        if (h.grades) this.duplicates.push({ clause: "grades", range: this.nodeRange(grades) });
        h.grades = {
          range: this.nodeRange(grades),
          bands: this.subs(grades, "gradeBand").flatMap((b) => {
            const name = this.name(this.first(b, "Identifier"));
            if (!name) return [];
            return [gradeBand(name, this.nodeRange(b), this.value(this.sub(b, "lower")), this.value(this.sub(b, "upper")))];
          }),
        };
      }
    }
    return h;
  }

  /** A framework header: the evaluation header's items, of which only total, precision and grades belong here. */
  private framework(node: CstNode): A.FrameworkHeader {
    const h = this.evaluation(node);
    const f = frameworkHeader(h.range, this.tok(this.first(node, "Framework")) ?? h.range, this.name(this.first(node, "Identifier")), h.title);
    f.total = h.total;
    f.precision = h.precision;
    f.grades = h.grades;
    const allowed = ["total", "precision", "grades"];
    const misplaced = (clause: string, range: Range) => this.misplaced.push({ clause, where: "framework", range, allowed });
    for (const k of ["period", "client", "evaluator", "subject", "declared"] as const) {
      const v = h[k];
      if (v) misplaced(k, v.range);
    }
    if (h.grade) misplaced("grade", h.grade.range);
    if (h.use) misplaced("use", h.use.range);
    return f;
  }

  private subject(node: CstNode): A.SubjectDecl | undefined {
    const name = this.name(this.first(node, "Identifier"));
    if (!name) return undefined;
    const range = this.nodeRange(node);
    const s = subjectDecl(name, [], range, this.tok(this.first(node, "Subject")) ?? range, this.string(this.first(node, "title")));
    const declared = this.value(this.sub(node, "value"));
    if (declared) s.declared = declared;
    for (const v of this.subs(node, "value").slice(1)) {
      const d = this.value(v);
      if (d) this.set(s, "declared", d, "declared");
    }
    for (const g of (node.children.grade ?? []).filter(isToken)) {
      const n = this.name(g);
      if (n) this.set(s, "grade", n, "grade");
    }
    const members: CstNode[] = [...this.subs(node, "fact"), ...this.subs(node, "survey"), ...this.subs(node, "finding"), ...this.subs(node, "veto"), ...this.subs(node, "assess"), ...this.subs(node, "target")];
    members.sort((a, b) => (nodeStart(a) || 0) - (nodeStart(b) || 0));
    for (const m of members) {
      const d = m.name === "assess" ? this.assess(m) : (this.declaration(m) as A.SubjectMember | undefined);
      if (d) s.members.push(d);
    }
    return s;
  }

  private assess(node: CstNode): A.AssessDecl | undefined {
    const indicator = this.name(this.first(node, "Identifier"));
    if (!indicator) return undefined;
    const a = assessDecl(indicator, [], this.nodeRange(node));
    for (const ded of this.subs(node, "deduction")) {
      a.deductions.push(deduction(this.nodeRange(ded), this.value(this.sub(ded, "value")), this.string(this.first(ded, "StringLiteral"))));
    }
    const kws = [...(node.children.Score ?? []), ...(node.children.Declared ?? [])].filter(isToken);
    for (const [kw, valueNode] of pairByOffset(kws, this.subs(node, "value"), nodeStart)) {
      const v = this.value(valueNode);
      if (!v) continue;
      if (kw.tokenType === T.keywordTokens.Score) this.set(a, "score", v, "score");
      else this.set(a, "declared", v, "declared");
    }
    for (const { keyword, value } of this.textClauses(node, ASSESS_TEXTS, "assess")) {
      if (keyword === "Note") this.set(a, "note", value, "note");
      else a.evidence.push(value);
    }
    return a;
  }

  private override(node: CstNode): A.OverrideDecl | undefined {
    const indicator = this.name(this.first(node, "Identifier"));
    if (!indicator) return undefined;
    const o = overrideDecl(indicator, this.nodeRange(node));
    const weight = this.value(this.sub(node, "value"));
    if (weight) o.weight = weight;
    if (node.children.Rule) {
      const judgement = this.first(node, "Judgement");
      const rule: A.ScoringMethod | undefined = judgement ? { kind: "judgement", deductions: [], open: true, range: tokenRange(this.lines, judgement) } : this.computedMethod(node);
      if (rule) o.rule = rule;
    }
    const reason = this.string(this.first(node, "reason"));
    if (reason) o.reason = reason;
    return o;
  }

  private fact(node: CstNode): A.FactDecl | undefined {
    const name = this.name(this.first(node, "Identifier"));
    if (!name) return undefined;
    const range = this.nodeRange(node);
    const e = this.expression(this.sub(node, "expression"));
    const convert = this.name(this.wordOf(this.sub(node, "convert")));
    return factDecl(name, range, e, convert, this.string(this.first(node, "StringLiteral")));
  }

  private survey(node: CstNode): A.SurveyDecl | undefined {
    const name = this.name(this.first(node, "Identifier"));
    if (!name) return undefined;
    const s = surveyDecl(name, this.nodeRange(node), this.string(this.first(node, "StringLiteral")));
    // Satisfaction/respondents keywords and values alternate in source order inside MANY.
    const kws = [...(node.children.Satisfaction ?? []), ...(node.children.Respondents ?? [])].filter(isToken);
    const values = this.subs(node, "value");
    const pairs = pairByOffset(kws, values, nodeStart);
    for (const [kw, valueNode] of pairs) {
      const v = this.value(valueNode);
      if (!v) continue;
      if (kw.tokenType === T.keywordTokens.Satisfaction) this.set(s, "satisfaction", v, "satisfaction");
      else this.set(s, "respondents", v, "respondents");
    }
    for (const { keyword, value } of this.textClauses(node, SURVEY_TEXTS, "survey")) if (keyword === "Note") this.set(s, "note", value, "note");
    for (const tally of this.subs(node, "tally")) {
      if (s.tally) this.duplicates.push({ clause: "tally", range: this.nodeRange(tally) });
      s.tally = {
        range: this.nodeRange(tally),
        levels: this.subs(tally, "tallyLevel").flatMap((l) => {
          const name = this.name(this.first(l, "Identifier"));
          if (!name) return [];
          return [tallyLevel(name, this.nodeRange(l), this.value(this.sub(l, "count")), this.value(this.sub(l, "weight")))];
        }),
      };
    }
    return s;
  }

  private indicator(node: CstNode): A.IndicatorDecl | undefined {
    const nameTok = this.first(node, "Identifier");
    const name = this.name(nameTok);
    if (!name) return undefined;
    const range = this.nodeRange(node);
    const weight = this.value(this.sub(node, "value"));
    const title = this.string(this.first(node, "StringLiteral"));
    const ind = indicatorDecl(name, title, weight, range, { start: range.start, end: (weight ?? title ?? name).range.end });
    let judgement: Extract<A.ScoringMethod, { kind: "judgement" }> | undefined;
    for (const item of this.subs(node, "indicatorItem")) {
      const rows = this.rowRefs(item);
      if (rows.length) (ind.rows ??= []).push(...rows);
      const child = this.sub(item, "indicator");
      if (child) {
        const c = this.indicator(child);
        if (c) ind.children.push(c);
        continue;
      }
      for (const { keyword, value } of this.textClauses(item, INDICATOR_TEXTS, "indicator")) {
        if (keyword === "Explain") this.set(ind, "explain", value, "explain");
        else if (keyword === "Criteria") this.set(ind, "criteria", value, "criteria");
        else if (keyword === "Note") this.set(ind, "note", value, "note");
        else if (keyword === "Evidence") ind.evidence.push(value);
      }
      const itemRange = this.nodeRange(item);
      if (item.children.Score) ind.methods.push({ kind: "fixed", value: this.value(this.sub(item, "value")), range: itemRange });
      if (item.children.Declared) {
        const v = this.value(this.sub(item, "value"));
        if (v) this.set(ind, "declared", v, "declared");
      }
      const ded = this.sub(item, "deduction");
      if (ded) {
        judgement = addDeduction(ind, judgement, deduction(itemRange, this.value(this.sub(ded, "value")), this.string(this.first(ded, "StringLiteral"))));
      }
      if (item.children.Judgement) {
        const r = tokenRange(this.lines, item.children.Judgement[0] as IToken);
        ind.methods.push({ kind: "judgement", deductions: [], open: true, range: r });
      }
      const computed = this.computedMethod(item);
      if (computed) ind.methods.push(computed);
    }
    return ind;
  }

  /** The computed rule (ratio, per finding, bands, satisfaction) of an indicator item or an override, if it has one. */
  private computedMethod(item: CstNode): A.ScoringMethod | undefined {
    const range = this.nodeRange(item);
    const ratio = this.sub(item, "ratio");
    if (ratio) return { kind: "ratio", expression: this.expression(this.sub(ratio, "expression")), range };
    const per = this.sub(item, "perFinding");
    if (per) {
      return perFinding(range, this.value(this.sub(per, "each")), this.value(this.sub(per, "max")));
    }
    const bands = this.sub(item, "bands");
    if (bands) {
      return {
        kind: "bands",
        value: this.expression(this.sub(bands, "expression")),
        bands: this.subs(bands, "band").map((b) => {
          const cmp = this.first(b, "GreaterEq") ?? this.first(b, "Greater") ?? this.first(b, "LessEq") ?? this.first(b, "Less");
          const comparator = cmp && ({ GreaterEq: ">=", Greater: ">", LessEq: "<=", Less: "<" } as const)[cmp.tokenType.name as "Less"];
          return band(this.nodeRange(b), comparator, this.expression(this.sub(b, "expression")), this.value(this.sub(b, "value")));
        }),
        range,
      };
    }
    const elements = this.sub(item, "elements");
    if (elements) {
      return {
        kind: "elements",
        elements: this.subs(elements, "element").map((e) => {
          const range = this.nodeRange(e);
          const label = this.string(this.first(e, "label"));
          const reason = this.string(this.first(e, "reason"));
          const share = this.value(this.sub(e, "value"));
          const mark = this.first(e, "Met") ?? this.first(e, "Unmet");
          const markRange = this.tok(mark);
          return element(range, label, share, mark && markRange ? { value: mark.tokenType === T.keywordTokens.Met, range: markRange } : undefined, reason);
        }),
        range,
      };
    }
    const tm = this.sub(item, "targetsMethod");
    if (tm) {
      const values = this.subs(tm, "value");
      return {
        kind: "targets",
        targets: (tm.children.Identifier ?? []).filter(isToken).flatMap((t) => this.name(t) ?? []),
        tiers: this.subs(tm, "tierName").flatMap((t) => {
          const tier = this.tier(t);
          if (!tier) return [];
          const share = values.find((v) => nodeStart(v) > this.lines.offsetOf(tier.range.start));
          const v = this.value(share);
          return [v ? { tier: tier.value, share: v, range: { start: tier.range.start, end: v.range.end } } : { tier: tier.value, range: tier.range }];
        }),
        range,
      };
    }
    const sat = this.sub(item, "satisfaction");
    if (sat) {
      return {
        kind: "satisfaction",
        aggregation: sat.children.Weighted ? "weighted" : "mean",
        surveys: (sat.children.Identifier ?? []).filter(isToken).flatMap((t) => this.name(t) ?? []),
        range,
      };
    }
    return undefined;
  }

  private finding(node: CstNode): A.FindingDecl | undefined {
    const name = this.name(this.first(node, "Identifier"));
    if (!name) return undefined;
    const on = (node.children.target ?? []).filter(isToken).flatMap((t) => this.name(t) ?? []);
    const range = this.nodeRange(node);
    const f = findingDecl(name, this.string(this.first(node, "StringLiteral")), on, range);
    for (const { keyword, value } of this.textClauses(node, FINDING_TEXTS, "finding")) {
      if (keyword === "Unit") this.set(f, "unit", value, "unit");
      else if (keyword === "Project") this.set(f, "project", value, "project");
      else if (keyword === "Class") this.set(f, "class", value, "class");
      else if (keyword === "Type") this.set(f, "type", value, "type");
      else if (keyword === "Issue") this.set(f, "issue", value, "issue");
      else if (keyword === "Description") this.set(f, "description", value, "description");
      else if (keyword === "Evidence") f.evidence.push(value);
    }
    for (const c of this.subs(node, "value")) {
      const count = this.value(c);
      if (count) this.set(f, "count", count, "count");
    }
    f.subject = this.name(this.first(node, "subject"));
    const rows = this.rowRefs(node);
    if (rows.length) f.rows = rows;
    return f;
  }

  private veto(node: CstNode): A.VetoDecl | undefined {
    const name = this.name(this.first(node, "Identifier"));
    if (!name) return undefined;
    this.textClauses(node, [], "veto");
    const v = vetoDecl(name, this.nodeRange(node), this.string(this.first(node, "StringLiteral")));
    const t = this.first(node, "True") ?? this.first(node, "False");
    const tr = this.tok(t);
    if (t && tr) v.triggered = { value: t.tokenType === T.keywordTokens.True, range: tr };
    const grade = this.name(this.first(node, "grade"));
    if (grade) v.grade = grade;
    return v;
  }

  private assertion(node: CstNode): A.AssertDecl | undefined {
    const name = this.name(this.first(node, "Identifier"));
    if (!name) return undefined;
    const range = this.nodeRange(node);
    const close = this.first(node, "RBrace");
    const a = assertDecl(name, [], close ? this.lines.positionAt(close.startOffset + 1) : range.end, range);
    const claim = this.string(this.first(node, "claim"));
    if (claim) a.claim = claim;
    const reason = this.string(this.first(node, "reason"));
    if (reason) a.acknowledged = reason;
    for (const st of this.subs(node, "assertStatement")) {
      const r = this.nodeRange(st);
      const expected = this.value(this.sub(st, "expected"));
      const opt = <T extends object>(o: T): T => {
        if (expected) (o as { expected?: A.NumberValue }).expected = expected;
        return o;
      };
      if (st.children.Level) {
        const level = this.value(this.sub(st, "level"));
        a.statements.push(opt(level ? { kind: "level", level, range: r } : { kind: "level", range: r }));
      } else if (st.children.Leaves) a.statements.push(opt({ kind: "leaves", range: r }));
      else if (st.children.Total) a.statements.push(opt({ kind: "total", range: r }));
      else if (st.children.Grades) {
        const grade = this.name(this.first(st, "grade"));
        a.statements.push(grade ? { kind: "grade", expected: grade, range: r } : { kind: "grade", range: r });
      } else {
        const s = opt(equalsStatement(r));
        const e = this.expression(this.sub(st, "expression"));
        if (e) s.expression = e;
        const op = this.first(st, "op");
        if (op) s.op = ({ LessEq: "<=", GreaterEq: ">=", Less: "<", Greater: ">" } as const)[op.tokenType.name as "Less"];
        const rhs = this.expression(this.sub(st, "rhs"));
        if (rhs?.kind === "number") s.expected = rhs;
        else if (rhs) s.right = rhs;
        const tolerance = this.value(this.sub(st, "tolerance"));
        if (tolerance) s.tolerance = tolerance;
        a.statements.push(s);
      }
    }
    return a;
  }

  date(t: IToken | undefined): A.DateValue | undefined {
    const range = this.tok(t);
    return t && range ? dateValue(t.image, range) : undefined;
  }

  private tier(node: CstNode | undefined): { value: A.TierName; range: Range } | undefined {
    if (!node) return undefined;
    for (const [key, value] of [["Met", "met"], ["Partial", "partial"], ["Unmet", "unmet"]] as const) {
      const range = this.tok(this.first(node, key));
      if (range) return { value, range };
    }
    return undefined;
  }

  private target(node: CstNode): A.TargetDecl | undefined {
    const name = this.name(this.first(node, "Identifier"));
    if (!name) return undefined;
    const t = targetDecl(name, this.nodeRange(node), this.string(this.first(node, "title")));
    const classTok = this.first(node, "class");
    if (classTok) {
      const c = classTok.tokenType === T.StringLiteral ? this.string(classTok) : this.name(classTok) && { value: classTok.image, range: this.tok(classTok)! };
      if (c) this.set(t, "class", c, "class");
    }
    for (const e of this.subs(node, "targetExpect")) {
      const range = this.nodeRange(e);
      const q = this.string(this.first(e, "qualitative"));
      let expect: A.TargetExpect | undefined;
      if (q) expect = { kind: "qualitative", text: q, range };
      else if (e.children.Between) {
        expect = betweenExpect(range, this.value(this.sub(e, "low")), this.value(this.sub(e, "high")));
      } else {
        const opTok = this.first(e, "op");
        const after = this.first(e, "after");
        const operandNode = this.sub(e, "targetOperand");
        const operand = operandNode ? this.date(this.first(operandNode, "DateLiteral")) ?? this.value(this.sub(operandNode, "value")) : undefined;
        const words: Record<string, A.TargetOperator> = { GreaterEq: ">=", LessEq: "<=", Greater: ">", Less: "<", Equals: "=", AtLeastWord: ">=", AtMostWord: "<=", AboveWord: ">=", BelowWord: "<=" };
        const opTokFinal = opTok ?? after;
        const op = opTokFinal ? words[opTokFinal.tokenType.name]! : "=";
        const cmp = compareExpect(op, range, operand);
        if (opTok && (opTok.tokenType === T.AtLeastWord || opTok.tokenType === T.AtMostWord)) cmp.word = { text: opTok.image, after: false };
        if (after) cmp.word = { text: after.image, after: true };
        if (!opTokFinal) cmp.bare = true;
        expect = cmp;
      }
      this.set(t, "expect", expect, "expect");
    }
    const actualText = this.string(this.first(node, "actualText"));
    const actualExpr = this.expression(this.sub(node, "actual"));
    const actualNone = this.tok(this.first(node, "actualNone"));
    if (actualNone) this.set(t, "actual", { kind: "none", range: actualNone }, "actual");
    if (actualExpr?.kind === "date") this.set(t, "actual", { kind: "date", date: actualExpr, range: actualExpr.range }, "actual");
    if (actualText) this.set(t, "actual", { kind: "text", text: actualText, range: actualText.range }, "actual");
    if (actualExpr && actualExpr.kind !== "date") this.set(t, "actual", { kind: "expression", expression: actualExpr, range: actualExpr.range }, "actual");
    for (const tn of this.subs(node, "tierName")) {
      const tier = this.tier(tn);
      if (tier) this.set(t, "tier", tier, "tier");
    }
    const reason = this.string(this.first(node, "reason"));
    if (reason) this.set(t, "reason", reason, "reason");
    const dev = this.value(this.sub(node, "deviation"));
    if (dev) this.set(t, "deviation", dev, "deviation");
    const ack = this.string(this.first(node, "acknowledged"));
    if (ack) t.acknowledged = ack;
    return t;
  }

  expression(node: CstNode | undefined): A.Expression | undefined {
    if (!node) return undefined;
    if (node.name === "expression" || node.name === "term") {
      const operands = this.subs(node, "operands").map((o) => this.expression(o));
      const operators = (node.children.operators ?? []).filter(isToken);
      let acc = operands[0];
      for (let i = 0; i < operators.length; i++) {
        const right = operands[i + 1];
        if (!acc || !right) return undefined;
        acc = {
          kind: "binary",
          op: ({ Plus: "+", Minus: "-", Star: "*", Slash: "/" } as const)[operators[i]!.tokenType.name as "Plus"],
          left: acc,
          right,
          range: { start: acc.range.start, end: right.range.end },
        };
      }
      return acc;
    }
    if (node.name === "unary") {
      const inner = this.expression(this.sub(node, "primary"));
      const minus = this.first(node, "Minus");
      if (!inner) return undefined;
      return minus ? { kind: "negate", operand: inner, range: { start: this.lines.positionAt(minus.startOffset), end: inner.range.end } } : inner;
    }
    if (node.name === "primary") {
      const v = this.sub(node, "value");
      if (v) return this.value(v);
      const call = this.sub(node, "call");
      if (call) {
        const fn = this.name(this.first(call, "fn"));
        if (!fn) return undefined;
        const args: A.Expression[] = [];
        for (const a of this.subs(call, "args")) {
          const x = this.expression(a);
          if (x) args.push(x);
        }
        const where = this.string(this.first(call, "where"));
        return where ? { kind: "call", fn, args, where, range: this.nodeRange(call) } : { kind: "call", fn, args, range: this.nodeRange(call) };
      }
      const date = this.date(this.first(node, "DateLiteral"));
      if (date) return date;
      const id = this.name(this.first(node, "Identifier"));
      if (id) {
        const path = (node.children.path ?? []).filter(isToken).flatMap((t) => this.name(t) ?? []);
        const last = path.at(-1) ?? id;
        return path.length ? { kind: "ref", name: id, path, range: { start: id.range.start, end: last.range.end } } : { kind: "ref", name: id, range: id.range };
      }
      const inner = this.expression(this.sub(node, "expression"));
      return inner ? { kind: "paren", inner, range: this.nodeRange(node) } : undefined;
    }
    return undefined;
  }
}

function pairByOffset<N>(keywords: IToken[], values: N[], offsetOf: (n: N) => number): [IToken, N][] {
  const ks = [...keywords].sort((a, b) => a.startOffset - b.startOffset);
  const out: [IToken, N][] = [];
  for (const v of values) {
    const off = offsetOf(v);
    let best: IToken | undefined;
    for (const k of ks) if (k.startOffset < off) best = k;
    if (best) out.push([best, v]);
  }
  return out;
}

type Place = "evaluation" | "survey" | "indicator" | "finding" | "veto" | "framework" | "assess";
const placeNames: Record<Place, [string, string]> = {
  framework: ["框架头部", "a framework header"],
  assess: ["评分块", "an assess block"],
  evaluation: ["评价头部", "the evaluation header"],
  survey: ["调查", "a survey"],
  indicator: ["指标", "an indicator"],
  finding: ["问题", "a finding"],
  veto: ["否决", "a veto"],
};
