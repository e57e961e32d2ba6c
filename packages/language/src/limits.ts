import type { IToken, TokenType } from "chevrotain";
import { softKeywords, type KeywordName } from "./keywords.js";
import * as T from "./lexer.js";

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
  /** The token that crosses the limit: the opening bracket or the operator. */
  token: IToken;
  limit: number;
}

export interface LimitCheck {
  violations: LimitViolation[];
  /** Token index ranges [from, to) left out of parsing: each is a whole top-level declaration. */
  excluded: [number, number][];
}

const operators = new Set<TokenType>([T.Plus, T.Minus, T.Star, T.Slash]);
/** Tokens that may stand inside an expression: a run of them holds at most one expression's operators. */
const expressionParts = new Set<TokenType>([
  ...operators, T.Identifier, T.NumberLiteral, T.UnitLiteral, T.LParen, T.RParen,
  // dotted names, aggregate calls and their arguments, and the keywords that may stand as names
  T.Dot, T.Comma, ...[...softKeywords, "Count", "Max", "Mean"].map((k) => T.keywordTokens[k as KeywordName]),
]);

/**
 * One pass over the tokens, before the parser sees them, so nothing downstream ever receives a
 * tree deeper than the limits. A top-level declaration that crosses one is reported at the
 * crossing token and left out whole: a partial tree would only add noise to a file already in error.
 */
export function checkLimits(tokens: readonly IToken[], declarationStarts: ReadonlySet<TokenType>): LimitCheck {
  const violations: LimitViolation[] = [];
  const excluded: [number, number][] = [];
  /** Open brackets, innermost last; `true` for a brace. */
  const open: boolean[] = [];
  let braces = 0;
  let declStart = 0;
  let operatorsInRun = 0;
  /** Set while skipping to the end of a declaration that broke a limit. */
  let skippingFrom = -1;

  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (open.length === 0 && declarationStarts.has(type)) {
      if (skippingFrom >= 0) {
        excluded.push([skippingFrom, i]);
        skippingFrom = -1;
      }
      declStart = i;
    }
    if (!expressionParts.has(type)) operatorsInRun = 0;

    let crossed: LimitViolation | undefined;
    if (type === T.LBrace || type === T.LParen) {
      open.push(type === T.LBrace);
      if (type === T.LBrace) braces++;
      if (open.length > MAX_NESTING) crossed = { code: "PERF014", token: tokens[i]!, limit: MAX_NESTING };
    } else if (type === T.RBrace) {
      // A '}' closes its brace and any parenthesis left open inside it.
      if (braces > 0) {
        while (!open.pop());
        braces--;
      }
    } else if (type === T.RParen) {
      if (open.length && !open[open.length - 1]) open.pop();
    } else if (operators.has(type) && ++operatorsInRun > MAX_OPERATORS) {
      crossed = { code: "PERF015", token: tokens[i]!, limit: MAX_OPERATORS };
    }
    if (crossed && skippingFrom < 0) {
      violations.push(crossed);
      skippingFrom = declStart;
    }
  }
  if (skippingFrom >= 0) excluded.push([skippingFrom, tokens.length]);
  return { violations, excluded };
}
