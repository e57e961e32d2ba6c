import { Decimal, QUOTIENT_DIGITS, ZERO, quotient } from "./decimal-value.js";

/**
 * The one decimal type of the engine (decimal-value.ts). Sums, differences and products are
 * exact: the working precision (1000 digits) is far above what literals of at most
 * `DIGIT_LIMIT` integer and decimal digits can produce, so nothing a user wrote is rounded
 * silently. Quotients cannot be exact and are cut at 34 significant digits (IEEE decimal128)
 * by `divide`; rounding of scores is always explicit and half-up.
 */
export { Decimal, ONE, ZERO, rateText, type DecimalValue } from "./decimal-value.js";

/** The most significant, integer or decimal digits a literal may have (PERF038 beyond). */
export const DIGIT_LIMIT = 34;

/**
 * Literals parsed once per analysis: while `withLiteralCache` runs (analyze does), `literal`
 * gives the same immutable Decimal for the same text instead of parsing it again — a weight or
 * a fact is read by several phases. Outside it every call parses; nothing outlives the analysis.
 */
let literals: Map<string, Decimal> | undefined;
let percents: Map<string, Decimal> | undefined;
let texts: Map<string, string> | undefined;

export function withLiteralCache<T>(f: () => T): T {
  if (literals) return f();
  literals = new Map();
  percents = new Map();
  texts = new Map();
  try {
    return f();
  } finally {
    literals = percents = texts = undefined;
  }
}

/** The Decimals of the whole numbers 0–999, each made once, when first read: most weights and many scores are written so. */
const wholes: (Decimal | undefined)[] = [];

/** The value of `text` if it is 1–3 digits with no leading zero (or "0"), else -1. */
function smallWhole(text: string): number {
  const n = text.length;
  if (n === 0 || n > 3) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9 || (c === 0 && i === 0 && n > 1)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** The Decimal of a literal's text (digits and an optional point, as the parser gives them); `percent`: the text ÷ 100. */
export function literal(text: string, percent = false): Decimal {
  if (!percent) {
    // a whole number's Decimal is the same object whatever the analysis: Decimals are immutable
    const v = smallWhole(text);
    if (v >= 0) return (wholes[v] ??= new Decimal(v));
  }
  const cache = percent ? percents : literals;
  if (!cache) return percent ? new Decimal(text).dividedBy(100) : new Decimal(text);
  let d = cache.get(text);
  if (d === undefined) cache.set(text, (d = percent ? new Decimal(text).dividedBy(100) : new Decimal(text)));
  return d;
}

/** `decimalText(literal(text, percent))`, kept with the literal: one string for every weight "5" of the tree. */
export function literalText(text: string, percent = false): string {
  const cache = texts;
  if (!cache) return decimalText(literal(text, percent));
  const key = percent ? text + "%" : text;
  let t = cache.get(key);
  if (t === undefined) cache.set(key, (t = decimalText(literal(text, percent))));
  return t;
}

/** a ÷ b to 34 significant digits, half-up. */
export function divide(a: Decimal, b: Decimal | number): Decimal {
  return quotient(a, b, QUOTIENT_DIGITS);
}

/**
 * Whether a literal as written ("123.450", digits and one optional point) stays exact under
 * the engine's arithmetic: at most DIGIT_LIMIT significant digits, integer digits and decimals.
 */
export function isExactLiteral(text: string): boolean {
  // no part of a text this short can have more digits than the limit
  if (text.length <= DIGIT_LIMIT) return true;
  const [int = "", frac = ""] = text.split(".");
  const i = int.replace(/^0+/, "");
  const f = frac.replace(/0+$/, "");
  const significant = (i + f).replace(/^0+/, "").replace(/0+$/, "");
  return i.length <= DIGIT_LIMIT && f.length <= DIGIT_LIMIT && significant.length <= DIGIT_LIMIT;
}

/** 四舍五入 to `places` decimals. */
export function roundHalfUp(d: Decimal, places: number): Decimal {
  // already within `places`: rounding gives the same value (decimals are immutable, so d itself)
  if (d.decimalPlaces() <= places) return d;
  return d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** Lossless text without exponent or trailing zeros: "1.92", "2.4", "3". */
export function decimalText(d: Decimal): string {
  return d.toFixed();
}

export function sum(values: Iterable<Decimal>): Decimal {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(v);
  return acc;
}

/**
 * A fraction shown as a percentage, half-up to two decimals: "0.95906" → "95.91%".
 * `trim` drops trailing zeros ("1" → "100%"), for prose; tables keep "100.00%".
 */
export function percentText(fraction: string, trim = false): string {
  const p = roundHalfUp(new Decimal(fraction).times(100), 2);
  return `${trim ? decimalText(p) : p.toFixed(2)}%`;
}
