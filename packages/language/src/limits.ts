import type { TokenType } from "chevrotain";
import { softKeywords, type KeywordName } from "./keywords.js";
import * as T from "./lexer.js";
import type { TokenTable } from "./scanner.js";

/**
 * How deep `{ }` and `( )` may nest, together. Real files nest 3–4 indicator levels plus a
 * block or two and a few parentheses; the parser, the AST builder, the engine and the printer
 * recurse once (or a few times) per level, and a depth of 64 keeps them all far from Node's stack.
 */
export const MAX_NESTING = 64;

/**
 * Operators (`+ - * /`, unary minus) in one expression. An expression is a left-leaning tree,
 * so a chain of N operators is N levels deep for every walker of the AST.
 */
export const MAX_OPERATORS = 256;

export interface LimitViolation {
  code: "PERF014" | "PERF015";
  /** The token that crosses the limit (its index): the opening bracket or the operator. */
  token: number;
  limit: number;
}

export interface LimitCheck {
  violations: LimitViolation[];
  /** Token index ranges [from, to) left out of parsing: each is a whole top-level declaration. */
  excluded: [number, number][];
}

/** A set of token types as flags by `tokenTypeIdx`, read once per token. */
export function typeFlags(types: readonly TokenType[]): Uint8Array {
  const flags = new Uint8Array(1 + Math.max(0, ...types.map((t) => t.tokenTypeIdx!)));
  for (const t of types) flags[t.tokenTypeIdx!] = 1;
  return flags;
}

const idx = (t: TokenType): number => t.tokenTypeIdx!;
const operatorTypes = [T.Plus, T.Minus, T.Star, T.Slash];
const operators = typeFlags(operatorTypes);
/** Tokens that may stand inside an expression: a run of them holds at most one expression's operators. */
const expressionParts = typeFlags([
  ...operatorTypes, T.Identifier, T.NumberLiteral, T.UnitLiteral, T.LParen, T.RParen,
  // dotted names, aggregate calls and their arguments, and the keywords that may stand as names
  T.Dot, T.Comma, ...[...softKeywords, "Count", "Max", "Mean"].map((k) => T.keywordTokens[k as KeywordName]),
]);
const LBRACE = idx(T.LBrace);
const LPAREN = idx(T.LParen);
const RBRACE = idx(T.RBrace);
const RPAREN = idx(T.RParen);

/**
 * One pass over the tokens, before the parser sees them, so nothing downstream ever receives a
 * tree deeper than the limits. A top-level declaration that crosses one is reported at the
 * crossing token and left out whole: a partial tree would only add noise to a file already in error.
 */
export function checkLimits(tokens: TokenTable, declarationStarts: Uint8Array): LimitCheck {
  const violations: LimitViolation[] = [];
  const excluded: [number, number][] = [];
  /** Open brackets, innermost last; `true` for a brace. */
  const open: boolean[] = [];
  let braces = 0;
  let declStart = 0;
  let operatorsInRun = 0;
  /** Set while skipping to the end of a declaration that broke a limit. */
  let skippingFrom = -1;

  const { types, count } = tokens;
  for (let i = 0; i < count; i++) {
    const type = types[i]!;
    if (open.length === 0 && declarationStarts[type] === 1) {
      if (skippingFrom >= 0) {
        excluded.push([skippingFrom, i]);
        skippingFrom = -1;
      }
      declStart = i;
    }
    if (expressionParts[type] !== 1) operatorsInRun = 0;

    let crossed: LimitViolation | undefined;
    if (type === LBRACE || type === LPAREN) {
      open.push(type === LBRACE);
      if (type === LBRACE) braces++;
      if (open.length > MAX_NESTING) crossed = { code: "PERF014", token: i, limit: MAX_NESTING };
    } else if (type === RBRACE) {
      // A '}' closes its brace and any parenthesis left open inside it.
      if (braces > 0) {
        while (!open.pop());
        braces--;
      }
    } else if (type === RPAREN) {
      if (open.length && !open[open.length - 1]) open.pop();
    } else if (operators[type] === 1 && ++operatorsInRun > MAX_OPERATORS) {
      crossed = { code: "PERF015", token: i, limit: MAX_OPERATORS };
    }
    if (crossed && skippingFrom < 0) {
      violations.push(crossed);
      skippingFrom = declStart;
    }
  }
  if (skippingFrom >= 0) excluded.push([skippingFrom, count]);
  return { violations, excluded };
}
