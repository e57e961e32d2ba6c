import type * as A from "./ast.js";
import { keywordTokens, Identifier, NumberLiteral, UnitLiteral } from "./lexer.js";
import { softKeywords } from "./keywords.js";
import type { TokenTable } from "./scanner.js";

/**
 * What the number literals of a parse can be, read from its tokens: every word that may be a
 * literal's unit (the token right after a number) or a conversion's target (the token after
 * `in`), and the longest number token. A superset of what the tree holds — a reader that looks
 * for an unknown unit or an over-long literal skips its walk of the tree when none of these can
 * be one (the engine's numbers phase, issue 12). Only a tree the fast parser built has it:
 * Chevrotain's recovery may insert a number before a unit word, which the tokens cannot show.
 */
export interface NumberWords {
  units: ReadonlySet<string>;
  /** The length of the longest number token (digits, point and `%`): at least every literal's `text`. */
  longest: number;
}

/** By tree, not by parse result: the engine wraps a re-parse's tree in a result of its own. */
const byTree = new WeakMap<A.PerfFile, NumberWords>();

/** The number words of a tree made by `parse` or `reparse`; undefined when they are not known. */
export function numberWords(ast: A.PerfFile): NumberWords | undefined {
  return byTree.get(ast);
}

export function setNumberWords(ast: A.PerfFile, words: NumberWords): void {
  byTree.set(ast, words);
}

const NUMBER = NumberLiteral.tokenTypeIdx!;
const IN = keywordTokens.In.tokenTypeIdx!;
const UNIT = UnitLiteral.tokenTypeIdx!;
const IDENT = Identifier.tokenTypeIdx!;
/** What a conversion's target is written with (fast-parser.ts `fact`): a unit, an identifier, a soft keyword. */
const targetWord: boolean[] = [];
targetWord[UNIT] = true;
targetWord[IDENT] = true;
for (const name of softKeywords) targetWord[keywordTokens[name].tokenTypeIdx!] = true;

/**
 * One pass over the token types; an image is taken only after a number or `in`. A number's unit
 * is as the fast parser reads it (`value`): a unit, or an identifier on the number's line.
 */
export function numberWordsOf(tokens: TokenTable): NumberWords {
  const { types, starts, ends, newlines, text, count } = tokens;
  const units = new Set<string>();
  let longest = 0;
  for (let i = 0; i < count; i++) {
    const t = types[i];
    if (t !== NUMBER && t !== IN) continue;
    if (t === NUMBER && ends[i]! - starts[i]! > longest) longest = ends[i]! - starts[i]!;
    const j = i + 1;
    if (j === count) break;
    const w = types[j]!;
    if (t === NUMBER ? w === UNIT || (w === IDENT && newlines[j] !== 1) : targetWord[w] === true) units.add(text.substring(starts[j]!, ends[j]!));
  }
  return { units, longest };
}

/** The words of a re-parse: the earlier tree's and the slice's together (a superset stays one). */
export function joinNumberWords(a: NumberWords | undefined, b: NumberWords | undefined): NumberWords | undefined {
  if (!a || !b) return undefined;
  let units = a.units;
  for (const u of b.units) {
    if (units.has(u)) continue;
    if (units === a.units) units = new Set(a.units);
    (units as Set<string>).add(u);
  }
  return { units, longest: Math.max(a.longest, b.longest) };
}
