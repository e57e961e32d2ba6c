import type { TokenType } from "chevrotain";
import type * as A from "./ast.js";
import { softKeywords, type KeywordName } from "./keywords.js";
import * as T from "./lexer.js";
import { LineIndex, type Range } from "./range.js";
import { tokenTable, type TokenTable } from "./scanner.js";
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

/**
 * A recursive-descent parser for error-free input that builds the AST directly, with no CST
 * (decision 0201). It reads the tokens parse() would give Chevrotain, as the scanner's table
 * (decision 0218), and makes exactly the nodes the CST→AST builder of parse.ts makes for them:
 * the same shapes, key order, ranges (the same LineIndex calls) and the same record of soft
 * keywords used as names. It decides alternatives as Chevrotain's LL(3) lookahead does for the
 * grammar of parser.ts (first alternative whose lookahead matches; soft keywords are identifiers
 * where an identifier is expected; a word is a number's unit only on its line, under the same gate).
 *
 * It is a fast path, not a second parser: at the first token it does not expect, at a construct
 * it does not cover, and wherever the builder would report something (a duplicate or misplaced
 * clause) it gives up and parse() runs the Chevrotain path, which makes every diagnostic. So it
 * never has to be right about an error, only about valid input; the golden hashes and a
 * differential test (test/fast-parser.test.ts) hold it to the Chevrotain path.
 */

export interface FastParse {
  declarations: A.Declaration[];
  /** Start offsets of the names built from keyword tokens, as the builder's `names`. */
  names: Set<number>;
}

/** Thrown (a plain object: no stack to capture) to give up; caught once, in {@link fastParse}. */
const GIVE_UP = { fastParser: "gives up" } as const;

const K = T.keywordTokens;
const idx = (t: TokenType): number => t.tokenTypeIdx!;

const IDENT = idx(T.Identifier);
const STRING = idx(T.StringLiteral);
const NUMBER = idx(T.NumberLiteral);
const DATE = idx(T.DateLiteral);
const UNIT = idx(T.UnitLiteral);
const LBRACE = idx(T.LBrace);
const RBRACE = idx(T.RBrace);
const LPAREN = idx(T.LParen);
const LBRACKET = idx(T.LBracket);
const RBRACKET = idx(T.RBracket);
const RPAREN = idx(T.RParen);
const DOT = idx(T.Dot);
const COMMA = idx(T.Comma);
const SEMI = idx(T.Semicolon);
const COLON = idx(T.Colon);
const GREATER_EQ = idx(T.GreaterEq);
const GREATER = idx(T.Greater);
const LESS_EQ = idx(T.LessEq);
const LESS = idx(T.Less);
const EQUALS = idx(T.Equals);
const PLUS = idx(T.Plus);
const MINUS = idx(T.Minus);
const STAR = idx(T.Star);
const SLASH = idx(T.Slash);

/** The keywords' type indices, read in every decision. */
const KW_Acknowledged = idx(K.Acknowledged);
const KW_Actual = idx(K.Actual);
const KW_And = idx(K.And);
const KW_Assert = idx(K.Assert);
const KW_Assess = idx(K.Assess);
const KW_Bands = idx(K.Bands);
const KW_Between = idx(K.Between);
const KW_Class = idx(K.Class);
const KW_Columns = idx(K.Columns);
const KW_Count = idx(K.Count);
const KW_Declared = idx(K.Declared);
const KW_Deduct = idx(K.Deduct);
const KW_Deviation = idx(K.Deviation);
const KW_Elements = idx(K.Elements);
const KW_Else = idx(K.Else);
const KW_Evaluation = idx(K.Evaluation);
const KW_Expect = idx(K.Expect);
const KW_Fact = idx(K.Fact);
const KW_False = idx(K.False);
const KW_Finding = idx(K.Finding);
const KW_Framework = idx(K.Framework);
const KW_Grades = idx(K.Grades);
const KW_In = idx(K.In);
const KW_Indicator = idx(K.Indicator);
const KW_Judgement = idx(K.Judgement);
const KW_Leaves = idx(K.Leaves);
const KW_Level = idx(K.Level);
const KW_Max = idx(K.Max);
const KW_Mean = idx(K.Mean);
const KW_Met = idx(K.Met);
const KW_On = idx(K.On);
const KW_Override = idx(K.Override);
const KW_Partial = idx(K.Partial);
const KW_Per = idx(K.Per);
const KW_Period = idx(K.Period);
const KW_Precision = idx(K.Precision);
const KW_Printed = idx(K.Printed);
const KW_Quorum = idx(K.Quorum);
const KW_Ratio = idx(K.Ratio);
const KW_Reason = idx(K.Reason);
const KW_Respondents = idx(K.Respondents);
const KW_Row = idx(K.Row);
const KW_Rows = idx(K.Rows);
const KW_Rule = idx(K.Rule);
const KW_Satisfaction = idx(K.Satisfaction);
const KW_Score = idx(K.Score);
const KW_Subject = idx(K.Subject);
const KW_Subtotal = idx(K.Subtotal);
const KW_Survey = idx(K.Survey);
const KW_Table = idx(K.Table);
const KW_Tally = idx(K.Tally);
const KW_Target = idx(K.Target);
const KW_Targets = idx(K.Targets);
const KW_Tier = idx(K.Tier);
const KW_Tiers = idx(K.Tiers);
const KW_Total = idx(K.Total);
const KW_Triggered = idx(K.Triggered);
const KW_True = idx(K.True);
const KW_Units = idx(K.Units);
const KW_Unmet = idx(K.Unmet);
const KW_Use = idx(K.Use);
const KW_Veto = idx(K.Veto);
const KW_Weight = idx(K.Weight);
const KW_Weighted = idx(K.Weighted);
const KW_Within = idx(K.Within);

/** The text clauses each block takes (the builder reports the others: PERF008; both parsers read these lists). */
export const INDICATOR_TEXTS: readonly KeywordName[] = ["Explain", "Criteria", "Note", "Evidence"];
export const HEADER_TEXTS: readonly KeywordName[] = ["Client", "Evaluator", "Subject", "Kind"];
export const FINDING_TEXTS: readonly KeywordName[] = ["Unit", "Project", "Class", "Type", "Issue", "Description", "Evidence"];
export const ASSESS_TEXTS: readonly KeywordName[] = ["Note", "Evidence"];
export const SURVEY_TEXTS: readonly KeywordName[] = ["Note"];

/** Past the last token: matches nothing (Chevrotain's EOF). */
const END = -1;

/** Identifiers and the soft keywords, which the lexer puts in the identifier category. */
const identLike: boolean[] = [];
identLike[IDENT] = true;
for (const name of softKeywords) identLike[idx(K[name])] = true;

/** The keywords that open a `KEYWORD "text"` clause (parser.ts `textClause`). */
const textClauseKeyword: (KeywordName | undefined)[] = [];
for (const name of ["Client", "Evaluator", "Subject", "Explain", "Criteria", "Note", "Evidence", "Unit", "Project", "Class", "Type", "Issue", "Description", "Kind"] as const) textClauseKeyword[idx(K[name])] = name;

/** The first tokens of an expression (unary: `-` or a primary). */
const expressionStart: boolean[] = [...identLike];
for (const t of [NUMBER, DATE, LPAREN, MINUS, KW_Count, KW_Max, KW_Mean]) expressionStart[t] = true;

/** Tokens after which a word is not a number's unit (parser.ts `unitWordFollows`). */
const notBeforeUnit: boolean[] = [];
for (const t of [GREATER_EQ, NUMBER, MINUS, LBRACE, DOT, LPAREN]) notBeforeUnit[t] = true;

/** The AST of the tokens, or undefined where the Chevrotain path must decide (an error, or a construct not covered). */
export function fastParse(tokens: TokenTable, lines: LineIndex, unterminated: ReadonlySet<number>): FastParse | undefined {
  const parser = shared.start(tokens, lines, unterminated);
  try {
    return { declarations: parser.file(), names: parser.names };
  } catch {
    // giving up, or anything unexpected (a stack overflow, a bug): the Chevrotain path decides,
    // so parse() still never throws; the tests require every valid input to take this path
    return undefined;
  } finally {
    parser.release();
  }
}

/** `2022-09-27`, `2022年9月27日`, `2020年11月`, `2020年11月底` (the month's last day) as a date value. */
export function dateValue(text: string, range: Range): A.DateValue | undefined {
  const m = /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|年(\d{1,2})月(?:(\d{1,2})日|(底))?)$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[4]);
  const endOfMonth = m[6] !== undefined;
  const monthOnly = m[2] === undefined && m[5] === undefined && !endOfMonth;
  const day = m[3] ?? m[5] ? Number(m[3] ?? m[5]) : endOfMonth ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 1;
  return { kind: "date", text, year, month, day, monthOnly, endOfMonth, range };
}

/** A string literal's value: without its quotes, escapes resolved. */
export function unquote(image: string): string {
  return stringValueAt(image, 0, image.length, false);
}

/**
 * The value of the string literal at `[start, end)` of `text`, read without taking its image:
 * without its quotes, escapes resolved. `unclosed`: the string found no closing quote (PERF003)
 * and is read as closed at its end, so a last `"` (escaped) is part of its value.
 */
export function stringValueAt(text: string, start: number, end: number, unclosed: boolean): string {
  const quoted = end - start > 1 && text.charCodeAt(end - 1) === 34;
  const body = text.substring(start + 1, quoted && !unclosed ? end - 1 : end);
  // most strings have no escape: no regular expression for them
  if (body.indexOf("\\") < 0) return body;
  return body.replace(/\\(.)/gs, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

type Judgement = Extract<A.ScoringMethod, { kind: "judgement" }>;

/** An indicator's `deduct` line joins its judgement method, made (in the methods' order) at the first one. */
export function addDeduction(ind: A.IndicatorDecl, judgement: Judgement | undefined, d: A.Deduction): Judgement {
  if (!judgement) {
    judgement = { kind: "judgement", deductions: [d], range: d.range };
    ind.methods = appended(ind.methods, judgement);
    return judgement;
  }
  judgement.deductions.push(d);
  judgement.range = { start: judgement.range.start, end: d.range.end };
  return judgement;
}

/**
 * `list` with `item` added at its end: a one-element array literal for a first item, `list` itself
 * grown for the next. Most lists of a tree hold one item (a leaf's method, a finding's `on`), and
 * V8 gives the first push to a `[]` a 17-slot store in the young generation, which the analysis's
 * collections then copy twice; the literal's store is exact and, like the nodes around it, made
 * in the old generation once its site is seen to survive (decision 0227).
 */
function appended<T>(list: T[], item: T): T[] {
  if (list.length === 0) return [item];
  list.push(item);
  return list;
}

/** A token: its index in the table. */
type Tok = number;

const noTokens = tokenTable("", 0);
const noLines = new LineIndex("");
const noUnterminated: ReadonlySet<number> = new Set<number>();
const noNames = new Set<number>();

class FastParser {
  names = noNames;
  private p = 0;
  private text = "";
  private count = 0;
  private types = noTokens.types;
  private starts = noTokens.starts;
  private ends = noTokens.ends;
  private newlines = noTokens.newlines;
  private lines = noLines;
  private unterminated = noUnterminated;

  /** This parser, set to read `tokens` from their start. */
  start(tokens: TokenTable, lines: LineIndex, unterminated: ReadonlySet<number>): this {
    this.text = tokens.text;
    this.count = tokens.count;
    this.types = tokens.types;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.newlines = tokens.newlines;
    this.lines = lines;
    this.unterminated = unterminated;
    this.names = new Set();
    this.p = 0;
    return this;
  }

  /** Lets go of the last input (its table and text), keeping every field's type. */
  release(): void {
    this.text = "";
    this.count = 0;
    this.types = noTokens.types;
    this.starts = noTokens.starts;
    this.ends = noTokens.ends;
    this.newlines = noTokens.newlines;
    this.lines = noLines;
    this.unterminated = noUnterminated;
    this.names = noNames;
  }

  // ---- tokens ----

  /** The type index of the token `k` ahead of the next one (0: the next), END past the last. */
  private la(k = 0): number {
    const i = this.p + k;
    return i < this.count ? this.types[i]! : END;
  }

  private next(): Tok {
    return this.p++;
  }

  private expect(type: number): Tok {
    const i = this.p;
    if (i >= this.count || this.types[i] !== type) throw GIVE_UP;
    this.p++;
    return i;
  }

  private expectIdent(): Tok {
    const i = this.p;
    if (i >= this.count || identLike[this.types[i]!] !== true) throw GIVE_UP;
    this.p++;
    return i;
  }

  /** The last token read. */
  private last(): Tok {
    return this.p - 1;
  }

  /** A token's type index. */
  private type(t: Tok): number {
    return this.types[t]!;
  }

  /** A token's text, taken from the document only where the tree keeps it. */
  private image(t: Tok): string {
    return this.text.substring(this.starts[t]!, this.ends[t]!);
  }

  // ---- ranges and leaves, as the builder makes them ----

  private tok(t: Tok): Range {
    return this.lines.range(this.starts[t]!, this.ends[t]!);
  }

  /** A node's range: from its first token to the last one read (Chevrotain's node location). */
  private span(first: Tok): Range {
    return this.lines.range(this.starts[first]!, this.ends[this.p - 1]!);
  }

  private name(t: Tok): A.Name {
    const range = this.tok(t);
    if (this.types[t] !== IDENT) this.names.add(this.starts[t]!);
    return { text: this.image(t), range };
  }

  private string(t: Tok): A.StringValue {
    const text = this.text;
    const start = this.starts[t]!;
    const end = this.ends[t]!;
    // only a string that does not end in an unescaped quote may be unterminated (PERF003): no set lookup for the others
    const closed = end - start > 1 && text.charCodeAt(end - 1) === 34 && text.charCodeAt(end - 2) !== 92;
    return { value: stringValueAt(text, start, end, !closed && this.unterminated.has(start)), range: this.tok(t) };
  }

  private optionalString(): A.StringValue | undefined {
    return this.la() === STRING ? this.string(this.next()) : undefined;
  }

  /** `NUMBER [UNIT | word on the same line]` (parser.ts `value`). */
  private value(): A.NumberValue {
    const n = this.expect(NUMBER);
    let unit: Tok | undefined;
    const next = this.la();
    if (next === UNIT) unit = this.next();
    else if (next === IDENT && this.newlines[this.p] !== 1 && notBeforeUnit[this.la(1)] !== true) unit = this.next();
    const image = this.image(n);
    const percent = image.endsWith("%");
    const end = unit ?? n;
    return numberValue(percent ? image.slice(0, -1) : image, percent, this.lines.range(this.starts[n]!, this.ends[end]!), unit === undefined ? undefined : this.image(unit));
  }

  /** A clause keyword's `"text"` (parser.ts `textClause`); a keyword not allowed here is the builder's PERF008: give up. */
  private textClause(allowed: readonly KeywordName[]): { keyword: KeywordName; value: A.StringValue } {
    const keyword = textClauseKeyword[this.type(this.next())]!;
    const value = this.string(this.expect(STRING));
    if (!allowed.includes(keyword)) throw GIVE_UP;
    return { keyword, value };
  }

  /** The builder's `set`: a clause given twice is its PERF006, so give up. */
  private set<O extends object, Key extends keyof O>(target: O, key: Key, value: O[Key]): void {
    if (target[key] !== undefined) throw GIVE_UP;
    target[key] = value;
  }

  // ---- expressions ----

  private expression(): A.Expression {
    let acc = this.term();
    for (let t = this.la(); t === PLUS || t === MINUS; t = this.la()) {
      this.p++;
      const right = this.term();
      acc = { kind: "binary", op: t === PLUS ? "+" : "-", left: acc, right, range: { start: acc.range.start, end: right.range.end } };
    }
    return acc;
  }

  private term(): A.Expression {
    let acc = this.unary();
    for (let t = this.la(); t === STAR || t === SLASH; t = this.la()) {
      this.p++;
      const right = this.unary();
      acc = { kind: "binary", op: t === STAR ? "*" : "/", left: acc, right, range: { start: acc.range.start, end: right.range.end } };
    }
    return acc;
  }

  private unary(): A.Expression {
    const minus = this.la() === MINUS ? this.next() : undefined;
    const inner = this.primary();
    return minus !== undefined ? { kind: "negate", operand: inner, range: { start: this.lines.positionAt(this.starts[minus]!), end: inner.range.end } } : inner;
  }

  private primary(): A.Expression {
    const t = this.la();
    if (t === NUMBER) return this.value();
    // a call: a name (or count, max, mean) and `(`, tried before a plain name
    if ((identLike[t] === true && this.la(1) === LPAREN) || t === KW_Count || t === KW_Max || t === KW_Mean) return this.call();
    if (t === DATE) {
      const d = this.next();
      return dateValue(this.image(d), this.tok(d)) ?? this.giveUp();
    }
    if (identLike[t] === true) {
      const id = this.name(this.next());
      if (this.la() !== DOT) return { kind: "ref", name: id, range: id.range };
      const path: A.Name[] = [];
      while (this.la() === DOT) {
        this.p++;
        path.push(this.name(this.expectIdent()));
      }
      return { kind: "ref", name: id, path, range: { start: id.range.start, end: path[path.length - 1]!.range.end } };
    }
    if (t === LPAREN) {
      const open = this.next();
      const inner = this.expression();
      this.expect(RPAREN);
      return { kind: "paren", inner, range: this.span(open) };
    }
    return this.giveUp();
  }

  private call(): A.Expression {
    const fnTok = this.next();
    const fn = this.name(fnTok);
    this.expect(LPAREN);
    const args: A.Expression[] = [];
    if (expressionStart[this.la()] === true) {
      args.push(this.expression());
      while (this.la() === COMMA) {
        this.p++;
        args.push(this.expression());
      }
    }
    let where: A.StringValue | undefined;
    if (this.la() === EQUALS) {
      this.p++;
      where = this.string(this.expect(STRING));
    }
    this.expect(RPAREN);
    return where ? { kind: "call", fn, args, where, range: this.span(fnTok) } : { kind: "call", fn, args, range: this.span(fnTok) };
  }

  /** `NAME, NAME, …`, or none when the next token is not a name (Chevrotain's MANY_SEP). */
  private nameList(): A.Name[] {
    if (identLike[this.la()] !== true) return [];
    // the first name as a literal: most lists hold one (appended says why)
    const out = [this.name(this.next())];
    while (this.la() === COMMA) {
      this.p++;
      out.push(this.name(this.expectIdent()));
    }
    return out;
  }

  /** `acknowledged "reason"` after a block, if there. */
  private acknowledged(): A.StringValue | undefined {
    if (this.la() !== KW_Acknowledged) return undefined;
    this.p++;
    return this.string(this.expect(STRING));
  }

  private giveUp(): never {
    throw GIVE_UP;
  }

  // ---- declarations ----

  file(): A.Declaration[] {
    const out: A.Declaration[] = [];
    while (this.p < this.count) {
      const t = this.la();
      if (t === KW_Indicator) out.push(this.indicator());
      else if (t === KW_Fact) out.push(this.fact());
      else if (t === KW_Finding) out.push(this.finding());
      else if (t === KW_Survey) out.push(this.survey());
      else if (t === KW_Evaluation) out.push(this.evaluation());
      else if (t === KW_Veto) out.push(this.veto());
      else if (t === KW_Framework) out.push(this.framework());
      else if (t === KW_Subject) out.push(this.subject());
      else if (t === KW_Override) out.push(this.override());
      else if (t === KW_Units) out.push(this.units());
      else if (t === KW_Table) out.push(this.table());
      else if (t === KW_Assert) out.push(this.assertion());
      else if (t === KW_Target) out.push(this.target());
      else if (t === SEMI) this.p++;
      else this.giveUp();
    }
    return out;
  }

  private evaluation(): A.EvaluationHeader {
    const start = this.next();
    const title = this.optionalString();
    this.expect(LBRACE);
    const items = this.headerItems();
    const range = this.span(start);
    const h = evaluationHeader(range, this.tok(start), title);
    for (const item of items) item(h);
    return h;
  }

  /** A framework header: the evaluation header's items, of which only total, precision and grades belong here (others: PERF008, or dropped as the builder drops them). */
  private framework(): A.FrameworkHeader {
    const start = this.next();
    const name = this.name(this.expectIdent());
    const title = this.optionalString();
    this.expect(LBRACE);
    const items = this.headerItems();
    const range = this.span(start);
    const h = evaluationHeader(range, range, undefined);
    for (const item of items) item(h);
    if (h.period || h.client || h.evaluator || h.subject || h.declared || h.grade || h.use) this.giveUp();
    const f = frameworkHeader(range, this.tok(start), name, title);
    f.total = h.total;
    f.precision = h.precision;
    f.grades = h.grades;
    return f;
  }

  /** The items of a header block up to its closing brace, in source order, applied once the header (whose range ends there) exists. */
  private headerItems(): ((h: A.EvaluationHeader) => void)[] {
    const items: ((h: A.EvaluationHeader) => void)[] = [];
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      if (t === KW_Period) {
        this.p++;
        const v = this.la();
        if (v === STRING) {
          const s = this.string(this.next());
          items.push((h) => this.set(h, "period", s));
        } else if (v === NUMBER) {
          const n = this.next();
          const period: A.NumberValue = { kind: "number", text: this.image(n), percent: false, range: this.tok(n) };
          items.push((h) => this.set(h, "period", period));
        } else this.giveUp();
      } else if (textClauseKeyword[t] !== undefined) {
        const { keyword, value } = this.textClause(HEADER_TEXTS);
        const key = keyword === "Kind" ? "evaluationKind" : keyword === "Client" ? "client" : keyword === "Evaluator" ? "evaluator" : "subject";
        items.push((h) => this.set(h, key, value));
      } else if (t === KW_Total || t === KW_Precision || t === KW_Declared || t === KW_Quorum || t === KW_Deviation) {
        this.p++;
        const v = this.value();
        const key = t === KW_Total ? "total" : t === KW_Precision ? "precision" : t === KW_Declared ? "declared" : t === KW_Quorum ? "quorum" : "deviation";
        items.push((h) => this.set(h, key, v));
      } else if (t === KW_Grades && this.la(1) === LBRACE) {
        const grades = this.grades();
        items.push((h) => this.set(h, "grades", grades));
      } else if (t === KW_Grades) {
        this.p++;
        const grade = this.name(this.expectIdent());
        items.push((h) => this.set(h, "grade", grade));
      } else if (t === KW_Use) {
        const use = this.next();
        const path = this.string(this.expect(STRING));
        const clause: A.UseClause = { path, range: this.span(use) };
        items.push((h) => this.set(h, "use", clause));
      } else if (t === SEMI) this.p++;
      else this.giveUp();
    }
    this.p++;
    return items;
  }

  private grades(): { bands: A.GradeBand[]; range: Range } {
    const start = this.next();
    this.expect(LBRACE);
    const bands: A.GradeBand[] = [];
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      if (identLike[t] === true) {
        const first = this.next();
        const name = this.name(first);
        this.expect(GREATER_EQ);
        const lower = this.value();
        const upper = this.la() === LESS ? (this.p++, this.value()) : undefined;
        bands.push(gradeBand(name, this.span(first), lower, upper));
      } else if (t === SEMI || t === COMMA) this.p++;
      else this.giveUp();
    }
    this.p++;
    return { range: this.span(start), bands };
  }

  private fact(): A.FactDecl {
    const start = this.next();
    const name = this.name(this.expectIdent());
    this.expect(EQUALS);
    const e = this.expression();
    let convert: A.Name | undefined;
    if (this.la() === KW_In) {
      this.p++;
      const w = this.la();
      if (w !== UNIT && identLike[w] !== true) this.giveUp();
      convert = this.name(this.next());
    }
    const description = this.optionalString();
    return factDecl(name, this.span(start), e, convert, description);
  }

  private survey(): A.SurveyDecl {
    const start = this.next();
    const name = this.name(this.expectIdent());
    const title = this.optionalString();
    this.expect(LBRACE);
    const answers: [satisfaction: boolean, value: A.NumberValue][] = [];
    let note: A.StringValue | undefined;
    let tally: { levels: A.TallyLevel[]; range: Range } | undefined;
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      if (t === KW_Satisfaction || t === KW_Respondents) {
        this.p++;
        answers.push([t === KW_Satisfaction, this.value()]);
      } else if (t === KW_Tally) {
        if (tally) this.giveUp();
        tally = this.tally();
      } else if (textClauseKeyword[t] !== undefined) {
        const { value } = this.textClause(SURVEY_TEXTS);
        if (note) this.giveUp();
        note = value;
      } else if (t === SEMI) this.p++;
      else this.giveUp();
    }
    this.p++;
    const s = surveyDecl(name, this.span(start), title);
    for (const [satisfaction, v] of answers) this.set(s, satisfaction ? "satisfaction" : "respondents", v);
    s.note = note;
    s.tally = tally;
    return s;
  }

  private tally(): { levels: A.TallyLevel[]; range: Range } {
    const start = this.next();
    this.expect(LBRACE);
    const levels: A.TallyLevel[] = [];
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      if (identLike[t] === true) {
        const first = this.next();
        const name = this.name(first);
        const count = this.value();
        this.expect(STAR);
        const weight = this.value();
        levels.push(tallyLevel(name, this.span(first), count, weight));
      } else if (t === SEMI || t === COMMA) this.p++;
      else this.giveUp();
    }
    this.p++;
    return { range: this.span(start), levels };
  }

  private indicator(): A.IndicatorDecl {
    const start = this.next();
    const name = this.name(this.expectIdent());
    const title = this.optionalString();
    const weight = this.la() === KW_Weight ? (this.p++, this.value()) : undefined;
    const ind = indicatorDecl(name, title, weight, undefined!, undefined!);
    if (this.la() === LBRACE) {
      this.p++;
      this.indicatorItems(ind);
    }
    ind.range = this.span(start);
    // the head ends with its last token, the weight, title or name: their positions, not new ones
    ind.headRange = { start: ind.range.start, end: (weight ?? title ?? name).range.end };
    return ind;
  }

  private indicatorItems(ind: A.IndicatorDecl): void {
    let judgement: Judgement | undefined;
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      const first = this.p;
      if (t === KW_Indicator) ind.children.push(this.indicator());
      else if (textClauseKeyword[t] !== undefined) {
        const { keyword, value } = this.textClause(INDICATOR_TEXTS);
        if (keyword === "Explain") this.set(ind, "explain", value);
        else if (keyword === "Criteria") this.set(ind, "criteria", value);
        else if (keyword === "Note") this.set(ind, "note", value);
        else ind.evidence = appended(ind.evidence, value);
      } else if (t === KW_Score) {
        this.p++;
        const value = this.value();
        ind.methods = appended(ind.methods, { kind: "fixed", value, range: this.span(first) });
      } else if (t === KW_Declared) {
        this.p++;
        this.set(ind, "declared", this.value());
      } else if (t === KW_Deduct) {
        this.p++;
        const amount = this.value();
        const reason = this.optionalString();
        const itemRange = this.span(first);
        judgement = addDeduction(ind, judgement, deduction(itemRange, amount, reason));
      } else if (t === KW_Judgement) {
        this.p++;
        ind.methods = appended(ind.methods, { kind: "judgement", deductions: [], open: true, range: this.tok(first) });
      } else if (t === KW_Row) (ind.rows ??= []).push(this.rowRef());
      else if (t === SEMI) this.p++;
      else ind.methods = appended(ind.methods, this.computedMethod(t));
    }
    this.p++;
  }

  /** ratio, per finding, bands, satisfaction, elements (parser.ts `indicatorItem`); `targets` is not covered. */
  private computedMethod(t: number): A.ScoringMethod {
    const first = this.next();
    if (t === KW_Ratio) {
      const expression = this.expression();
      return { kind: "ratio", expression, range: this.span(first) };
    }
    if (t === KW_Per) {
      this.expect(KW_Finding);
      this.expect(KW_Deduct);
      const each = this.value();
      const max = this.la() === KW_Max ? (this.p++, this.value()) : undefined;
      return perFinding(this.span(first), each, max);
    }
    if (t === KW_Bands) {
      const value = this.expression();
      this.expect(LBRACE);
      const bands: A.Band[] = [];
      for (let b = this.la(); b !== RBRACE; b = this.la()) {
        if (b === SEMI || b === COMMA) {
          this.p++;
          continue;
        }
        const bandStart = this.next();
        let comparator: A.Comparator | undefined;
        let threshold: A.Expression | undefined;
        if (b === GREATER_EQ) comparator = ">=";
        else if (b === GREATER) comparator = ">";
        else if (b === LESS_EQ) comparator = "<=";
        else if (b === LESS) comparator = "<";
        else if (b !== KW_Else) this.giveUp();
        if (comparator) threshold = this.expression();
        this.expect(COLON);
        const score = this.value();
        bands.push(band(this.span(bandStart), comparator, threshold, score));
      }
      this.p++;
      return { kind: "bands", value, bands, range: this.span(first) };
    }
    if (t === KW_Satisfaction) {
      const how = this.la();
      if (how !== KW_Mean && how !== KW_Weighted) this.giveUp();
      this.p++;
      this.expect(LPAREN);
      const surveys = this.nameList();
      this.expect(RPAREN);
      return { kind: "satisfaction", aggregation: how === KW_Weighted ? "weighted" : "mean", surveys, range: this.span(first) };
    }
    if (t === KW_Targets) {
      this.expect(LBRACKET);
      const targets = this.nameList();
      this.expect(RBRACKET);
      const tiers: { tier: A.TierName; share?: A.NumberValue; range: Range }[] = [];
      if (this.la() === KW_Tiers) {
        this.p++;
        this.expect(LBRACE);
        for (let e = this.la(); e !== RBRACE; e = this.la()) {
          if (e === SEMI || e === COMMA) this.p++;
          else {
            const tier = this.tierName();
            const share = this.value();
            tiers.push({ tier: tier.value, share, range: { start: tier.range.start, end: share.range.end } });
          }
        }
        this.p++;
      }
      return { kind: "targets", targets, tiers, range: this.span(first) };
    }
    if (t === KW_Elements) {
      this.expect(LBRACE);
      const elements: A.Element[] = [];
      for (let e = this.la(); e !== RBRACE; e = this.la()) {
        if (e === SEMI || e === COMMA) {
          this.p++;
          continue;
        }
        const labelTok = this.expect(STRING);
        const label = this.string(labelTok);
        const share = this.value();
        const mark = this.la();
        if (mark !== KW_Met && mark !== KW_Unmet) this.giveUp();
        const markTok = this.next();
        // a string followed by a number is the next element's label, not this one's reason
        const reason = mark === KW_Unmet && this.la() === STRING && this.la(1) !== NUMBER ? this.string(this.next()) : undefined;
        elements.push(element(this.span(labelTok), label, share, { value: mark === KW_Met, range: this.tok(markTok) }, reason));
      }
      this.p++;
      return { kind: "elements", elements, range: this.span(first) };
    }
    return this.giveUp();
  }

  /** `row TABLE.ROW`. */
  private rowRef(): A.RowRef {
    const start = this.next();
    const table = this.name(this.expectIdent());
    this.expect(DOT);
    const row = this.name(this.expectIdent());
    return { table, row, range: this.span(start) };
  }

  private finding(): A.FindingDecl {
    const start = this.next();
    const name = this.name(this.expectIdent());
    const title = this.optionalString();
    let on: A.Name[] = [];
    if (this.la() === KW_On) {
      this.p++;
      // at least one
      if (identLike[this.la()] !== true) this.giveUp();
      on = this.nameList();
    }
    const clauses: { keyword: KeywordName; value: A.StringValue }[] = [];
    let count: A.NumberValue | undefined;
    let subject: A.Name | undefined;
    let rows: A.RowRef[] | undefined;
    if (this.la() === LBRACE) {
      this.p++;
      for (let t = this.la(); t !== RBRACE; t = this.la()) {
        if (t === KW_Subject && this.la(1) !== STRING) {
          this.p++;
          const s = this.name(this.expectIdent());
          // the builder reads the first `subject` only; two are left to it
          if (subject) this.giveUp();
          subject = s;
        } else if (textClauseKeyword[t] !== undefined) clauses.push(this.textClause(FINDING_TEXTS));
        else if (t === KW_Count) {
          this.p++;
          if (count) this.giveUp();
          count = this.value();
        } else if (t === KW_Row) (rows ??= []).push(this.rowRef());
        else if (t === SEMI) this.p++;
        else this.giveUp();
      }
      this.p++;
    }
    const f = findingDecl(name, title, on, this.span(start));
    for (const { keyword, value } of clauses) {
      if (keyword === "Unit") this.set(f, "unit", value);
      else if (keyword === "Project") this.set(f, "project", value);
      else if (keyword === "Class") this.set(f, "class", value);
      else if (keyword === "Type") this.set(f, "type", value);
      else if (keyword === "Issue") this.set(f, "issue", value);
      else if (keyword === "Description") this.set(f, "description", value);
      else f.evidence = appended(f.evidence, value);
    }
    f.count = count;
    f.subject = subject;
    f.rows = rows;
    return f;
  }

  private veto(): A.VetoDecl {
    const start = this.next();
    const name = this.name(this.expectIdent());
    const title = this.optionalString();
    let triggered: { value: boolean; range: Range } | undefined;
    let grade: A.Name | undefined;
    if (this.la() === LBRACE) {
      this.p++;
      for (let t = this.la(); t !== RBRACE; t = this.la()) {
        if (t === KW_Triggered) {
          this.p++;
          const v = this.la();
          if ((v !== KW_True && v !== KW_False) || triggered) this.giveUp();
          triggered = { value: v === KW_True, range: this.tok(this.next()) };
        } else if (t === KW_Grades) {
          this.p++;
          const g = this.name(this.expectIdent());
          if (grade) this.giveUp();
          grade = g;
        } else if (t === SEMI) this.p++;
        // a text clause in a veto is misplaced (PERF008); anything else an error
        else this.giveUp();
      }
      this.p++;
    }
    const v = vetoDecl(name, this.span(start), title);
    v.triggered = triggered;
    v.grade = grade;
    return v;
  }

  /** `met`, `partial` or `unmet` (parser.ts `tierName`). */
  private tierName(): { value: A.TierName; range: Range } {
    const t = this.la();
    const value: A.TierName | undefined = t === KW_Met ? "met" : t === KW_Partial ? "partial" : t === KW_Unmet ? "unmet" : undefined;
    if (!value) this.giveUp();
    return { value, range: this.tok(this.next()) };
  }

  private subject(): A.SubjectDecl {
    const start = this.next();
    const name = this.name(this.expectIdent());
    const title = this.optionalString();
    this.expect(LBRACE);
    const members: A.SubjectMember[] = [];
    let declared: A.NumberValue | undefined;
    let grade: A.Name | undefined;
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      if (t === KW_Fact) members.push(this.fact());
      else if (t === KW_Survey) members.push(this.survey());
      else if (t === KW_Finding) members.push(this.finding());
      else if (t === KW_Veto) members.push(this.veto());
      else if (t === KW_Assess) members.push(this.assess());
      else if (t === KW_Target) members.push(this.target());
      else if (t === KW_Declared) {
        this.p++;
        if (declared) this.giveUp();
        declared = this.value();
      } else if (t === KW_Grades) {
        this.p++;
        if (grade) this.giveUp();
        grade = this.name(this.expectIdent());
      } else if (t === SEMI) this.p++;
      else this.giveUp();
    }
    this.p++;
    const range = this.span(start);
    const s = subjectDecl(name, members, range, this.tok(start), title);
    s.declared = declared;
    s.grade = grade;
    return s;
  }

  private assess(): A.AssessDecl {
    const start = this.next();
    const indicator = this.name(this.expectIdent());
    this.expect(LBRACE);
    const deductions: A.Deduction[] = [];
    const inputs: [score: boolean, value: A.NumberValue][] = [];
    const clauses: { keyword: KeywordName; value: A.StringValue }[] = [];
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      if (t === KW_Deduct) {
        const first = this.next();
        const amount = this.value();
        const reason = this.optionalString();
        deductions.push(deduction(this.span(first), amount, reason));
      } else if (t === KW_Score || t === KW_Declared) {
        this.p++;
        inputs.push([t === KW_Score, this.value()]);
      } else if (textClauseKeyword[t] !== undefined) clauses.push(this.textClause(ASSESS_TEXTS));
      else if (t === SEMI) this.p++;
      else this.giveUp();
    }
    this.p++;
    const a = assessDecl(indicator, deductions, this.span(start));
    for (const [score, v] of inputs) this.set(a, score ? "score" : "declared", v);
    for (const { keyword, value } of clauses) {
      if (keyword === "Note") this.set(a, "note", value);
      else a.evidence = appended(a.evidence, value);
    }
    return a;
  }

  private override(): A.OverrideDecl {
    const start = this.next();
    const indicator = this.name(this.expectIdent());
    let weight: A.NumberValue | undefined;
    let rule: A.ScoringMethod | undefined;
    const t = this.la();
    if (t === KW_Weight) {
      this.p++;
      weight = this.value();
    } else if (t === KW_Rule) {
      this.p++;
      const m = this.la();
      if (m === KW_Judgement) rule = { kind: "judgement", deductions: [], open: true, range: this.tok(this.next()) };
      else if (m === KW_Ratio || m === KW_Per || m === KW_Bands || m === KW_Satisfaction) rule = this.computedMethod(m);
      else this.giveUp();
    } else this.giveUp();
    const reason = this.optionalString();
    const range = this.span(start);
    // the builder gives a computed rule the range of the whole override
    if (rule && rule.kind !== "judgement") rule.range = this.span(start);
    const o = overrideDecl(indicator, range);
    o.weight = weight;
    o.rule = rule;
    o.reason = reason;
    return o;
  }

  /** A unit where one is required (parser.ts `unitWord`): a known unit or any word. */
  private unitWord(): Tok {
    const w = this.la();
    if (w !== UNIT && identLike[w] !== true) this.giveUp();
    return this.next();
  }

  private units(): A.UnitsDecl {
    const start = this.next();
    this.expect(LBRACE);
    const units: A.UnitDef[] = [];
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      if (t === SEMI || t === COMMA) {
        this.p++;
        continue;
      }
      const word = this.unitWord();
      const name = this.name(word);
      const equals = this.la() === EQUALS ? (this.p++, this.value()) : undefined;
      units.push(unitDef(name, this.span(word), equals));
    }
    this.p++;
    return { kind: "units", units, range: this.span(start) };
  }

  private table(): A.TableDecl {
    const start = this.next();
    const name = this.name(this.expectIdent());
    const title = this.optionalString();
    this.expect(LBRACE);
    const columns: A.TableColumn[] = [];
    const rows: A.TableRow[] = [];
    const printed: A.PrintedTotal[] = [];
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      if (t === KW_Columns) {
        this.p++;
        this.expect(LBRACE);
        for (let c = this.la(); c !== RBRACE; c = this.la()) {
          if (c === SEMI || c === COMMA) {
            this.p++;
            continue;
          }
          const first = this.expectIdent();
          const cname = this.name(first);
          const ctitle = this.optionalString();
          const type = this.name(this.unitWord());
          columns.push(tableColumn(cname, type, this.span(first), ctitle));
        }
        this.p++;
      } else if (t === KW_Row) {
        const first = this.next();
        const rname = this.name(this.expectIdent());
        this.expect(LBRACE);
        const cells: A.TableCell[] = [];
        const c = this.la();
        if (c === STRING || c === NUMBER || c === MINUS) {
          cells.push(this.cell());
          while (this.la() === COMMA) {
            this.p++;
            cells.push(this.cell());
          }
        }
        this.expect(RBRACE);
        rows.push({ name: rname, cells, range: this.span(first) });
      } else if (t === KW_Printed) printed.push(this.printed());
      else if (t === SEMI) this.p++;
      else this.giveUp();
    }
    this.p++;
    return tableDecl(name, columns, rows, printed, this.span(start), title);
  }

  /** A string, a number, `-5`, or `-` alone for an empty cell. */
  private cell(): A.TableCell {
    const first = this.p;
    const c = this.la();
    if (c === STRING) {
      const value = this.string(this.next());
      return { kind: "string", value, range: this.span(first) };
    }
    if (c === NUMBER) {
      const value = this.value();
      return { kind: "number", value, range: this.span(first) };
    }
    this.expect(MINUS);
    if (this.la() !== NUMBER) return { kind: "empty", range: this.span(first) };
    const value = this.value();
    return { kind: "number", value, negative: true, range: this.span(first) };
  }

  private printed(): A.PrintedTotal {
    const start = this.next();
    const t = this.la();
    let name: A.Name | undefined;
    let rows: A.Name[] | undefined;
    if (t === KW_Subtotal) {
      this.p++;
      name = this.name(this.expectIdent());
      if (this.la() === KW_Rows) {
        this.p++;
        this.expect(LBRACKET);
        rows = this.nameList();
        this.expect(RBRACKET);
      }
    } else if (t === KW_Total) this.p++;
    else this.giveUp();
    this.expect(LBRACE);
    const values: A.PrintedTotal["values"] = [];
    for (let v = this.la(); v !== RBRACE; v = this.la()) {
      if (v === SEMI || v === COMMA) {
        this.p++;
        continue;
      }
      const first = this.expectIdent();
      const column = this.name(first);
      const negative = this.la() === MINUS ? (this.p++, true) : false;
      const value = this.value();
      values.push(negative ? { column, value, negative: true, range: this.span(first) } : { column, value, range: this.span(first) });
    }
    this.p++;
    const acknowledged = this.acknowledged();
    const p = printedTotal(name ? "subtotal" : "total", values, this.span(start));
    p.name = name;
    p.rows = rows;
    p.acknowledged = acknowledged;
    return p;
  }

  /** `assert ID "claim" { statements } acknowledged "reason"`. */
  private assertion(): A.AssertDecl {
    const start = this.next();
    const name = this.name(this.expectIdent());
    const claim = this.optionalString();
    this.expect(LBRACE);
    const statements: A.AssertStatement[] = [];
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      if (t === SEMI) this.p++;
      else statements.push(this.assertStatement(t));
    }
    const close = this.next();
    const acknowledged = this.acknowledged();
    const a = assertDecl(name, statements, this.lines.positionAt(this.starts[close]! + 1), this.span(start));
    a.claim = claim;
    a.acknowledged = acknowledged;
    return a;
  }

  private assertStatement(t: number): A.AssertStatement {
    const first = this.p;
    if (t === KW_Indicator) {
      this.p++;
      this.expect(KW_Level);
      const level = this.value();
      this.expect(EQUALS);
      const expected = this.value();
      return { kind: "level", level, range: this.span(first), expected };
    }
    // `leaves = 27` is this statement (Chevrotain's alternatives in order, LL(3)); `leaves = x` an expression's
    if (t === KW_Total || (t === KW_Leaves && this.la(1) === EQUALS && this.la(2) === NUMBER)) {
      this.p++;
      this.expect(EQUALS);
      const expected = this.value();
      return { kind: t === KW_Total ? "total" : "leaves", range: this.span(first), expected };
    }
    if (t === KW_Grades) {
      this.p++;
      this.expect(EQUALS);
      const grade = this.name(this.expectIdent());
      return { kind: "grade", expected: grade, range: this.span(first) };
    }
    if (expressionStart[t] !== true) this.giveUp();
    const expression = this.expression();
    const o = this.la();
    const op: A.AssertOperator | undefined = o === LESS_EQ ? "<=" : o === GREATER_EQ ? ">=" : o === LESS ? "<" : o === GREATER ? ">" : undefined;
    if (!op && o !== EQUALS) this.giveUp();
    this.p++;
    const rhs = this.expression();
    const tolerance = this.la() === KW_Within ? (this.p++, this.value()) : undefined;
    const s = equalsStatement(this.span(first));
    s.expression = expression;
    s.op = op;
    if (rhs.kind === "number") s.expected = rhs;
    else s.right = rhs;
    if (tolerance) s.tolerance = tolerance;
    return s;
  }

  /** `target ID "name" { … } acknowledged "…"`; a clause given twice is left to the builder. */
  private target(): A.TargetDecl {
    const start = this.next();
    const name = this.name(this.expectIdent());
    const title = this.optionalString();
    this.expect(LBRACE);
    let cls: A.StringValue | undefined;
    let expect: A.TargetExpect | undefined;
    let actual: A.TargetActual | undefined;
    let tier: { value: A.TierName; range: Range } | undefined;
    let reason: A.StringValue | undefined;
    let deviation: A.NumberValue | undefined;
    for (let t = this.la(); t !== RBRACE; t = this.la()) {
      if (t === SEMI) {
        this.p++;
        continue;
      }
      const first = this.next();
      if (t === KW_Class) {
        if (cls) this.giveUp();
        const c = this.la();
        if (c === STRING) cls = this.string(this.next());
        else if (identLike[c] === true || c === KW_Satisfaction) {
          const tok = this.next();
          this.name(tok);
          cls = { value: this.image(tok), range: this.tok(tok) };
        } else this.giveUp();
      } else if (t === KW_Expect) {
        if (expect) this.giveUp();
        expect = this.targetExpect(first);
      } else if (t === KW_Actual) {
        if (actual) this.giveUp();
        actual = this.targetActual();
      } else if (t === KW_Tier) {
        if (tier) this.giveUp();
        tier = this.tierName();
      } else if (t === KW_Reason) {
        if (reason) this.giveUp();
        reason = this.string(this.expect(STRING));
      } else if (t === KW_Deviation) {
        if (deviation) this.giveUp();
        deviation = this.value();
      } else this.giveUp();
    }
    this.p++;
    const acknowledged = this.acknowledged();
    const tg = targetDecl(name, this.span(start), title);
    tg.class = cls;
    tg.expect = expect;
    tg.actual = actual;
    tg.tier = tier;
    tg.reason = reason;
    tg.deviation = deviation;
    tg.acknowledged = acknowledged;
    return tg;
  }

  private targetExpect(first: Tok): A.TargetExpect {
    const t = this.la();
    if (t === STRING) {
      const text = this.string(this.next());
      return { kind: "qualitative", text, range: this.span(first) };
    }
    if (t === KW_Between) {
      this.p++;
      const low = this.value();
      this.expect(KW_And);
      const high = this.value();
      return betweenExpect(this.span(first), low, high);
    }
    // an operator before the value; `以上`/`以下` only after it
    const opTok = targetOperators[t] !== undefined && t !== idx(T.AboveWord) && t !== idx(T.BelowWord) ? this.next() : undefined;
    const operand = this.targetOperand();
    let after: Tok | undefined;
    if (opTok === undefined && (this.la() === idx(T.AboveWord) || this.la() === idx(T.BelowWord))) after = this.next();
    const word = opTok ?? after;
    const cmp = compareExpect(word !== undefined ? targetOperators[this.type(word)]! : "=", this.span(first), operand);
    if (opTok !== undefined && (this.type(opTok) === idx(T.AtLeastWord) || this.type(opTok) === idx(T.AtMostWord))) cmp.word = { text: this.image(opTok), after: false };
    if (after !== undefined) cmp.word = { text: this.image(after), after: true };
    if (word === undefined) cmp.bare = true;
    return cmp;
  }

  private targetOperand(): A.NumberValue | A.DateValue {
    if (this.la() !== DATE) return this.value();
    const d = this.next();
    return dateValue(this.image(d), this.tok(d)) ?? this.giveUp();
  }

  private targetActual(): A.TargetActual {
    const t = this.la();
    if (t === MINUS) {
      // `actual -` alone (before `}`, `;` or the line's end): the gate of parser.ts
      const next = this.la(1);
      const clause = next === KW_Class || next === KW_Expect || next === KW_Actual || next === KW_Tier || next === KW_Reason || next === KW_Deviation;
      const operand = next === NUMBER || next === LPAREN || next === IDENT || (!clause && identLike[next] === true);
      if (!operand) return { kind: "none", range: this.tok(this.next()) };
    }
    if (t === STRING) {
      const text = this.string(this.next());
      return { kind: "text", text, range: text.range };
    }
    if (expressionStart[t] !== true) this.giveUp();
    const e = this.expression();
    return e.kind === "date" ? { kind: "date", date: e, range: e.range } : { kind: "expression", expression: e, range: e.range };
  }
}

/** A target's comparison tokens and the operator each means. */
const targetOperators: (A.TargetOperator | undefined)[] = [];
for (const [t, op] of [[T.GreaterEq, ">="], [T.LessEq, "<="], [T.Greater, ">"], [T.Less, "<"], [T.Equals, "="], [T.AtLeastWord, ">="], [T.AtMostWord, "<="], [T.AboveWord, ">="], [T.BelowWord, "<="]] as const) targetOperators[idx(t)] = op;

/**
 * One parser serves every input, as Chevrotain's does (parse() is synchronous and never
 * re-entered). A parser made per call died with its parse, and with it the hidden classes its
 * methods' optimised code was specialised to: every full collection then discarded that code
 * ("weak objects", ~75 deoptimisations in 12 parses after `gc()`), and the next parse ran in the
 * lower tiers while it was compiled again (decision 0209).
 */
const shared = new FastParser();
