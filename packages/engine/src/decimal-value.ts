import { Decimal as DecimalJs } from "decimal.js";

/**
 * The engine's exact decimal (decision 0226). A value is kept as n × 10^p, n a whole number of
 * at most 2^53 − 1 without trailing zeros, while it fits: the scores, weights, counts and money
 * of an evaluation nearly always do, and their sums, differences, products, comparisons,
 * roundings and texts are then a few operations on doubles that are exact by construction
 * (every result is checked to stay a safe integer). Anything else — a longer value, a quotient,
 * a power — is decimal.js, configured as the engine always configured it, and a result that fits
 * the short form again goes back to it. The methods are decimal.js's, with its results: the
 * property tests compare every one of them with decimal.js.
 */

/** The working precision of sums and products that leave the short form: exact for any literal perf accepts. */
const WORKING_DIGITS = 1000;
/** The significant digits of a quotient (IEEE decimal128): `divide`'s. */
export const QUOTIENT_DIGITS = 34;
/** decimal.js as the engine configures it: the long form. */
const Big = DecimalJs.clone({ precision: WORKING_DIGITS, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
type Big = InstanceType<typeof Big>;
/** decimal.js types `precision` read-only; its own functions set it for a while, as `quotient` does. */
const bigConfig = Big as unknown as { precision: number };

export type DecimalValue = Decimal | string | number;

const SAFE = Number.MAX_SAFE_INTEGER;
/**
 * The exponents of the short form: with |n| < 2^53 its value lies in [10^-20, 10^37), where
 * decimal.js (toExpNeg −40, toExpPos 40) writes no exponent either.
 */
const P_MIN = -20;
const P_MAX = 20;
/** 10^0 … 10^40; exact as doubles up to 10^22, and any whole number times a larger one is beyond 2^53. */
const POW = Array.from({ length: 41 }, (_, i) => Number(`1e${i}`));

/** The value as decimal.js (set by the class, which alone sees where a short value keeps it). */
let toBig: (d: Decimal) => Big;

export class Decimal {
  static readonly ROUND_UP = 0;
  static readonly ROUND_DOWN = 1;
  static readonly ROUND_CEIL = 2;
  static readonly ROUND_FLOOR = 3;
  static readonly ROUND_HALF_UP = 4;
  static readonly ROUND_HALF_DOWN = 5;
  static readonly ROUND_HALF_EVEN = 6;
  static readonly ROUND_HALF_CEIL = 7;
  static readonly ROUND_HALF_FLOOR = 8;

  /** The short form's whole number (−0 for negative zero); NaN when the value is `big`. */
  readonly n: number;
  /** The short form's power of ten. */
  readonly p: number;
  /** The value as decimal.js, when it has no short form. */
  readonly big: Big | undefined;
  /**
   * A short value as decimal.js, made the first time an operation needs it there (a quotient,
   * or a weight times one) and kept: a constant or a weight meets many. Private, so no part of
   * the value: two equal Decimals compare equal whether or not one was asked for it.
   */
  #js: Big | undefined;

  static {
    toBig = (d) => d.big ?? (d.#js ??= d.n === 0 ? new Big(d.n) : new Big(`${d.n}e${d.p}`));
  }

  /** `new Decimal(text | number | Decimal)`, as decimal.js reads them (and throws as it does); `p` and `big` are this module's. */
  constructor(value: DecimalValue, p?: number, big?: Big) {
    if (p !== undefined) {
      this.n = value as number;
      this.p = p;
      this.big = big;
      return;
    }
    const d = value instanceof Decimal ? value : typeof value === "number" ? ofNumber(value) : ofText(value);
    this.n = d.n;
    this.p = d.p;
    this.big = d.big;
  }

  static max(...values: DecimalValue[]): Decimal {
    return extreme(values, -1);
  }

  static min(...values: DecimalValue[]): Decimal {
    return extreme(values, 1);
  }

  plus(y: DecimalValue): Decimal {
    const b = from(y);
    if (this.big === undefined && b.big === undefined) {
      if (this.n === 0 || b.n === 0) return zeroSum(this, b, 1);
      const r = sum(this.n, this.p, b.n, b.p);
      if (r !== undefined) return r;
    }
    return long(toBig(this).plus(toBig(b)));
  }

  minus(y: DecimalValue): Decimal {
    const b = from(y);
    if (this.big === undefined && b.big === undefined) {
      if (this.n === 0 || b.n === 0) return zeroSum(this, b, -1);
      const r = sum(this.n, this.p, -b.n, b.p);
      if (r !== undefined) return r;
    }
    return long(toBig(this).minus(toBig(b)));
  }

  times(y: DecimalValue): Decimal {
    const b = from(y);
    if (this.big === undefined && b.big === undefined) {
      const n = this.n * b.n;
      if (n === 0) return Object.is(n, -0) ? NEGATIVE_ZERO : ZERO;
      if (n <= SAFE && n >= -SAFE) return short(n, this.p + b.p);
    }
    return long(toBig(this).times(toBig(b)));
  }

  /** x ÷ y at the working precision (1000 digits); `divide` in decimal.ts is the engine's 34-digit quotient. */
  dividedBy(y: DecimalValue): Decimal {
    const b = from(y);
    // by a power of ten: the point moves
    if (this.big === undefined && b.big === undefined && (b.n === 1 || b.n === -1)) return b.n === 1 ? short(this.n, this.p - b.p) : short(-this.n, this.p - b.p);
    return long(toBig(this).dividedBy(toBig(b)));
  }

  div(y: DecimalValue): Decimal {
    return this.dividedBy(y);
  }

  pow(y: DecimalValue): Decimal {
    return long(toBig(this).pow(toBig(from(y))));
  }

  negated(): Decimal {
    return this.big === undefined ? new Decimal(-this.n, this.p) : long(this.big.negated());
  }

  abs(): Decimal {
    return this.big === undefined ? (this.n < 0 || Object.is(this.n, -0) ? new Decimal(-this.n, this.p) : this) : long(this.big.abs());
  }

  comparedTo(y: DecimalValue): number {
    const b = from(y);
    if (this.big === undefined && b.big === undefined) {
      const r = compare(this.n, this.p, b.n, b.p);
      if (r !== undefined) return r;
    }
    return toBig(this).comparedTo(toBig(b));
  }

  equals(y: DecimalValue): boolean {
    return this.comparedTo(y) === 0;
  }

  eq(y: DecimalValue): boolean {
    return this.comparedTo(y) === 0;
  }

  greaterThan(y: DecimalValue): boolean {
    return this.comparedTo(y) > 0;
  }

  gt(y: DecimalValue): boolean {
    return this.comparedTo(y) > 0;
  }

  greaterThanOrEqualTo(y: DecimalValue): boolean {
    return this.comparedTo(y) >= 0;
  }

  gte(y: DecimalValue): boolean {
    return this.comparedTo(y) >= 0;
  }

  lessThan(y: DecimalValue): boolean {
    return this.comparedTo(y) < 0;
  }

  lt(y: DecimalValue): boolean {
    return this.comparedTo(y) < 0;
  }

  lessThanOrEqualTo(y: DecimalValue): boolean {
    return this.comparedTo(y) <= 0;
  }

  lte(y: DecimalValue): boolean {
    return this.comparedTo(y) <= 0;
  }

  isZero(): boolean {
    return this.big === undefined ? this.n === 0 : this.big.isZero();
  }

  isNegative(): boolean {
    return this.big === undefined ? this.n < 0 || Object.is(this.n, -0) : this.big.isNegative();
  }

  isPositive(): boolean {
    return this.big === undefined ? !this.isNegative() : this.big.isPositive();
  }

  isInteger(): boolean {
    return this.big === undefined ? this.p >= 0 : this.big.isInteger();
  }

  isFinite(): boolean {
    return this.big === undefined || this.big.isFinite();
  }

  isNaN(): boolean {
    return this.big !== undefined && this.big.isNaN();
  }

  /** The decimals the value has (trailing zeros are not kept). */
  decimalPlaces(): number {
    return this.big === undefined ? (this.p < 0 ? -this.p : 0) : this.big.decimalPlaces();
  }

  toDecimalPlaces(places?: number, rounding: number = Decimal.ROUND_HALF_UP): Decimal {
    if (places === undefined) return this;
    if (this.big === undefined && Number.isInteger(places) && places >= 0 && Number.isInteger(rounding) && rounding >= 0 && rounding <= 8) {
      if (-this.p <= places) return this;
      const r = rounded(this.n, this.p, places, rounding);
      if (r !== undefined) return r;
    }
    return long(toBig(this).toDecimalPlaces(places, rounding as DecimalJs.Rounding));
  }

  floor(): Decimal {
    return this.toDecimalPlaces(0, Decimal.ROUND_FLOOR);
  }

  ceil(): Decimal {
    return this.toDecimalPlaces(0, Decimal.ROUND_CEIL);
  }

  round(): Decimal {
    return this.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  }

  trunc(): Decimal {
    return this.toDecimalPlaces(0, Decimal.ROUND_DOWN);
  }

  /** Without an exponent; `places` decimals exactly (rounded, half-up unless told), or as many as the value has. */
  toFixed(places?: number, rounding: number = Decimal.ROUND_HALF_UP): string {
    if (this.big !== undefined) return places === undefined ? this.big.toFixed() : this.big.toFixed(places, rounding as DecimalJs.Rounding);
    if (places === undefined) return plainText(this.n, this.p);
    const y = this.toDecimalPlaces(places, rounding);
    if (y.big !== undefined) return toBig(this).toFixed(places, rounding as DecimalJs.Rounding);
    const text = digitsText(Math.abs(y.n), y.p, places);
    // decimal.js signs the text by the value before rounding: −0.001 to two places is "-0.00"
    return this.n < 0 ? "-" + text : text;
  }

  toString(): string {
    return this.big === undefined ? plainText(this.n, this.p) : this.big.toString();
  }

  /** As toString, but zero keeps its sign (decimal.js). */
  valueOf(): string {
    return this.big === undefined ? (Object.is(this.n, -0) ? "-0" : plainText(this.n, this.p)) : this.big.valueOf();
  }

  toJSON(): string {
    return this.valueOf();
  }

  toNumber(): number {
    return this.big === undefined && this.p === 0 ? this.n : +this.valueOf();
  }
}

export const ZERO = new Decimal(0, 0);
export const ONE = new Decimal(1, 0);
const NEGATIVE_ZERO = new Decimal(-0, 0);

/**
 * a ÷ b to `digits` significant digits, half-up. Not a function taking a callback: a closure
 * made per call is one V8 may compile against and throw away when it dies (decision 0219).
 */
export function quotient(a: Decimal, b: DecimalValue, digits: number): Decimal {
  const saved = bigConfig.precision;
  bigConfig.precision = digits;
  try {
    return a.dividedBy(b);
  } finally {
    bigConfig.precision = saved;
  }
}

/**
 * `divide(part, whole)` rounded half-up to four decimals, as text: what a score's rate is. Whole
 * numbers in place of the 34-digit quotient when both are short. The same text: a quotient of
 * numbers this short is never within 10^-29 of a rounding half at the fourth decimal without
 * being on it, so rounding it at once or after its 34 digits cannot differ.
 */
export function rateText(part: Decimal, whole: Decimal): string {
  if (part.big === undefined && whole.big === undefined && whole.n !== 0) {
    // |part ÷ whole| × 10^4 = (|part.n| × 10^k) ÷ (|whole.n| × 10^-k), k = part.p − whole.p + 4
    const k = part.p - whole.p + 4;
    if (k >= -22 && k <= 22) {
      const num = Math.abs(part.n) * (k >= 0 ? POW[k]! : 1);
      const den = Math.abs(whole.n) * (k < 0 ? POW[-k]! : 1);
      if (2 * num + den <= SAFE) {
        // exact: the double nearest to num ÷ den could reach the next whole number only if
        // (q + 1) × den, about num + den, were above 2^53
        let q = Math.floor(num / den);
        if (2 * (num - q * den) >= den) q += 1; // half-up: away from zero
        // at most 15 digits: the double nearest to q ÷ 10^4 prints as them (as plainText reasons)
        if (q <= 1e14) return String((part.n < 0) !== (whole.n < 0) ? -q / 1e4 : q / 1e4);
      }
    }
  }
  return quotient(part, whole, QUOTIENT_DIGITS).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed();
}

function from(y: DecimalValue): Decimal {
  return y instanceof Decimal ? y : new Decimal(y);
}

/** n × 10^p (n a safe integer, not zero) without trailing zeros; the long form beyond the short form's exponents. */
function short(n: number, p: number): Decimal {
  if (n === 0) return Object.is(n, -0) ? NEGATIVE_ZERO : ZERO;
  while (n % 10 === 0) {
    n /= 10;
    p++;
  }
  if (p < P_MIN || p > P_MAX) return new Decimal(NaN, NaN, new Big(`${n}e${p}`));
  return new Decimal(n, p);
}

/**
 * The last decimal.js result, kept: a decimal.js value's hidden class lives only while some value
 * of it does, and V8 throws away the code compiled against it — decimal.js's and the engine's —
 * when the last one dies with an analysis (decision 0219). Before the short form, the engine's
 * constants were decimal.js values and held it. The last one rather than one made at start-up:
 * a value with a field of a new kind (NaN where a whole number was) moves the class on.
 */
let latest: Big | undefined;

/** A decimal.js result in the short form when it fits (at most three words of seven digits, a safe integer). */
function long(b: Big): Decimal {
  latest = b;
  const words = b.d;
  if (words && words.length <= 3) {
    let n = 0;
    for (const w of words) n = n * 1e7 + w;
    // the place of n's last digit: the first word's digits, then seven for each word after it
    let digits = 1 + 7 * (words.length - 1);
    for (let w = words[0]!; w >= 10; w = Math.floor(w / 10)) digits++;
    if (n <= SAFE) {
      const p = b.e + 1 - digits;
      if (n === 0) return b.s < 0 ? NEGATIVE_ZERO : ZERO;
      const s = short(b.s < 0 ? -n : n, p);
      if (s.big === undefined) return s;
    }
  }
  return new Decimal(NaN, NaN, b);
}

/** A decimal text as decimal.js reads it: the short form for plain ones of at most 15 digits. */
function ofText(text: string): Decimal {
  const length = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let n = 0;
  let digits = 0;
  let point = -1;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // leading zeros count for nothing
      if (n !== 0 || c !== 48) digits++;
      n = n * 10 + (c - 48);
    } else if (c === 46 && point < 0 && i > (negative ? 1 : 0) && i < length - 1) point = i;
    else break;
  }
  if (i === length && length > (negative ? 1 : 0) && digits <= 15) {
    const p = point < 0 ? 0 : point + 1 - length;
    return negative ? (n === 0 ? NEGATIVE_ZERO : short(-n, p)) : short(n, p);
  }
  return long(new Big(text));
}

function ofNumber(v: number): Decimal {
  if (Number.isSafeInteger(v)) return v === 0 ? (Object.is(v, -0) ? NEGATIVE_ZERO : ZERO) : short(v, 0);
  return long(new Big(v));
}

/**
 * x + y (`op` 1) or x − y (−1) when one of them is zero, signed as decimal.js signs it: of two
 * operands of one sign, a sum gives the non-zero one (x when both are zero), a difference the
 * non-zero one (−y for y) or +0; operands of opposite signs take the other operation with −y.
 */
function zeroSum(x: Decimal, y: Decimal, op: 1 | -1): Decimal {
  if (x.isNegative() !== y.isNegative()) return zeroSum(x, y.negated(), op === 1 ? -1 : 1);
  if (op === 1) return y.n === 0 ? x : y;
  return y.n !== 0 ? y.negated() : x.n !== 0 ? x : ZERO;
}

/** a × 10^ap as a whole number of 10^p (p ≤ ap), or NaN when that is beyond the safe integers. */
function over(a: number, ap: number, p: number): number {
  const x = ap === p ? a : a * POW[ap - p]!;
  return x > SAFE || x < -SAFE ? NaN : x;
}

/** a × 10^ap + b × 10^bp in the short form, or undefined when an aligned operand or the sum leaves it. */
function sum(a: number, ap: number, b: number, bp: number): Decimal | undefined {
  const p = ap < bp ? ap : bp;
  const x = over(a, ap, p);
  const y = over(b, bp, p);
  if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
  const s = x + y;
  if (s > SAFE || s < -SAFE) return undefined;
  // x + (−x) is +0 in decimal.js, as in JavaScript
  return s === 0 ? ZERO : short(s, p);
}

/** The sign of a × 10^ap − b × 10^bp, or undefined when aligning them leaves the safe integers. */
function compare(a: number, ap: number, b: number, bp: number): number | undefined {
  if (a === 0 || b === 0 || (a < 0) !== (b < 0) || ap === bp) return a === b ? 0 : a > b ? 1 : -1;
  const p = ap < bp ? ap : bp;
  const x = over(a, ap, p);
  const y = over(b, bp, p);
  if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
  return x === y ? 0 : x > y ? 1 : -1;
}

/** n × 10^p rounded to `places` decimals (fewer than it has) by decimal.js rounding mode `mode`. */
function rounded(n: number, p: number, places: number, mode: number): Decimal | undefined {
  const k = -p - places;
  if (k > 22) return undefined;
  const d = POW[k]!;
  // exact: |n| ≤ 2^53, so the double nearest to n ÷ d never reaches the next whole number
  const q = Math.trunc(n / d);
  const r = Math.abs(n - q * d);
  let away = false;
  if (r !== 0) {
    const twice = 2 * r;
    switch (mode) {
      case 0: away = true; break;
      case 1: away = false; break;
      case 2: away = n > 0; break;
      case 3: away = n < 0; break;
      case 4: away = twice >= d; break;
      case 5: away = twice > d; break;
      case 6: away = twice > d || (twice === d && q % 2 !== 0); break;
      case 7: away = twice > d || (twice === d && n > 0); break;
      default: away = twice > d || (twice === d && n < 0);
    }
  }
  // q keeps n's sign when it is zero (−0.001 to two places is −0)
  const m = away ? (n < 0 ? q - 1 : q + 1) : q === 0 && n < 0 ? -0 : q;
  return short(m, -places);
}

/** The plain text of n × 10^p. */
function plainText(n: number, p: number): string {
  // at most 15 digits and no exponent in JavaScript's own text (1e-6 ≤ |v| < 1e21): the double
  // nearest to n × 10^p prints as exactly those digits (the shortest text that reads back as it;
  // no two such decimals are one double), without building the text digit by digit
  if (n < 1e15 && n > -1e15) {
    if (p >= 0) {
      const v = n * POW[p]!;
      if (v <= SAFE && v >= -SAFE) return String(v);
    } else if (p >= -22) {
      const v = n / POW[-p]!;
      if (v >= 1e-6 || v <= -1e-6) return String(v);
    }
  }
  const text = digitsText(Math.abs(n), p, 0);
  return n < 0 ? "-" + text : text;
}

/** The text of m × 10^p (m ≥ 0, a safe integer) with at least `places` decimals. */
function digitsText(m: number, p: number, places: number): string {
  let digits = String(m);
  if (p >= 0) return places > 0 ? digits + "0".repeat(p) + "." + "0".repeat(places) : digits + "0".repeat(p);
  const k = -p;
  if (digits.length <= k) digits = "0".repeat(k - digits.length + 1) + digits;
  const cut = digits.length - k;
  const decimals = digits.slice(cut);
  return digits.slice(0, cut) + "." + (decimals.length < places ? decimals + "0".repeat(places - decimals.length) : decimals);
}

/** decimal.js's max (n = −1) and min (n = 1): x gives way to y when x.cmp(y) is n, or they are equal and x's sign is n. */
function extreme(values: DecimalValue[], n: 1 | -1): Decimal {
  let x = from(values[0]!);
  for (let i = 1; i < values.length; i++) {
    const y = from(values[i]!);
    if (y.isNaN()) return y;
    const k = x.comparedTo(y);
    if (k === n || (k === 0 && (x.isNegative() ? -1 : 1) === n)) x = y;
  }
  return x;
}
